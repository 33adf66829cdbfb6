package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What SearchSessionFiles answers: the matching lines, what was passed over and why, and, when the search
 * stopped short (at maxResults or its time bound), how far it got and what to do next.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Matching lines.")
public record SearchMatches(@JsonPropertyDescription("The matching lines") List<Match> matches,
                            @JsonPropertyDescription("Text files searched to their end") int filesSearched,
                            @JsonPropertyDescription("Whether there were more than maxResults") boolean truncated,
                            @JsonPropertyDescription("Files and folders not searched, each with why (the first 100)") List<Skipped> skipped,
                            @JsonPropertyDescription("How many files and folders were not searched") int filesSkipped,
                            @JsonPropertyDescription("Whether the search's time bound stopped it before every file was searched")
                            boolean timedOut,
                            @JsonPropertyDescription("When the time bound stopped the search: the file it was in") String stoppedIn,
                            @JsonPropertyDescription("When the time bound stopped the search: how many bytes of stoppedIn it had read")
                            Long stoppedAtByte,
                            @JsonPropertyDescription("What may make the pattern match other than intended (grep -E reads \\d as d)")
                            String patternWarning,
                            @JsonPropertyDescription("What to do next, when the search stopped short") String next,
                            @JsonPropertyDescription("Absent when the call continued its session; else new, restarted or expired")
                            SessionState sessionState) {
    public SearchMatches {
        matches = List.copyOf(matches);
        skipped = List.copyOf(skipped);
        sessionState = sessionState == null ? null : sessionState.reported();
    }

    /** One matching line. */
    @JsonClassDescription("A matching line.")
    public record Match(@JsonPropertyDescription("File") String path,
                        @JsonPropertyDescription("Line number") int line,
                        @JsonPropertyDescription("The line") String text) {
    }

    /** A file or folder the search passed over. */
    @JsonClassDescription("A file or folder not searched.")
    public record Skipped(@JsonPropertyDescription("File or folder") String path,
                          @JsonPropertyDescription("Why it was not searched") String reason) {
    }
}
