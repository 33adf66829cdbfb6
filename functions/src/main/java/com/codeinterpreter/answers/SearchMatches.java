package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What SearchSessionFiles answers: the matching lines. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Matching lines.")
public record SearchMatches(@JsonPropertyDescription("The matching lines") List<Match> matches,
                            @JsonPropertyDescription("Text files searched") int filesSearched,
                            @JsonPropertyDescription("Whether there were more than maxResults") boolean truncated,
                            @JsonPropertyDescription("Absent when the call continued its session; else new, restarted or expired")
                            SessionState sessionState) {
    public SearchMatches {
        matches = List.copyOf(matches);
        sessionState = sessionState == null ? null : sessionState.reported();
    }

    /** One matching line. */
    @JsonClassDescription("A matching line.")
    public record Match(@JsonPropertyDescription("File") String path,
                        @JsonPropertyDescription("Line number") int line,
                        @JsonPropertyDescription("The line") String text) {
    }
}
