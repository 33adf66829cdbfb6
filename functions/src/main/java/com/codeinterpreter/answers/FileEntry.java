package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One entry of a folder listing.
 *
 * @param contentType the media type of a file, from the same table every tool uses; null for a folder
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A file or folder in the session.")
public record FileEntry(@JsonPropertyDescription("Name") String name,
                        @JsonPropertyDescription("Absolute path in the session") String path,
                        @JsonPropertyDescription("file or directory") String type,
                        @JsonPropertyDescription("Bytes") long size,
                        @JsonPropertyDescription("ISO-8601") String lastModified,
                        @JsonPropertyDescription("Media type (files)") String contentType) {

    @JsonIgnore
    public boolean isFile() {
        return "file".equals(type);
    }
}
