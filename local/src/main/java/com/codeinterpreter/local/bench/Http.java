package com.codeinterpreter.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The benchmark's HTTP calls: one keep-alive client, JSON in and out. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    // The measuring client should cost as little as the reference's (jupyter_client): responses are read on
    // the calling thread, so completion callbacks run in place instead of being handed to another thread.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static JsonNode post(String url, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static JsonNode postBytes(String url, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static byte[] get(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tool call through the functions host. */
    static JsonNode tool(String baseUrl, String tool, String sessionId, String field, String value) {
        return post(baseUrl + "/api/" + tool, JSON.createObjectNode().put("sessionId", sessionId).put(field, value).toString(), null);
    }

    /** A synchronous execution straight to the pool's data plane. */
    static JsonNode poolExecute(String poolUrl, String identifier, String code) {
        return post(poolUrl + "/executions?api-version=2025-10-02-preview&identifier=" + identifier,
                JSON.createObjectNode().put("code", code).put("timeoutInSeconds", 60).toString(), BenchStack.TOKEN);
    }
}
