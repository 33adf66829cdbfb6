package com.codeinterpreter.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Calls the tools over HTTP as an agent does: POST /api/<Tool> with JSON, one sessionId per test. */
public final class ToolClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A body of string fields, {@code name, value, name, value...}, to add other kinds of value to. */
    public static ObjectNode fields(String... keyValues) {
        ObjectNode body = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put(keyValues[i], keyValues[i + 1]);
        }
        return body;
    }
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    public final String sessionId;

    public ToolClient(String baseUrl) {
        this(baseUrl, "e2e-" + UUID.randomUUID());
    }

    public ToolClient(String baseUrl, String sessionId) {
        this.baseUrl = baseUrl;
        this.sessionId = sessionId;
    }

    /** An answer: status and body (JSON when it is JSON). */
    public record Answer(int status, byte[] body, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body), e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public String errorMessage() {
            return json().path("error").path("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + new String(body);
        }
    }

    /** Calls a tool with the given fields plus this client's sessionId. */
    public Answer call(String tool, ObjectNode fields) {
        ObjectNode body = fields.deepCopy();
        if (!body.has("sessionId")) {
            body.put("sessionId", sessionId);
        }
        return post(tool, body.toString(), "application/json");
    }

    public Answer call(String tool, String... keyValues) {
        ObjectNode body = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put(keyValues[i], keyValues[i + 1]);
        }
        return call(tool, body);
    }

    public Answer post(String tool, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + tool)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer send(HttpRequest.Builder request) {
        HttpResponse<byte[]> r = exchange(HTTP, request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), r);
    }

    /**
     * Sends a request on a connection of its own, never pooled. For writes that Azurite refuses before reading their
     * body (a PUT through a read-only link): the JDK's client may keep that connection with the body unsent, and the
     * next request on it then gets no answer (Azurite reads it as that body) until Azurite drops the connection 5 s
     * later, which failed an unrelated request 2 times in 40 tries.
     */
    public static HttpResponse<String> sendAlone(HttpRequest.Builder request) {
        return exchange(HttpClient.newHttpClient(), request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fetches a link as a browser would: no headers, no key. */
    public static HttpResponse<byte[]> download(String url) {
        return exchange(HTTP, HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> exchange(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs Python and returns the answer's JSON, failing on anything but 200. */
    public JsonNode python(String code) {
        Answer a = call("ExecutePythonCode", "pythonCode", code);
        if (a.status() != 200) {
            throw new AssertionError("ExecutePythonCode answered " + a);
        }
        return a.json();
    }
}
