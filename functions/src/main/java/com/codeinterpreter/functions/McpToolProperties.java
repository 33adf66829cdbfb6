package com.codeinterpreter.functions;

/**
 * The {@code toolProperties} of each MCP tool, as {@link McpTool} needs them: compile-time constants.
 * Generated from the catalog ({@code McpSchema.toolProperties}); McpBindingsTest fails when they differ
 * and writes the file as it should be to functions/target/McpToolProperties.java.
 */
final class McpToolProperties {
    static final String EXECUTE_PYTHON_CODE = "["
            + "{\"propertyName\":\"pythonCode\",\"propertyType\":\"string\",\"description\":\"Python code to run (at most 20000 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"timeoutSeconds\",\"propertyType\":\"integer\",\"description\":\"Execution timeout in seconds (default: 120, minimum: 1, maximum: 900)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String GENERATE_PDF_REPORT = "["
            + "{\"propertyName\":\"pythonCode\",\"propertyType\":\"string\",\"description\":\"Python code that creates a PDF file (at most 20000 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"expectedOutputFilename\",\"propertyType\":\"string\",\"description\":\"Path where the code saves the PDF, relative to /mnt/data, for example report.pdf (at most 1024 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"saveAsFilename\",\"propertyType\":\"string\",\"description\":\"Download filename, for example daily_summary.pdf (at most 255 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"timeoutSeconds\",\"propertyType\":\"integer\",\"description\":\"Execution timeout in seconds (default: 180, minimum: 1, maximum: 900)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String RUN_SHELL_COMMAND = "["
            + "{\"propertyName\":\"command\",\"propertyType\":\"string\",\"description\":\"Shell command to run, with bash in /mnt/data (at most 20000 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"explanation\",\"propertyType\":\"string\",\"description\":\"Description to log with the command\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"isBackground\",\"propertyType\":\"boolean\",\"description\":\"Must be false: background jobs are not supported (default: false)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"timeoutSeconds\",\"propertyType\":\"integer\",\"description\":\"Execution timeout in seconds (default: 120, minimum: 1, maximum: 240)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String READ_SESSION_FILE = "["
            + "{\"propertyName\":\"path\",\"propertyType\":\"string\",\"description\":\"File to read, relative to /mnt/data or absolute inside it (at most 1024 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"startLine\",\"propertyType\":\"integer\",\"description\":\"First line to return, counting from 1 (default: 1, minimum: 1)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"maxLines\",\"propertyType\":\"integer\",\"description\":\"Most lines to return (default: 2000, minimum: 1, maximum: 20000)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"startColumn\",\"propertyType\":\"integer\",\"description\":\"Character of the first line to start at, counting from 1: the nextColumn of an answer that ended inside a long line (minimum: 1)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"tailLines\",\"propertyType\":\"integer\",\"description\":\"Read the last this many lines of the file instead (as tail -n does), at a cost that does not grow with the file's size; not with startLine (minimum: 1, maximum: 20000)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String SEARCH_SESSION_FILES = "["
            + "{\"propertyName\":\"pattern\",\"propertyType\":\"string\",\"description\":\"Regular expression to search for, grep -E style, for example ERROR|WARN (at most 1000 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"path\",\"propertyType\":\"string\",\"description\":\"File or folder to search (default: /mnt/data, at most 1024 characters)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"glob\",\"propertyType\":\"string\",\"description\":\"Search only files whose name matches this pattern, for example *.log (at most 255 characters)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"ignoreCase\",\"propertyType\":\"boolean\",\"description\":\"Match regardless of case (default: false)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"maxResults\",\"propertyType\":\"integer\",\"description\":\"Most matching lines to return (default: 100, minimum: 1, maximum: 1000)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String LIST_SESSION_FILES = "["
            + "{\"propertyName\":\"path\",\"propertyType\":\"string\",\"description\":\"Folder to list (default: /mnt/data, at most 1024 characters)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"recursive\",\"propertyType\":\"boolean\",\"description\":\"Include the files in sub-folders (default: true)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"cursor\",\"propertyType\":\"string\",\"description\":\"The nextCursor of the previous page, to list the entries after it (with the same path and recursive) (at most 1024 characters)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String GET_SESSION_FILE = "["
            + "{\"propertyName\":\"path\",\"propertyType\":\"string\",\"description\":\"File to download, relative to /mnt/data or absolute inside it (at most 1024 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"saveAsFilename\",\"propertyType\":\"string\",\"description\":\"Download filename; the file's own name when absent (at most 255 characters)\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String UPLOAD_FILE_TO_SESSION = "["
            + "{\"propertyName\":\"path\",\"propertyType\":\"string\",\"description\":\"Where to store the file, relative to /mnt/data, for example data/input.csv (at most 1024 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"content\",\"propertyType\":\"string\",\"description\":\"The file's text, stored as UTF-8; give this or contentBase64\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"contentBase64\",\"propertyType\":\"string\",\"description\":\"The file's bytes, base64-encoded; give this or content\",\"isRequired\":false,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    static final String GET_EXECUTION_RESULT = "["
            + "{\"propertyName\":\"executionId\",\"propertyType\":\"string\",\"description\":\"The executionId a long call answered with (at most 128 characters)\",\"isRequired\":true,\"isArray\":false},"
            + "{\"propertyName\":\"sessionId\",\"propertyType\":\"string\",\"description\":\"Your conversation or thread id; calls with the same sessionId share one sandbox session (files in /mnt/data, Python variables), and calls without one share a default session (at most 128 characters)\",\"isRequired\":false,\"isArray\":false}"
            + "]";

    private McpToolProperties() {
    }
}
