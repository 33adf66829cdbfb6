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
            // Nesting deeper than 1000, numbers longer than 1000 digits, strings over 20 M characters.
            throw ToolException.invalid("The request body exceeds a limit of the JSON parser: " + e.getOriginalMessage());
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
