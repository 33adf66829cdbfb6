package com.codeinterpreter.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The MCP sessions of the local endpoint, and the one way into the SDK's server ({@link McpProtocol}): to
 * the SDK this is the transport provider, which opens a session for each {@code initialize} and hands it
 * the messages of that session. {@link McpEndpoint} speaks HTTP and passes the messages here as JSON, so
 * the SDK's classes load at the first MCP request and not at the host's start.
 *
 * <p>Beyond {@link #MAX} the least recently used session is forgotten (its client gets 404 and initializes
 * again, as the protocol prescribes). There is no server-initiated stream, so nothing sent outside the
 * answer to a request reaches a client.
 */
final class McpSessions implements McpStreamableServerTransportProvider {
    static final int MAX = 1000;
    private static final String REQUEST_HEADERS = "requestHeaders";

    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private volatile McpStreamableServerSession.Factory factory;
    private final Map<String, McpStreamableServerSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, McpStreamableServerSession> eldest) {
            if (size() > MAX) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    });

    private McpSessions() {
    }

    /** The sessions of a new SDK server for the tools. */
    static McpSessions serving(List<McpToolFunction> tools) {
        McpSessions sessions = new McpSessions();
        McpProtocol.serve(tools, sessions, sessions.json);
        return sessions;
    }

    /** A new session and the answer to its {@code initialize} request, as JSON. */
    record Opened(String sessionId, String answer) {
    }

    Opened initialize(JsonNode request) {
        McpSchema.JSONRPCRequest message = json.convertValue(request, McpSchema.JSONRPCRequest.class);
        McpSchema.InitializeRequest params = json.convertValue(message.params(), McpSchema.InitializeRequest.class);
        McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(params);
        sessions.put(init.session().getId(), init.session());
        return new Opened(init.session().getId(), write(McpSchema.JSONRPCResponse.result(message.id(), init.initResult().block())));
    }

    boolean exists(String sessionId) {
        return sessions.containsKey(sessionId);
    }

    /**
     * The messages that answer one request of a session, as JSON, the last being the response.
     *
     * @param headers the HTTP request's headers, which the tool invocation context carries
     */
    List<String> answer(String sessionId, JsonNode request, Map<String, String> headers) {
        McpReply reply = new McpReply(json);
        McpTransportContext context = McpTransportContext.create(Map.of(REQUEST_HEADERS, Map.copyOf(headers)));
        session(sessionId).responseStream(json.convertValue(request, McpSchema.JSONRPCRequest.class), reply)
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .block();
        List<String> answer = new ArrayList<>();
        reply.messages().forEach(m -> answer.add(write(m)));
        return answer;
    }

    /** Takes a notification (such as notifications/initialized) or a response of the client. */
    void accept(String sessionId, JsonNode message) {
        McpStreamableServerSession session = session(sessionId);
        if (message.has("method")) {
            session.accept(json.convertValue(message, McpSchema.JSONRPCNotification.class)).block();
        } else {
            session.accept(json.convertValue(message, McpSchema.JSONRPCResponse.class)).block();
        }
    }

    /** Ends a session; false when there is none of that id (never made, ended, or forgotten). */
    boolean end(String sessionId) {
        McpStreamableServerSession session = sessions.remove(sessionId);
        if (session == null) {
            return false;
        }
        session.delete().block();
        return true;
    }

    /** The request's headers, as {@link #answer} put them in the SDK's transport context. */
    @SuppressWarnings("unchecked")
    static Map<String, String> requestHeaders(McpTransportContext context) {
        Object headers = context.get(REQUEST_HEADERS);
        return headers == null ? Map.of() : (Map<String, String>) headers;
    }

    private McpStreamableServerSession session(String sessionId) {
        McpStreamableServerSession session = sessions.get(sessionId);
        if (session == null) {
            throw new HostException(404, "NotFound", "Session not found: initialize a new session.");
        }
        return session;
    }

    private String write(McpSchema.JSONRPCMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        this.factory = factory;
    }

    /** Oldest first, as the SDK reads them: it agrees on the last when a client asks for one it does not know. */
    @Override
    public List<String> protocolVersions() {
        List<String> oldestFirst = new ArrayList<>(McpProtocol.VERSIONS);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        // No session has a stream open for them (there is no GET stream), and the tools never change.
        return Mono.empty();
    }

    @Override
    public Mono<Void> closeGracefully() {
        List<McpStreamableServerSession> all;
        synchronized (sessions) {
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        all.forEach(McpStreamableServerSession::close);
        return Mono.empty();
    }
}
