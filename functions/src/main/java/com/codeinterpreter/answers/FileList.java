package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What ListSessionFiles answers: a page of the entries found, and the cursor of the next page when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The files and folders found.")
public record FileList(@JsonPropertyDescription("The folder listed") String path,
                       @JsonPropertyDescription("Its entries") List<FileEntry> files,
                       @JsonPropertyDescription("Whether there were more entries than one answer lists (1,000)") boolean truncated,
                       @JsonPropertyDescription("When truncated: pass it as cursor, with the same path and recursive, for the next "
                               + "page") String nextCursor,
                       @JsonPropertyDescription("Folders that could not be read (no permission), so their files are not listed; "
                               + "absent when there are none") List<String> unreadable,
                       @JsonPropertyDescription("Absent when the call continued its session; else new, restarted or expired")
                       SessionState sessionState) {
    public FileList {
        files = List.copyOf(files);
        unreadable = unreadable == null || unreadable.isEmpty() ? null : List.copyOf(unreadable);
        sessionState = sessionState == null ? null : sessionState.reported();
    }
}
