package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ErrorInfo;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.PdfReport;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.sessions.SessionPoolException;
import java.util.List;

/**
 * GeneratePdfReport: runs Python that writes a PDF, then hands back a link whose download is named
 * {@code saveAsFilename}. If the code did not write the expected file, the answer lists what it did write.
 */
public final class GeneratePdfReportTool {
    public static final int DEFAULT_TIMEOUT = 180;

    /** A request, bound from the catalog; {@code expectedOutputFilename} is the PDF's absolute path in the session. */
    public record Request(String pythonCode, String expectedOutputFilename, String saveAsFilename, int timeoutSeconds) implements ToolRequest {
        public Request {
            new ExecutePythonCodeTool.Request(pythonCode, timeoutSeconds);
        }
    }

    private final SessionIdentity identity;
    private final OutputPublisher publisher;
    private final ExecutePythonCodeTool python;

    GeneratePdfReportTool(SessionIdentity identity, OutputPublisher publisher, ExecutePythonCodeTool python) {
        this.identity = identity;
        this.publisher = publisher;
        this.python = python;
    }

    public Object run(SessionKey key, Request request) {
        var pdf = new HelperRequest.PdfTarget(request.expectedOutputFilename(), request.saveAsFilename());
        Object outcome = python.runPython(key, request.pythonCode(), request.timeoutSeconds(), new HelperRequest.Echo(pdf));
        return outcome instanceof ExecutionReport report ? finish(key, report, pdf) : outcome;
    }

    /**
     * Points the answer at the PDF, copied under its download name; also used when an asynchronous run completes.
     * A {@link PdfReport}, or the execution's own report when it failed or wrote no PDF.
     */
    Object finish(SessionKey key, ExecutionReport report, HelperRequest.PdfTarget target) {
        if (!report.succeeded()) {
            return report;
        }
        String identifier = identity.identifier(key);
        OutputFile pdf;
        try {
            pdf = publisher.copySessionFile(identifier,
                    OutputPublisher.blobName(identifier, report.call().executionId(), "report/" + target.saveAs()), target.expected(),
                    target.saveAs(), "application/pdf");
        } catch (SessionPoolException e) {
            if (e.notFound() || e.sessionNotFound()) {
                return missing(report, target.expected());
            }
            throw e;
        }
        return new PdfReport(pdf.url() == null ? report.noting(pdf.linkError()) : report, pdf.url(), target.saveAs());
    }

    private static ExecutionReport missing(ExecutionReport report, String expectedPath) {
        List<String> produced = report.files().stream().map(f -> f.path() != null ? f.path() : f.name()).toList();
        String message = "The code finished but did not create " + expectedPath + ". "
                + (produced.isEmpty() ? "It created no files in /mnt/data." : "It created: " + String.join(", ", produced) + ".")
                + " Save the PDF to the path given in expectedOutputFilename (for example c = canvas.Canvas('" + expectedPath + "')).";
        return report.failedWith(new ErrorInfo("ExpectedOutputMissing", message));
    }
}
