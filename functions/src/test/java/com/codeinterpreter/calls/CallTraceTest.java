package com.codeinterpreter.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a call's time went: phases counted once, the session's wait taken out of the pool's time. */
class CallTraceTest {

    @Test
    void aPhaseInsideAnotherCountsOnlyForTheOuterOne() throws Exception {
        CallTrace trace = CallTrace.open();
        try {
            CallTrace.timed(CallTrace.Phase.PUBLISHING, () -> CallTrace.timed(CallTrace.Phase.POOL, () -> sleep(30)));
        } finally {
            trace.close();
        }
        assertTrue(trace.publishMillis() >= 30, "publishing: " + trace.publishMillis());
        assertEquals(0, trace.poolMillis(), "a session-file read while publishing is publishing");
    }

    @Test
    void anExecutionsRoundTripBeyondWhatThePoolRanIsTheSessionsWait() {
        CallTrace trace = CallTrace.open();
        try {
            CallTrace.timed(CallTrace.Phase.POOL, () -> {
                sleep(60);
                CallTrace.current().executed(60_000_000, 20);
                return null;
            });
        } finally {
            trace.close();
        }
        assertEquals(40, trace.sessionWaitMillis());
        assertTrue(trace.poolMillis() >= 20 && trace.poolMillis() < 40, "the rest is the pool's: " + trace.poolMillis());
        assertTrue(trace.sessionWaitMillis() + trace.poolMillis() <= trace.elapsedMillis());
    }

    @Test
    void filesAndTheSessionAreCountedOnTheOpenTraceOnly() {
        CallTrace.current().published(true);  // none open: recorded nowhere
        CallTrace trace = CallTrace.open();
        try {
            CallTrace.current().published(true);
            CallTrace.current().published(false);
            CallTrace.current().session("ci-0123456789ab");
            CallTrace.current().explanation("Count\nthe   lines " + "x".repeat(200));
        } finally {
            trace.close();
        }
        CallTrace.current().published(true);
        assertEquals(1, trace.filesPublished());
        assertEquals(1, trace.filesFailed());
        assertEquals("ci-0123456789ab", trace.session());
        assertTrue(trace.explanation().startsWith("Count the lines x") && trace.explanation().endsWith("..."), trace.explanation());
        assertEquals(CallEvent.MAX_EXPLANATION, trace.explanation().length());
        assertNull(CallTrace.current().session(), "closed: a later call on this thread starts afresh");
    }

    private static Object sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
