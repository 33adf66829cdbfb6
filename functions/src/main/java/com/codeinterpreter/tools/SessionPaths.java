package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Paths the caller names, confined to /mnt/data: relative paths are taken from /mnt/data, absolute ones
 * must be inside it, and nothing may climb out with {@code ..}. Symbolic links inside the session are
 * checked where the path is used (the helper and the pool), since only the session knows them.
 */
public final class SessionPaths {
    public static final String ROOT = "/mnt/data";
    public static final int MAX_PATH = 1024;
    /** Linux's limit on one name, which counts bytes: 255 ASCII letters, but only 127 two-byte ones like 'é'. */
    public static final int MAX_NAME_BYTES = 255;

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
        checkCharacters(field, path);
        if (path.codePointCount(0, path.length()) > MAX_PATH) {
            throw ToolException.invalid("'" + field + "' is " + path.codePointCount(0, path.length()) + " characters; paths are limited to "
                    + MAX_PATH + ".");
        }
        Path root = Path.of(ROOT);
        Path resolved = root.resolve(path.strip()).normalize();
        if (!resolved.startsWith(root)) {
            throw ToolException.invalid("'" + field + "' (" + path + ") is outside /mnt/data. Files live in /mnt/data: use a path "
                    + "relative to it, or an absolute path inside it.");
        }
        for (Path part : root.relativize(resolved)) {
            int bytes = part.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                throw ToolException.invalid("'" + field + "' has a name of " + bytes + " bytes (UTF-8); names are limited to "
                        + MAX_NAME_BYTES + " bytes.");
            }
        }
        return resolved.toString();
    }

    /** As {@link #resolve}, for a file to write: a path that names a folder (ends in '/', '/.' or '/..') is refused. */
    public static String resolveFile(String field, String path) {
        String resolved = resolve(field, path);
        String stripped = path.strip();
        if (stripped.endsWith("/") || stripped.endsWith("/.") || stripped.endsWith("/..") || stripped.equals(".") || stripped.equals("..")) {
            throw ToolException.invalid("'" + field + "' (" + path + ") names a folder; it must name the file to write, for example "
                    + (resolved.equals(ROOT) ? "" : relative(resolved) + "/") + "data.csv.");
        }
        return resolved;
    }

    /** A path inside /mnt/data as the files API names it: relative to /mnt/data, without a leading slash. */
    static String relative(String path) {
        return path.startsWith(ROOT + "/") ? path.substring(ROOT.length() + 1) : path.replaceFirst("^/+", "");
    }

    /** A download file name: one plain name, no folders. */
    public static String fileName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ToolException.invalid("'" + field + "' is empty: give a file name such as report.pdf.");
        }
        String stripped = name.strip();
        checkCharacters(field, stripped);
        if (stripped.contains("/") || stripped.contains("\\") || stripped.equals(".") || stripped.equals("..")
                || stripped.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw ToolException.invalid("'" + field + "' must be a plain file name of at most " + MAX_NAME_BYTES
                    + " bytes, without folders (for example daily_summary.pdf); was '" + name + "'.");
        }
        return stripped;
    }

    /**
     * Refuses characters that make a name mean or show something else: control characters (C0, DEL and
     * C1), which end up in headers, logs and markdown; half of a surrogate pair, which is no character at
     * all and cannot be a Linux name; and the bidirectional embedding, override and isolate controls, which
     * make "evil" U+202E "txt.exe" display as "evilexe.txt". Other Unicode (emoji, right-to-left scripts) is fine.
     */
    private static void checkCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String problem = null;
            if (Character.isISOControl(c)) {
                problem = "a control character";
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problem = "half of a surrogate pair (not a character)";
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                problem = "a bidirectional text control";
            }
            if (problem != null) {
                throw ToolException.invalid("'" + field + "' contains " + problem + " (U+" + String.format("%04X", (int) c) + ") at "
                        + "position " + i + "; use a plain file path.");
            }
        }
    }
}
