package com.codeinterpreter.local.host;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where the SDK's server sends what answers one HTTP request: the messages are kept, and {@link McpEndpoint}
 * writes them once the request is answered, as JSON or as events of one stream.
 */
final class McpReply implements McpStreamableServerTransport {
    private final McpJsonMapper json;
    private final List<McpSchema.JSONRPCMessage> messages = new ArrayList<>();

    McpReply(McpJsonMapper json) {
        this.json = json;
    }

    synchronized List<McpSchema.JSONRPCMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return sendMessage(message);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                messages.add(message);
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }
}
