package com.codeinterpreter.tools;

import com.codeinterpreter.answers.SessionState;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;

/**
 * Runs a read-only file operation (read, search, list) in the session through the helper and turns its
 * failures into clear errors. Shared by ReadSessionFile, SearchSessionFiles and ListSessionFiles.
 */
final class FileQueries {
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    private final SessionIdentity identity;
    private final SessionRunner runner;
    private final SessionLedger ledger;

    FileQueries(SessionIdentity identity, SessionRunner runner, SessionLedger ledger) {
        this.identity = identity;
        this.runner = runner;
        this.ledger = ledger;
    }

    /** A successful reply, and what the call found of its session. */
    record Queried<R extends HelperReply>(R reply, SessionState session) {
    }

    /** The helper's successful reply; a failed operation is a {@link ToolException}. */
    <R extends HelperReply> Queried<R> query(SessionKey key, HelperRequest request, Class<R> replyType) {
        String identifier = identity.identifier(key);
        SessionRunner.HelperRun run = runner.run(identifier, request, QUERY_TIMEOUT_SECONDS, 1000);
        HelperReply reply = run.reply();
        if (reply == null) {
            throw new ToolException(504, "FileOperationFailed", "The session did not complete the file operation ("
                    + run.execution().state() + (run.execution().errorMessage() == null ? "" : ": " + run.execution().errorMessage())
                    + "). Retry; if it persists, narrow the path or pattern.");
        }
        SessionState session = ledger.state(identifier, run);
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
