package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.KernelReply;
import com.codeinterpreter.sessions.PoolErrorCode;
import com.codeinterpreter.sessions.SessionPoolServiceVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code POST /executions} and {@code GET /executions/{id}}: the current api-versions' code execution. */
final class ExecutionRoutes implements AutoCloseable {
    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    static final int DEFAULT_OUTPUT_LENGTH = 4096;
    private static final int MAX_OUTPUT_LENGTH = 1 << 20;

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

    /** What a caller asked to run, validated. */
    record Request(String code, boolean asynchronous, int timeoutSeconds, int maxOutput, boolean jupyterFormat) {
    }

    void execute(Exchange ex, SessionPoolServiceVersion version, String identifier) throws IOException {
        Request request = parse(ex.jsonBody(), version);
        Session session = sessions.getOrCreate(identifier);
        String operationId = ex.header("operation-id");
        Execution execution = new Execution(operationId != null && !operationId.isBlank() ? operationId : UUID.randomUUID().toString(),
                request.asynchronous(), request.jupyterFormat());
        session.remember(execution);
        ex.setHeader("operation-id", execution.id);
        ex.setHeader("Operation-Location", ex.baseUrl() + "/executions/" + URLEncoder.encode(execution.id, StandardCharsets.UTF_8)
                + "?api-version=" + version.getVersion() + "&identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
        if (request.asynchronous()) {
            asyncRunner.execute(() -> run(session, request, execution));
            ex.sendJson(202, resource(execution, identifier));
        } else {
            run(session, request, execution);
            ex.sendJson(200, resource(execution, identifier));
        }
    }

    void get(Exchange ex, String identifier, String executionId) throws IOException {
        Session session = sessions.find(identifier).orElseThrow(() -> sessionNotFound(identifier));
        Execution execution = session.execution(executionId);
        if (execution == null) {
            throw ApiException.notFound("ExecutionNotFound", "No execution available for operation Id: " + executionId);
        }
        ex.sendJson(200, resource(execution, identifier));
    }

    /** Runs a request in its session, recording the outcome on the execution. */
    void run(Session session, Request request, Execution execution) {
        try {
            execution.complete(session.execute(request.code(), request.timeoutSeconds(), request.maxOutput(),
                    () -> sessions.restartKernel(session)));
        } catch (RuntimeException e) {
            execution.fail("The session's sandbox could not run the code: " + e.getMessage());
        }
    }

    static ApiException sessionNotFound(String identifier) {
        return ApiException.badRequest(PoolErrorCode.SESSION_NOT_FOUND, "No session with identifier '" + identifier
                + "' exists: it was never created or expired after its cooldown (files and variables are gone). "
                + "Run code or upload a file to start a new one.");
    }

    private Request parse(ObjectNode body, SessionPoolServiceVersion version) {
        if (body.has("properties") && !body.has("code")) {
            throw ApiException.badRequest("SessionPropertiesMissing", "POST /executions with api-version " + version.getVersion()
                    + " takes a flat body {codeInputType, executionType, code, timeoutInSeconds}; remove the 'properties' wrapper "
                    + "(that shape belongs to POST /code/execute with api-version 2024-02-02-preview).");
        }
        if (body.has("shellCommand") || body.has("execCommandAndArgs")) {
            throw ApiException.badRequest("InvalidRequestBody", "This is a Python code-interpreter pool: shellCommand and "
                    + "execCommandAndArgs are for Shell pools. Send Python in 'code' (run shell commands through subprocess).");
        }
        String inputType = text(body, "codeInputType", "Inline");
        String code = requiredText(body, "code");
        code = switch (inputType.toLowerCase(Locale.ROOT)) {
            case "inline", "inlinetext" -> code;
            case "inlinebase64" -> decodeBase64(code);
            default -> throw ApiException.badRequest("InvalidRequestBody", "codeInputType must be Inline, InlineBase64 or InlineText, was '" + inputType + "'.");
        };
        String type = text(body, "executionType", "Synchronous");
        boolean asynchronous = switch (type.toLowerCase(Locale.ROOT)) {
            case "synchronous" -> false;
            case "asynchronous" -> true;
            default -> throw ApiException.badRequest("InvalidRequestBody", "executionType must be Synchronous or Asynchronous, was '" + type + "'.");
        };
        int timeout = integer(body, "timeoutInSeconds", DEFAULT_TIMEOUT_SECONDS, 1, config.maxTimeoutSeconds());
        int maxOutput = integer(body, "outputStreamsMaxLength", DEFAULT_OUTPUT_LENGTH, 1, MAX_OUTPUT_LENGTH);
        boolean jupyter = body.path("returnJupyterFormatExecutionResult").asBoolean(false) || body.path("returnJupyterFormat").asBoolean(false);
        return new Request(code, asynchronous, timeout, maxOutput, jupyter);
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("InvalidRequestBody", "The request body has no '" + field + "'.");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("InvalidRequestBody", "'" + field + "' must be a string.");
        }
        return node.asText();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    static int integer(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest("InvalidRequestBody", "'" + field + "' must be a whole number from " + min + " to " + max + ", was " + node + ".");
        }
        return node.asInt();
    }

    private static String decodeBase64(String code) {
        try {
            return new String(Base64.getDecoder().decode(code), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidRequestBody", "codeInputType is InlineBase64 but 'code' is not valid base64.");
        }
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
        node.put("status", reply.outcome() == KernelReply.Outcome.SUCCEEDED ? "Succeeded" : "Failed");
        ObjectNode result = node.putObject("result");
        result.put("stdout", reply.stdout());
        result.put("stderr", reply.stderr());
        if (!reply.hasResult()) {
            result.put("executionResult", "");
        } else if (reply.result() == null) {
            result.putNull("executionResult");
        } else {
            result.put("executionResult", execution.jupyterFormat ? reply.resultRepr() : reply.result());
        }
        result.put("executionTimeInMilliseconds", reply.durationMs());
        if (reply.outcome() != KernelReply.Outcome.SUCCEEDED) {
            node.putObject("error").put("code", errorCode(reply.outcome())).put("message", errorMessage(reply));
        }
        return node;
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
