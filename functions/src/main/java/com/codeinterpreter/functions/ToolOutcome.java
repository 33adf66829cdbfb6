package com.codeinterpreter.functions;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ToolError;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.sessions.SessionPoolException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * The outcome of one tool call as an HTTP status and the JSON body an agent reads, whichever way the
 * call came in (HTTP or MCP), so both answer alike: 200 with the result (the user's code failing is a
 * result too), 202 for a long call, 4xx for a bad request with a message that says how to fix it,
 * 502/503 when the session pool failed, 500 for our own failures.
 *
 * @param body the result, or {@code {"error":{"code","message"}}}
 */
record ToolOutcome(int status, JsonNode body) {

    boolean accepted() {
        return status == 202;
    }

    /** Runs {@code work} and maps its result or its exception; failures that are not the caller's are logged here, once. */
    static ToolOutcome of(ExecutionContext context, String tool, Supplier<Object> work) {
        try {
            Object result = work.get();
            return new ToolOutcome(result instanceof Accepted ? 202 : 200, ToolArguments.JSON.valueToTree(result));
        } catch (ToolException e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (SessionPoolException e) {
            context.getLogger().log(Level.WARNING, tool + ": session pool failed: " + e.code() + " " + e.getMessage());
            if (e.poolFull()) {
                // The pool's own text speaks of identifiers and DELETE /session, which an agent cannot use.
                return error(503, e.code(), "The session pool is full: it already runs its maximum number of sessions, and this "
                        + "sessionId has none yet, so nothing ran. Either retry in a minute or two (sessions left idle are deleted "
                        + "after the pool's cooldown, which frees room), or go on in a sessionId you already used in this "
                        + "conversation (its files and variables are still there). If it keeps happening, tell the operator to raise "
                        + "the pool's maximum number of concurrent sessions.");
            }
            String hint = e.retryable() ? " This is temporary: retry the call in a few seconds."
                    : e.status() >= 500 ? " The pool failed while handling the call, so code may have run in part: check the session "
                    + "(ListSessionFiles, or a quick ExecutePythonCode) before repeating it."
                    : " Check the app's session pool settings.";
            return error(e.retryable() ? 503 : 502, e.code(), "The session pool could not complete the call: " + e.getMessage() + hint);
        } catch (IllegalStateException e) {
            context.getLogger().log(Level.SEVERE, tool + ": " + e.getMessage(), e);
            return error(500, "Misconfigured", e.getMessage());
        } catch (RuntimeException e) {
            context.getLogger().log(Level.SEVERE, tool + " failed", e);
            return error(500, "InternalError", "The call failed unexpectedly (invocation " + context.getInvocationId()
                    + "). Retry; if it persists, report the invocation id.");
        }
    }

    static ToolOutcome error(int status, String code, String message) {
        return new ToolOutcome(status, ToolArguments.JSON.valueToTree(ToolError.of(code, message)));
    }
}
