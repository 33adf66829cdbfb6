package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.PoolErrorCode;

/**
 * A request the pool answers with an error: the HTTP status, the service's error code (also sent as
 * {@code x-ms-error-code}) and a message that says what was wrong and how to fix it.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ApiException(int status, PoolErrorCode code, String message) {
        this(status, code.code(), message);
    }

    static ApiException badRequest(PoolErrorCode code, String message) {
        return badRequest(code.code(), message);
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
