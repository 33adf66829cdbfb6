package com.codeinterpreter.functions;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.catalog.FieldValues;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool's JSON request body with typed, validated access to its fields. Every mistake becomes a 400
 * whose message names the field, what it must be, and what was sent.
 */
final class ToolArguments {
    /**
     * Times as ISO-8601 text, as the contract's lastModified and expiresAt fields are: the answers' only
     * java.time values are Instants, whose toString is ISO-8601 (what Jackson's JavaTimeModule writes too, but
     * that module loads ~75 classes on a cold worker's first call). A body must be exactly one JSON object
     * without repeated keys: with {@code {"path":"a","path":"/etc/x"}} or a second object after the first, what
     * one reader checks and what another uses could differ.
     */
    static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectNode body;

    private ToolArguments(ObjectNode body) {
        this.body = body;
    }

    /**
     * Parses the body and rejects fields the tool does not take (a misspelt "timeout" would otherwise
     * be silently ignored).
     */
    static ToolArguments parse(byte[] bytes, String tool, Set<String> fields) {
        if (bytes == null || bytes.length == 0) {
            throw ToolException.invalid("The request has no body. Send a JSON object, for example {" + example(fields) + "}.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw beyondLimit(e, tool);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ToolException.invalid("The request body is not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ").");
        } catch (IOException e) {
            throw ToolException.invalid("The request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ToolException.invalid("The request body must be a JSON object, for example {" + example(fields) + "}.");
        }
        return of((ObjectNode) node, tool, fields);
    }

    /** As {@link #parse}, for arguments that are already JSON (an MCP tool call's). */
    static ToolArguments of(ObjectNode node, String tool, Set<String> fields) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ToolException.invalid(tool + " does not take " + String.join(", ", unknown) + ". Its parameters are: "
                    + String.join(", ", new TreeSet<>(fields)) + ".");
        }
        return new ToolArguments(node);
    }

    /** Which of the JSON reader's limits a body passed, said without the parser's own words: a string too long is a 413. */
    private static ToolException beyondLimit(StreamConstraintsException e, String tool) {
        String message = limitMessage(e, tool);
        return message.startsWith("A string") ? new ToolException(413, "BodyTooLarge", message) : ToolException.invalid(message);
    }

    private static String limitMessage(StreamConstraintsException e, String tool) {
        String what = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (what.contains("string")) {
            String message = "A string in the request body is longer than " + String.format("%,d", MAX_STRING_CHARS)
                    + " characters, the most one JSON field can hold.";
            return tool.equals("UploadFileToSession")
                    ? message + " A JSON upload's content or contentBase64 is limited to that (about 20 MB of text, or 15 MB of "
                    + "bytes as base64). Send a larger file as raw bytes instead: POST /api/UploadFileToSession?path=<path>&"
                    + "sessionId=<sessionId> with Content-Type: application/octet-stream and the file as the body (up to 100 MB)."
                    : message + " Put large data in a file with UploadFileToSession (raw bytes, up to 100 MB) and read it from there.";
        }
        if (what.contains("nesting") || what.contains("depth")) {
            return "The request body nests objects or arrays deeper than 1,000 levels; send a flatter body.";
        }
        if (what.contains("number")) {
            return "A number in the request body is longer than 1,000 digits; send it as a string.";
        }
        return "The request body is too large to read; send a smaller one.";
    }

    /** The JSON reader's longest string (Jackson's default maximum). */
    static final int MAX_STRING_CHARS = 20_000_000;

    private static String example(Set<String> fields) {
        return fields.stream().sorted().limit(2).map(f -> "\"" + f + "\": ...").reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The body's fields, for binding to the tool's request ({@code RequestBinder}). */
    ObjectNode fields() {
        return body;
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw ToolException.invalid("'" + field + "' is required.");
        }
        return value;
    }

    String optionalString(String field) {
        return FieldValues.string(body.get(field), field);
    }
}
