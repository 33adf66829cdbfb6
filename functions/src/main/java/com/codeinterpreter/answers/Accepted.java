package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A long call that runs on after the response: poll GetExecutionResult with this execution id (and the
 * same sessionId) until it answers with the final result. Over HTTP the answer adds {@code statusUrl}.
 */
@JsonClassDescription("A long call still running: poll statusUrl (GetExecutionResult with this executionId and the same "
        + "sessionId) until it answers 200.")
public record Accepted(@JsonPropertyDescription("running") String status,
                       @JsonPropertyDescription("The call's id, for GetExecutionResult") String executionId,
                       @JsonPropertyDescription("What to do next") String message) {
    /** Added to the answer over HTTP (the MCP answer has no URL to give). */
    public static final String STATUS_URL = "statusUrl";

    public static Accepted of(String executionId) {
        return new Accepted("running", executionId, "The call runs longer than one HTTP response can wait. Poll GetExecutionResult "
                + "with this executionId and the same sessionId until it returns the result.");
    }
}
