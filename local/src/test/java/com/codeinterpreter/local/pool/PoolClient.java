package com.codeinterpreter.local.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client for the pool's API in tests: every call is a real request over loopback. */
final class PoolClient {
    static final String CURRENT = "2025-10-02-preview";
    static final String LEGACY = "2024-02-02-preview";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    PoolClient(PoolServer pool) {
        this(pool.url(), TestPools.TOKEN);
    }

    PoolClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    record Response(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    static String newIdentifier() {
        return "t-" + UUID.randomUUID();
    }

    static String query(String apiVersion, String identifier) {
        return "?api-version=" + apiVersion + (identifier == null ? "" : "&identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
    }

    Response send(HttpRequest.Builder builder) {
        try {
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = HTTP.send(builder.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    Response delete(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).DELETE());
    }

    Response postJson(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response postJson(String pathAndQuery, JsonNode body) {
        return postJson(pathAndQuery, body.toString());
    }

    /** A JSON POST with extra request headers, given as name, value, name, value, ... */
    Response postJson(String pathAndQuery, JsonNode body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** Runs code synchronously with the current API and returns the execution resource. */
    JsonNode execute(String identifier, String code) {
        return execute(identifier, code, 60);
    }

    JsonNode execute(String identifier, String code, int timeoutSeconds) {
        ObjectNode body = JSON.createObjectNode().put("codeInputType", "Inline").put("executionType", "Synchronous")
                .put("code", code).put("timeoutInSeconds", timeoutSeconds);
        Response r = postJson("/executions" + query(CURRENT, identifier), body);
        if (r.status() != 200) {
            throw new AssertionError("execution answered " + r.status() + ": " + r.text());
        }
        return r.json();
    }

    /** Uploads bytes as multipart field {@code file} with the given file name. */
    Response upload(String pathAndQuery, String filename, byte[] content) {
        String boundary = "----test" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
