package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.sessions.FileDownload;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.codeinterpreter.sessions.SessionPoolException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;

/**
 * A long call's output so far: the helper keeps the last lines of the running call's stdout and stderr in a
 * session file (capture.py, PROGRESS_FILE), which is read here through the pool's files API, so it works
 * the same against the local pool and the service.
 */
final class OutputSoFar {
    /** Where capture.py keeps the file, relative to /mnt/data (a dot folder: no change scan or listing shows it). */
    static final String DIRECTORY = ".code-interpreter";
    static final String FILE = "progress.json";
    /** capture.py's PROGRESS_TAIL_CHARS: the most of each stream the file holds. */
    static final int TAIL_CHARS = 4000;
    // Two tails of 4000 characters, JSON-escaped at worst six bytes each: anything larger is not the helper's file.
    private static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionPoolClient client;
    private final Clock clock;

    OutputSoFar(SessionPoolClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The running answer for {@code executionId}, with its output so far when the helper has written some. */
    Accepted running(String identifier, String executionId) {
        JsonNode file;
        try (FileDownload download = client.download(identifier, DIRECTORY, FILE)) {
            byte[] bytes = download.content().readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return Accepted.runningWithoutOutput(executionId, "Its output so far could not be read (the file is too large).");
            }
            file = JSON.readTree(bytes);
        } catch (SessionPoolException e) {
            return Accepted.runningWithoutOutput(executionId, e.status() == 404
                    ? "Its output so far shows once it has run a second or two."
                    : "Its output so far could not be read (" + e.getMessage() + ").");
        } catch (IOException e) {
            // Replaced whole by the helper, so a half-written file is a failure to read, not a race.
            return Accepted.runningWithoutOutput(executionId, "Its output so far could not be read (" + e.getMessage() + ").");
        }
        return Accepted.running(executionId, elapsedSeconds(file), tail(file, "stdout"), tail(file, "stderr"),
                file.path("stdoutCut").asBoolean() || file.path("stderrCut").asBoolean(), TAIL_CHARS);
    }

    /** By the clocks (the session's start, ours now), never less than what the helper measured itself at its last write. */
    private long elapsedSeconds(JsonNode file) {
        long measured = file.path("elapsedMs").asLong(0);
        double startedAt = file.path("startedAt").asDouble(0);
        long byClock = startedAt > 0 ? clock.millis() - (long) (startedAt * 1000) : 0;
        return Math.max(measured, byClock) / 1000;
    }

    private static String tail(JsonNode file, String stream) {
        String text = file.path(stream).asText("");
        return text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text;
    }
}
