package com.codeinterpreter.functions;

import com.codeinterpreter.calls.CallEvent;
import com.codeinterpreter.calls.CallTrace;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Runs a tool call under a {@link CallTrace} and writes its {@link CallEvent}: once per call, here at the
 * edge, for HTTP and MCP alike. The event is one log line through the invocation's logger, which the Java
 * worker forwards to the Functions host and the host to Application Insights as a trace of the invocation.
 */
final class CallRecorder {
    static final String HTTP = "http";
    static final String MCP = "mcp";

    private CallRecorder() {
    }

    /** {@link ToolOutcome#of}, with the call's event written once the outcome is known. */
    static ToolOutcome run(ExecutionContext context, String tool, String transport, Supplier<Object> work) {
        CallTrace trace = CallTrace.open();
        ToolOutcome outcome;
        try {
            outcome = ToolOutcome.of(context, tool, work);
        } finally {
            trace.close();
        }
        try {
            context.getLogger().info(event(context.getInvocationId(), tool, transport, outcome, trace).line());
        } catch (RuntimeException e) {
            // The caller's answer matters more than our record of it.
            context.getLogger().log(Level.WARNING, tool + ": the call's event could not be written", e);
        }
        return outcome;
    }

    /** The event, from the answer's own fields (never its output or files' names) and the trace's figures. */
    static CallEvent event(String invocationId, String tool, String transport, ToolOutcome outcome, CallTrace trace) {
        JsonNode body = outcome.body();
        String errorCode = outcome.status() >= 400 ? body.path("error").path("code").asText(null) : null;
        String state = body.path("sessionState").asText(null);
        if (state == null && body.has("status") && !outcome.accepted()) {
            state = "continued";  // an execution's answer leaves out a session it continued
        }
        return new CallEvent(tool, transport, outcomeOf(outcome), outcome.status(), errorCode, trace.elapsedMillis(),
                trace.sessionWaitMillis(), trace.poolMillis(), trace.publishMillis(), trace.filesPublished(), trace.filesFailed(),
                trace.session(), state, body.path("executionId").asText(null), invocationId, trace.explanation());
    }

    private static String outcomeOf(ToolOutcome outcome) {
        if (outcome.accepted()) {
            return "running";
        }
        if (outcome.status() != 200) {
            return Integer.toString(outcome.status());
        }
        String status = outcome.body().path("status").asText("succeeded");
        String errorType = outcome.body().path("error").path("type").asText("");
        return status.equals("failed") && CallEvent.REFUSALS.contains(errorType) ? errorType : status;
    }
}
