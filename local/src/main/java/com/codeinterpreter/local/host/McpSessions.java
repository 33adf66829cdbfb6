package com.codeinterpreter.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The MCP sessions of the local endpoint: created by {@code initialize}, named by the
 * {@code Mcp-Session-Id} header, ended by {@code DELETE}. Beyond {@link #MAX} the least recently used
 * session is forgotten (its client gets 404 and initializes again, as the protocol prescribes).
 */
final class McpSessions {
    static final int MAX = 1000;

    /** One session: what {@code initialize} agreed on. */
    record Session(String id, String protocolVersion, JsonNode clientInfo) {
    }

    private final Map<String, Session> sessions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX;
        }
    });

    Session create(String protocolVersion, JsonNode clientInfo) {
        Session session = new Session(UUID.randomUUID().toString(), protocolVersion, clientInfo);
        sessions.put(session.id(), session);
        return session;
    }

    /** The session, or null when there is none of that id (never made, ended, or forgotten). */
    Session get(String id) {
        return sessions.get(id);
    }

    boolean remove(String id) {
        return sessions.remove(id) != null;
    }
}
