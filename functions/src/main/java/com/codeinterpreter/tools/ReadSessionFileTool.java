package com.codeinterpreter.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** ReadSessionFile: a text file's lines as {@code content}, with its size and whether more lines remain. */
public final class ReadSessionFileTool {
    public static final int DEFAULT_START_LINE = 1;
    public static final int DEFAULT_MAX_LINES = 2000;
    public static final int MAX_LINES = 20_000;
    /** Characters returned at most in one call, whatever maxLines says: keeps answers within what an agent can take in. */
    public static final int MAX_CHARS = 200_000;

    /** A validated request; {@code path} is absolute inside /mnt/data. */
    public record Request(String path, int startLine, int maxLines) {
        public Request {
            if (startLine < 1) {
                throw ToolException.invalid("'startLine' must be 1 or more (lines are numbered from 1), was " + startLine + ".");
            }
            if (maxLines < 1 || maxLines > MAX_LINES) {
                throw ToolException.invalid("'maxLines' must be 1 to " + MAX_LINES + ", was " + maxLines + ".");
            }
        }
    }

    private final Toolbox box;

    ReadSessionFileTool(Toolbox box) {
        this.box = box;
    }

    public ObjectNode run(SessionKey key, Request request) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "read");
        op.put("path", request.path());
        op.put("startLine", request.startLine());
        op.put("maxLines", request.maxLines());
        op.put("maxChars", MAX_CHARS);
        ObjectNode result = FileQueryTools.query(box, key, op);
        if (result.path("truncated").asBoolean()) {
            result.put("next", "More lines follow: call ReadSessionFile again with startLine " + (result.path("endLine").asInt() + 1)
                    + ", or fetch the whole file with GetSessionFile.");
        }
        return result;
    }
}
