package com.codeinterpreter.answers;

/**
 * A request the tools cannot carry out because of what it asked for: the HTTP status, an error code,
 * and a message that says what was wrong and how to fix it. Not used for the user's code failing
 * (that is a result) nor for the pool failing (that is a {@code SessionPoolException}).
 */
public final class ToolException extends RuntimeException {
    private final int status;
    private final String code;

    public ToolException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ToolException invalid(String message) {
        return new ToolException(400, "InvalidRequest", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
