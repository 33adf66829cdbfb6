package com.codeinterpreter.local.host;

/** A function threw while handling a request; the cause is what it threw. Answered with a 500. */
final class FunctionFailedException extends RuntimeException {
    private final String functionName;

    FunctionFailedException(String functionName, Throwable cause) {
        super("function " + functionName + " threw " + cause.getClass().getName(), cause);
        this.functionName = functionName;
    }

    String functionName() {
        return functionName;
    }
}
