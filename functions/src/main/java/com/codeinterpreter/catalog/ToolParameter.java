package com.codeinterpreter.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a tool, as callers see it and as a request is bound: its name, its kind, whether it is
 * required, what it means, its default and its limits. Binding a request checks each value against these
 * (the functions' {@code ToolRequests}), so what the catalog promises is what the tools accept.
 *
 * @param defaultValue what the tool uses when the parameter is absent, or null when there is no default
 * @param minimum      the smallest integer accepted, or null
 * @param maximum      the largest integer accepted, or null
 * @param maxLength    the longest string accepted, in characters, or null
 * @param hint         what to do instead, added to the message that refuses a value beyond the limits; or null
 */
public record ToolParameter(String name, Kind kind, boolean required, String description, Object defaultValue,
                            Integer minimum, Integer maximum, Integer maxLength, String hint) {

    /** What a parameter's value is, which says how it is read and checked. */
    public enum Kind {
        TEXT(JsonType.STRING),
        /** A path in the session: relative to /mnt/data or absolute inside it; bound as the absolute path. */
        SESSION_PATH(JsonType.STRING),
        /** A path in the session that names a file to write: as {@link #SESSION_PATH}, but never a folder (no trailing '/'). */
        SESSION_FILE(JsonType.STRING),
        /** A download file name: one plain name, no folders. */
        FILE_NAME(JsonType.STRING),
        INTEGER(JsonType.INTEGER),
        BOOLEAN(JsonType.BOOLEAN);

        private final JsonType type;

        Kind(JsonType type) {
            this.type = type;
        }

        public JsonType type() {
            return type;
        }
    }

    public ToolParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if ((minimum != null || maximum != null) && kind != Kind.INTEGER) {
            throw new IllegalArgumentException(name + ": minimum and maximum apply to integers only");
        }
        if (maxLength != null && kind.type() != JsonType.STRING) {
            throw new IllegalArgumentException(name + ": maxLength applies to strings only");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required parameter has no default");
        }
    }

    /** The JSON type: {@code string}, {@code integer} or {@code boolean}. */
    public JsonType type() {
        return kind.type();
    }

    public static ToolParameter string(String name, String description) {
        return new ToolParameter(name, Kind.TEXT, false, description, null, null, null, null, null);
    }

    public static ToolParameter sessionPath(String name, String description) {
        return new ToolParameter(name, Kind.SESSION_PATH, false, description, null, null, null, null, null);
    }

    public static ToolParameter sessionFile(String name, String description) {
        return new ToolParameter(name, Kind.SESSION_FILE, false, description, null, null, null, null, null);
    }

    public static ToolParameter fileName(String name, String description) {
        return new ToolParameter(name, Kind.FILE_NAME, false, description, null, null, null, null, null);
    }

    public static ToolParameter integer(String name, String description) {
        return new ToolParameter(name, Kind.INTEGER, false, description, null, null, null, null, null);
    }

    public static ToolParameter bool(String name, String description) {
        return new ToolParameter(name, Kind.BOOLEAN, false, description, null, null, null, null, null);
    }

    public ToolParameter asRequired() {
        return new ToolParameter(name, kind, true, description, defaultValue, minimum, maximum, maxLength, hint);
    }

    public ToolParameter withDefault(Object value) {
        return new ToolParameter(name, kind, required, description, value, minimum, maximum, maxLength, hint);
    }

    public ToolParameter range(int min, int max) {
        return new ToolParameter(name, kind, required, description, defaultValue, min, max, maxLength, hint);
    }

    public ToolParameter atLeast(int min) {
        return new ToolParameter(name, kind, required, description, defaultValue, min, maximum, maxLength, hint);
    }

    public ToolParameter maxLength(int chars) {
        return new ToolParameter(name, kind, required, description, defaultValue, minimum, maximum, chars, hint);
    }

    /** What the message refusing a value beyond the limits adds, e.g. how to split a long input. */
    public ToolParameter hint(String text) {
        return new ToolParameter(name, kind, required, description, defaultValue, minimum, maximum, maxLength, text);
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
