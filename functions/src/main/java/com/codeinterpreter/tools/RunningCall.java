package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.FileDownload;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * The call a session is running, as the helper names it in its running marker ({@code call_clock.py}), read
 * through the files API, which answers while the session's interpreter is busy.
 *
 * @param executionId    the pool execution the call runs in
 * @param op             "python" or "shell"
 * @param startedAt      when its code started, epoch milliseconds
 * @param deadline       when its caller's time runs out, epoch milliseconds (0 when unknown)
 * @param timeoutSeconds its caller's timeoutSeconds
 * @param finished       whether it has ended (its answer may still be on its way)
 */
record RunningCall(String executionId, String op, long startedAt, long deadline, int timeoutSeconds, boolean finished) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FOLDER = ".code-interpreter";
    static final String FILE = "running.json";
    /** How long past its deadline a call can still be running: the helper's kill grace and the time to gather its results. */
    private static final long STALE_AFTER_MILLIS = (2 + ExecutionLimits.GRACE_SECONDS) * 1000L;

    /** The session's last call (running, or finished), or null when there is none that this app started or it cannot be read. */
    static RunningCall read(SessionPoolClient client, String identifier) {
        try (FileDownload file = client.download(identifier, FOLDER, FILE)) {
            JsonNode node = JSON.readTree(file.content().readNBytes(64 * 1024));
            RunningCall call = new RunningCall(node.path("executionId").asText(null), node.path("op").asText("python"),
                    node.path("startedAt").asLong(0), node.path("deadline").asLong(0), node.path("timeoutSeconds").asInt(0),
                    node.hasNonNull("finishedAt"));
            // A marker left by an interpreter that was ended mid-call names nothing that still runs.
            boolean stale = call.deadline() > 0 && call.deadline() + STALE_AFTER_MILLIS < System.currentTimeMillis();
            return call.executionId() == null || stale ? null : call;
        } catch (Exception e) {
            return null; // no marker (404), or unreadable: the answer then says the id is not known
        }
    }

    /** What the running call is, for a message: "execution X (Python, started 42 s ago with timeoutSeconds 600, so it may run until ...)". */
    String describe() {
        long now = System.currentTimeMillis();
        StringBuilder text = new StringBuilder("execution ").append(executionId).append(" (")
                .append("shell".equals(op) ? "a shell command" : "Python");
        if (startedAt > 0) {
            text.append(", started ").append(Math.max(0, (now - startedAt) / 1000)).append(" s ago");
        }
        if (timeoutSeconds > 0) {
            text.append(" with timeoutSeconds ").append(timeoutSeconds);
        }
        if (deadline > now) {
            text.append(", so it may run until ").append(Instant.ofEpochSecond(deadline / 1000));
        }
        return text.append(')').toString();
    }
}
