package com.codeinterpreter.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI component schemas of what the tools answer: the main fields with what they mean. The
 * request schemas come from the catalog ({@link #request}); these answers are the tools' records and
 * the session helper's replies, and a test checks every record component appears here.
 */
final class OpenApiSchemas {
    private final ObjectMapper json;
    private final ObjectNode schemas;

    OpenApiSchemas(ObjectMapper json, ObjectNode schemas) {
        this.json = json;
        this.schemas = schemas;
    }

    /** {@code #/components/schemas/<name>}. */
    static String ref(String name) {
        return "#/components/schemas/" + name;
    }

    /** A tool's request body: its own parameters and the common ones, with their defaults and limits. */
    void request(ToolDefinition tool) {
        ObjectNode schema = object(tool.name() + "Request", "The JSON body of " + tool.name() + ".");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        for (ToolParameter p : tool.allParameters()) {
            ObjectNode property = properties.putObject(p.name()).put("type", p.type().schemaName()).put("description", p.description());
            if (p.defaultValue() != null) {
                property.set("default", json.valueToTree(p.defaultValue()));
            }
            if (p.minimum() != null) {
                property.put("minimum", p.minimum());
            }
            if (p.maximum() != null) {
                property.put("maximum", p.maximum());
            }
            if (p.maxLength() != null) {
                property.put("minLength", 1).put("maxLength", p.maxLength());
            }
        }
        if (!tool.requiredNames().isEmpty()) {
            tool.requiredNames().forEach(schema.putArray("required")::add);
        }
    }

    /** The schemas of the answers, the error and the 202. */
    void answers() {
        ObjectNode error = object("Error", "Why the call failed and how to fix it; the HTTP status tells the kind.");
        ObjectNode detail = error.putObject("properties").putObject("error").put("type", "object");
        props(detail, "code", "string", "A stable code, e.g. InvalidRequest, FileNotFound, SessionPoolUnavailable",
                "message", "string", "What was wrong and what to change");
        error.putArray("required").add("error");

        ObjectNode accepted = object("Accepted", "A long call still running: poll statusUrl (GetExecutionResult with this "
                + "executionId and the same sessionId) until it answers 200.");
        props(accepted, "status", "string", "running", "executionId", "string", "The call's id, for GetExecutionResult",
                "message", "string", "What to do next", "statusUrl", "string", "GetExecutionResult's URL for this call (HTTP only)");

        ObjectNode file = object("OutputFile", "A file the call produced, copied to Blob Storage with an expiring read-only link.");
        props(file, "name", "string", "File name", "path", "string", "Where it is in the session; absent for a captured figure",
                "size", "integer", "Bytes", "contentType", "string", "Media type", "url", "string", "Download link; absent when it "
                        + "could not be made (see linkError)", "expiresAt", "string", "When the link expires (ISO-8601)",
                "linkError", "string", "Why there is no link");

        ObjectNode execution = object("ExecutionResponse", "The report of a Python, PDF or shell call.");
        props(execution, "status", "string", "succeeded, failed or timedOut (the user's code failing is a result, not an HTTP error)",
                "stdout", "string", "Standard output, truncated beyond 20,000 characters", "stderr", "string", "Standard error "
                        + "(a traceback when the code failed)", "stdoutTruncated", "boolean", "Whether stdout was cut",
                "stderrTruncated", "boolean", "Whether stderr was cut", "result", "string", "The value of the code's trailing expression",
                "exitCode", "integer", "RunShellCommand: the command's exit code", "markdown", "string", "Images inline and other "
                        + "files as links, ready to show", "durationMs", "integer", "How long the call took",
                "executionId", "string", "The call's id", "sessionState", "string", "Absent when the call continued its "
                        + "session; else new, restarted (variables gone, files kept) or expired (idle too long: files and variables gone)", "url", "string", "GeneratePdfReport: the PDF's link",
                "fileName", "string", "GeneratePdfReport: the PDF's download name");
        ObjectNode executionProps = (ObjectNode) execution.get("properties");
        executionProps.putObject("files").put("type", "array").put("description", "Files created or changed under /mnt/data, and "
                + "captured figures").putObject("items").put("$ref", ref("OutputFile"));
        props(executionProps.putObject("error").put("type", "object").put("description", "Why the call did not succeed"),
                "type", "string", "The error's type, e.g. ZeroDivisionError", "message", "string", "The error's message");
        executionProps.putObject("notes").put("type", "array").put("description", "Anything else to know (truncation, lost state)")
                .putObject("items").put("type", "string");
        execution.putArray("required").add("status");

        fileAnswers();
    }

    private void fileAnswers() {
        props(object("FileText", "Lines of a text file."), "content", "string", "The lines read", "size", "integer", "The file's bytes",
                "startLine", "integer", "First line returned", "endLine", "integer", "Last line returned", "totalLines", "integer",
                "Lines in the file", "truncated", "boolean", "Whether more lines follow", "next", "string", "How to read on");
        ObjectNode matches = object("SearchMatches", "Matching lines.");
        props(matches, "truncated", "boolean", "Whether there were more than maxResults");
        props(((ObjectNode) matches.get("properties")).putObject("matches").put("type", "array").putObject("items").put("type", "object"),
                "path", "string", "File", "line", "integer", "Line number", "text", "string", "The line");
        ObjectNode list = object("FileList", "The files and folders found.");
        props(((ObjectNode) list.putObject("properties")).putObject("files").put("type", "array").putObject("items").put("type", "object"),
                "name", "string", "Name", "path", "string", "Absolute path in the session", "type", "string", "file or directory",
                "size", "integer", "Bytes", "lastModified", "string", "ISO-8601", "contentType", "string", "Media type (files)");
        props(object("StoredFile", "The uploaded file."), "name", "string", "File name", "path", "string", "Where it is stored",
                "size", "integer", "Bytes", "contentType", "string", "Media type", "lastModified", "string", "ISO-8601");
    }

    private ObjectNode object(String name, String description) {
        return schemas.putObject(name).put("type", "object").put("description", description);
    }

    /** Adds {@code name, type, description} triples to the schema's properties. */
    private static void props(ObjectNode schema, String... triples) {
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        for (int i = 0; i < triples.length; i += 3) {
            properties.putObject(triples[i]).put("type", triples[i + 1]).put("description", triples[i + 2]);
        }
    }
}
