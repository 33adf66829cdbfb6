package com.codeinterpreter.catalog;

import static com.codeinterpreter.catalog.ToolParameter.bool;
import static com.codeinterpreter.catalog.ToolParameter.fileName;
import static com.codeinterpreter.catalog.ToolParameter.integer;
import static com.codeinterpreter.catalog.ToolParameter.sessionFile;
import static com.codeinterpreter.catalog.ToolParameter.sessionPath;
import static com.codeinterpreter.catalog.ToolParameter.string;

import com.codeinterpreter.catalog.ToolDefinition.Answer;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.codeinterpreter.tools.GeneratePdfReportTool;
import com.codeinterpreter.tools.GetExecutionResultTool;
import com.codeinterpreter.tools.GetSessionFileTool;
import com.codeinterpreter.tools.ListSessionFilesTool;
import com.codeinterpreter.tools.ReadSessionFileTool;
import com.codeinterpreter.tools.RunShellCommandTool;
import com.codeinterpreter.tools.SearchSessionFilesTool;
import com.codeinterpreter.tools.SessionPaths;
import com.codeinterpreter.tools.UploadFileToSessionTool;
import java.util.List;

/**
 * The one definition of the tools: names, descriptions and parameters, from which the HTTP functions
 * take the fields they accept, the MCP tools their properties, and the OpenAPI document its schemas.
 * Limits and defaults are the tools' own constants, so the catalog cannot promise what the tools refuse.
 */
public final class ToolCatalog {
    /** Parameters every tool takes besides its own. */
    public static final List<ToolParameter> COMMON = List.of(
            string("sessionId", "Your conversation or thread id; calls with the same sessionId share one sandbox session "
                    + "(files in /mnt/data, Python variables), and calls without one share a default session")
                    .maxLength(SessionKey.MAX_SESSION_ID));

    public static final ToolDefinition EXECUTE_PYTHON_CODE = new ToolDefinition("ExecutePythonCode", ToolDescriptions.EXECUTE_PYTHON_CODE,
            List.of(string("pythonCode", "Python code to run").asRequired().maxLength(ExecutePythonCodeTool.MAX_CODE_CHARS)
                            .hint(ExecutePythonCodeTool.LONG_CODE_HINT),
                    timeout(ExecutePythonCodeTool.DEFAULT_TIMEOUT, ExecutePythonCodeTool.MAX_TIMEOUT)),
            true, Answer.EXECUTION, List.of(409, 504), ExecutePythonCodeTool.Request.class);

    public static final ToolDefinition GENERATE_PDF_REPORT = new ToolDefinition("GeneratePdfReport", ToolDescriptions.GENERATE_PDF_REPORT,
            List.of(string("pythonCode", "Python code that creates a PDF file").asRequired().maxLength(ExecutePythonCodeTool.MAX_CODE_CHARS)
                            .hint(ExecutePythonCodeTool.LONG_CODE_HINT),
                    path("expectedOutputFilename", "Path where the code saves the PDF, relative to /mnt/data, "
                            + "for example report.pdf").asRequired(),
                    fileName("saveAsFilename", "Download filename, for example daily_summary.pdf").asRequired().maxLength(SessionPaths.MAX_NAME_BYTES),
                    timeout(GeneratePdfReportTool.DEFAULT_TIMEOUT, ExecutePythonCodeTool.MAX_TIMEOUT)),
            true, Answer.PDF_REPORT, List.of(409, 504), GeneratePdfReportTool.Request.class);

    public static final ToolDefinition RUN_SHELL_COMMAND = new ToolDefinition("RunShellCommand", ToolDescriptions.RUN_SHELL_COMMAND,
            List.of(string("command", "Shell command to run, with bash in /mnt/data").asRequired().maxLength(RunShellCommandTool.MAX_COMMAND_CHARS)
                            .hint("Put a long script in a file with UploadFileToSession and run it with bash."),
                    string("explanation", "Description to log with the command"),
                    bool("isBackground", "Must be false: background jobs are not supported").withDefault(false),
                    timeout(RunShellCommandTool.DEFAULT_TIMEOUT, RunShellCommandTool.MAX_TIMEOUT)),
            true, Answer.EXECUTION, List.of(409, 504), RunShellCommandTool.Request.class);

    public static final ToolDefinition READ_SESSION_FILE = new ToolDefinition("ReadSessionFile", ToolDescriptions.READ_SESSION_FILE,
            List.of(path("path", "File to read, relative to /mnt/data or absolute inside it").asRequired(),
                    integer("startLine", "First line to return, counting from 1").withDefault(ReadSessionFileTool.DEFAULT_START_LINE)
                            .atLeast(1).hint("Lines are numbered from 1."),
                    integer("maxLines", "Most lines to return").withDefault(ReadSessionFileTool.DEFAULT_MAX_LINES)
                            .range(1, ReadSessionFileTool.MAX_LINES),
                    integer("startColumn", "Character of the first line to start at, counting from 1: the nextColumn of an answer "
                            + "that ended inside a long line").atLeast(1).hint("Columns are numbered from 1."),
                    integer("tailLines", "Read the last this many lines of the file instead (as tail -n does), at a cost "
                            + "that does not grow with the file's size; not with startLine").range(1, ReadSessionFileTool.MAX_LINES)),
            true, Answer.FILE_TEXT, List.of(404, 415, 504), ReadSessionFileTool.Request.class);

    public static final ToolDefinition SEARCH_SESSION_FILES = new ToolDefinition("SearchSessionFiles", ToolDescriptions.SEARCH_SESSION_FILES,
            List.of(string("pattern", "Regular expression to search for, grep -E style, for example ERROR|WARN").asRequired()
                            .maxLength(SearchSessionFilesTool.MAX_PATTERN_CHARS),
                    path("path", "File or folder to search").withDefault(SessionPaths.ROOT),
                    string("glob", "Search only files whose name matches this pattern, for example *.log")
                            .maxLength(SearchSessionFilesTool.MAX_GLOB_CHARS),
                    bool("ignoreCase", "Match regardless of case").withDefault(false),
                    integer("maxResults", "Most matching lines to return").withDefault(SearchSessionFilesTool.DEFAULT_MAX_RESULTS)
                            .range(1, SearchSessionFilesTool.MAX_RESULTS)),
            true, Answer.SEARCH_MATCHES, List.of(404, 504), SearchSessionFilesTool.Request.class);

    public static final ToolDefinition LIST_SESSION_FILES = new ToolDefinition("ListSessionFiles", ToolDescriptions.LIST_SESSION_FILES,
            List.of(path("path", "Folder to list").withDefault(SessionPaths.ROOT),
                    bool("recursive", "Include the files in sub-folders").withDefault(ListSessionFilesTool.DEFAULT_RECURSIVE),
                    string("cursor", "The nextCursor of the previous page, to list the entries after it (with the same path "
                            + "and recursive)").maxLength(SessionPaths.MAX_PATH)),
            true, Answer.FILE_LIST, List.of(404, 504), ListSessionFilesTool.Request.class);

    public static final ToolDefinition GET_SESSION_FILE = new ToolDefinition("GetSessionFile", ToolDescriptions.GET_SESSION_FILE,
            List.of(path("path", "File to download, relative to /mnt/data or absolute inside it").asRequired(),
                    fileName("saveAsFilename", "Download filename; the file's own name when absent").maxLength(SessionPaths.MAX_NAME_BYTES)),
            true, Answer.FILE_LINK, List.of(404), GetSessionFileTool.Request.class);

    public static final ToolDefinition UPLOAD_FILE_TO_SESSION = new ToolDefinition("UploadFileToSession", ToolDescriptions.UPLOAD_FILE_TO_SESSION,
            List.of(sessionFile("path", "Where to store the file, relative to /mnt/data, for example data/input.csv")
                            .maxLength(SessionPaths.MAX_PATH).asRequired(),
                    string("content", "The file's text, stored as UTF-8; give this or contentBase64"),
                    string("contentBase64", "The file's bytes, base64-encoded; give this or content")),
            true, Answer.STORED_FILE, List.of(413), UploadFileToSessionTool.Request.class);

    public static final ToolDefinition GET_EXECUTION_RESULT = new ToolDefinition("GetExecutionResult", ToolDescriptions.GET_EXECUTION_RESULT,
            List.of(string("executionId", "The executionId a long call answered with").asRequired()
                    .maxLength(GetExecutionResultTool.MAX_EXECUTION_ID)),
            false, Answer.EXECUTION_RESULT, List.of(404), GetExecutionResultTool.Request.class);

    private static final List<ToolDefinition> ALL = List.of(EXECUTE_PYTHON_CODE, GENERATE_PDF_REPORT, RUN_SHELL_COMMAND,
            READ_SESSION_FILE, SEARCH_SESSION_FILES, LIST_SESSION_FILES, GET_SESSION_FILE, UPLOAD_FILE_TO_SESSION, GET_EXECUTION_RESULT);

    private ToolCatalog() {
    }

    /** Every tool, the contract's eight first, then GetExecutionResult. */
    public static List<ToolDefinition> all() {
        return ALL;
    }

    /** The tool of that name. */
    public static ToolDefinition tool(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tool " + name + " in the catalog"));
    }

    private static ToolParameter timeout(int defaultSeconds, int maxSeconds) {
        return integer("timeoutSeconds", "Execution timeout in seconds").withDefault(defaultSeconds).range(1, maxSeconds);
    }

    /** A path in the session: relative to /mnt/data or absolute inside it (SessionPaths checks it). */
    private static ToolParameter path(String name, String description) {
        return sessionPath(name, description).maxLength(SessionPaths.MAX_PATH);
    }
}
