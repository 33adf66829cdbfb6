package com.codeinterpreter.tools;

import com.codeinterpreter.answers.SearchMatches;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionKey;

/**
 * SearchSessionFiles: lines matching a regular expression in the session's text files, as
 * {@code {path, line, text}}. GNU grep -E runs in the session (file_search.py), so patterns mean what grep's
 * do and files of any size are searched. The search is bounded by time ({@link #SEARCH_SECONDS}), not by file
 * size; an answer cut by the bound or by maxResults says so and what to do next.
 */
public final class SearchSessionFilesTool {
    public static final int DEFAULT_MAX_RESULTS = 100;
    public static final int MAX_RESULTS = 1000;
    public static final int MAX_PATTERN_CHARS = 1000;
    public static final int MAX_GLOB_CHARS = 255;
    /** The search's time bound: well inside the file operation's own timeout, so a cut search still answers. */
    public static final int SEARCH_SECONDS = 40;

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
        var found = files.query(key, new HelperRequest.SearchFiles(request, SEARCH_SECONDS), HelperReply.FilesSearched.class);
        HelperReply.FilesSearched reply = found.reply();
        return new SearchMatches(reply.matches(), reply.filesSearched(), reply.truncated(), reply.skipped(), reply.filesSkipped(),
                reply.timedOut(), reply.stoppedIn(), reply.stoppedAtByte(), reply.patternWarning(), next(request, reply), found.session());
    }

    private static String next(Request request, HelperReply.FilesSearched reply) {
        if (reply.timedOut()) {
            String where = reply.stoppedIn() == null ? "" : ", in " + reply.stoppedIn() + " after " + reply.stoppedAtByte() + " bytes";
            return "The search stopped at its " + SEARCH_SECONDS + "-second bound after searching " + reply.filesSearched()
                    + " files" + where + "; the files after it were not searched. Search the rest with a narrower path or glob, "
                    + "or run grep -rnE with RunShellCommand, whose timeoutSeconds can be longer.";
        }
        if (reply.truncated()) {
            return "More lines match than maxResults (" + request.maxResults() + "): raise maxResults (up to " + MAX_RESULTS
                    + ") or narrow the pattern, path or glob.";
        }
        return null;
    }
}
