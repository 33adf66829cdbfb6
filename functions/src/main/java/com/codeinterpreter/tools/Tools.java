package com.codeinterpreter.tools;

import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.sessions.SessionIdentity;
import com.codeinterpreter.sessions.SessionPoolClient;
import java.util.function.Supplier;

/** The eight tools (and GetExecutionResult), wired to one session pool and one output store. */
public final class Tools {
    public final ExecutePythonCodeTool executePythonCode;
    public final GeneratePdfReportTool generatePdfReport;
    public final RunShellCommandTool runShellCommand;
    public final ReadSessionFileTool readSessionFile;
    public final SearchSessionFilesTool searchSessionFiles;
    public final ListSessionFilesTool listSessionFiles;
    public final GetSessionFileTool getSessionFile;
    public final UploadFileToSessionTool uploadFileToSession;
    public final GetExecutionResultTool getExecutionResult;

    /**
     * @param outputs the output store, created on first use (so a call that produces no file never
     *                touches Blob Storage, and a misconfigured store fails only the links, not the call)
     */
    public Tools(SessionIdentity identity, SessionPoolClient client, Supplier<OutputStore> outputs) {
        SessionLedger ledger = new SessionLedger(outputs);
        ToolContext box = new ToolContext(identity, new SessionRunner(client, ledger), new OutputPublisher(outputs, client), ledger);
        this.executePythonCode = new ExecutePythonCodeTool(box);
        this.generatePdfReport = new GeneratePdfReportTool(box, executePythonCode);
        this.runShellCommand = new RunShellCommandTool(box);
        this.readSessionFile = new ReadSessionFileTool(box);
        this.searchSessionFiles = new SearchSessionFilesTool(box);
        this.listSessionFiles = new ListSessionFilesTool(box);
        this.getSessionFile = new GetSessionFileTool(box);
        this.uploadFileToSession = new UploadFileToSessionTool(box);
        this.getExecutionResult = new GetExecutionResultTool(box, generatePdfReport);
    }
}
