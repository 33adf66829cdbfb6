package com.codeinterpreter.tools;

import com.codeinterpreter.answers.FileText;

/** ReadSessionFile: a text file's lines as {@code content}, with its size and whether more lines remain. */
public final class ReadSessionFileTool {
    public static final int DEFAULT_START_LINE = 1;
    public static final int DEFAULT_MAX_LINES = 2000;
    public static final int MAX_LINES = 20_000;
    /** Characters returned at most in one call, whatever maxLines says: keeps answers within what an agent can take in. */
    public static final int MAX_CHARS = 200_000;

    /** A validated request; {@code path} is absolute inside /mnt/data. */
    public record Request(String path, int startLine, int maxLines) {
        public Request {
            if (startLine < 1) {
                throw ToolException.invalid("'startLine' must be 1 or more (lines are numbered from 1), was " + startLine + ".");
            }
            if (maxLines < 1 || maxLines > MAX_LINES) {
                throw ToolException.invalid("'maxLines' must be 1 to " + MAX_LINES + ", was " + maxLines + ".");
            }
        }
    }

    private final ToolContext box;

    ReadSessionFileTool(ToolContext box) {
        this.box = box;
    }

    public FileText run(SessionKey key, Request request) {
        var read = FileQueryTools.query(box, key, new HelperRequest.ReadFile(request.path(), request.startLine(), request.maxLines(),
                MAX_CHARS), HelperReply.FileRead.class);
        HelperReply.FileRead text = read.reply();
        String next = !text.truncated() ? null : "More lines follow: call ReadSessionFile again with startLine " + (text.endLine() + 1)
                + ", or fetch the whole file with GetSessionFile.";
        return new FileText(text.path(), text.content(), text.startLine(), text.endLine(), text.lineCount(), text.totalLines(),
                text.size(), text.truncated(), next, read.session());
    }
}
