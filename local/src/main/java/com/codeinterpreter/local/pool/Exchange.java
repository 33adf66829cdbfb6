package com.codeinterpreter.local.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One HTTP request to the pool and its response, with the parsing and writing every route needs. */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange http;
    private final Map<String, String> query;
    final String method;
    final String path;

    Exchange(HttpExchange http) {
        this.http = http;
        this.method = http.getRequestMethod();
        this.path = http.getRequestURI().getRawPath();
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(key, value);
        }
        return result;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** Absolute URL of this pool, from the Host header, for Operation-Location. */
    String baseUrl() {
        String host = header("Host");
        return "http://" + (host != null ? host : http.getLocalAddress().getHostString() + ":" + http.getLocalAddress().getPort());
    }

    long contentLength() {
        String value = header("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    InputStream body() {
        return http.getRequestBody();
    }

    /** The request body as a JSON object, or a 400 that says what is wrong with it. */
    ObjectNode jsonBody() {
        JsonNode node;
        try {
            node = JSON.readTree(http.getRequestBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("InvalidRequestBody", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("InvalidRequestBody", "The request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("InvalidRequestBody", "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    void setHeader(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }

    void sendJson(int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    void sendEmpty(int status) throws IOException {
        http.sendResponseHeaders(status, -1);
        http.close();
    }

    /**
     * Sends an opened file, as long as it was when opened. The body stream is closed only after the last
     * byte: if the file shrinks on the way, the failure leaves it open so that closing the exchange drops
     * the connection, and the client sees the transfer fail instead of waiting for the missing bytes.
     */
    void sendFile(SeekableByteChannel file, String contentType) throws IOException {
        try (file) {
            long size = file.size();
            http.getResponseHeaders().set("Content-Type", contentType);
            // HttpServer reads 0 as "chunked" and -1 as "no body": an empty file is Content-Length: 0.
            http.sendResponseHeaders(200, size == 0 ? -1 : size);
            OutputStream out = http.getResponseBody();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (long left = size; left > 0; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = file.read(buffer);
                if (n < 0) {
                    throw new IOException("the file shrank while it was being sent");
                }
                out.write(buffer.array(), 0, n);
                left -= n;
            }
            out.close();
        }
    }

    void sendError(ApiException e) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", e.code()).put("message", e.getMessage());
        http.getResponseHeaders().set("x-ms-error-code", e.code());
        if (e.status() == 401) {
            http.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        sendJson(e.status(), body);
    }

    /** Reads and drops what is left of the request body, so the connection can be reused. */
    void drain() {
        try (InputStream in = http.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away
        }
    }

    void close() {
        http.close();
    }
}
