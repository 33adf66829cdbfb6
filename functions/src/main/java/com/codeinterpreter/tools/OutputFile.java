package com.codeinterpreter.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A file a call produced, as the caller sees it: where it is in the session, and an expiring read-only
 * link to its copy in Blob Storage.
 *
 * @param path      where it is in the session (/mnt/data/...), or null for a captured figure
 * @param url       the link, or null when the copy could not be made (then {@code linkError} says why)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputFile(String name, String path, long size, String contentType, String url, Instant expiresAt, String linkError) {

    boolean isImage() {
        return contentType != null && contentType.startsWith("image/");
    }
}
