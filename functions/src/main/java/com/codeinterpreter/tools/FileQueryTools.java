package com.codeinterpreter.tools;

import com.codeinterpreter.answers.SessionState;

/**
 * Runs a read-only file operation (read, search, list) in the session through the helper and turns its
 * failures into clear errors. Shared by ReadSessionFile, SearchSessionFiles and ListSessionFiles.
 */
final class FileQueryTools {
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    private FileQueryTools() {
    }

    /** A successful reply, and what the call found of its session. */
    record Queried<R extends HelperReply>(R reply, SessionState session) {
    }

    /** The helper's successful reply; a failed operation is a {@link ToolException}. */
    static <R extends HelperReply> Queried<R> query(ToolContext box, SessionKey key, HelperRequest request, Class<R> replyType) {
        SessionRunner.HelperRun run = box.runner().run(box.identifier(key), request, QUERY_TIMEOUT_SECONDS, 1000);
        HelperReply reply = run.reply();
        if (reply == null) {
            throw new ToolException(504, "FileOperationFailed", "The session did not complete the file operation ("
                    + run.execution().state() + (run.execution().errorMessage() == null ? "" : ": " + run.execution().errorMessage())
                    + "). Retry; if it persists, narrow the path or pattern.");
        }
        SessionState session = box.ledger().state(box.identifier(key), run);
        if (!reply.succeeded()) {
            String type = reply.error() == null ? "" : reply.error().type();
            String message = reply.error() == null ? "" : reply.error().message();
            if (session == SessionState.EXPIRED) {
                message += " " + SessionLedger.EXPIRED_NOTE;
            } else if (session == SessionState.NEW) {
                message += " This session is new: it has no files until you upload or create them.";
            }
            int status = switch (type) {
                case "FileNotFound" -> 404;
                case "BinaryFile" -> 415;
                default -> 400;
            };
            throw new ToolException(status, type, message);
        }
        return new Queried<>(replyType.cast(reply), session);
    }
}
