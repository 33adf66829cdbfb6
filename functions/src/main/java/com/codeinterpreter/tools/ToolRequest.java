package com.codeinterpreter.tools;

/**
 * A tool's request, bound from the catalog: one record per tool, each handled by its tool in
 * {@link ToolHandlers}. Sealed, so a tool without a handler does not compile.
 */
public sealed interface ToolRequest permits ExecutePythonCodeTool.Request, GeneratePdfReportTool.Request, RunShellCommandTool.Request,
        ReadSessionFileTool.Request, SearchSessionFilesTool.Request, ListSessionFilesTool.Request, GetSessionFileTool.Request,
        UploadFileToSessionTool.Request, GetExecutionResultTool.Request {
}
