package com.codeinterpreter.tools;

import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.sessions.SessionPoolException;
import java.util.UUID;

/** GetSessionFile: an expiring, read-only download link to a session file (optionally under another name). */
public final class GetSessionFileTool {

    /** A request, bound from the catalog; {@code path} is absolute inside /mnt/data, {@code saveAsFilename} may be null. */
    public record Request(String path, String saveAsFilename) implements ToolRequest {
    }

    private final SessionIdentity identity;
    private final OutputPublisher publisher;

    GetSessionFileTool(SessionIdentity identity, OutputPublisher publisher) {
        this.identity = identity;
        this.publisher = publisher;
    }

    public OutputFile run(SessionKey key, Request request) {
        String identifier = identity.identifier(key);
        String name = request.saveAsFilename() != null ? request.saveAsFilename()
                : request.path().substring(request.path().lastIndexOf('/') + 1);
        String blob = OutputPublisher.blobName(identifier, "files-" + UUID.randomUUID(), SessionPaths.relative(request.path()));
        OutputFile file;
        try {
            file = publisher.copySessionFile(identifier, blob, request.path(), name, ContentTypes.of(name));
        } catch (SessionPoolException e) {
            if (e.sessionNotFound()) {
                throw new ToolException(404, "FileNotFound", "No file " + request.path() + ": this session has no files (it is new, or it "
                        + "expired after being idle, which deletes its files). Upload the file again with UploadFileToSession.");
            }
            if (e.notFound()) {
                throw new ToolException(404, "FileNotFound", "No file " + request.path() + " in the session. List the files with "
                        + "ListSessionFiles.");
            }
            throw PoolFileErrors.translate(e, request.path());
        }
        if (file.url() == null) {
            throw new ToolException(503, "LinkUnavailable", file.linkError());
        }
        return file;
    }
}
