package com.codeinterpreter.tools;

import com.azure.core.util.BinaryData;
import com.codeinterpreter.answers.SessionState;
import com.codeinterpreter.outputs.OutputContainer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Tells a new session from one that expired. Inside the sandbox both look the same (an empty folder and a
 * fresh interpreter), so the first call of every session leaves a record in Blob Storage under the
 * session's prefix ({@code <identifier>/.session}, holding when it started, in the outputs' container); a "new" session that finds its record was there before, and was deleted by the pool
 * after its cooldown. Costs one request, and only when a call meets a fresh interpreter; the request is
 * made while the helper is being installed in that interpreter, so it seldom adds to the call's time.
 */
final class SessionLedger {
    private static final Logger LOG = Logger.getLogger(SessionLedger.class.getName());
    static final String EXPIRED_NOTE = "This session had expired after being idle, so the pool deleted it: files and variables from "
            + "earlier calls are gone. Upload input files again and re-run setup code.";
    static final String RESTARTED_NOTE = "The session's Python process was restarted: variables and imports from earlier calls are "
            + "gone; files in /mnt/data are kept.";

    private final Supplier<OutputContainer> container;
    private final Clock clock;
    // Blob requests are blocking calls: they get their own threads, never the common pool's.
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "session-ledger");
        thread.setDaemon(true);
        return thread;
    });

    SessionLedger(Supplier<OutputContainer> container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    /**
     * Starts recording the session's start, for a call that met a fresh interpreter (new, restarted or
     * expired: which one is known only when the call returns). Completes with whether a record was there before.
     */
    CompletableFuture<Boolean> recordStart(String identifier) {
        return CompletableFuture.supplyAsync(() -> container.get().writeAndTellIfExisted(identifier + "/.session",
                BinaryData.fromString(clock.instant().toString()), "record a session start"), background);
    }

    /** What the call found of its session: the helper's word, with {@code new} told apart from {@code expired} here. */
    SessionState state(String identifier, SessionRunner.HelperRun run) {
        SessionState state = run.reply().sessionState() == null ? SessionState.CONTINUED : run.reply().sessionState();
        if (state != SessionState.NEW) {
            return state;
        }
        try {
            CompletableFuture<Boolean> started = run.startRecorded() != null ? run.startRecorded() : recordStart(identifier);
            return started.join() ? SessionState.EXPIRED : SessionState.NEW;
        } catch (CompletionException | IllegalStateException e) {
            // Without the ledger a returning session reads as new; the answer is still right about its files.
            LOG.warning("could not check the session ledger: " + (e.getCause() == null ? e : e.getCause()).getMessage());
            return SessionState.NEW;
        }
    }

    /** The note an answer carries for a session that lost something, or null. */
    static String note(SessionState state) {
        return switch (state) {
            case EXPIRED -> EXPIRED_NOTE;
            case RESTARTED -> RESTARTED_NOTE;
            default -> null;
        };
    }
}
