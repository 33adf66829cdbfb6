package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ExecutionReport;

/** ExecutePythonCode: runs Python in the session; images come back inline as markdown, other files as links. */
public final class ExecutePythonCodeTool {
    public static final int MAX_CODE_CHARS = 20_000;
    public static final int DEFAULT_TIMEOUT = 120;
    public static final int MAX_TIMEOUT = 900;

    /** A validated request. */
    public record Request(String pythonCode, int timeoutSeconds) {
        public Request {
            if (pythonCode == null || pythonCode.isBlank()) {
                throw ToolException.invalid("'pythonCode' is required: the Python code to run.");
            }
            if (pythonCode.length() > MAX_CODE_CHARS) {
                throw ToolException.invalid("'pythonCode' is " + pythonCode.length() + " characters; the limit is " + MAX_CODE_CHARS
                        + ". Split the work into several calls (the session keeps variables between them), or upload a script "
                        + "with UploadFileToSession and run it with exec(open(...).read()).");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT) {
                throw ToolException.invalid("'timeoutSeconds' must be 1 to " + MAX_TIMEOUT + ", was " + timeoutSeconds + ".");
            }
        }
    }

    private final ToolContext box;
    private final ExecutionReports reports;

    ExecutePythonCodeTool(ToolContext box) {
        this.box = box;
        this.reports = new ExecutionReports(box);
    }

    /** Runs the code; a long timeout answers {@link Accepted} at once and the result is polled. */
    public Object run(SessionKey key, Request request) {
        return runPython(key, request.pythonCode(), request.timeoutSeconds(), null);
    }

    /** {@link Accepted} or the {@link ExecutionReport}; {@code echo} comes back with the helper's reply. */
    Object runPython(SessionKey key, String code, int timeoutSeconds, HelperRequest.Echo echo) {
        long started = System.nanoTime();
        String identifier = box.identifier(key);
        var request = new HelperRequest.RunPython(code, timeoutSeconds, ToolContext.MAX_OUTPUT_CHARS, echo);
        int poolTimeout = timeoutSeconds + ToolContext.GRACE_SECONDS;
        if (ToolContext.needsAsync(timeoutSeconds)) {
            return Accepted.of(box.runner().start(identifier, request, poolTimeout, ToolContext.MAX_OUTPUT_CHARS + 1).executionId());
        }
        return reports.report(identifier, box.runner().run(identifier, request, poolTimeout, ToolContext.MAX_OUTPUT_CHARS + 1), started);
    }
}
