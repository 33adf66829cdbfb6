package com.codeinterpreter.tools;

import java.nio.file.Path;

/**
 * Paths the caller names, confined to /mnt/data: relative paths are taken from /mnt/data, absolute ones
 * must be inside it, and nothing may climb out with {@code ..}.
 */
public final class SessionPaths {
    public static final String ROOT = "/mnt/data";
    public static final int MAX_PATH = 1024;
    public static final int MAX_NAME = 255;

    private SessionPaths() {
    }

    /**
     * The absolute, normalised path inside /mnt/data.
     *
     * @param field the request field, named in the error message
     */
    public static String resolve(String field, String path) {
        if (path == null || path.isBlank()) {
            throw ToolException.invalid("'" + field + "' is empty: give a path relative to /mnt/data (for example data/report.csv) "
                    + "or an absolute path inside /mnt/data.");
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                throw ToolException.invalid("'" + field + "' contains a control character (code " + (int) path.charAt(i)
                        + "); use a plain file path.");
            }
        }
        if (path.length() > MAX_PATH) {
            throw ToolException.invalid("'" + field + "' is " + path.length() + " characters; paths are limited to " + MAX_PATH + ".");
        }
        Path root = Path.of(ROOT);
        Path resolved = root.resolve(path.strip()).normalize();
        if (!resolved.startsWith(root)) {
            throw ToolException.invalid("'" + field + "' (" + path + ") is outside /mnt/data. Files live in /mnt/data: use a path "
                    + "relative to it, or an absolute path inside it.");
        }
        for (Path part : root.relativize(resolved)) {
            if (part.toString().length() > MAX_NAME) {
                throw ToolException.invalid("'" + field + "' has a name of " + part.toString().length() + " characters; names are limited to "
                        + MAX_NAME + ".");
            }
        }
        return resolved.toString();
    }

    /** Like {@link #resolve}, but absent means /mnt/data itself. */
    public static String resolveOrRoot(String field, String path) {
        return path == null || path.isBlank() ? ROOT : resolve(field, path);
    }

    /** A download file name: one plain name, no folders. */
    public static String fileName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ToolException.invalid("'" + field + "' is empty: give a file name such as report.pdf.");
        }
        String stripped = name.strip();
        if (stripped.contains("/") || stripped.contains("\\") || stripped.equals(".") || stripped.equals("..")
                || stripped.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || stripped.length() > MAX_NAME) {
            throw ToolException.invalid("'" + field + "' must be a plain file name of at most " + MAX_NAME
                    + " characters, without folders or control characters (for example daily_summary.pdf); was '" + name + "'.");
        }
        return stripped;
    }
}
