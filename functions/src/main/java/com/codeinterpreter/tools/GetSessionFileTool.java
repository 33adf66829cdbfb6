package com.codeinterpreter.tools;

import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.sessions.SessionPoolException;
import java.util.UUID;

/** GetSessionFile: an expiring, read-only download link to a session file (optionally under another name). */
public final class GetSessionFileTool {

    /** A validated request; {@code path} is absolute inside /mnt/data, {@code saveAsFilename} may be null. */
    public record Request(String path, String saveAsFilename) {
    }

    private final ToolContext box;

    GetSessionFileTool(ToolContext box) {
        this.box = box;
    }

    public OutputFile run(SessionKey key, Request request) {
        String identifier = box.identifier(key);
        String name = request.saveAsFilename() != null ? request.saveAsFilename()
                : request.path().substring(request.path().lastIndexOf('/') + 1);
        String blob = OutputPublisher.blobName(identifier, "files-" + UUID.randomUUID(), OutputPublisher.relative(request.path()));
        OutputFile file;
        try {
            file = box.publisher().copySessionFile(identifier, blob, request.path(), name, ContentTypes.of(name));
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
