package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Why a call of the user's code did not succeed (data in the answer, not an HTTP error). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Why the call did not succeed")
public record ErrorInfo(@JsonPropertyDescription("The error's type, e.g. ZeroDivisionError") String type,
                        @JsonPropertyDescription("The error's message") String message) {
}
