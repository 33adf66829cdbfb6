package com.codeinterpreter.local.attack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session pool that misbehaves on cue: on loopback in front of the real local pool, it answers the
 * next requests of a kind (method and path suffix) with scripted statuses, and passes everything else
 * through. It counts the requests of each kind it saw, so a test can tell retries from single tries.
 */
final class FakeUpstream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "operation-id");

    private final HttpServer server;
    private final String target;
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    FakeUpstream(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-upstream");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests of {@code method} to a path ending in {@code suffix} get these statuses, in order. */
    synchronized void script(String method, String suffix, Integer... statuses) {
        scripts.computeIfAbsent(method + " " + suffix, k -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** How many requests of {@code method} to a path ending in {@code suffix} arrived. */
    int seen(String method, String suffix) {
        return seen.getOrDefault(method + " " + suffix, new AtomicInteger()).get();
    }

    void reset() {
        scripts.clear();
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer scripted = null;
            synchronized (this) {
                for (var entry : scripts.entrySet()) {
                    String[] kind = entry.getKey().split(" ", 2);
                    if (kind[0].equals(method) && path.endsWith(kind[1])) {
                        seen.computeIfAbsent(entry.getKey(), k -> new AtomicInteger()).incrementAndGet();
                        scripted = entry.getValue().poll();
                    }
                }
            }
            if (scripted != null) {
                byte[] error = ("{\"error\":{\"code\":\"Fake" + scripted + "\",\"message\":\"The fake upstream answered " + scripted + ".\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(scripted, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            proxy(exchange, method, body);
        }
    }

    private void proxy(HttpExchange exchange, String method, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding") && !name.equals(":status")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
