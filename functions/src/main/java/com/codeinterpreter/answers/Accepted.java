package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A long call that runs on after the response: poll GetExecutionResult with this execution id (and the
 * same sessionId) until it answers with the final result. Over HTTP the answer adds {@code statusUrl}.
 * GetExecutionResult's answer adds how long the call has run and the end of its output so far.
 */
@JsonClassDescription("A long call still running: poll statusUrl (GetExecutionResult with this executionId and the same "
        + "sessionId) until it answers 200.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(@JsonPropertyDescription("running") String status,
                       @JsonPropertyDescription("The call's id, for GetExecutionResult") String executionId,
                       @JsonPropertyDescription("What to do next") String message,
                       @JsonPropertyDescription("GetExecutionResult: how long the call has run so far, in seconds")
                       Long elapsedSeconds,
                       @JsonPropertyDescription("GetExecutionResult: the last lines of the call's standard output so far")
                       String stdoutSoFar,
                       @JsonPropertyDescription("GetExecutionResult: the last lines of the call's standard error so far")
                       String stderrSoFar) {
    /** Added to the answer over HTTP (the MCP answer has no URL to give). */
    public static final String STATUS_URL = "statusUrl";
    private static final String POLL = "Poll GetExecutionResult with this executionId and the same sessionId until it returns the result.";

    /**
     * A poll's answer while the call runs, with its output so far.
     *
     * @param cut whether either stream had more than the tail given
     */
    public static Accepted running(String executionId, long elapsedSeconds, String stdoutSoFar, String stderrSoFar, boolean cut,
                                   int tailChars) {
        return new Accepted("running", executionId, "Still running after " + elapsedSeconds + " s. " + (cut ? "stdoutSoFar and "
                + "stderrSoFar hold the last " + tailChars + " characters of each stream; " : "stdoutSoFar and stderrSoFar hold its "
                + "output so far; ") + "the final answer has it all. " + POLL, elapsedSeconds, stdoutSoFar, stderrSoFar);
    }

    /** A poll's answer while the call runs, before any output so far could be read. */
    public static Accepted runningWithoutOutput(String executionId, String why) {
        return new Accepted("running", executionId, "Still running. " + why + " " + POLL, null, null, null);
    }
}
