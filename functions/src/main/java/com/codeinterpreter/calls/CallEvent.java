package com.codeinterpreter.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The one event written for every tool call, HTTP or MCP: what was called, how it ended and where its time
 * went. It carries no code, no output, no file names or contents and no raw sessionId: only figures, names
 * of our own (tools, outcomes, error codes) and the agent's shell {@code explanation}, cut short.
 *
 * <p>Its field names are a contract: the workbook's queries (infra/modules/workbook.json) and
 * {@code scripts/calls.sh} read them, and CallEventContractTest holds them together.
 *
 * @param tool           the tool's name
 * @param transport      {@code http} or {@code mcp}
 * @param outcome        {@code succeeded}, {@code failed}, {@code timedOut}, a guardrail's refusal
 *                       ({@code NetworkAccessBlocked}, ...), {@code running} for a long call not finished
 *                       yet, or the HTTP status of an error ({@code 400}, {@code 503}, ...)
 * @param status         the HTTP status the call answered (MCP answers carry the same one inside)
 * @param errorCode      our error code when the call answered an HTTP error, else absent
 * @param durationMs     the whole call, as the edge saw it
 * @param sessionWaitMs  time the call's executions waited for their session: being created, or busy with another call
 * @param poolMs         the rest of the time in the session pool: running the code, file operations
 * @param publishMs      copying outputs to Blob Storage
 * @param filesPublished outputs copied, with a link
 * @param filesFailed    outputs left without a link (the answer says why)
 * @param session        the start of the session's pool identifier (an HMAC of caller and sessionId)
 * @param sessionState   {@code continued}, {@code new}, {@code restarted} or {@code expired}; absent when no
 *                       code ran
 * @param executionId    the execution's id, when the call ran or polled one
 * @param invocationId   the Functions invocation id (App Insights' operation and traces carry it too)
 * @param explanation    RunShellCommand's explanation, on one line and cut short
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEvent(String tool, String transport, String outcome, int status, String errorCode, long durationMs,
                        long sessionWaitMs, long poolMs, long publishMs, int filesPublished, int filesFailed, String session,
                        String sessionState, String executionId, String invocationId, String explanation) {
    /** What a log line that carries an event starts with; the rest of the line is the event's JSON. */
    public static final String PREFIX = "ToolCall ";
    public static final int MAX_EXPLANATION = 120;
    /** The guardrails' refusal types (guard.py), reported as the outcome of a call they refused. */
    public static final Set<String> REFUSALS = Set.of("BlockedOperation", "ProcessSpawningBlocked", "NetworkAccessBlocked",
            "PackageInstallBlocked", "FileAccessBlocked");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The field names, in order: what the workbook and calls.sh may query. */
    public static List<String> fieldNames() {
        return Arrays.stream(CallEvent.class.getRecordComponents()).map(c -> c.getName()).toList();
    }

    /** The explanation as an event carries it: one line, at most {@link #MAX_EXPLANATION} characters. */
    public static String shortened(String explanation) {
        if (explanation == null || explanation.isBlank()) {
            return null;
        }
        String oneLine = explanation.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_EXPLANATION ? oneLine.substring(0, MAX_EXPLANATION - 3) + "..." : oneLine;
    }

    /** The log line: {@link #PREFIX} and the event as one line of JSON. */
    public String line() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call event cannot be written", e);
        }
    }
}
