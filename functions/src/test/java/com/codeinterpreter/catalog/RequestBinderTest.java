package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.codeinterpreter.answers.ToolException;
import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.codeinterpreter.tools.GeneratePdfReportTool;
import com.codeinterpreter.tools.ListSessionFilesTool;
import com.codeinterpreter.tools.ReadSessionFileTool;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A request body bound to its tool's request record by the catalog: defaults, kinds, limits and their messages. */
class RequestBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void absentParametersTakeTheirCatalogDefaults() {
        assertEquals(new ExecutePythonCodeTool.Request("1", ExecutePythonCodeTool.DEFAULT_TIMEOUT),
                RequestBinder.bind(ToolCatalog.EXECUTE_PYTHON_CODE, body("{\"pythonCode\":\"1\"}")));
        assertEquals(new ListSessionFilesTool.Request("/mnt/data", true, null), RequestBinder.bind(ToolCatalog.LIST_SESSION_FILES, body("{}")));
        assertEquals(new ListSessionFilesTool.Request("/mnt/data", false, null),
                RequestBinder.bind(ToolCatalog.LIST_SESSION_FILES, body("{\"path\":\"  \",\"recursive\":\"false\"}")),
                "a blank path where there is a default is the default");
    }

    @Test
    void pathsAndFileNamesAreBoundAsWhatTheyMean() {
        assertEquals(new GeneratePdfReportTool.Request("1", "/mnt/data/out/r.pdf", "daily.pdf", GeneratePdfReportTool.DEFAULT_TIMEOUT),
                RequestBinder.bind(ToolCatalog.GENERATE_PDF_REPORT,
                        body("{\"pythonCode\":\"1\",\"expectedOutputFilename\":\"out/r.pdf\",\"saveAsFilename\":\" daily.pdf \"}")));
        assertEquals("'saveAsFilename' must be a plain file name of at most 255 bytes, without folders (for example daily_summary.pdf); "
                + "was 'a/b.pdf'.", refused(ToolCatalog.GENERATE_PDF_REPORT,
                "{\"pythonCode\":\"1\",\"expectedOutputFilename\":\"r.pdf\",\"saveAsFilename\":\"a/b.pdf\"}"));
    }

    @Test
    void aValueBeyondItsLimitsIsRefusedWithTheLimitAndWhatToDo() {
        assertEquals("'timeoutSeconds' must be 1 to 900, was 901.",
                refused(ToolCatalog.EXECUTE_PYTHON_CODE, "{\"pythonCode\":\"1\",\"timeoutSeconds\":901}"));
        assertEquals("'startLine' must be 1 or more, was 0. Lines are numbered from 1.",
                refused(ToolCatalog.READ_SESSION_FILE, "{\"path\":\"a\",\"startLine\":0}"));
        assertEquals("'pythonCode' is 20001 characters; the limit is 20000. " + ExecutePythonCodeTool.LONG_CODE_HINT,
                refused(ToolCatalog.EXECUTE_PYTHON_CODE, "{\"pythonCode\":\"" + "x".repeat(20_001) + "\"}"));
        assertEquals("'path' is required.", refused(ToolCatalog.READ_SESSION_FILE, "{}"));
        assertEquals(new ReadSessionFileTool.Request("/mnt/data/a", 1, 20_000, null, null),
                RequestBinder.bind(ToolCatalog.READ_SESSION_FILE, body("{\"path\":\"a\",\"maxLines\":20000}")));
    }

    @Test
    void readingTheEndOfAFileIsItsOwnParameterAndNotMixedWithStartLine() {
        assertEquals(new ReadSessionFileTool.Request("/mnt/data/a", 1, ReadSessionFileTool.DEFAULT_MAX_LINES, null, 100),
                RequestBinder.bind(ToolCatalog.READ_SESSION_FILE, body("{\"path\":\"a\",\"tailLines\":100}")));
        assertEquals("'tailLines' must be 1 to 20000, was 0.", refused(ToolCatalog.READ_SESSION_FILE, "{\"path\":\"a\",\"tailLines\":0}"));
        assertEquals("'startColumn' must be 1 or more, was 0. Columns are numbered from 1.",
                refused(ToolCatalog.READ_SESSION_FILE, "{\"path\":\"a\",\"startColumn\":0}"));
        assertEquals("Give startLine or tailLines, not both: tailLines reads the last lines of the file, startLine reads on from a line.",
                refused(ToolCatalog.READ_SESSION_FILE, "{\"path\":\"a\",\"startLine\":5,\"tailLines\":10}"));
    }

    private static String refused(ToolDefinition tool, String json) {
        return assertThrows(ToolException.class, () -> RequestBinder.bind(tool, body(json))).getMessage();
    }
}
