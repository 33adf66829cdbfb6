package com.codeinterpreter.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** ListSessionFiles: the session's files with name, path, size, lastModified and contentType. */
public final class ListSessionFilesTool {
    public static final int MAX_ENTRIES = 1000;
    public static final boolean DEFAULT_RECURSIVE = true;

    /** A validated request; {@code path} is absolute inside /mnt/data. Recursive unless asked otherwise. */
    public record Request(String path, boolean recursive) {
    }

    private final Toolbox box;

    ListSessionFilesTool(Toolbox box) {
        this.box = box;
    }

    public ObjectNode run(SessionKey key, Request request) {
        ObjectNode result = FileQueryTools.query(box, key, Map.of("op", "list", "path", request.path(), "recursive", request.recursive(),
                "maxEntries", MAX_ENTRIES));
        // The sandbox's own type table is thin (no /etc/mime.types there); name the types the same way everywhere.
        for (var entry : result.withArray("files")) {
            if ("file".equals(entry.path("type").asText())) {
                ((ObjectNode) entry).put("contentType", ContentTypes.of(entry.path("name").asText()));
            }
        }
        return result;
    }
}
