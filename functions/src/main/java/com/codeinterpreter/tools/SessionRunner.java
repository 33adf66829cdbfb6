package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.PoolExecution;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one tool operation in a session in one round trip: the code sent is a call of the helper module
 * ({@link HelperCode}) that lives in the session's kernel, and the helper's JSON reply comes back as the
 * execution's result.
 *
 * <p>The helper is installed on first use in each kernel: a kernel that restarted or a new session answers
 * "install me" with its Python version, and the call is repeated with the helper's code (compiled by the
 * build when the versions match, else its source). A fresh interpreter is also when the session ledger is
 * consulted: its Blob request runs while the helper installs.
 */
public final class SessionRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL_ME = "__install__ ";

    private final SessionPoolClient client;
    private final SessionLedger ledger;
    private final HelperCode helper;
    /** The cells around a request's literal, made once: only the literal changes from call to call. */
    private final String dispatchHead;
    private final String dispatchTail;

    SessionRunner(SessionPoolClient client, SessionLedger ledger) {
        this.client = client;
        this.ledger = ledger;
        this.helper = HelperCode.built();
        this.dispatchHead = "__import__('sys').modules['" + helper.module() + "'].dispatch(globals(), ";
        this.dispatchTail = ") if " + installed() + " else '" + INSTALL_ME + "' + __import__('importlib.util').util.MAGIC_NUMBER.hex()";
    }

    SessionPoolClient client() {
        return client;
    }

    /**
     * The helper's reply with the pool's record of the execution; {@code reply} is null when the helper gave none.
     * {@code startRecorded} is the session ledger's answer, already on its way, when the call met a fresh interpreter.
     */
    record HelperRun(PoolExecution execution, HelperReply reply, CompletableFuture<Boolean> startRecorded) {
        HelperRun(PoolExecution execution, HelperReply reply) {
            this(execution, reply, null);
        }
    }

    /**
     * Runs an operation synchronously.
     *
     * @param poolTimeoutSeconds the pool's own limit: the helper enforces the user's timeout itself, this is the backstop
     * @param maxOutput          the longest stdout/stderr the pool returns
     */
    HelperRun run(String identifier, HelperRequest request, int poolTimeoutSeconds, int maxOutput) {
        String args = literal(request);
        PoolExecution execution = client.execute(identifier, dispatchCell(args), poolTimeoutSeconds, maxOutput);
        String result = execution.executionResult();
        CompletableFuture<Boolean> startRecorded = null;
        if (result != null && result.startsWith(INSTALL_ME)) {
            startRecorded = ledger.recordStart(identifier);
            String kernelMagic = result.substring(INSTALL_ME.length());
            execution = client.execute(identifier, installCell(args, kernelMagic), poolTimeoutSeconds, maxOutput);
        }
        return new HelperRun(execution, HelperJson.lenient().read(execution.executionResult()), startRecorded);
    }

    /**
     * Runs the user's code or command within its caller's time ({@link BoundedExecution}): each execution is sent
     * with its own id, which the helper names while it runs.
     *
     * @throws com.codeinterpreter.answers.ToolException {@code SessionBusy} when another call held the session for the whole time
     */
    HelperRun run(String identifier, HelperRequest.Timed request, CallClock clock, int maxOutput) {
        int poolTimeout = clock.timeoutSeconds() + ExecutionLimits.GRACE_SECONDS;
        String id = UUID.randomUUID().toString();
        PoolExecution execution = BoundedExecution.execute(client, identifier, dispatchCell(literal(request.inExecution(id, clock))), id,
                clock, poolTimeout, maxOutput);
        String result = execution.executionResult();
        CompletableFuture<Boolean> startRecorded = null;
        if (result != null && result.startsWith(INSTALL_ME)) {
            startRecorded = ledger.recordStart(identifier);
            String kernelMagic = result.substring(INSTALL_ME.length());
            String installId = UUID.randomUUID().toString();
            // A fresh interpreter ran no other call: the time so far went to starting it, which is not the caller's
            // code's time. The code gets its whole timeoutSeconds from here.
            CallClock fresh = CallClock.start(clock.timeoutSeconds());
            execution = BoundedExecution.execute(client, identifier, installCell(literal(request.inExecution(installId, fresh)), kernelMagic),
                    installId, fresh, poolTimeout, maxOutput);
        }
        return new HelperRun(execution, HelperJson.lenient().read(execution.executionResult()), startRecorded);
    }

    /** Starts an operation asynchronously (always with the helper's source, as the kernel's state is unknown). */
    PoolExecution start(String identifier, HelperRequest.Timed request, int poolTimeoutSeconds, int maxOutput) {
        String id = UUID.randomUUID().toString();
        return client.start(identifier, installCell(literal(request.inExecution(id, CallClock.start(request.timeoutSeconds()))), null),
                poolTimeoutSeconds, maxOutput, id);
    }

    /** The state of an asynchronous operation; a finished one carries the helper's reply. */
    HelperRun poll(String identifier, String executionId) {
        PoolExecution execution = client.poll(identifier, executionId);
        return new HelperRun(execution, HelperJson.lenient().read(execution.executionResult()));
    }

    private String dispatchCell(String args) {
        return dispatchHead + args + dispatchTail;
    }

    /** Installs the helper (unless a call that raced this one did), then calls it. */
    private String installCell(String args, String kernelMagic) {
        return "if not " + installed() + ": " + helper.install(kernelMagic) + "\n" + dispatchHead + args + ")";
    }

    /** True in the kernel once the helper is complete (a failed install leaves a module without dispatch). */
    private String installed() {
        return "hasattr(__import__('sys').modules.get('" + helper.module() + "'), 'dispatch')";
    }

    /** The request as a Python string literal holding JSON. */
    private static String literal(HelperRequest request) {
        return pythonString(HelperJson.lenient().write(request));
    }

    /** A JSON string literal is a valid Python string literal (Jackson leaves non-ASCII characters unescaped). */
    static String pythonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
