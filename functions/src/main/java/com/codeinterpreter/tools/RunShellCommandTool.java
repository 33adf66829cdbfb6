package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;
import java.util.logging.Logger;

/** RunShellCommand: bash in /mnt/data; stdout, stderr and the exit code come back, and changed files as links. */
public final class RunShellCommandTool {
    private static final Logger LOG = Logger.getLogger(RunShellCommandTool.class.getName());
    public static final int DEFAULT_TIMEOUT = 120;
    public static final int MAX_TIMEOUT = 240;
    public static final int MAX_COMMAND_CHARS = 20_000;

    /** A validated request. */
    public record Request(String command, String explanation, int timeoutSeconds) {
        public Request {
            if (command == null || command.isBlank()) {
                throw ToolException.invalid("'command' is required: the shell command to run in /mnt/data.");
            }
            if (command.length() > MAX_COMMAND_CHARS) {
                throw ToolException.invalid("'command' is " + command.length() + " characters; the limit is " + MAX_COMMAND_CHARS
                        + ". Put a long script in a file with UploadFileToSession and run it with bash.");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT) {
                throw ToolException.invalid("'timeoutSeconds' must be 1 to " + MAX_TIMEOUT + ", was " + timeoutSeconds + ".");
            }
        }
    }

    private final ToolContext box;
    private final ExecutionReports reports;

    RunShellCommandTool(ToolContext box) {
        this.box = box;
        this.reports = new ExecutionReports(box);
    }

    public Object run(SessionKey key, Request request) {
        long started = System.nanoTime();
        String identifier = box.identifier(key);
        // The contract asks for the command to be logged with its explanation; both are cut short.
        LOG.info(() -> "RunShellCommand " + shorten(request.explanation()) + ": " + shorten(request.command()));
        var op = new HelperRequest.RunShell(request.command(), request.timeoutSeconds(), ToolContext.MAX_OUTPUT_CHARS);
        int poolTimeout = request.timeoutSeconds() + ToolContext.GRACE_SECONDS;
        if (ToolContext.needsAsync(request.timeoutSeconds())) {
            return Accepted.of(box.runner().start(identifier, op, poolTimeout, ToolContext.MAX_OUTPUT_CHARS).executionId());
        }
        return reports.report(identifier, box.runner().run(identifier, op, poolTimeout, ToolContext.MAX_OUTPUT_CHARS), started);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "(no explanation)";
        }
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
