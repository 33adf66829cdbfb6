package com.codeinterpreter.local.host;

/**
 * An answer the host gives itself, without running a function: no such route, a method the route does
 * not take, a body over the limit. Carries the status and the error code of the JSON error body.
 */
final class HostException extends RuntimeException {
    private final int status;
    private final String code;

    HostException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
