package com.codeinterpreter.tools;

/**
 * A call's time: its caller's {@code timeoutSeconds}, counted from when the call arrived. Time spent waiting
 * for the session (behind another call on it) is part of it, so the deadline travels to the helper, which
 * gives the code only what is left.
 *
 * @param deadlineMillis when the caller's time runs out, in epoch milliseconds (the helper compares it with
 *                       the session's clock: in Azure another machine's, kept close by NTP)
 */
record CallClock(int timeoutSeconds, long deadlineMillis) {

    static CallClock start(int timeoutSeconds) {
        return new CallClock(timeoutSeconds, System.currentTimeMillis() + timeoutSeconds * 1000L);
    }

    /** Milliseconds until the deadline; negative once it has passed. */
    long millisLeft() {
        return deadlineMillis - System.currentTimeMillis();
    }
}
