package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What ReadSessionFile answers: lines of a text file.
 *
 * @param totalLines the file's line count when the read reached its end, else null (and written as null)
 * @param next       what to call for the lines that follow, when the read stopped short
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The file's lines.")
public record FileText(@JsonPropertyDescription("The file") String path,
                       @JsonPropertyDescription("The lines read") String content,
                       @JsonPropertyDescription("First line returned") int startLine,
                       @JsonPropertyDescription("Last line returned") int endLine,
                       @JsonPropertyDescription("Lines returned") int lineCount,
                       @JsonInclude(JsonInclude.Include.ALWAYS)
                       @JsonPropertyDescription("Lines in the file, when the read reached its end") Integer totalLines,
                       @JsonPropertyDescription("Bytes") long size,
                       @JsonPropertyDescription("Whether more lines follow") boolean truncated,
                       @JsonPropertyDescription("How to read the lines that follow") String next,
                       @JsonPropertyDescription("Absent when the call continued its session; else new, restarted or expired")
                       SessionState sessionState) {
    public FileText {
        sessionState = sessionState == null ? null : sessionState.reported();
    }
}
