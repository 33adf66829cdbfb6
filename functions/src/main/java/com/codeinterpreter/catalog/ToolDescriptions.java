package com.codeinterpreter.catalog;

/**
 * What each tool does, in the words an agent reads when it picks a tool (from the product contract).
 * Constants, because the MCP trigger annotations must name them at compile time; the catalog uses the
 * same constants, so the HTTP and MCP descriptions cannot differ.
 */
public final class ToolDescriptions {
    public static final String EXECUTE_PYTHON_CODE = "Runs Python code in an isolated sandbox. Calls with the same sessionId "
            + "share one session: Python variables and the files in /mnt/data persist between them. Common data libraries "
            + "(pandas, numpy, matplotlib, seaborn, scipy, scikit-learn, statsmodels) and readers and writers for Excel, HDF5, "
            + "NetCDF, Word, OpenDocument, PDF and notebooks are preinstalled; there is no network access and no package installation. "
            + "Save files to /mnt/data/. Output: images show inline as markdown, data files return as download links. "
            + "A timeoutSeconds above 185 answers status running with an executionId: collect the result with GetExecutionResult.";

    public static final String GENERATE_PDF_REPORT = "Creates a PDF document from Python code (for example with reportlab) "
            + "that saves it to expectedOutputFilename in /mnt/data, and returns a download link named saveAsFilename. "
            + "The call fails (ExpectedOutputMissing) unless this call's code writes that file, listing the files it did "
            + "write, and (NotAPdf) unless the file is a PDF.";

    public static final String RUN_SHELL_COMMAND = "Runs a bash command in the sandbox, from /mnt/data; use relative paths. "
            + "Returns stdout, stderr, the exit code and download links to the files the command created or changed. "
            + "Background jobs are not supported.";

    public static final String READ_SESSION_FILE = "Reads the contents of a text file from /mnt/data, up to maxLines lines from "
            + "startLine, or its last tailLines lines; a line longer than one answer comes in parts (continue at nextColumn). "
            + "Binary files are refused: get a download link for them with GetSessionFile.";

    public static final String SEARCH_SESSION_FILES = "Searches for text within the files in /mnt/data, of any size, with grep -E "
            + "(for example ERROR|FATAL or ^[[:digit:]]+) and returns the matching lines with their file and line number, and the "
            + "files it did not search with why.";

    public static final String LIST_SESSION_FILES = "Lists the files in the session (in /mnt/data) with their name, path, type, "
            + "size, last modification time and content type, 1,000 per answer: a longer listing gives a nextCursor for the next page.";

    public static final String GET_SESSION_FILE = "Downloads a file from the session: returns an expiring, read-only download "
            + "link to it, optionally saved under another file name.";

    public static final String UPLOAD_FILE_TO_SESSION = "Uploads a file to the session for further processing: give its path "
            + "in /mnt/data and either its text (content) or its bytes in base64 (contentBase64).";

    public static final String GET_EXECUTION_RESULT = "Returns the result of a long ExecutePythonCode, GeneratePdfReport or "
            + "RunShellCommand call that answered status running with an executionId. Call it with that executionId and the "
            + "same sessionId until the status is no longer running.";

    private ToolDescriptions() {
    }
}
