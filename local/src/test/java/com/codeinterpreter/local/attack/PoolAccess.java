package com.codeinterpreter.local.attack;

import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.local.e2e.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Talks to a stack's session pool directly, as the functions app does, for what the tools do not offer:
 * deleting a session, and driving a session faster (or below the helper) than through the tools.
 */
final class PoolAccess {
    /** The caller every request is, when built-in authentication is off. */
    static final String KEY_HOLDER = "function-key-holder";
    private static final String API = "?api-version=2025-10-02-preview&identifier=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    PoolAccess(LocalStack stack) {
        this.base = stack.pool.url();
    }

    /** The pool identifier of a tools sessionId, for the function-key caller. */
    static String identifier(String sessionId) {
        return identifier(KEY_HOLDER, sessionId);
    }

    /** The pool identifier of a tools sessionId for a caller ({@code principal:<id>} with built-in authentication). */
    static String identifier(String caller, String sessionId) {
        return new SessionIdentity(LocalStack.SESSION_ID_SECRET).identifier(caller, sessionId);
    }

    /** Runs code in the session's kernel without the tools' helper; returns the execution resource. */
    JsonNode execute(String sessionId, String code) {
        ObjectNode body = com.codeinterpreter.local.e2e.ToolClient.JSON.createObjectNode().put("code", code).put("timeoutInSeconds", 60);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/executions" + API + identifier(sessionId)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        try {
            return com.codeinterpreter.local.e2e.ToolClient.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET /files/{name}/content in a folder of the session. */
    HttpResponse<byte[]> content(String sessionId, String folder, String name) {
        return send(HttpRequest.newBuilder(URI.create(base + "/files/" + name + "/content" + API + identifier(sessionId) + "&path="
                + URLEncoder.encode(folder, StandardCharsets.UTF_8))).GET());
    }

    /** POST /files: a multipart upload of {@code content} as {@code name} into a folder of the session. */
    HttpResponse<byte[]> upload(String sessionId, String folder, String name, byte[] content) {
        String boundary = "----attack" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(URI.create(base + "/files" + API + identifier(sessionId) + "&path="
                        + URLEncoder.encode(folder, StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** DELETE /session: the session's kernel stops and its files go. */
    int deleteSession(String sessionId) {
        return deleteIdentifier(identifier(sessionId));
    }

    int deleteIdentifier(String identifier) {
        return send(HttpRequest.newBuilder(URI.create(base + "/session" + API + URLEncoder.encode(identifier, StandardCharsets.UTF_8)))
                .DELETE()).statusCode();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + LocalStack.POOL_TOKEN).timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
