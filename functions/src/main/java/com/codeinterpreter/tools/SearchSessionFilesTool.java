package com.codeinterpreter.tools;

import com.codeinterpreter.answers.SearchMatches;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionKey;

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

    /** A request, bound from the catalog (which checks its limits); {@code path} is absolute inside /mnt/data. */
    public record Request(String pattern, String path, String glob, boolean ignoreCase, int maxResults) implements ToolRequest {
        public Request {
            if (pattern == null || pattern.isEmpty()) {
                throw ToolException.invalid("'pattern' is required: a grep-style regular expression such as \"ERROR|FATAL\".");
            }
            if (glob != null && glob.chars().anyMatch(c -> c < 0x20)) {
                throw ToolException.invalid("'glob' must be a file name pattern such as *.log, at most " + MAX_GLOB_CHARS + " characters.");
            }
        }
    }

    private final FileQueries files;

    SearchSessionFilesTool(FileQueries files) {
        this.files = files;
    }

    public SearchMatches run(SessionKey key, Request request) {
        var found = files.query(key, new HelperRequest.SearchFiles(request.pattern(), request.path(), request.glob(),
                request.ignoreCase(), request.maxResults()), HelperReply.FilesSearched.class);
        HelperReply.FilesSearched reply = found.reply();
        return new SearchMatches(reply.matches(), reply.filesSearched(), reply.truncated(), found.session());
    }
}
