package com.codeinterpreter.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server on loopback that answers with scripted replies, in order, and records every
 * request: it plays the published service, which cannot run here, by serving its specification's examples.
 */
final class PoolStub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the stub received it. */
    record Seen(String method, String path, Map<String, String> query, Headers headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** What the stub answers. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0]);
        }

        /** A spec example's 200 response: its headers and its body (JSON, or a string sent as its bytes). */
        static Reply example(JsonNode example) {
            JsonNode response = example.path("responses").path("200");
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            JsonNode body = response.path("body");
            if (body.isTextual()) {
                headers.put("Content-Type", "application/octet-stream");
                return new Reply(200, headers, body.asText().getBytes(StandardCharsets.UTF_8));
            }
            headers.put("Content-Type", "application/json");
            return new Reply(200, headers, body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** A started stub, for a test's field initializer (which cannot throw a checked exception). */
    static PoolStub started() {
        try {
            return new PoolStub();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    PoolStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, as a pool endpoint. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues replies, answered in order; a request with none left gets a 599 the tests would notice. */
    PoolStub reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    Seen only() {
        if (seen.size() != 1) {
            throw new AssertionError("expected one request, saw " + seen.size());
        }
        return seen.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), in.readAllBytes()));
            Reply reply = replies.poll();
            if (reply == null) {
                reply = new Reply(599, Map.of(), "no reply scripted".getBytes(StandardCharsets.UTF_8));
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /** Reads a spec example from the test resources ({@code /aca-spec/<version>/<name>.json}). */
    static JsonNode example(String version, String name) {
        try (InputStream in = PoolStub.class.getResourceAsStream("/aca-spec/" + version + "/" + name + ".json")) {
            if (in == null) {
                throw new AssertionError("no example " + version + "/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
