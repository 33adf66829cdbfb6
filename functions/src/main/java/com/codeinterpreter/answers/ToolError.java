package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a call that could not be carried out answers, with an HTTP status that tells the kind. */
@JsonClassDescription("Why the call failed and how to fix it; the HTTP status tells the kind.")
public record ToolError(@JsonProperty(required = true) @JsonPropertyDescription("What went wrong") Detail error) {

    public static ToolError of(String code, String message) {
        return new ToolError(new Detail(code, message));
    }

    /** The error's stable code and its message. */
    @JsonClassDescription("What went wrong")
    public record Detail(@JsonPropertyDescription("A stable code, e.g. InvalidRequest, FileNotFound, SessionPoolUnavailable") String code,
                         @JsonPropertyDescription("What was wrong and what to change") String message) {
    }
}
