package com.codeinterpreter.local.host;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a function returned into the HTTP response, as the Java worker and the host do.
 *
 * <ul>
 *   <li>An {@link HttpResponseMessage}: its status, headers and body. Anything else: 200 with it as the
 *       body. {@code null} or {@code void}: 204 with no body (the host's answer when a function sets no
 *       response).
 *   <li>Body: a {@code String} as UTF-8, a {@code byte[]} as is, {@code null} as nothing, any other object
 *       as JSON. The JSON is written from fields, leaving out nulls, because the worker serialises with
 *       Gson, which does that.
 *   <li>Content-Type, when the function set none and there is a body: {@code text/plain; charset=utf-8}
 *       for a string and {@code application/json; charset=utf-8} for an object. A {@code byte[]} gets
 *       none, as in the host.
 * </ul>
 */
final class ResponseWriter {
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    /** Framing is the server's job; a function's own value for these would contradict the real length. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

    static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ResponseWriter() {
    }

    /** A response ready to send: status, headers and encoded body. */
    record Encoded(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * Encodes a function's result without sending anything, so that a body that cannot be encoded is
     * still answered with a clean 500.
     *
     * @throws IllegalStateException when the status is not an HTTP status or the body cannot be JSON
     */
    static Encoded encode(Object result) {
        if (result == null) {
            return new Encoded(204, Map.of(), new byte[0]);
        }
        int status = 200;
        Map<String, String> headers = new LinkedHashMap<>();
        Object body = result;
        if (result instanceof HttpResponseMessage message) {
            status = message.getStatusCode();
            if (message instanceof FunctionResponse ours) {
                headers.putAll(ours.headers());
            } else if (message.getHeader("Content-Type") != null) {
                // Another implementation can only be asked for headers by name.
                headers.put("Content-Type", message.getHeader("Content-Type"));
            }
            body = message.getBody();
        }
        if (status < 100 || status > 599) {
            throw new IllegalStateException("the response status " + status + " is not an HTTP status (100-599)");
        }
        byte[] bytes;
        String defaultType;
        if (body == null) {
            bytes = new byte[0];
            defaultType = null;
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            defaultType = TEXT_TYPE;
        } else if (body instanceof byte[] b) {
            bytes = b;
            defaultType = null;
        } else {
            bytes = toJson(body);
            defaultType = JSON_TYPE;
        }
        boolean typeSet = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Type"));
        if (!typeSet && defaultType != null && bytes.length > 0) {
            headers.put("Content-Type", defaultType);
        }
        return new Encoded(status, headers, bytes);
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the response body (" + body.getClass().getName() + ") cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends an encoded response; a HEAD request gets the headers only. What the caller still sends of the
     * request body is read and dropped before the response is completed ({@link RequestBody#discardRest}).
     */
    static void send(HttpExchange exchange, Encoded response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, value) -> {
            if (!FRAMING.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                out.add(name, value);
            }
        });
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                || response.status() == 204 || response.status() == 304 || response.status() < 200;
        if (noBody) {
            // Without a body HttpServer completes the exchange at once, so the rest must be read first.
            RequestBody.discardRest(exchange);
            // -1 means "no body" to HttpServer; 0 would mean "chunked".
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        OutputStream body = exchange.getResponseBody();
        body.write(response.body());
        // The answer goes out now; the exchange completes (and may close the connection) only on close().
        body.flush();
        RequestBody.discardRest(exchange);
        body.close();
    }

    /** {@code {"error":{"code":...,"message":...}}}, the shape of every error this host makes itself. */
    static Encoded error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new Encoded(status, Map.of("Content-Type", JSON_TYPE), body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
