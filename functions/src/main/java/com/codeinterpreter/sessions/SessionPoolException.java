package com.codeinterpreter.sessions;

/**
 * The session pool could not do what was asked: unreachable, refused, or answered with an error.
 * Not a failure of the user's code (that is a result, not an exception).
 */
public final class SessionPoolException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean retryable;

    public SessionPoolException(int status, String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryable = retryable;
    }

    /** The pool's HTTP status, or 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /** The pool's error code ({@code x-ms-error-code}), or a code of ours such as {@code PoolUnreachable}. */
    public String code() {
        return code;
    }

    /** Whether the same call may succeed if the caller tries again later. */
    public boolean retryable() {
        return retryable;
    }

    /** The pool said the session does not exist: it expired after its cooldown, or never existed. */
    public boolean sessionNotFound() {
        return PoolErrorCode.SESSION_NOT_FOUND.matches(code);
    }

    /** The pool said the file or folder does not exist. */
    public boolean notFound() {
        return status == 404 && !poolFull();
    }

    /**
     * The pool has its maximum of concurrent sessions and allocates no new one. Azure answers this with a 404
     * whose code is not published but whose text says "no more sessions being allocated"; the local pool uses
     * {@link PoolErrorCode#CAPACITY_REACHED}.
     */
    public boolean poolFull() {
        return PoolErrorCode.CAPACITY_REACHED.matches(code)
                || getMessage() != null && getMessage().toLowerCase(java.util.Locale.ROOT).contains("no more sessions");
    }
}
