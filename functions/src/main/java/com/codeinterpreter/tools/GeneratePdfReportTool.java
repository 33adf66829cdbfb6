package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ErrorInfo;
import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.PdfReport;
import com.codeinterpreter.identity.SessionKey;
import java.util.List;

/**
 * GeneratePdfReport: runs Python that writes a PDF, then hands back a link whose download is named
 * {@code saveAsFilename}. Unless this call wrote the expected file, and it is a PDF, the call fails and says why.
 */
public final class GeneratePdfReportTool {
    public static final int DEFAULT_TIMEOUT = 180;

    /** A request, bound from the catalog; {@code expectedOutputFilename} is the PDF's absolute path in the session. */
    public record Request(String pythonCode, String expectedOutputFilename, String saveAsFilename, int timeoutSeconds) implements ToolRequest {
        public Request {
            new ExecutePythonCodeTool.Request(pythonCode, timeoutSeconds);
        }
    }

    private final ExecutePythonCodeTool python;

    GeneratePdfReportTool(ExecutePythonCodeTool python) {
        this.python = python;
    }

    public Object run(SessionKey key, Request request) {
        var pdf = new HelperRequest.PdfTarget(request.expectedOutputFilename(), request.saveAsFilename());
        // Built by hand, so a parameter added to ExecutePythonCode is a compile error here until this call says what it passes.
        var call = new ExecutePythonCodeTool.Request(request.pythonCode(), request.timeoutSeconds());
        Object outcome = python.runPython(key, call, new HelperRequest.Echo(pdf));
        return outcome instanceof ExecutionReport report ? finish(report, pdf) : outcome;
    }

    /**
     * Points the answer at the PDF, published with the call's other files under its download name; also used when an
     * asynchronous run completes. A {@link PdfReport}, or the execution's own report when it failed (see {@link #checked}).
     */
    Object finish(ExecutionReport report, HelperRequest.PdfTarget target) {
        if (!report.succeeded()) {
            return report;
        }
        OutputFile pdf = report.files().stream().filter(f -> target.expected().equals(f.path())).findFirst().orElse(null);
        if (pdf == null) {
            // The helper lists the expected file first whenever the call wrote it, so this is a defect, said as one.
            return report.failedWith(new ErrorInfo("ExpectedOutputMissing", "The code wrote " + target.expected()
                    + " but the answer could not include it. Fetch it with GetSessionFile."));
        }
        return new PdfReport(pdf.url() == null ? report.noting(pdf.linkError()) : report, pdf.url(), target.saveAs());
    }

    /**
     * The report of a GeneratePdfReport call whose code succeeded, failed unless that call wrote the expected file
     * ({@code ExpectedOutputMissing}: a file left by an earlier call does not count) and the file is a PDF ({@code NotAPdf}:
     * it must start with {@code %PDF-}). A report of code that failed or timed out is returned as it is.
     */
    static ExecutionReport checked(ExecutionReport report, HelperRequest.PdfTarget target, HelperReply.ExpectedFile file) {
        if (!report.succeeded()) {
            return report;
        }
        String path = target.expected();
        if (file == null || !file.changed()) {
            List<String> produced = report.files().stream().map(f -> f.path() != null ? f.path() : f.name()).toList();
            String message = "The code finished but did not " + (file != null && file.exists()
                    ? "write " + path + ": the file there is from an earlier call. " : "create " + path + ". ")
                    + (produced.isEmpty() ? "It created no files in /mnt/data." : "It created: " + String.join(", ", produced) + ".")
                    + " Save the PDF to the path given in expectedOutputFilename (for example c = canvas.Canvas('" + path + "')).";
            return report.failedWith(new ErrorInfo("ExpectedOutputMissing", message));
        }
        if (!file.isPdf()) {
            return report.failedWith(new ErrorInfo("NotAPdf", path + " is not a PDF: a PDF starts with %PDF-, and this file starts with '"
                    + file.head() + "'. Write it with a PDF library, for example reportlab (canvas.Canvas('" + path + "')) or "
                    + "matplotlib (plt.savefig('" + path + "') or PdfPages)."));
        }
        return report;
    }
}
