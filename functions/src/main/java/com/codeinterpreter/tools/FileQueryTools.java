package com.codeinterpreter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Runs a read-only file operation (read, search, list) in the session through the helper and turns its
 * failures into clear errors. Shared by ReadSessionFile, SearchSessionFiles and ListSessionFiles.
 */
final class FileQueryTools {
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    private FileQueryTools() {
    }

    /** The helper's reply without its internal fields; a failed operation is a {@link ToolException}. */
    static ObjectNode query(Toolbox box, SessionKey key, Map<String, Object> op) {
        SessionRunner.Call call = box.runner().run(box.identifier(key), op, QUERY_TIMEOUT_SECONDS, 1000);
        JsonNode reply = call.reply();
        if (reply == null) {
            throw new ToolException(504, "FileOperationFailed", "The session did not complete the file operation ("
                    + call.execution().state() + (call.execution().errorMessage() == null ? "" : ": " + call.execution().errorMessage())
                    + "). Retry; if it persists, narrow the path or pattern.");
        }
        String session = box.ledger().state(box.identifier(key), call);
        if (!"succeeded".equals(reply.path("status").asText())) {
            String type = reply.path("error").path("type").asText();
            String message = reply.path("error").path("message").asText();
            if (session.equals("expired") || session.equals("new")) {
                message += session.equals("expired") ? " " + SessionLedger.EXPIRED_NOTE
                        : " This session is new: it has no files until you upload or create them.";
            }
            int status = switch (type) {
                case "FileNotFound" -> 404;
                case "BinaryFile" -> 415;
                default -> 400;
            };
            throw new ToolException(status, type, message);
        }
        ObjectNode result = ((ObjectNode) reply).deepCopy();
        result.remove(java.util.List.of("ci", "op", "kernelFresh", "status", "sessionState"));
        if (!session.equals("continued")) {
            result.put("sessionState", session);
        }
        return result;
    }
}
