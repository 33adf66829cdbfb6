package com.codeinterpreter.tools;

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

    /** Whether a call with this timeout outlasts one HTTP response, so it runs asynchronously and its result is polled. */
    static boolean needsAsync(int timeoutSeconds) {
        return timeoutSeconds + GRACE_SECONDS > SYNC_LIMIT_SECONDS;
    }
}
