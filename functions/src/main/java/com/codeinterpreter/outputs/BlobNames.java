package com.codeinterpreter.outputs;

/**
 * Builds blob names for session files that are safe to put in a URL path and cannot escape their prefix.
 *
 * <p>A name is {@code <sessionPrefix>/<executionId>/<relativePath>}. Segments made only of URL-unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) are kept as they are, so ordinary names stay readable in the
 * portal; any other character is percent-encoded as UTF-8 ({@code my file.csv} becomes
 * {@code my%20file.csv}), which keeps distinct paths distinct. Anything that could mean a different place
 * ({@code ..}, {@code .}, empty segments) or cannot be a name (control characters, broken UTF-16) is
 * rejected rather than repaired.
 */
public final class BlobNames {
    /** Azure's limit on the length of a blob name. */
    static final int MAX_LENGTH = 1024;
    /** Azure's limit on the number of '/'-separated segments in a blob name. */
    static final int MAX_SEGMENTS = 254;

    private BlobNames() {
    }

    /**
     * The blob name for a file an execution produced.
     *
     * @param sessionPrefix identifies the session (may itself contain '/')
     * @param executionId   identifies the execution within the session
     * @param relativePath  the file's path below the session's output folder, '/'-separated
     * @throws IllegalArgumentException naming the bad part, when a part is empty, has an empty, "." or ".."
     *                                  segment, contains a control character or an unpaired surrogate, or
     *                                  when the name would exceed Azure's limits
     */
    public static String forSessionFile(String sessionPrefix, String executionId, String relativePath) {
        StringBuilder name = new StringBuilder();
        int segments = appendSegments(name, "sessionPrefix", sessionPrefix)
                + appendSegments(name, "executionId", executionId)
                + appendSegments(name, "relativePath", relativePath);
        name.setLength(name.length() - 1); // the separator after the last segment
        if (segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "A blob name may have at most " + MAX_SEGMENTS + " segments, this one has " + segments);
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The blob name would be " + name.length() + " characters long; Azure allows "
                    + MAX_LENGTH + " (relativePath is too long or deeply nested)");
        }
        return name.toString();
    }

    private static int appendSegments(StringBuilder name, String part, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(part + " must not be empty");
        }
        checkCharacters(part, value);
        String[] segments = value.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(
                        part + " has an empty segment (leading, trailing or doubled '/'): " + value);
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(part + " must not contain '" + segment + "' segments: " + value);
            }
            name.append(encodeSegment(segment)).append('/');
        }
        return segments.length;
    }

    private static void checkCharacters(String part, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                // The value is not echoed: it holds a control character that could garble a log line.
                throw new IllegalArgumentException(part + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(part + " is not valid UTF-16 (unpaired surrogate at index " + i + ")");
            }
        }
    }

    private static String encodeSegment(String segment) {
        String encoded = PercentEncoding.encode(segment, BlobNames::isUnreserved);
        // Azure advises against names ending in '.', which some HTTP stacks strip from URL paths.
        return encoded.endsWith(".") ? encoded.substring(0, encoded.length() - 1) + "%2E" : encoded;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
