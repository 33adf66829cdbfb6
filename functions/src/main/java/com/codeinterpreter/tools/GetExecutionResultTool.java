package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.sessions.PoolExecution;
import com.codeinterpreter.sessions.SessionPoolException;

/** GetExecutionResult: the result of a long call that answered 202, once it is ready. */
public final class GetExecutionResultTool {
    public static final int MAX_EXECUTION_ID = 128;

    /** A validated request. */
    public record Request(String executionId) implements ToolRequest {
        public Request {
            if (executionId == null || executionId.isBlank() || executionId.length() > MAX_EXECUTION_ID || !executionId.matches("[A-Za-z0-9._-]+")) {
                throw ToolException.invalid("'executionId' must be the executionId a 202 answer gave (letters, digits, '.', '_', '-').");
            }
        }
    }

    private final SessionIdentity identity;
    private final SessionRunner runner;
    private final ExecutionReporter reports;
    private final GeneratePdfReportTool pdf;
    private final OutputSoFar outputSoFar;

    GetExecutionResultTool(SessionIdentity identity, SessionRunner runner, ExecutionReporter reports, GeneratePdfReportTool pdf) {
        this.identity = identity;
        this.runner = runner;
        this.reports = reports;
        this.pdf = pdf;
        this.outputSoFar = new OutputSoFar(runner.client(), java.time.Clock.systemUTC());
    }

    /** {@link Accepted} while it runs (with its output so far), else the final report (a PdfReport for a finished GeneratePdfReport). */
    public Object run(SessionKey key, Request request) {
        long started = System.nanoTime();
        String identifier = identity.identifier(key);
        SessionRunner.HelperRun run;
        try {
            run = runner.poll(identifier, request.executionId());
        } catch (SessionPoolException e) {
            if (e.status() == 404 || e.sessionNotFound()) {
                throw new ToolException(404, "ExecutionNotFound", "No execution " + request.executionId() + " in this session. Use the "
                        + "executionId and the same sessionId the 202 answer was for; results are kept while the session lives.");
            }
            throw e;
        }
        if (run.execution().state() == PoolExecution.State.RUNNING) {
            return outputSoFar.running(identifier, request.executionId());
        }
        ExecutionReport report = reports.report(identifier, run, started);
        if (run.reply() instanceof HelperReply.PythonRan python && python.echo() != null && python.echo().pdf() != null) {
            return pdf.finish(report, python.echo().pdf());
        }
        return report;
    }
}
