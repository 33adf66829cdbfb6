package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.codeinterpreter.tools.GeneratePdfReportTool;
import com.codeinterpreter.tools.GetExecutionResultTool;
import com.codeinterpreter.tools.ReadSessionFileTool;
import com.codeinterpreter.tools.RunShellCommandTool;
import com.codeinterpreter.tools.SearchSessionFilesTool;
import com.codeinterpreter.tools.SessionKey;
import com.codeinterpreter.tools.SessionPaths;
import com.codeinterpreter.tools.ToolException;
import java.util.function.Consumer;

/**
 * Feeds one parameter's value to the code that validates it (a tool's request record, SessionPaths,
 * SessionKey), everything else being valid, to see whether the value is accepted.
 */
final class LimitProbe {
    private final Consumer<Object> validate;

    private LimitProbe(Consumer<Object> validate) {
        this.validate = validate;
    }

    /** The probe for a parameter; a catalog limit without one here fails, so no limit goes unchecked. */
    static LimitProbe of(String tool, String parameter) {
        String key = tool + "." + parameter;
        if (parameter.equals("sessionId")) {
            return new LimitProbe(v -> new SessionKey("caller", (String) v));
        }
        if (parameter.equals("path") || parameter.equals("expectedOutputFilename")) {
            return new LimitProbe(v -> SessionPaths.resolve(parameter, path((String) v)));
        }
        if (parameter.equals("saveAsFilename")) {
            return new LimitProbe(v -> SessionPaths.fileName(parameter, (String) v));
        }
        return new LimitProbe(switch (key) {
            case "ExecutePythonCode.pythonCode" -> v -> new ExecutePythonCodeTool.Request((String) v, 1);
            case "ExecutePythonCode.timeoutSeconds" -> v -> new ExecutePythonCodeTool.Request("1", (Integer) v);
            case "GeneratePdfReport.pythonCode" -> v -> new GeneratePdfReportTool.Request((String) v, "/mnt/data/r.pdf", "r.pdf", 1);
            case "GeneratePdfReport.timeoutSeconds" -> v -> new GeneratePdfReportTool.Request("1", "/mnt/data/r.pdf", "r.pdf", (Integer) v);
            case "RunShellCommand.command" -> v -> new RunShellCommandTool.Request((String) v, null, 1);
            case "RunShellCommand.timeoutSeconds" -> v -> new RunShellCommandTool.Request("ls", null, (Integer) v);
            case "ReadSessionFile.startLine" -> v -> new ReadSessionFileTool.Request("/mnt/data/a", (Integer) v, 1);
            case "ReadSessionFile.maxLines" -> v -> new ReadSessionFileTool.Request("/mnt/data/a", 1, (Integer) v);
            case "SearchSessionFiles.pattern" -> v -> new SearchSessionFilesTool.Request((String) v, "/mnt/data", null, false, 1);
            case "SearchSessionFiles.glob" -> v -> new SearchSessionFilesTool.Request("x", "/mnt/data", (String) v, false, 1);
            case "SearchSessionFiles.maxResults" -> v -> new SearchSessionFilesTool.Request("x", "/mnt/data", null, false, (Integer) v);
            case "GetExecutionResult.executionId" -> v -> new GetExecutionResultTool.Request((String) v);
            default -> throw new AssertionError(key + " has a limit in the catalog but no probe in LimitProbe: add one");
        });
    }

    void accepts(Object value, String what) {
        try {
            validate.accept(value);
        } catch (ToolException e) {
            fail(what + " is refused by the tool: " + e.getMessage());
        }
    }

    void refuses(Object value, String what) {
        assertThrows(ToolException.class, () -> validate.accept(value), what + " is accepted by the tool");
    }

    /** A string of exactly {@code length} letters. */
    static String text(int length) {
        return "a".repeat(length);
    }

    /** A path of the same length, cut into names short enough to be valid on their own. */
    private static String path(String letters) {
        StringBuilder b = new StringBuilder(letters);
        for (int i = 200; i < b.length() - 1; i += 201) {
            b.setCharAt(i, '/');
        }
        return b.toString();
    }
}
