package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;

/** ExecutePythonCode: runs Python in the session; images come back inline as markdown, other files as links. */
public final class ExecutePythonCodeTool {
    public static final int MAX_CODE_CHARS = 20_000;
    public static final int DEFAULT_TIMEOUT = 120;
    public static final int MAX_TIMEOUT = 900;
    /** What to do with code beyond {@link #MAX_CODE_CHARS}. */
    public static final String LONG_CODE_HINT = "Split the work into several calls (the session keeps variables between them), or "
            + "upload a script with UploadFileToSession and run it with exec(open(...).read()).";

    /** A request, bound from the catalog (which checks its limits). */
    public record Request(String pythonCode, int timeoutSeconds) implements ToolRequest {
        public Request {
            if (pythonCode == null || pythonCode.isBlank()) {
                throw ToolException.invalid("'pythonCode' is required: the Python code to run.");
            }
        }
    }

    private final SessionIdentity identity;
    private final SessionRunner runner;
    private final ExecutionReporter reports;

    ExecutePythonCodeTool(SessionIdentity identity, SessionRunner runner, ExecutionReporter reports) {
        this.identity = identity;
        this.runner = runner;
        this.reports = reports;
    }

    /** Runs the code; a long timeout answers {@link Accepted} at once and the result is polled. */
    public Object run(SessionKey key, Request request) {
        return runPython(key, request, null);
    }

    /** {@link Accepted} or the {@link ExecutionReport}; {@code echo} comes back with the helper's reply. */
    Object runPython(SessionKey key, Request call, HelperRequest.Echo echo) {
        long started = System.nanoTime();
        String identifier = identity.identifier(key);
        int timeoutSeconds = call.timeoutSeconds();
        CallClock clock = CallClock.start(timeoutSeconds);
        var request = new HelperRequest.RunPython(call, ExecutionLimits.MAX_OUTPUT_CHARS, echo).by(clock);
        if (ExecutionLimits.needsAsync(timeoutSeconds)) {
            int poolTimeout = timeoutSeconds + ExecutionLimits.GRACE_SECONDS;
            return ExecutionLimits.accepted(runner.start(identifier, request, poolTimeout, ExecutionLimits.MAX_OUTPUT_CHARS + 1).executionId(),
                    timeoutSeconds);
        }
        return reports.report(identifier, runner.run(identifier, request, clock, ExecutionLimits.MAX_OUTPUT_CHARS + 1), started, timeoutSeconds);
    }
}
