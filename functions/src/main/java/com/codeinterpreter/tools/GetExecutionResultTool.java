package com.codeinterpreter.tools;

import com.codeinterpreter.answers.Accepted;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.sessions.PoolExecution;
import com.codeinterpreter.sessions.SessionPoolException;

/** GetExecutionResult: the result of a long call that answered 202, once it is ready. */
public final class GetExecutionResultTool {
    public static final int MAX_EXECUTION_ID = 128;

    /** A validated request. */
    public record Request(String executionId) {
        public Request {
            if (executionId == null || executionId.isBlank() || executionId.length() > MAX_EXECUTION_ID || !executionId.matches("[A-Za-z0-9._-]+")) {
                throw ToolException.invalid("'executionId' must be the executionId a 202 answer gave (letters, digits, '.', '_', '-').");
            }
        }
    }

    private final ToolContext box;
    private final ExecutionReports reports;
    private final GeneratePdfReportTool pdf;

    GetExecutionResultTool(ToolContext box, GeneratePdfReportTool pdf) {
        this.box = box;
        this.reports = new ExecutionReports(box);
        this.pdf = pdf;
    }

    /** {@link Accepted} while it runs, else the final report (a PdfReport for a finished GeneratePdfReport). */
    public Object run(SessionKey key, Request request) {
        long started = System.nanoTime();
        String identifier = box.identifier(key);
        SessionRunner.HelperRun run;
        try {
            run = box.runner().poll(identifier, request.executionId());
        } catch (SessionPoolException e) {
            if (e.status() == 404 || e.sessionNotFound()) {
                throw new ToolException(404, "ExecutionNotFound", "No execution " + request.executionId() + " in this session. Use the "
                        + "executionId and the same sessionId the 202 answer was for; results are kept while the session lives.");
            }
            throw e;
        }
        if (run.execution().state() == PoolExecution.State.RUNNING) {
            return Accepted.of(request.executionId());
        }
        ExecutionReport report = reports.report(identifier, run, started);
        if (run.reply() instanceof HelperReply.PythonRan python && python.echo() != null && python.echo().pdf() != null) {
            return pdf.finish(key, report, python.echo().pdf());
        }
        return report;
    }
}
