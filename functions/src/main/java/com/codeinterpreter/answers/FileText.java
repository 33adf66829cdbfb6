package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What ReadSessionFile answers: lines of a text file.
 *
 * @param startLine  null (and written as null) only when reading the end of a file too big to count its lines; endLine too
 * @param totalLines the file's line count when the read reached its end or the file is small enough to count, else null
 *                   (and written as null)
 * @param nextColumn when the page ended inside a line: the column (character) it continues at
 * @param next       what to call for the lines that follow, when the read stopped short
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The file's lines.")
public record FileText(@JsonPropertyDescription("The file") String path,
                       @JsonPropertyDescription("The lines read") String content,
                       @JsonInclude(JsonInclude.Include.ALWAYS)
                       @JsonPropertyDescription("First line returned; null when reading the end of a file over 64 MB") Integer startLine,
                       @JsonInclude(JsonInclude.Include.ALWAYS)
                       @JsonPropertyDescription("Last line returned; null when reading the end of a file over 64 MB") Integer endLine,
                       @JsonPropertyDescription("Lines returned") int lineCount,
                       @JsonInclude(JsonInclude.Include.ALWAYS)
                       @JsonPropertyDescription("Lines in the file: given when the read reached its end or the file is at "
                               + "most 64 MB, else null") Integer totalLines,
                       @JsonPropertyDescription("Bytes") long size,
                       @JsonPropertyDescription("Whether more lines follow") boolean truncated,
                       @JsonPropertyDescription("When the page ended inside a line: the column it continues at (pass it as "
                               + "startColumn)") Integer nextColumn,
                       @JsonPropertyDescription("How to read the lines that follow") String next,
                       @JsonPropertyDescription("Absent when the call continued its session; else new, restarted or expired")
                       SessionState sessionState) {
    public FileText {
        sessionState = sessionState == null ? null : sessionState.reported();
    }
}
