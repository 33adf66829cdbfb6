package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.KernelReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.UUID;

/**
 * The 2024-02-02-preview API that most clients in the wild still use: {@code POST /code/execute} with a
 * {@code properties} wrapper and Success/Failure, and its files routes with {@code $id}-numbered bodies.
 */
final class LegacyRoutes {
    private final ExecutionRoutes executions;
    private final FileRoutes files;
    private final SessionRegistry sessions;

    LegacyRoutes(ExecutionRoutes executions, FileRoutes files, SessionRegistry sessions) {
        this.executions = executions;
        this.files = files;
        this.sessions = sessions;
    }

    void execute(Exchange ex, String identifier) throws IOException {
        JsonNode properties = ex.jsonBody().get("properties");
        if (properties == null || !properties.isObject()) {
            throw ApiException.badRequest("SessionPropertiesMissing", "POST /code/execute takes {\"properties\": {\"codeInputType\": "
                    + "\"inline\", \"executionType\": \"synchronous\", \"code\": \"...\"}}; the body has no 'properties' object.");
        }
        String code = ExecutionRequest.requiredText(properties, "code", " inside 'properties'");
        String type = properties.path("executionType").asText("synchronous").toLowerCase(Locale.ROOT);
        if (!type.equals("synchronous")) {
            throw ApiException.badRequest("InvalidRequestBody", "api-version 2024-02-02-preview runs code synchronously only; "
                    + "use POST /executions with 2025-10-02-preview for asynchronous execution.");
        }
        int timeout = ExecutionRequest.integer(properties, "timeoutInSeconds", ExecutionRequest.DEFAULT_TIMEOUT_SECONDS, 1, 3600);
        Session session = sessions.getOrCreate(identifier);
        Execution execution = new Execution(UUID.randomUUID().toString(), false, false, false);
        executions.run(session, ExecutionRequest.legacy(code, timeout), execution);
        ObjectNode body = Exchange.JSON.createObjectNode().put("$id", "1");
        ObjectNode props = body.putObject("properties").put("$id", "2");
        KernelReply reply = execution.reply();
        if (reply == null) {
            props.put("status", "Failure").put("stdout", "").put("stderr", execution.failure()).putNull("result");
            props.put("executionTimeInMilliseconds", 0);
        } else {
            props.put("status", reply.outcome() == KernelReply.Outcome.SUCCEEDED ? "Success" : "Failure");
            props.put("stdout", reply.stdout());
            String stderr = reply.stderr();
            if (reply.outcome() != KernelReply.Outcome.SUCCEEDED && reply.outcome() != KernelReply.Outcome.FAILED) {
                stderr = stderr + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + ExecutionRoutes.errorMessage(reply);
            }
            props.put("stderr", stderr);
            JsonNode typed = reply.resultJson();
            if (reply.figurePng() != null && (!reply.hasResult() || reply.result() == null)) {
                // What the service's Jupyter kernel gives for a shown figure, and what LangChain and LlamaIndex read.
                props.putObject("result").put("type", "image").put("format", "png").put("base64_data", reply.figurePng());
            } else if (typed != null && !typed.isNull() && !typed.isMissingNode()) {
                props.set("result", typed);
            } else if (reply.result() != null) {
                props.put("result", reply.result());
            } else {
                props.putNull("result");
            }
            props.put("executionTimeInMilliseconds", reply.durationMs());
        }
        ex.sendJson(200, body);
    }

    void upload(Exchange ex, String identifier) throws IOException {
        Session session = sessions.getOrCreate(identifier);
        FileRoutes.Stored stored = files.store(ex, session, ex.query("path"));
        ObjectNode body = Exchange.JSON.createObjectNode().put("$id", "1");
        ArrayNode value = body.putArray("value");
        value.add(entry(stored.file(), 2));
        ex.sendJson(200, body);
    }

    void list(Exchange ex, String identifier) throws IOException {
        Session session = files.session(identifier);
        Path dir = SessionFiles.directory(session, ex.query("path"));
        ObjectNode body = Exchange.JSON.createObjectNode().put("$id", "1");
        ArrayNode value = body.putArray("value");
        int id = 2;
        for (Path entry : SessionFiles.list(dir, false)) {
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                value.add(entry(entry, id));
                id += 2;
            }
        }
        ex.sendJson(200, body);
    }

    void content(Exchange ex, String identifier, String name) throws IOException {
        Session session = files.session(identifier);
        ex.sendFile(FileRoutes.openContent(session, ex.query("path"), name), "application/octet-stream");
    }

    private static ObjectNode entry(Path file, int id) {
        BasicFileAttributes attrs = SessionFiles.attributes(file);
        ObjectNode node = Exchange.JSON.createObjectNode().put("$id", Integer.toString(id));
        node.putObject("properties")
                .put("$id", Integer.toString(id + 1))
                .put("filename", file.getFileName().toString())
                .put("size", attrs.size())
                .put("lastModifiedTime", Timestamps.format(attrs.lastModifiedTime().toInstant()));
        return node;
    }
}
