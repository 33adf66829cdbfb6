package com.codeinterpreter.local.attack;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions attack tests open on the shared stack, deleted when the test is done: a session is a live
 * kernel for the pool's cooldown (10 minutes here), and the suite opens more than the pool's 48.
 */
final class Sessions {
    private static final Set<String> IDENTIFIERS = ConcurrentHashMap.newKeySet();

    private Sessions() {
    }

    /** A client with a session of its own, to be deleted by {@link #deleteAll}. */
    static ToolClient open(String baseUrl) {
        ToolClient client = new ToolClient(baseUrl);
        track(PoolAccess.KEY_HOLDER, client.sessionId);
        return client;
    }

    /** Marks the session of {@code sessionId} for {@code caller} for deletion. */
    static void track(String caller, String sessionId) {
        IDENTIFIERS.add(PoolAccess.identifier(caller, sessionId));
    }

    static void deleteAll() {
        PoolAccess pool = new PoolAccess(LocalStack.shared());
        for (String identifier : IDENTIFIERS) {
            pool.deleteIdentifier(identifier);
        }
        IDENTIFIERS.clear();
    }
}
