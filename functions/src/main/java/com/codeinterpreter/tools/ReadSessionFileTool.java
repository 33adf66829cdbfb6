package com.codeinterpreter.tools;

import com.codeinterpreter.answers.FileText;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionKey;

/**
 * ReadSessionFile: a page of a text file's lines as {@code content}, from {@code startLine} (and
 * {@code startColumn} inside it) or the last {@code tailLines} lines, with its size and how to read on.
 * Every call makes progress: a line longer than the page comes back in parts, each naming the column the
 * next starts at.
 */
public final class ReadSessionFileTool {
    public static final int DEFAULT_START_LINE = 1;
    public static final int DEFAULT_MAX_LINES = 2000;
    public static final int MAX_LINES = 20_000;
    /** Characters returned at most in one call, whatever maxLines says: keeps answers within what an agent can take in. */
    public static final int MAX_CHARS = 200_000;

    /**
     * A request, bound from the catalog (which checks its limits); {@code path} is absolute inside /mnt/data.
     * {@code startColumn} and {@code tailLines} are null when not given.
     */
    public record Request(String path, int startLine, int maxLines, Integer startColumn, Integer tailLines) implements ToolRequest {
        public Request {
            if (tailLines != null && startLine != DEFAULT_START_LINE) {
                throw ToolException.invalid("Give startLine or tailLines, not both: tailLines reads the last lines of the file, "
                        + "startLine reads on from a line.");
            }
        }
    }

    private final FileQueries files;

    ReadSessionFileTool(FileQueries files) {
        this.files = files;
    }

    public FileText run(SessionKey key, Request request) {
        var read = files.query(key, new HelperRequest.ReadFile(request, MAX_CHARS), HelperReply.FileRead.class);
        HelperReply.FileRead text = read.reply();
        return new FileText(text.path(), text.content(), text.startLine(), text.endLine(), text.lineCount(), text.totalLines(),
                text.size(), text.truncated(), text.nextColumn(), next(request, text), read.session());
    }

    /**
     * How to read on, or null when the read reached the end. Reading from the end of a file too big to count,
     * line numbers are unknown, so the next call is told in lines from the end instead.
     */
    static String next(Request request, HelperReply.FileRead text) {
        if (!text.truncated()) {
            return null;
        }
        boolean numbered = text.endLine() != null;
        if (text.nextColumn() != null) {
            String where = numbered ? "startLine " + text.endLine() : "tailLines " + (request.tailLines() - text.lineCount() + 1);
            return "The last line returned is longer than one answer holds: call ReadSessionFile again with " + where
                    + " and startColumn " + text.nextColumn() + " for the rest of it.";
        }
        String where = numbered ? "startLine " + (text.endLine() + 1) : "tailLines " + (request.tailLines() - text.lineCount());
        return "More lines follow: call ReadSessionFile again with " + where + ", or fetch the whole file with GetSessionFile.";
    }
}
