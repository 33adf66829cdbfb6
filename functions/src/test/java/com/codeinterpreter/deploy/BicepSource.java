package com.codeinterpreter.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough of a Bicep reader for the deployment tests: resource declarations, their bodies, and the
 * elements of an array property.
 *
 * <p>It does not parse Bicep (the tree-sitter check does that); it matches brackets while skipping
 * comments and strings, including {@code ${...}} interpolations, so a brace inside a string cannot end a
 * block early.
 */
final class BicepSource {

    /** One {@code resource} declaration; {@code body} is the text between its outermost braces. */
    record Resource(Path file, String symbol, String type, boolean existing, String body) {
        boolean isOfType(String typeWithoutVersion) {
            return type.startsWith(typeWithoutVersion + "@") || type.equals(typeWithoutVersion);
        }
    }

    private static final Pattern RESOURCE =
            Pattern.compile("\\bresource\\s+(\\w+)\\s+'([^']+)'\\s*(existing\\s*)?=");

    private BicepSource() {
    }

    /**
     * The repository root: the nearest directory up from the working directory that holds azure.yaml.
     * Maven runs the tests in functions/, so that is normally {@code ..}.
     */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("azure.yaml")) && Files.isDirectory(d.resolve("infra"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory with azure.yaml and infra/ above " + dir);
    }

    /** Every .bicep file under infra/, sorted. */
    static List<Path> infraFiles() {
        try (Stream<Path> files = Files.walk(repoRoot().resolve("infra"))) {
            return files.filter(p -> p.toString().endsWith(".bicep")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every resource declared in the file, nested child resources included. */
    static List<Resource> resources(Path file) {
        String text = withoutComments(read(file));
        List<Resource> found = new ArrayList<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            if (insideString(text, m.start())) {
                continue;
            }
            // The body starts at the first brace after '=': past an `if (...)` condition or a `[for ...:`.
            int open = indexOfCode(text, '{', m.end());
            int close = matching(text, open);
            found.add(new Resource(file, m.group(1), m.group(2), m.group(3) != null,
                    text.substring(open + 1, close)));
        }
        return found;
    }

    /** Every resource in every infra file. */
    static List<Resource> infraResources() {
        return infraFiles().stream().flatMap(f -> resources(f).stream()).toList();
    }

    /** The text between the brackets of the first {@code name: {...}} or {@code name: [...]} in {@code body}. */
    static Optional<String> block(String body, String name) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + ":\\s*([\\[{])").matcher(body);
        while (m.find()) {
            if (!insideString(body, m.start())) {
                int open = m.start(1);
                return Optional.of(body.substring(open + 1, matching(body, open)));
            }
        }
        return Optional.empty();
    }

    /** The bodies of the objects directly inside an array's text (as returned by {@link #block}). */
    static List<String> objectsIn(String arrayBody) {
        List<String> objects = new ArrayList<>();
        int i = indexOfCode(arrayBody, '{', 0);
        while (i >= 0) {
            int close = matching(arrayBody, i);
            objects.add(arrayBody.substring(i + 1, close));
            i = indexOfCode(arrayBody, '{', close + 1);
        }
        return objects;
    }

    /**
     * The raw value text of the first {@code name: value}, e.g. {@code 'java'}, {@code true} or a call
     * expression. The value ends at the line end or at a comma or closing bracket that is not nested.
     */
    static Optional<String> value(String body, String name) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + ":[ \\t]*").matcher(body);
        while (m.find()) {
            if (!insideString(body, m.start())) {
                return Optional.of(body.substring(m.end(), endOfValue(body, m.end())).trim());
            }
        }
        return Optional.empty();
    }

    private static int endOfValue(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (depth == 0 && (c == ',' || c == '\n')) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** Replaces // and /* comments with spaces, keeping offsets and strings intact. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfString(text, i);
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                blank(out, i, end);
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int j = from; j < to; j++) {
            if (out.charAt(j) != '\n') {
                out.setCharAt(j, ' ');
            }
        }
    }

    /** Index of the bracket that closes the one at {@code open}, skipping strings. */
    static int matching(String text, int open) {
        if (open < 0) {
            throw new IllegalArgumentException("no opening bracket");
        }
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced bracket at offset " + open);
    }

    /** Index just past the string starting at {@code start} (a quote), following interpolations. */
    private static int endOfString(String text, int start) {
        if (text.startsWith("'''", start)) {
            int end = text.indexOf("'''", start + 3);
            return end < 0 ? text.length() : end + 3;
        }
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else if (text.startsWith("${", i)) {
                i = matching(text, i + 1) + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int indexOfCode(String text, char wanted, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfString(text, i);
            } else if (c == wanted) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean insideString(String text, int offset) {
        int i = 0;
        while (i < offset) {
            if (text.charAt(i) == '\'') {
                int end = endOfString(text, i);
                if (end > offset) {
                    return true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }
}
