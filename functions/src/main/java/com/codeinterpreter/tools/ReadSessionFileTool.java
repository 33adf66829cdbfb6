package com.codeinterpreter.tools;

import com.codeinterpreter.answers.FileText;
import com.codeinterpreter.identity.SessionKey;

/** ReadSessionFile: a text file's lines as {@code content}, with its size and whether more lines remain. */
public final class ReadSessionFileTool {
    public static final int DEFAULT_START_LINE = 1;
    public static final int DEFAULT_MAX_LINES = 2000;
    public static final int MAX_LINES = 20_000;
    /** Characters returned at most in one call, whatever maxLines says: keeps answers within what an agent can take in. */
    public static final int MAX_CHARS = 200_000;

    /** A request, bound from the catalog (which checks its limits); {@code path} is absolute inside /mnt/data. */
    public record Request(String path, int startLine, int maxLines) implements ToolRequest {
    }

    private final FileQueries files;

    ReadSessionFileTool(FileQueries files) {
        this.files = files;
    }

    public FileText run(SessionKey key, Request request) {
        var read = files.query(key, new HelperRequest.ReadFile(request.path(), request.startLine(), request.maxLines(),
                MAX_CHARS), HelperReply.FileRead.class);
        HelperReply.FileRead text = read.reply();
        String next = !text.truncated() ? null : "More lines follow: call ReadSessionFile again with startLine " + (text.endLine() + 1)
                + ", or fetch the whole file with GetSessionFile.";
        return new FileText(text.path(), text.content(), text.startLine(), text.endLine(), text.lineCount(), text.totalLines(),
                text.size(), text.truncated(), next, read.session());
    }
}
