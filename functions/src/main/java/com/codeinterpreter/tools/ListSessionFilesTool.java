package com.codeinterpreter.tools;

import com.codeinterpreter.answers.FileEntry;
import com.codeinterpreter.answers.FileList;
import com.codeinterpreter.identity.SessionKey;
import java.util.List;

/**
 * ListSessionFiles: the session's files with name, path, size, lastModified and contentType, a page of
 * {@link #MAX_ENTRIES} at a time in name order; a cut page hands back the cursor of the next.
 */
public final class ListSessionFilesTool {
    public static final int MAX_ENTRIES = 1000;
    public static final boolean DEFAULT_RECURSIVE = true;

    /**
     * A request, bound from the catalog; {@code path} is absolute inside /mnt/data. Recursive unless asked otherwise.
     * {@code cursor} is a previous answer's nextCursor, or null for the first page.
     */
    public record Request(String path, boolean recursive, String cursor) implements ToolRequest {
    }

    private final FileQueries files;

    ListSessionFilesTool(FileQueries files) {
        this.files = files;
    }

    public FileList run(SessionKey key, Request request) {
        var listed = files.query(key, new HelperRequest.ListFiles(request, MAX_ENTRIES), HelperReply.FilesListed.class);
        // The sandbox's own type table is thin (no /etc/mime.types there); name the types the same way everywhere.
        List<FileEntry> files = listed.reply().files().stream().map(e -> !e.isFile() ? e
                : new FileEntry(e.name(), e.path(), e.type(), e.size(), e.lastModified(), ContentTypes.of(e.name()))).toList();
        return new FileList(listed.reply().path(), files, listed.reply().truncated(), listed.reply().nextCursor(), listed.reply().unreadable(),
                listed.session());
    }
}
