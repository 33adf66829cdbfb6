package com.codeinterpreter.tools;

/**
 * A long call that runs on after the response: poll GetExecutionResult with this execution id (and the
 * same sessionId) until it answers with the final result.
 */
public record Accepted(String status, String executionId, String message) {
    static Accepted of(String executionId) {
        return new Accepted("running", executionId, "The call runs longer than one HTTP response can wait. Poll GetExecutionResult "
                + "with this executionId and the same sessionId until it returns the result.");
    }
}
