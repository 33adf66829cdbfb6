package com.codeinterpreter.catalog;

import com.codeinterpreter.answers.ToolException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one field of a JSON request as the type its parameter has; a value of another type is a
 * {@link ToolException} whose message names the field, what it must be, and what was sent. Lenient only
 * where the meaning is plain: {@code "30"} and {@code 30.0} are 30, {@code "true"} is true.
 */
public final class FieldValues {
    private FieldValues() {
    }

    /** The string, or null when the field is absent or null. */
    public static String string(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ToolException.invalid("'" + field + "' must be a string, was " + kind(node) + ".");
        }
        return node.asText();
    }

    /** The whole number, or null when the field is absent or null. */
    public static Integer integer(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && node.asText().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(node.asText().strip());
        }
        if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
            throw ToolException.invalid("'" + field + "' must be a whole number, was " + kind(node) + ".");
        }
        // Not asLong(): a big integer's asLong() wraps around (2^64 + 5 would read as 5).
        if (!node.canConvertToInt()) {
            throw ToolException.invalid("'" + field + "' is out of range: " + kind(node) + ".");
        }
        return node.asInt();
    }

    /** True or false, or null when the field is absent or null. */
    public static Boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw ToolException.invalid("'" + field + "' must be true or false, was " + kind(node) + ".");
    }

    private static String kind(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
