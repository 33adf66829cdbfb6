package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.PoolErrorCode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A session's files as the files API sees them: {@code /mnt/data} inside the sandbox is the session's
 * host folder here. Every path a caller sends is confined to that folder, and no link is followed:
 * the pool runs with more rights than the sandbox, so a link the user planted must not lead it elsewhere.
 */
final class SessionFiles {
    static final String MOUNT = "/mnt/data";
    private static final Map<String, String> EXTRA_TYPES = Map.ofEntries(
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("json", "application/json"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"), Map.entry("md", "text/markdown"),
            Map.entry("py", "text/x-python"), Map.entry("log", "text/plain"), Map.entry("txt", "text/plain"),
            Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"), Map.entry("svg", "image/svg+xml"),
            Map.entry("webp", "image/webp"), Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("ipynb", "application/x-ipynb+json"), Map.entry("parquet", "application/vnd.apache.parquet"),
            Map.entry("pfx", "application/pkcs12"), Map.entry("html", "text/html"), Map.entry("xml", "application/xml"),
            Map.entry("sql", "application/sql"));

    private SessionFiles() {
    }

    /**
     * The host folder for a {@code path} parameter: absent or {@code /} or {@code /mnt/data} is the
     * session's root; otherwise a folder relative to it, or an absolute path inside {@code /mnt/data}.
     */
    static Path directory(Session session, String path) {
        return confine(session.dataDir, path == null ? "" : path);
    }

    /** The host path of file {@code name} in folder {@code path}. */
    static Path file(Session session, String path, String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("InvalidFileName", "The file name is empty.");
        }
        Path dir = directory(session, path);
        return confine(session.dataDir, session.dataDir.relativize(dir).resolve(stripMount(name)).toString());
    }

    private static String stripMount(String path) {
        if (path.equals(MOUNT) || path.equals(MOUNT + "/") || path.equals("/")) {
            return "";
        }
        if (path.startsWith(MOUNT + "/")) {
            return path.substring(MOUNT.length() + 1);
        }
        if (path.startsWith("/")) {
            throw ApiException.badRequest(PoolErrorCode.INVALID_PATH, "The path '" + path + "' is outside " + MOUNT
                    + ". Give a path relative to " + MOUNT + " or an absolute path inside it.");
        }
        return path;
    }

    private static Path confine(Path root, String raw) {
        if (raw.indexOf('\0') >= 0 || raw.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.badRequest(PoolErrorCode.INVALID_PATH, "The path contains a NUL or control character.");
        }
        Path resolved = root.resolve(stripMount(raw)).normalize();
        if (!resolved.startsWith(root)) {
            throw ApiException.badRequest(PoolErrorCode.INVALID_PATH, "The path '" + raw + "' leaves " + MOUNT + ".");
        }
        Path current = root;
        for (Path part : root.relativize(resolved)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw ApiException.badRequest(PoolErrorCode.INVALID_PATH, "The path '" + raw + "' goes through a symbolic link, which the files API does not follow.");
            }
        }
        return resolved;
    }

    /** Where a host path stands inside the sandbox. */
    static String sandboxPath(Session session, Path hostPath) {
        String rel = session.dataDir.relativize(hostPath).toString();
        return rel.isEmpty() ? MOUNT : MOUNT + "/" + rel;
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = EXTRA_TYPES.get(ext);
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }

    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw ApiException.notFound("FileNotFound", "No file '" + file.getFileName() + "' in the session.");
        }
    }

    /** The current API's {@code SessionResourceFile} for a path, with {@code directory} relative to {@code listed}. */
    static ObjectNode describe(Path file, Path listed) {
        BasicFileAttributes attrs = attributes(file);
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("name", file.getFileName().toString());
        Path parent = listed.relativize(file.getParent());
        node.put("directory", parent.toString());
        node.put("type", attrs.isDirectory() ? "Directory" : "File");
        node.put("contentType", attrs.isDirectory() ? "application/octet-stream" : contentType(file.getFileName().toString()));
        node.put("sizeInBytes", attrs.isDirectory() ? 4096 : attrs.size());
        node.put("lastModifiedAt", attrs.lastModifiedTime().toInstant().toString());
        return node;
    }

    /** Files and folders in a folder (depth first when recursive), sorted by path; links are listed, never entered. */
    static List<Path> list(Path dir, boolean recursive) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("DirectoryNotFound", "No folder '" + dir.getFileName() + "' in the session.");
        }
        try (Stream<Path> entries = recursive ? Files.walk(dir).skip(1) : Files.list(dir)) {
            List<Path> result = new ArrayList<>(entries.toList());
            result.sort(Comparator.comparing(Path::toString));
            return result;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ApiException(500, "InternalError", "Could not list the folder: " + e.getMessage());
        }
    }
}
