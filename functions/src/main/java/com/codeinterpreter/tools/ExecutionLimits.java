package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;

/** The time and output limits every call that runs code works within. */
final class ExecutionLimits {
    /** The longest a synchronous call to the pool may take: Azure cuts HTTP responses at 230 s, the service executions at 220 s. */
    static final int SYNC_LIMIT_SECONDS = 200;
    /** Time the pool allows beyond the user's timeout, for the helper's own work after it. */
    static final int GRACE_SECONDS = 15;
    /** The longest stdout or stderr returned; longer output is truncated and says so. */
    static final int MAX_OUTPUT_CHARS = 20000;

    private ExecutionLimits() {
    }

    /** The longest timeoutSeconds answered in one HTTP response; longer calls answer 202 and are polled. */
    static final int MAX_SYNC_TIMEOUT_SECONDS = SYNC_LIMIT_SECONDS - GRACE_SECONDS;

    /** Whether a call with this timeout outlasts one HTTP response, so it runs asynchronously and its result is polled. */
    static boolean needsAsync(int timeoutSeconds) {
        return timeoutSeconds > MAX_SYNC_TIMEOUT_SECONDS;
    }

    /** The 202 answer of a call started asynchronously, saying why it was. */
    static Accepted accepted(String executionId, int timeoutSeconds) {
        return new Accepted("running", executionId, "timeoutSeconds (" + timeoutSeconds + ") is over " + MAX_SYNC_TIMEOUT_SECONDS
                + ", longer than one HTTP response can wait (Azure ends a response at 230 s), so the call runs on after this answer. "
                + "Poll GetExecutionResult with this executionId and the same sessionId until it returns the result (200).", null, null, null);
    }
}
