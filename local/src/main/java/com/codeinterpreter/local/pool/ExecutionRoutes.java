package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.KernelReply;
import com.codeinterpreter.sessions.PoolErrorCode;
import com.codeinterpreter.sessions.SessionPoolServiceVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code POST /executions} and {@code GET /executions/{id}}: the current api-versions' code execution. */
final class ExecutionRoutes implements AutoCloseable {
    private final SessionRegistry sessions;
    private final PoolConfig config;
    private final ExecutorService asyncRunner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "async-execution");
        t.setDaemon(true);
        return t;
    });

    ExecutionRoutes(SessionRegistry sessions, PoolConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * Runs the request, synchronously or not. Both answer 200 with {@code operation-id} and an absolute
     * {@code Operation-Location}, as the specification's examples do; an asynchronous one answers at once
     * with {@code Running} (or its outcome if it has finished by then), and is polled at that location.
     */
    void execute(Exchange ex, SessionPoolServiceVersion version, String identifier) throws IOException {
        ExecutionRequest request = ExecutionRequest.parse(ex.jsonBody(), version, config.maxTimeoutSeconds());
        Session session = sessions.getOrCreate(identifier);
        String operationId = ex.header("operation-id");
        Execution execution = new Execution(operationId != null && !operationId.isBlank() ? operationId : UUID.randomUUID().toString(),
                request.asynchronous(), request.jupyterFormat(), request.isCommand());
        session.remember(execution);
        ex.setHeader("operation-id", execution.id);
        ex.setHeader("Operation-Location", ex.baseUrl() + "/executions/" + URLEncoder.encode(execution.id, StandardCharsets.UTF_8)
                + "?api-version=" + version.getVersion() + "&identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
        if (request.asynchronous()) {
            asyncRunner.execute(() -> run(session, request, execution));
        } else {
            run(session, request, execution);
        }
        ex.sendJson(200, resource(execution, identifier));
    }

    /** A poll; on an identifier with no session it is an unknown execution, as in a new, empty session. */
    void get(Exchange ex, String identifier, String executionId) throws IOException {
        Execution execution = sessions.find(identifier).map(s -> s.execution(executionId)).orElse(null);
        if (execution == null) {
            throw ApiException.notFound("ExecutionNotFound", "No execution available for operation Id: " + executionId);
        }
        ex.sendJson(200, resource(execution, identifier));
    }

    /** Runs a request in its session, recording the outcome on the execution. */
    void run(Session session, ExecutionRequest request, Execution execution) {
        try {
            execution.complete(session.execute(request::runIn, () -> sessions.restartKernel(session)));
        } catch (RuntimeException e) {
            execution.fail("The session's sandbox could not run the code: " + e.getMessage());
        } finally {
            // The cooldown counts from the end of the last execution, not its start: a long one is activity.
            sessions.touch(session);
        }
    }

    static ApiException sessionNotFound(String identifier) {
        return ApiException.badRequest(PoolErrorCode.SESSION_NOT_FOUND, "No session with identifier '" + identifier
                + "' exists: it was never created or expired after its cooldown (files and variables are gone). "
                + "Run code or upload a file to start a new one.");
    }

    /** The {@code SessionCodeExecutionResource} of an execution, as the service returns it. */
    static ObjectNode resource(Execution execution, String identifier) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("id", execution.id);
        node.put("identifier", identifier);
        node.put("executionType", execution.asynchronous ? "Asynchronous" : "Synchronous");
        KernelReply reply = execution.reply();
        if (execution.failure() != null) {
            node.put("status", "Failed");
            node.putObject("error").put("code", "SessionUnavailable").put("message", execution.failure());
            return node;
        }
        if (reply == null) {
            node.put("status", "Running");
            return node;
        }
        if (execution.command) {
            // A Shell pool's answer: the exit code as the status, and no executionResult.
            node.put("status", reply.exitCode() == null ? "Failed" : Integer.toString(reply.exitCode()));
        } else {
            node.put("status", reply.outcome() == KernelReply.Outcome.SUCCEEDED ? "Succeeded" : "Failed");
        }
        ObjectNode result = node.putObject("result");
        result.put("stdout", reply.stdout());
        result.put("stderr", reply.stderr());
        if (!execution.command) {
            result.set("executionResult", executionResult(reply, execution.jupyterFormat));
        }
        result.put("executionTimeInMilliseconds", reply.durationMs());
        if (reply.outcome() != KernelReply.Outcome.SUCCEEDED) {
            node.putObject("error").put("code", errorCode(reply.outcome())).put("message", errorMessage(reply));
        }
        return node;
    }

    /** "" when there is nothing to show, null for a value of None, else the value as text (repr() in Jupyter format). */
    private static JsonNode executionResult(KernelReply reply, boolean jupyterFormat) {
        var nodes = Exchange.JSON.getNodeFactory();
        if (!reply.hasResult()) {
            return nodes.textNode("");
        }
        if (reply.result() == null) {
            return nodes.nullNode();
        }
        return nodes.textNode(jupyterFormat ? reply.resultRepr() : reply.result());
    }

    static String errorCode(KernelReply.Outcome outcome) {
        return switch (outcome) {
            case TIMED_OUT -> PoolErrorCode.EXECUTION_TIMEOUT.code();
            case TIMED_OUT_KERNEL_RESTARTED -> PoolErrorCode.EXECUTION_TIMEOUT_KERNEL_RESTARTED.code();
            case KERNEL_DIED -> PoolErrorCode.KERNEL_RESTARTED.code();
            default -> PoolErrorCode.EXECUTION_FAILED.code();
        };
    }

    static String errorMessage(KernelReply reply) {
        return reply.errorType() != null && reply.outcome() == KernelReply.Outcome.FAILED
                ? reply.errorType() + ": " + reply.errorMessage()
                : reply.errorMessage();
    }

    @Override
    public void close() {
        asyncRunner.shutdownNow();
    }
}
