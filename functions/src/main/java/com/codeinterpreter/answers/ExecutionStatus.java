package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a call of the user's code ended; a failure of the user's code is a result, answered with HTTP 200. */
public enum ExecutionStatus {
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("timedOut") TIMED_OUT
}
