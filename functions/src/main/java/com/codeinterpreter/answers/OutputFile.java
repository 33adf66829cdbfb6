package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * A file a call produced, as the caller sees it: where it is in the session, and an expiring read-only
 * link to its copy in Blob Storage.
 *
 * @param path      where it is in the session (/mnt/data/...), or null for a captured figure
 * @param url       the link, or null when the copy could not be made (then {@code linkError} says why)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A file the call produced, copied to Blob Storage with an expiring read-only link.")
public record OutputFile(@JsonPropertyDescription("File name") String name,
                         @JsonPropertyDescription("Where it is in the session; absent for a captured figure") String path,
                         @JsonPropertyDescription("Bytes") long size,
                         @JsonPropertyDescription("Media type") String contentType,
                         @JsonPropertyDescription("Download link; absent when it could not be made (see linkError)") String url,
                         @JsonPropertyDescription("When the link expires (ISO-8601)") Instant expiresAt,
                         @JsonPropertyDescription("Why there is no link") String linkError) {
}
