package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.sessions.SessionPoolException;

/**
 * The pool's refusals of a path in its files API, as what they are: the caller's request, so a 400 that
 * says what to do, not a 502 that blames the pool.
 */
final class PoolFileErrors {
    private PoolFileErrors() {
    }

    /** A {@link ToolException} for a 400 about the path; any other failure as it was. */
    static RuntimeException translate(SessionPoolException e, String path) {
        if (e.status() != 400 || e.sessionNotFound()) {
            return e;
        }
        return switch (e.code()) {
            // Our own checks passed, so the session holds a link on the way: the files API follows none,
            // because a link can lead out of /mnt/data.
            case "InvalidPath" -> new ToolException(400, "PathOutsideDataFolder", path + " goes through a symbolic link, which the "
                    + "file tools do not follow (a link can lead outside /mnt/data). Use the path of the file itself.");
            case "NotAFile" -> new ToolException(400, "NotARegularFile", path + " is not a regular file (a folder, pipe or device); "
                    + "list a folder with ListSessionFiles.");
            default -> new ToolException(400, e.code(), e.getMessage());
        };
    }
}
