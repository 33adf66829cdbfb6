package com.codeinterpreter.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call of a function: read the body, build the request and context, run it, and answer with what it
 * returned, or with a 500 when it threw. The failure is logged here, once, with its stack trace; the
 * caller gets its type and the invocation id, not its message, which may hold data it should not see.
 */
final class Invocation {
    private static final Logger LOG = Logger.getLogger(Invocation.class.getName());

    private Invocation() {
    }

    static void run(HttpFunction function, HttpExchange exchange, long maxRequestBytes) throws IOException {
        byte[] raw = RequestBody.read(exchange, maxRequestBytes);
        FunctionRequest request = FunctionRequest.of(exchange, function.bodyType().convert(raw));
        FunctionContext context = new FunctionContext(function.name());
        String invocation = " (invocation " + context.getInvocationId() + ")";
        Object result;
        try {
            result = function.invoke(request, context);
        } catch (FunctionFailedException e) {
            LOG.log(Level.WARNING, "function " + function.name() + " failed" + invocation, e.getCause());
            ResponseWriter.send(exchange, ResponseWriter.error(500, "FunctionFailed", "The function '" + function.name()
                    + "' threw " + e.getCause().getClass().getName() + invocation + "; its stack trace is in the functions host log."));
            return;
        }
        ResponseWriter.Encoded response;
        try {
            response = ResponseWriter.encode(result);
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "function " + function.name() + " returned a response that cannot be sent" + invocation, e);
            response = ResponseWriter.error(500, "FunctionFailed", "The function '" + function.name()
                    + "' returned a response that cannot be sent: " + e.getMessage() + invocation + ".");
        }
        ResponseWriter.send(exchange, response);
    }
}
