package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} of one invocation: a fresh invocation id, and a logger named
 * {@code Function.<name>}, the category the real host logs a function's output under.
 */
final class FunctionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;

    FunctionContext(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getLogger("Function." + functionName);
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
