package com.codeinterpreter.sessions;

/**
 * The error codes of the dynamic-sessions data plane that mean something to this app, spelled once: the
 * client reads them (in {@code x-ms-error-code}, or an execution's {@code error.code}) and the local pool
 * sends them.
 *
 * <p>A pool may send codes not listed here; those reach the caller as they are.
 */
public enum PoolErrorCode {
    /** No session has the identifier: never created, deleted, or expired after its cooldown (HTTP 400). */
    SESSION_NOT_FOUND("SessionWithIdentifierNotFound"),
    /** The pool already has its maximum of concurrent sessions (HTTP 404): the request was not taken. */
    CAPACITY_REACHED("SessionPoolCapacityReached"),
    /** The files API refused the path: it leaves /mnt/data or goes through a symbolic link (HTTP 400). */
    INVALID_PATH("InvalidPath"),
    /** The files API was asked for the content of something that is not a regular file (HTTP 400). */
    NOT_A_FILE("NotAFile"),
    /** The execution failed: the code raised, or the pool could not run it. */
    EXECUTION_FAILED("ExecutionFailed"),
    /** The execution ran past its timeout and was stopped; the interpreter kept its state. */
    EXECUTION_TIMEOUT("ExecutionTimeout"),
    /** The execution ran past its timeout and the interpreter was restarted to stop it: its state is gone. */
    EXECUTION_TIMEOUT_KERNEL_RESTARTED("ExecutionTimeoutKernelRestarted"),
    /** The interpreter died during the execution and was restarted: its state is gone (the local pool's code). */
    KERNEL_RESTARTED("KernelRestarted");

    private final String code;

    PoolErrorCode(String code) {
        this.code = code;
    }

    /** The code as the pool spells it. */
    public String code() {
        return code;
    }

    /** Whether {@code code} (which may be null) is this one. */
    public boolean matches(String code) {
        return this.code.equals(code);
    }
}
