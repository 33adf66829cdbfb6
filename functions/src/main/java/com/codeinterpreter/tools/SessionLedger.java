package com.codeinterpreter.tools;

import com.codeinterpreter.outputs.OutputStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Tells a new session from one that expired. Inside the sandbox both look the same (an empty folder and a
 * fresh interpreter), so the first call of every session leaves a record in Blob Storage under the
 * session's prefix; a "new" session that finds its record was there before, and was deleted by the pool
 * after its cooldown. Costs one request, and only when a call meets a fresh interpreter.
 */
final class SessionLedger {
    private static final Logger LOG = Logger.getLogger(SessionLedger.class.getName());
    static final String EXPIRED_NOTE = "This session had expired after being idle, so the pool deleted it: files and variables from "
            + "earlier calls are gone. Upload input files again and re-run setup code.";
    static final String RESTARTED_NOTE = "The session's Python process was restarted: variables and imports from earlier calls are "
            + "gone; files in /mnt/data are kept.";

    private final Supplier<OutputStore> store;

    SessionLedger(Supplier<OutputStore> store) {
        this.store = store;
    }

    /** {@code continued}, {@code new}, {@code restarted} (files kept) or {@code expired} (files gone), from the helper's reply. */
    String state(String identifier, JsonNode reply) {
        String state = reply.path("sessionState").asText("continued");
        if (!state.equals("new")) {
            return state;
        }
        try {
            return store.get().recordSessionStart(identifier) ? "expired" : "new";
        } catch (RuntimeException e) {
            // Without the ledger a returning session reads as new; the answer is still right about its files.
            LOG.warning("could not check the session ledger: " + e.getMessage());
            return "new";
        }
    }

    static String note(String state) {
        return switch (state) {
            case "expired" -> EXPIRED_NOTE;
            case "restarted" -> RESTARTED_NOTE;
            default -> null;
        };
    }
}
