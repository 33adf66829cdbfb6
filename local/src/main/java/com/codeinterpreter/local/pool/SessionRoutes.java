package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.SessionPoolServiceVersion;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/** Session management ({@code /session}, {@code /listSessions}) and pool metadata ({@code /metadata}). */
final class SessionRoutes {
    private static final int PAGE = 100;

    private final SessionRegistry sessions;
    private final PoolConfig config;
    private final PoolMetadata metadata;

    SessionRoutes(SessionRegistry sessions, PoolConfig config, Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.metadata = new PoolMetadata(clock.instant());
    }

    void route(Exchange ex, SessionPoolServiceVersion version, String operation, String identifier) throws IOException {
        switch (operation + " " + ex.method) {
            case "session GET" -> ex.sendJson(200, describe(sessions.find(identifier)
                    .orElseThrow(() -> ExecutionRoutes.sessionNotFound(identifier))));
            case "session DELETE" -> {
                if (!sessions.delete(identifier)) {
                    throw ExecutionRoutes.sessionNotFound(identifier);
                }
                ex.sendEmpty(204);
            }
            case "listSessions GET" -> list(ex, version);
            case "metadata GET" -> ex.sendJson(200, metadata.toJson());
            default -> throw ApiException.notFound("NotFound", "No operation " + ex.method + " /" + operation + ".");
        }
    }

    private void list(Exchange ex, SessionPoolServiceVersion version) throws IOException {
        int skip = 0;
        String raw = ex.query("skip");
        if (raw != null) {
            try {
                skip = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                skip = -1;
            }
            if (skip < 0) {
                throw ApiException.badRequest("InvalidQueryParameter", "skip must be a whole number >= 0, was '" + raw + "'.");
            }
        }
        List<Session> all = sessions.all().stream().sorted(Comparator.comparing(s -> s.createdAt)).toList();
        ObjectNode body = Exchange.JSON.createObjectNode();
        ArrayNode list = body.putArray("sessions");
        all.stream().skip(skip).limit(PAGE).forEach(s -> list.add(describe(s)));
        if (skip + PAGE < all.size()) {
            body.put("nextLink", ex.baseUrl() + "/listSessions?api-version=" + version.getVersion() + "&skip=" + (skip + PAGE));
        }
        ex.sendJson(200, body);
    }

    private ObjectNode describe(Session s) {
        return Exchange.JSON.createObjectNode()
                .put("identifier", s.identifier)
                .put("createdAt", s.createdAt.toString())
                .put("lastAccessedAt", s.lastAccessedAt().toString())
                .put("expireAt", s.lastAccessedAt().plus(config.cooldown()).toString())
                .put("etag", s.etag());
    }
}
