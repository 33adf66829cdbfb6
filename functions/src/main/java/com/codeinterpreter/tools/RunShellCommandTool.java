package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.logging.Logger;

/** RunShellCommand: bash in /mnt/data; stdout, stderr and the exit code come back, and changed files as links. */
public final class RunShellCommandTool {
    private static final Logger LOG = Logger.getLogger(RunShellCommandTool.class.getName());
    public static final int DEFAULT_TIMEOUT = 120;
    public static final int MAX_TIMEOUT = 240;
    public static final int MAX_COMMAND_CHARS = 20_000;

    /**
     * A request, bound from the catalog (which checks its limits). The session is sent the command and its timeout only
     * ({@link HelperRequest.RunShell}): the explanation is the app's to log, and isBackground is refused unless false.
     */
    public record Request(String command, @JsonIgnore String explanation, @JsonIgnore boolean isBackground, int timeoutSeconds)
            implements ToolRequest {
        public Request {
            if (command == null || command.isBlank()) {
                throw ToolException.invalid("'command' is required: the shell command to run in /mnt/data.");
            }
            // The contract: isBackground must be false; background jobs would outlive the call and its output.
            if (isBackground) {
                throw ToolException.invalid("Background jobs are not supported: set isBackground to false (or leave it out). The "
                        + "command runs in the foreground for up to timeoutSeconds (at most " + MAX_TIMEOUT + "); anything it "
                        + "leaves running is stopped when it ends.");
            }
        }
    }

    private final SessionIdentity identity;
    private final SessionRunner runner;
    private final ExecutionReporter reports;

    RunShellCommandTool(SessionIdentity identity, SessionRunner runner, ExecutionReporter reports) {
        this.identity = identity;
        this.runner = runner;
        this.reports = reports;
    }

    public Object run(SessionKey key, Request request) {
        long started = System.nanoTime();
        String identifier = identity.identifier(key);
        // The contract asks for the command to be logged with its explanation; both are cut short.
        LOG.info(() -> "RunShellCommand " + shorten(request.explanation()) + ": " + shorten(request.command()));
        CallClock clock = CallClock.start(request.timeoutSeconds());
        var op = new HelperRequest.RunShell(request, ExecutionLimits.MAX_OUTPUT_CHARS).by(clock);
        if (ExecutionLimits.needsAsync(request.timeoutSeconds())) {
            int poolTimeout = request.timeoutSeconds() + ExecutionLimits.GRACE_SECONDS;
            return ExecutionLimits.accepted(runner.start(identifier, op, poolTimeout, ExecutionLimits.MAX_OUTPUT_CHARS).executionId(),
                    request.timeoutSeconds());
        }
        return reports.report(identifier, runner.run(identifier, op, clock, ExecutionLimits.MAX_OUTPUT_CHARS), started, request.timeoutSeconds());
    }

    private static String shorten(String text) {
        if (text == null) {
            return "(no explanation)";
        }
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
