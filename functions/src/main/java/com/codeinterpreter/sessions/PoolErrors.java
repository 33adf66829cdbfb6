package com.codeinterpreter.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads the pool's error answers ({@code {"error":{"code","message"}}} and {@code x-ms-error-code}). */
final class PoolErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolErrors() {
    }

    static SessionPoolException from(int status, String headerCode, String body) {
        String code = headerCode;
        String message = null;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (code == null || code.isEmpty()) {
                code = error.path("code").asText(null);
            }
            message = error.path("message").asText(null);
        } catch (IOException | RuntimeException notJson) {
            // some gateways answer with HTML or nothing
        }
        if (code == null) {
            code = "HttpStatus" + status;
        }
        if (message == null || message.isBlank()) {
            message = "The session pool answered HTTP " + status + ".";
        }
        // 429, 502, 503 and a full pool mean the request was not taken: worth trying again. A 500 (or a 504)
        // came from handling it, and a code execution may have run in part, so the caller decides.
        boolean retryable = status == 429 || status == 502 || status == 503 || status == 403 || PoolErrorCode.CAPACITY_REACHED.matches(code);
        SessionPoolException e = new SessionPoolException(status, code, message, retryable, null);
        return e.poolFull() && !retryable ? new SessionPoolException(status, code, message, true, null) : e;
    }
}
