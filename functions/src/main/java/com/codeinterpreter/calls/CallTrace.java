package com.codeinterpreter.calls;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Where one tool call spent its time, and what it published, gathered while it runs for the one event the
 * edge writes about it ({@link CallEvent}). The edge opens a trace on the invocation's thread and closes it
 * when the call has its answer; the session pool client and the output publisher add to it.
 *
 * <p>Bound to the thread rather than passed as a parameter, so that the tools between the edge and those
 * two keep their signatures: a tool call runs on its invocation's thread from start to answer. With no trace
 * open (a test that calls a tool directly, a background thread) every method does nothing.
 */
public final class CallTrace {
    private static final ThreadLocal<CallTrace> CURRENT = new ThreadLocal<>();
    private static final CallTrace NONE = new CallTrace();

    /** What a stretch of a call was doing. */
    public enum Phase {
        /** Requests to the session pool: executions, polls, file operations. */
        POOL,
        /** Copying outputs to Blob Storage, with the session-file reads that feed the copies. */
        PUBLISHING
    }

    private final long startedNanos = System.nanoTime();
    private final long[] phaseNanos = new long[Phase.values().length];
    private Phase active;
    private long sessionWaitNanos;
    private int filesPublished;
    private int filesFailed;
    private String session;
    private String explanation;

    private CallTrace() {
    }

    /** Opens a trace for the call now starting on this thread; the edge closes it with {@link #close()}. */
    public static CallTrace open() {
        CallTrace trace = new CallTrace();
        CURRENT.set(trace);
        return trace;
    }

    /** The trace of the call running on this thread, or one that records nothing. */
    public static CallTrace current() {
        CallTrace trace = CURRENT.get();
        return trace == null ? NONE : trace;
    }

    /** Ends this thread's trace; its figures stay readable. */
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    /**
     * {@code work} to run on another thread as part of the call traced on this one, so that its pool and
     * publishing time count for this call (a synchronous execution is awaited from a waiter thread).
     */
    public static <T> Callable<T> carried(Callable<T> work) {
        CallTrace trace = current();
        return () -> {
            CURRENT.set(trace);
            try {
                return work.call();
            } finally {
                CURRENT.remove();
            }
        };
    }

    /**
     * Runs {@code work} and adds its time to {@code phase}. A phase inside another (a session-file read while
     * publishing) counts only for the outer one, so the phases never add up to more than the call.
     */
    public static <T> T timed(Phase phase, Supplier<T> work) {
        CallTrace trace = current();
        if (trace == NONE || trace.active != null) {
            return work.get();
        }
        trace.active = phase;
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            trace.phaseNanos[phase.ordinal()] += System.nanoTime() - started;
            trace.active = null;
        }
    }

    /**
     * Records that of an execution's round trip to the pool, only {@code executedMillis} (the pool's own
     * figure) ran the code: the rest was spent waiting for the session (being created, or busy with an
     * earlier call) and in transit. Called from inside the round trip's {@link Phase#POOL} time.
     */
    public void executed(long roundTripNanos, long executedMillis) {
        if (this != NONE && active == Phase.POOL) {
            sessionWaitNanos += Math.max(0, roundTripNanos - executedMillis * 1_000_000);
        }
    }

    /** Counts one output copied to Blob Storage ({@code linked}) or left without a link. */
    public void published(boolean linked) {
        if (this == NONE) {
            return;
        }
        if (linked) {
            filesPublished++;
        } else {
            filesFailed++;
        }
    }

    /** The session the call is for, as a prefix of its pool identifier (an HMAC: never the raw sessionId). */
    public void session(String identifierPrefix) {
        if (this != NONE) {
            session = identifierPrefix;
        }
    }

    /** RunShellCommand's explanation, which the event carries cut short. */
    public void explanation(String text) {
        if (this != NONE) {
            explanation = CallEvent.shortened(text);
        }
    }

    public String explanation() {
        return explanation;
    }

    public long elapsedMillis() {
        return millis(System.nanoTime() - startedNanos);
    }

    /** Time the pool spent on the call's behalf, less the time its executions waited for the session. */
    public long poolMillis() {
        return millis(Math.max(0, phaseNanos[Phase.POOL.ordinal()] - sessionWaitNanos));
    }

    public long sessionWaitMillis() {
        return millis(sessionWaitNanos);
    }

    public long publishMillis() {
        return millis(phaseNanos[Phase.PUBLISHING.ordinal()]);
    }

    public int filesPublished() {
        return filesPublished;
    }

    public int filesFailed() {
        return filesFailed;
    }

    public String session() {
        return session;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
