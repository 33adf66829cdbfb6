package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.PoolErrorCode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

/** The current api-versions' files API: list, upload, metadata, content and delete. */
final class FileRoutes {
    private final SessionRegistry sessions;
    private final boolean chownToSession;

    FileRoutes(SessionRegistry sessions, boolean chownToSession) {
        this.sessions = sessions;
        this.chownToSession = chownToSession;
    }

    void list(Exchange ex, String identifier) throws IOException {
        Session session = existing(identifier);
        Path dir = SessionFiles.directory(session, ex.query("path"));
        boolean recursive = Boolean.parseBoolean(ex.query("recursive"));
        ObjectNode body = Exchange.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (Path entry : SessionFiles.list(dir, recursive)) {
            value.add(SessionFiles.describe(entry, dir));
        }
        body.putNull("nextLink");
        ex.sendJson(200, body);
    }

    void upload(Exchange ex, String identifier) throws IOException {
        Session session = sessions.getOrCreate(identifier);
        Stored stored = store(ex, session, ex.query("path"));
        ex.sendJson(200, SessionFiles.describe(stored.file(), stored.file().getParent()));
    }

    void get(Exchange ex, String identifier, String name) throws IOException {
        Session session = existing(identifier);
        Path file = existingFile(session, ex.query("path"), name);
        ex.sendJson(200, SessionFiles.describe(file, file.getParent()));
    }

    void content(Exchange ex, String identifier, String name) throws IOException {
        Session session = existing(identifier);
        ex.sendFile(openContent(session, ex.query("path"), name), "application/octet-stream");
    }

    /** A session file opened for reading, by a lookup no link can lead out of the session (see {@link ConfinedFiles}). */
    static SeekableByteChannel openContent(Session session, String path, String name) throws IOException {
        Path file = existingFile(session, path, name);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.badRequest(PoolErrorCode.NOT_A_FILE, "'" + name + "' is a folder; list it with GET /files?path=...");
        }
        try {
            return ConfinedFiles.openForReading(session.dataDir, session.dataDir.relativize(file));
        } catch (java.nio.file.NoSuchFileException gone) {
            throw ApiException.notFound("FileNotFound", "No file '" + name + "' in the session.");
        }
    }

    void delete(Exchange ex, String identifier, String name) throws IOException {
        Session session = existing(identifier);
        Path file = existingFile(session, ex.query("path"), name);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.deleteQuietly(file);
        } else {
            Files.delete(file);
        }
        ex.sendEmpty(204);
    }

    Session existing(String identifier) {
        return sessions.find(identifier).orElseThrow(() -> ExecutionRoutes.sessionNotFound(identifier));
    }

    static Path existingFile(Session session, String path, String name) {
        Path file = SessionFiles.file(session, path, name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("FileNotFound", "No file '" + name + "' in " + SessionFiles.sandboxPath(session, file.getParent())
                    + ". List the session's files with GET /files.");
        }
        return file;
    }

    /** A stored upload: where it is and the name the client gave. */
    record Stored(Path file, long size) {
    }

    /**
     * Streams the multipart {@code file} part into {@code path} of the session: into a temporary file
     * first, moved into place only when complete, so a failed upload never leaves half a file.
     */
    Stored store(Exchange ex, Session session, String path) throws IOException {
        if (ex.contentLength() > PoolConfig.MAX_UPLOAD_BYTES + (1 << 16)) {
            throw new ApiException(413, "RequestEntityTooLarge", "The upload is " + ex.contentLength()
                    + " bytes; the limit is 134217728 bytes (128 MB). Split the file, or compress it and unpack it in the session.");
        }
        String boundary = MultipartFile.boundary(ex.header("Content-Type"));
        Path temp = session.dataDir.resolve(".upload-" + UUID.randomUUID());
        try {
            MultipartFile.Part part = MultipartFile.read(ex.body(), boundary, temp, PoolConfig.MAX_UPLOAD_BYTES);
            String filename = part.filename();
            // Some clients send the full sandbox path as the file name.
            if (filename.startsWith(SessionFiles.MOUNT + "/")) {
                filename = filename.substring(SessionFiles.MOUNT.length() + 1);
            }
            if (filename.isBlank() || filename.contains("/") && path != null) {
                throw ApiException.badRequest("InvalidFileName", "The multipart file name must be a plain file name; put folders in the 'path' parameter.");
            }
            Path target = SessionFiles.file(session, path, filename);
            chown(session, temp);
            // Not Files.move(temp, target): its path to target could be led out of the session by a link.
            ConfinedFiles.moveInto(session.dataDir, temp, session.dataDir.relativize(target), dir -> {
                try {
                    chown(session, dir);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new Stored(target, part.size());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void chown(Session session, Path path) throws IOException {
        if (chownToSession) {
            Files.setAttribute(path, "unix:uid", session.uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", session.uid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
