package com.codeinterpreter.sessions;

/**
 * What the pool reported for one execution, the same for every api-version.
 *
 * @param state           how it ended, or that it is still running
 * @param executionId     the pool's operation id
 * @param stdout          captured standard output, truncated by the pool at the requested length
 * @param stderr          captured standard error, likewise
 * @param executionResult the value of the code's trailing expression as the pool serialised it, or null
 * @param errorCode       the pool's error code when it failed, else null
 * @param errorMessage    the pool's error message when it failed, else null
 * @param durationMs      execution time the pool measured
 */
public record PoolExecution(State state, String executionId, String stdout, String stderr, String executionResult,
                            String errorCode, String errorMessage, long durationMs) {

    /** How an execution stands. */
    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** The pool stopped it at its timeout. */
        TIMED_OUT,
        /** The session's interpreter was restarted during it: variables and imports are gone, files kept. */
        STATE_LOST
    }
}
