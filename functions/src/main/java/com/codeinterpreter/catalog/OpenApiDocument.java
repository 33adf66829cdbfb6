package com.codeinterpreter.catalog;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ToolError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OpenAPI 3.0 document of the HTTP tools, built from the catalog: one POST per tool (GetExecutionResult
 * also GET) with its request schema, its answers (200, 202 for long calls, the errors it may give), the
 * common {@code sessionId}, and the function key as the security scheme ({@code x-functions-key} header,
 * or {@code ?code=}).
 */
public final class OpenApiDocument {
    public static final String VERSION = "3.0.3";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every tool may answer these besides its own errors. */
    private static final int[] COMMON_ERRORS = {400, 401, 413, 500, 502, 503};
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "The request is invalid; the message says what to change",
            401, "The function key is missing or wrong (the Functions host answers with no body)",
            404, "Not found: the message says what is missing and how to find it",
            409, "The session was busy with another call for the whole of timeoutSeconds: the message names it (SessionBusy)",
            413, "Too large: the file, or a string in the request body (the message gives the limit)",
            415, "The file is binary: get a download link with GetSessionFile",
            500, "The call failed unexpectedly, or the app is misconfigured",
            502, "The session pool could not complete the call",
            503, "Temporarily unavailable: retry after Retry-After seconds",
            504, "The session did not answer in time (a file operation, or a call's code that could not be stopped)");
    private OpenApiDocument() {
    }

    /** @param serverUrl the app's {@code /api} base, e.g. {@code https://app.azurewebsites.net/api} */
    public static ObjectNode build(String serverUrl) {
        ObjectNode doc = JSON.createObjectNode().put("openapi", VERSION);
        doc.putObject("info").put("title", "Code interpreter tools").put("version", "1.0.0").put("description",
                "Run Python and shell commands in isolated, stateful sandbox sessions; what the code produces comes back as "
                        + "links. Calls with the same sessionId share one session. The same tools are MCP tools at "
                        + "/runtime/webhooks/mcp.");
        doc.putArray("servers").addObject().put("url", serverUrl);
        ArrayNode security = doc.putArray("security");
        security.addObject().putArray("functionKey");
        security.addObject().putArray("functionKeyQuery");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("functionKey").put("type", "apiKey").put("in", "header").put("name", "x-functions-key")
                .put("description", "A function key (or the host's default key) of the function app");
        schemes.putObject("functionKeyQuery").put("type", "apiKey").put("in", "query").put("name", "code")
                .put("description", "The same key as a query parameter");
        ObjectNode schemaNodes = components.putObject("schemas");
        OpenApiSchemas schemas = new OpenApiSchemas(JSON, schemaNodes);
        AnswerSchemas answers = new AnswerSchemas(schemaNodes);
        answers.add(ToolError.class);
        answers.add(Accepted.class);
        ((ObjectNode) schemaNodes.path("Accepted").path("properties")).putObject(Accepted.STATUS_URL).put("type", "string")
                .put("description", "GetExecutionResult's URL for this call (HTTP only)");
        ObjectNode paths = doc.putObject("paths");
        for (ToolDefinition tool : ToolCatalog.all()) {
            schemas.request(tool);
            ObjectNode path = paths.putObject("/" + tool.name());
            ObjectNode post = operation(path.putObject("post"), tool, tool.name(), answers);
            ObjectNode body = post.putObject("requestBody").put("required", true).putObject("content");
            body.putObject("application/json").putObject("schema").put("$ref", AnswerSchemas.ref(tool.name() + "Request"));
            if (tool == ToolCatalog.UPLOAD_FILE_TO_SESSION) {
                body.putObject("application/octet-stream").putObject("schema").put("type", "string").put("format", "binary");
                query(post, "path", "Raw upload: where to store the file", false);
                query(post, "sessionId", "Raw upload: the session", false);
            }
            if (tool == ToolCatalog.GET_EXECUTION_RESULT) {
                ObjectNode get = operation(path.putObject("get"), tool, tool.name() + "ByQuery", answers);
                query(get, "executionId", "The executionId a long call answered with", true);
                query(get, "sessionId", "The sessionId of that call", false);
            }
        }
        ObjectNode self = paths.putObject("/openapi.json").putObject("get").put("operationId", "OpenApi")
                .put("summary", "This document");
        self.putArray("security");
        self.putObject("responses").putObject("200").put("description", "The OpenAPI document").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        return doc;
    }

    private static ObjectNode operation(ObjectNode op, ToolDefinition tool, String operationId, AnswerSchemas answers) {
        op.put("operationId", operationId).put("summary", firstSentence(tool.description())).put("description", tool.description());
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "The result").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", answers.add(tool.answer().type()));
        if (tool.answer().mayBeAccepted()) {
            ObjectNode accepted = responses.putObject("202").put("description", "Still running (a timeoutSeconds over 185, or a "
                    + "call not finished yet): poll the Location until it answers 200");
            ObjectNode headers = accepted.putObject("headers");
            headers.putObject("Location").put("description", "GetExecutionResult's URL for this call")
                    .putObject("schema").put("type", "string");
            headers.putObject("Retry-After").put("description", "Seconds to wait before polling").putObject("schema").put("type", "integer");
            accepted.putObject("content").putObject("application/json").putObject("schema").put("$ref", AnswerSchemas.ref("Accepted"));
        }
        TreeSet<Integer> errors = new TreeSet<>(tool.errorStatuses());
        for (int status : COMMON_ERRORS) {
            errors.add(status);
        }
        for (int status : errors) {
            ObjectNode response = responses.putObject(String.valueOf(status)).put("description", ERRORS.get(status));
            if (status != 401) {
                response.putObject("content").putObject("application/json").putObject("schema").put("$ref", AnswerSchemas.ref("ToolError"));
            }
        }
        return op;
    }

    private static void query(ObjectNode op, String name, String description, boolean required) {
        ArrayNode parameters = op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
        parameters.addObject().put("name", name).put("in", "query").put("required", required).put("description", description)
                .putObject("schema").put("type", "string");
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
