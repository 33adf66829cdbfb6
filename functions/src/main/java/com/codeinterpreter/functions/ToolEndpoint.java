package com.codeinterpreter.functions;

import com.codeinterpreter.sessions.SessionPoolException;
import com.codeinterpreter.tools.Accepted;
import com.codeinterpreter.tools.SessionKey;
import com.codeinterpreter.tools.ToolException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

/**
 * The one place that turns an HTTP request into a tool call and its outcome, or its failure, into an
 * HTTP response: 200 with the result (the user's code failing is a result too), 202 for a long call,
 * 4xx for a bad request with a message that says how to fix it, 502/503 when the session pool failed.
 */
final class ToolEndpoint {
    /** Every tool takes these besides its own parameters. */
    static final Set<String> COMMON_FIELDS = Set.of("sessionId");

    private ToolEndpoint() {
    }

    /** A tool call on a parsed body. */
    @FunctionalInterface
    interface Call {
        Object run(RequestBody body, SessionKey session);
    }

    static HttpResponseMessage handle(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context, String tool,
                                      Set<String> fields, Call call) {
        return respond(request, context, tool, () -> {
            Set<String> all = new HashSet<>(fields);
            all.addAll(COMMON_FIELDS);
            RequestBody body = RequestBody.parse(request.getBody().orElse(null), tool, all);
            SessionKey session = new SessionKey(Caller.of(request.getHeaders(), App.settings()), body.optionalString("sessionId"));
            return call.run(body, session);
        });
    }

    /** Runs {@code work} and maps its outcome or its exception to the response. */
    static HttpResponseMessage respond(HttpRequestMessage<?> request, ExecutionContext context, String tool, java.util.function.Supplier<Object> work) {
        try {
            Object result = work.get();
            if (result instanceof Accepted accepted) {
                return accepted(request, accepted);
            }
            return json(request, com.microsoft.azure.functions.HttpStatus.OK, RequestBody.JSON.valueToTree(result));
        } catch (ToolException e) {
            return error(request, HttpStatusType.custom(e.status()), e.code(), e.getMessage());
        } catch (SessionPoolException e) {
            context.getLogger().log(Level.WARNING, tool + ": session pool failed: " + e.code() + " " + e.getMessage());
            int status = e.retryable() ? 503 : 502;
            String hint = e.retryable() ? " This is temporary: retry the call in a few seconds."
                    : e.status() >= 500 ? " The pool failed while handling the call, so code may have run in part: check the session "
                    + "(ListSessionFiles, or a quick ExecutePythonCode) before repeating it."
                    : " Check the app's session pool settings.";
            return error(request, HttpStatusType.custom(status), e.code(), "The session pool could not complete the call: " + e.getMessage() + hint);
        } catch (IllegalStateException e) {
            context.getLogger().log(Level.SEVERE, tool + ": " + e.getMessage(), e);
            return error(request, HttpStatusType.custom(500), "Misconfigured", e.getMessage());
        } catch (RuntimeException e) {
            context.getLogger().log(Level.SEVERE, tool + " failed", e);
            return error(request, HttpStatusType.custom(500), "InternalError", "The call failed unexpectedly (invocation "
                    + context.getInvocationId() + "). Retry; if it persists, report the invocation id.");
        }
    }

    private static HttpResponseMessage accepted(HttpRequestMessage<?> request, Accepted accepted) {
        String session = Optional.ofNullable(sessionIdOf(request)).orElse(null);
        String statusUrl = baseUrl(request) + "/api/GetExecutionResult?executionId=" + encode(accepted.executionId())
                + (session == null ? "" : "&sessionId=" + encode(session));
        ObjectNode body = RequestBody.JSON.valueToTree(accepted);
        body.put("statusUrl", statusUrl);
        return request.createResponseBuilder(com.microsoft.azure.functions.HttpStatus.ACCEPTED)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Location", statusUrl)
                .header("Retry-After", "5")
                .body(body.toString()).build();
    }

    private static String sessionIdOf(HttpRequestMessage<?> request) {
        String fromQuery = request.getQueryParameters().get("sessionId");
        if (fromQuery != null) {
            return fromQuery;
        }
        Object body = request.getBody() instanceof Optional<?> o ? o.orElse(null) : null;
        if (body instanceof byte[] bytes && bytes.length > 0) {
            try {
                return RequestBody.JSON.readTree(bytes).path("sessionId").asText(null);
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String baseUrl(HttpRequestMessage<?> request) {
        var uri = request.getUri();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatusType status, Object body) {
        String text;
        try {
            text = RequestBody.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return request.createResponseBuilder(status).header("Content-Type", "application/json; charset=utf-8").body(text).build();
    }

    static HttpResponseMessage error(HttpRequestMessage<?> request, HttpStatusType status, String code, String message) {
        ObjectNode body = RequestBody.JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        HttpRequestMessage<?> r = request;
        var builder = r.createResponseBuilder(status).header("Content-Type", "application/json; charset=utf-8");
        if (status.value() == 503) {
            builder.header("Retry-After", "5");
        }
        return builder.body(body.toString()).build();
    }
}
