package com.codeinterpreter.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a tool, as callers see it: its name, JSON type, whether it is required, what it means,
 * its default and its limits. Limits are documentation for callers; the tools' request records enforce
 * them (the catalog refers to the same constants, and a test checks the two agree).
 *
 * @param defaultValue what the tool uses when the parameter is absent, or null when there is no default
 * @param minimum      the smallest integer accepted, or null
 * @param maximum      the largest integer accepted, or null
 * @param maxLength    the longest string accepted, in characters, or null
 */
public record ToolParameter(String name, JsonType type, boolean required, String description, Object defaultValue,
                            Integer minimum, Integer maximum, Integer maxLength) {

    public ToolParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if ((minimum != null || maximum != null) && type != JsonType.INTEGER) {
            throw new IllegalArgumentException(name + ": minimum and maximum apply to integers only");
        }
        if (maxLength != null && type != JsonType.STRING) {
            throw new IllegalArgumentException(name + ": maxLength applies to strings only");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required parameter has no default");
        }
    }

    public static ToolParameter string(String name, String description) {
        return new ToolParameter(name, JsonType.STRING, false, description, null, null, null, null);
    }

    public static ToolParameter integer(String name, String description) {
        return new ToolParameter(name, JsonType.INTEGER, false, description, null, null, null, null);
    }

    public static ToolParameter bool(String name, String description) {
        return new ToolParameter(name, JsonType.BOOLEAN, false, description, null, null, null, null);
    }

    public ToolParameter asRequired() {
        return new ToolParameter(name, type, true, description, defaultValue, minimum, maximum, maxLength);
    }

    public ToolParameter withDefault(Object value) {
        return new ToolParameter(name, type, required, description, value, minimum, maximum, maxLength);
    }

    public ToolParameter range(int min, int max) {
        return new ToolParameter(name, type, required, description, defaultValue, min, max, maxLength);
    }

    public ToolParameter atLeast(int min) {
        return new ToolParameter(name, type, required, description, defaultValue, min, maximum, maxLength);
    }

    public ToolParameter maxLength(int chars) {
        return new ToolParameter(name, type, required, description, defaultValue, minimum, maximum, chars);
    }

    /**
     * The description with the default and limits spelled out, e.g. {@code Execution timeout in seconds
     * (default: 120, minimum: 1, maximum: 900)}: MCP tool properties carry a type and a description only,
     * so this is where an agent learns them.
     */
    public String fullDescription() {
        List<String> notes = new ArrayList<>();
        if (defaultValue != null) {
            notes.add("default: " + defaultValue);
        }
        if (minimum != null) {
            notes.add("minimum: " + minimum);
        }
        if (maximum != null) {
            notes.add("maximum: " + maximum);
        }
        if (maxLength != null) {
            notes.add("at most " + maxLength + " characters");
        }
        return notes.isEmpty() ? description : description + " (" + String.join(", ", notes) + ")";
    }
}
