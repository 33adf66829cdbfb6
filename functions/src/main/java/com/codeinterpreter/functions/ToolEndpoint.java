package com.codeinterpreter.functions;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.calls.CallTrace;
import com.codeinterpreter.catalog.RequestBinder;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.identity.Caller;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns an HTTP request into a tool call, and its {@link ToolOutcome} into the HTTP response: the
 * outcome's status and JSON body, plus where to poll for a long call (202) and Retry-After for a 503.
 */
final class ToolEndpoint {
    private ToolEndpoint() {
    }

    /** Parses the JSON body, accepting the fields the catalog lists for the tool, binds it to the tool's request and runs it. */
    static HttpResponseMessage handle(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context, ToolDefinition tool) {
        return respond(request, context, tool.name(), () -> {
            byte[] bytes = request.getBody().orElse(null);
            if (bytes != null) {
                BodyText.requireUtf8(bytes, Caller.header(request.getHeaders(), "content-type"));
            }
            ToolArguments body = ToolArguments.parse(bytes, tool.name(), tool.acceptedFields());
            return run(tool, body, Caller.of(request.getHeaders(), App.settings()), body.optionalString("sessionId"));
        });
    }

    /**
     * As {@link #handle}, but a request without a body, or with the tool's fields in its query, is bound from
     * the query: GetExecutionResult's GET, the statusUrl a 202 gives. Other query parameters (the function key's
     * {@code code}) are not the tool's and are passed over.
     */
    static HttpResponseMessage handleBodyOrQuery(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context,
                                                 ToolDefinition tool) {
        boolean fromQuery = tool.parameters().stream().anyMatch(p -> request.getQueryParameters().containsKey(p.name()))
                || request.getBody().map(b -> b.length == 0).orElse(true);
        if (!fromQuery) {
            return handle(request, context, tool);
        }
        return respond(request, context, tool.name(), () -> {
            ObjectNode fields = ToolArguments.JSON.createObjectNode();
            tool.acceptedFields().forEach(name -> {
                String value = request.getQueryParameters().get(name);
                if (value != null) {
                    fields.put(name, value);
                }
            });
            ToolArguments body = ToolArguments.of(fields, tool.name(), tool.acceptedFields());
            return run(tool, body, Caller.of(request.getHeaders(), App.settings()), body.optionalString("sessionId"));
        });
    }

    /** What a call does with its parsed body in the caller's session. */
    @FunctionalInterface
    interface ToolCall {
        Object run(ToolArguments body, SessionKey session);
    }

    /** The call every tool makes: the body bound to the tool's request, handled by its tool. */
    static ToolCall bound(ToolDefinition tool) {
        return (body, session) -> {
            traced(session);
            if (tool == ToolCatalog.RUN_SHELL_COMMAND) {
                CallTrace.current().explanation(body.fields().path("explanation").asText(null));
            }
            return App.tools().handle(session, RequestBinder.bind(tool, body.fields()));
        };
    }

    /** Notes the call's session in its trace, by its identifier's prefix (the raw sessionId never goes in). */
    static SessionKey traced(SessionKey session) {
        CallTrace.current().session(App.sessionPrefix(session));
        return session;
    }

    private static Object run(ToolDefinition tool, ToolArguments body, String caller, String sessionId) {
        return bound(tool).run(body, new SessionKey(caller, sessionId));
    }

    /** Runs {@code work} and answers with its outcome ({@link ToolOutcome}). */
    static HttpResponseMessage respond(HttpRequestMessage<?> request, ExecutionContext context, String tool, Supplier<Object> work) {
        ToolOutcome outcome = CallRecorder.run(context, tool, CallRecorder.HTTP, work);
        if (outcome.accepted()) {
            return accepted(request, (ObjectNode) outcome.body());
        }
        var builder = request.createResponseBuilder(HttpStatusType.custom(outcome.status()))
                .header("Content-Type", "application/json; charset=utf-8");
        if (outcome.status() == 503) {
            builder.header("Retry-After", "5");
        }
        return builder.body(outcome.body().toString()).build();
    }

    /** 202 with where to poll: the body's statusUrl and the Location header. */
    private static HttpResponseMessage accepted(HttpRequestMessage<?> request, ObjectNode body) {
        String session = sessionIdOf(request);
        String statusUrl = baseUrl(request) + "/api/GetExecutionResult?executionId=" + encode(body.path("executionId").asText())
                + (session == null ? "" : "&sessionId=" + encode(session));
        body.put(Accepted.STATUS_URL, statusUrl);
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
                return ToolArguments.JSON.readTree(bytes).path("sessionId").asText(null);
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
}
