package com.codeinterpreter.tools;

import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.sessions.SessionPoolException;
import java.time.Instant;

/** UploadFileToSession: puts a file into the session under /mnt/data, for later calls to work on. */
public final class UploadFileToSessionTool {
    /** The Functions host accepts at most 100 MB in one request; a file that fits in one request fits here. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    /** A validated request; {@code path} is absolute inside /mnt/data. */
    public record Request(String path, byte[] content) {
        public Request {
            if (content.length > MAX_BYTES) {
                throw new ToolException(413, "FileTooLarge", "The file is " + content.length + " bytes; uploads are limited to "
                        + MAX_BYTES + " bytes (100 MB, the Functions host's request limit). Compress it, or split it into parts.");
            }
            if (path.equals(SessionPaths.ROOT)) {
                throw ToolException.invalid("'path' must name a file, for example data/input.csv, not /mnt/data itself.");
            }
        }
    }

    private final ToolContext box;

    UploadFileToSessionTool(ToolContext box) {
        this.box = box;
    }

    public StoredFile run(SessionKey key, Request request) {
        String relative = OutputPublisher.relative(request.path());
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        try {
            box.runner().client().upload(box.identifier(key), slash < 0 ? null : relative.substring(0, slash), name, request.content());
        } catch (SessionPoolException e) {
            if (e.status() == 413) {
                throw new ToolException(413, "FileTooLarge", "The session pool refused the file as too large: " + e.getMessage());
            }
            throw PoolFileErrors.translate(e, request.path());
        }
        return new StoredFile(name, request.path(), request.content().length, ContentTypes.of(name), Instant.now());
    }
}
