package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.PoolErrorCode;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reading and placing files in a session folder so that no symbolic link can lead the pool out of it,
 * not even one the sandbox swaps in while the operation runs.
 *
 * <p>The pool runs as root on the host, and a path is looked up again at each use: a folder checked as
 * a folder may be a link to /etc a microsecond later. So every folder on the way is opened relative to
 * the one before without following links (openat with O_NOFOLLOW, through {@link SecureDirectoryStream}),
 * and the file is opened or renamed relative to the last one. A link met on the way is refused. A type is
 * checked before each open so a pipe is refused rather than waited on; a pipe swapped in within that
 * instant can only hold up the request of the session that planted it.
 */
final class ConfinedFiles {
    private ConfinedFiles() {
    }

    /** Opens {@code relative} (a regular file under {@code root}) for reading. */
    static SeekableByteChannel openForReading(Path root, Path relative) throws IOException {
        try (SecureDirectoryStream<Path> dir = folder(root, relative.getParent(), null)) {
            Path name = relative.getFileName();
            BasicFileAttributes attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            if (!attributes.isRegularFile()) {
                throw attributes.isSymbolicLink() ? throughLink(relative) : ApiException.badRequest(PoolErrorCode.NOT_A_FILE,
                        "'" + relative + "' is not a regular file (a folder, pipe or device).");
            }
            return dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }
    }

    /**
     * Renames {@code staged} (a file directly in {@code root}) to {@code relative}, replacing a file of that
     * name and creating missing folders on the way, each first made directly in {@code root} and renamed into
     * place, so nothing is ever created through a path.
     *
     * @param owned gives a new folder to the session's user, before it is moved into place
     */
    static void moveInto(Path root, Path staged, Path relative, Consumer<Path> owned) throws IOException {
        try (SecureDirectoryStream<Path> top = open(root);
             SecureDirectoryStream<Path> dir = folder(root, relative.getParent(), (parent, name) -> {
                 Path fresh = Files.createDirectory(root.resolve(".mkdir-" + UUID.randomUUID()));
                 owned.accept(fresh);
                 try {
                     top.move(fresh.getFileName(), parent, name);
                 } catch (FileAlreadyExistsException raced) {
                     Files.deleteIfExists(fresh);
                 }
             })) {
            Path name = relative.getFileName();
            try {
                if (dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes().isDirectory()) {
                    throw ApiException.badRequest("InvalidFileName", "'" + relative + "' is a folder in the session.");
                }
            } catch (NoSuchFileException absent) {
                // the usual case: a new file
            }
            top.move(staged.getFileName(), dir, name);
        }
    }

    /** Creates the missing folder {@code name} in {@code parent}. */
    @FunctionalInterface
    interface FolderMaker {
        void make(SecureDirectoryStream<Path> parent, Path name) throws IOException;
    }

    private static SecureDirectoryStream<Path> folder(Path root, Path relative, FolderMaker maker) throws IOException {
        SecureDirectoryStream<Path> dir = open(root);
        if (relative == null) {
            return dir;
        }
        try {
            for (Path part : relative) {
                SecureDirectoryStream<Path> next;
                try {
                    next = child(dir, part, relative);
                } catch (NoSuchFileException missing) {
                    if (maker == null) {
                        throw ApiException.notFound("FileNotFound", "No folder '" + relative + "' in the session.");
                    }
                    maker.make(dir, part);
                    next = child(dir, part, relative);
                }
                dir.close();
                dir = next;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> child(SecureDirectoryStream<Path> dir, Path part, Path whole) throws IOException {
        BasicFileAttributes attributes = dir.getFileAttributeView(part, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        if (!attributes.isDirectory()) {
            throw attributes.isSymbolicLink() ? throughLink(whole) : ApiException.badRequest("NotADirectory",
                    "'" + part + "' in '" + whole + "' is a file, not a folder.");
        }
        try {
            return dir.newDirectoryStream(part, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.FileSystemException swapped) {
            throw throughLink(whole); // a link or a file took its place since the check
        }
    }

    private static SecureDirectoryStream<Path> open(Path root) throws IOException {
        if (Files.newDirectoryStream(root) instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        throw new IllegalStateException("this platform cannot open folders relative to each other; the local pool needs Linux");
    }

    private static ApiException throughLink(Path path) {
        return ApiException.badRequest(PoolErrorCode.INVALID_PATH, "The path '" + path + "' goes through a symbolic link, which the files API does not follow.");
    }
}
