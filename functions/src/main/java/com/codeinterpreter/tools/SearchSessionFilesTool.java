package com.codeinterpreter.tools;

import com.codeinterpreter.answers.SearchMatches;

/**
 * SearchSessionFiles: lines matching a regular expression in the session's text files, as
 * {@code {path, line, text}}. Patterns follow Python's {@code re} syntax, which accepts the usual
 * grep -E forms ({@code ERROR|WARN}, {@code ^\d+}, character classes).
 */
public final class SearchSessionFilesTool {
    public static final int DEFAULT_MAX_RESULTS = 100;
    public static final int MAX_RESULTS = 1000;
    public static final int MAX_PATTERN_CHARS = 1000;
    public static final int MAX_GLOB_CHARS = 255;

    /** A validated request; {@code path} is absolute inside /mnt/data. */
    public record Request(String pattern, String path, String glob, boolean ignoreCase, int maxResults) {
        public Request {
            if (pattern == null || pattern.isEmpty()) {
                throw ToolException.invalid("'pattern' is required: a grep-style regular expression such as \"ERROR|FATAL\".");
            }
            if (pattern.length() > MAX_PATTERN_CHARS) {
                throw ToolException.invalid("'pattern' is " + pattern.length() + " characters; the limit is " + MAX_PATTERN_CHARS + ".");
            }
            if (maxResults < 1 || maxResults > MAX_RESULTS) {
                throw ToolException.invalid("'maxResults' must be 1 to " + MAX_RESULTS + ", was " + maxResults + ".");
            }
            if (glob != null && (glob.length() > MAX_GLOB_CHARS || glob.chars().anyMatch(c -> c < 0x20))) {
                throw ToolException.invalid("'glob' must be a file name pattern such as *.log, at most " + MAX_GLOB_CHARS + " characters.");
            }
        }
    }

    private final ToolContext box;

    SearchSessionFilesTool(ToolContext box) {
        this.box = box;
    }

    public SearchMatches run(SessionKey key, Request request) {
        var found = FileQueryTools.query(box, key, new HelperRequest.SearchFiles(request.pattern(), request.path(), request.glob(),
                request.ignoreCase(), request.maxResults()), HelperReply.FilesSearched.class);
        HelperReply.FilesSearched reply = found.reply();
        return new SearchMatches(reply.matches(), reply.filesSearched(), reply.truncated(), found.session());
    }
}
