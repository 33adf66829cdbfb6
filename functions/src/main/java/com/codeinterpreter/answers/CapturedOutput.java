package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a call printed, cut to the answer's cap; a stream longer than that says so. */
public record CapturedOutput(@JsonPropertyDescription("Standard output, truncated beyond 20,000 characters") String stdout,
                             @JsonPropertyDescription("Standard error (a traceback when the code failed)") String stderr,
                             @JsonPropertyDescription("Whether stdout was cut") boolean stdoutTruncated,
                             @JsonPropertyDescription("Whether stderr was cut") boolean stderrTruncated) {
    public CapturedOutput {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }
}
