package com.codeinterpreter.tools;

import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.codeinterpreter.sessions.SessionPoolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** UploadFileToSession: puts a file into the session under /mnt/data, for later calls to work on. */
public final class UploadFileToSessionTool {
    /** The Functions host accepts at most 100 MB in one request; a file that fits in one request fits here. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    /** A request, bound from the catalog: {@code path} is absolute inside /mnt/data, and the file is given as text or base64. */
    public record Request(String path, String content, String contentBase64) implements ToolRequest {
        public Request {
            if ((content == null) == (contentBase64 == null)) {
                throw ToolException.invalid("Give exactly one of 'content' (text, stored as UTF-8) and 'contentBase64' (bytes, base64), "
                        + "or send the raw bytes with Content-Type: application/octet-stream and ?path=.");
            }
        }

        /** The file's bytes. */
        byte[] bytes() {
            if (content != null) {
                return content.getBytes(StandardCharsets.UTF_8);
            }
            try {
                // Line breaks are common in base64 from tools; anything else that is not base64 is an error.
                return Base64.getDecoder().decode(contentBase64.replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw ToolException.invalid("'contentBase64' is not valid base64: " + e.getMessage() + ".");
            }
        }
    }

    private final SessionIdentity identity;
    private final SessionPoolClient client;

    UploadFileToSessionTool(SessionIdentity identity, SessionPoolClient client) {
        this.identity = identity;
        this.client = client;
    }

    public StoredFile run(SessionKey key, Request request) {
        return store(key, request.path(), request.bytes());
    }

    /** Stores {@code content} at {@code path} (absolute inside /mnt/data): also the raw HTTP upload's way in. */
    public StoredFile store(SessionKey key, String path, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new ToolException(413, "FileTooLarge", "The file is " + content.length + " bytes; uploads are limited to "
                    + MAX_BYTES + " bytes (100 MB, the Functions host's request limit). Compress it, or split it into parts.");
        }
        if (path.equals(SessionPaths.ROOT)) {
            throw ToolException.invalid("'path' must name a file, for example data/input.csv, not /mnt/data itself.");
        }
        String relative = SessionPaths.relative(path);
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        try {
            client.upload(identity.identifier(key), slash < 0 ? null : relative.substring(0, slash), name, content);
        } catch (SessionPoolException e) {
            if (e.status() == 413) {
                throw new ToolException(413, "FileTooLarge", "The session pool refused the file as too large: " + e.getMessage());
            }
            throw PoolFileErrors.translate(e, path);
        }
        return new StoredFile(name, path, content.length, ContentTypes.of(name), Instant.now());
    }
}
