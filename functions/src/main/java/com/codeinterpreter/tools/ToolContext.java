package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.SessionIdentity;

/**
 * What every tool works with: the session identity (caller and session id to pool identifier), the
 * runner that executes in a session, the publisher that turns session files into links, and the ledger
 * that tells new sessions from expired ones.
 */
record ToolContext(SessionIdentity identity, SessionRunner runner, OutputPublisher publisher, SessionLedger ledger) {
    /** The longest a synchronous call to the pool may take: Azure cuts HTTP responses at 230 s, the service executions at 220 s. */
    static final int SYNC_LIMIT_SECONDS = 200;
    /** Time the pool allows beyond the user's timeout, for the helper's own work after it. */
    static final int GRACE_SECONDS = 15;
    /** The longest stdout or stderr returned; longer output is truncated and says so. */
    static final int MAX_OUTPUT_CHARS = 20000;

    String identifier(SessionKey key) {
        return identity.identifier(key.caller(), key.sessionId());
    }

    static boolean needsAsync(int timeoutSeconds) {
        return timeoutSeconds + GRACE_SECONDS > SYNC_LIMIT_SECONDS;
    }
}
