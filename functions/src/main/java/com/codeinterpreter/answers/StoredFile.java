package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** What UploadFileToSession answers: the file as stored. */
@JsonClassDescription("The uploaded file.")
public record StoredFile(@JsonPropertyDescription("File name") String name,
                         @JsonPropertyDescription("Where it is stored") String path,
                         @JsonPropertyDescription("Bytes") long size,
                         @JsonPropertyDescription("Media type") String contentType,
                         @JsonPropertyDescription("ISO-8601") Instant lastModified) {
}
