package com.codeinterpreter.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.tools.ExecutePythonCodeTool;
import com.codeinterpreter.tools.GeneratePdfReportTool;
import com.codeinterpreter.tools.ListSessionFilesTool;
import com.codeinterpreter.tools.ReadSessionFileTool;
import com.codeinterpreter.tools.RunShellCommandTool;
import com.codeinterpreter.tools.SearchSessionFilesTool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog against the product contract and against the tools' own constants. */
class ToolCatalogTest {

    @Test
    void listsTheContractsEightToolsThenGetExecutionResult() {
        assertEquals(List.of("ExecutePythonCode", "GeneratePdfReport", "RunShellCommand", "ReadSessionFile", "SearchSessionFiles",
                "ListSessionFiles", "GetSessionFile", "UploadFileToSession", "GetExecutionResult"),
                ToolCatalog.all().stream().map(ToolDefinition::name).toList());
        assertEquals(8, ToolCatalog.all().stream().filter(ToolDefinition::contract).count());
        assertFalse(ToolCatalog.GET_EXECUTION_RESULT.contract());
    }

    @Test
    void requiredParametersAreTheContractsAndEveryToolTakesSessionId() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        ToolCatalog.all().forEach(t -> required.put(t.name(), t.requiredNames()));
        assertEquals(Map.of(
                "ExecutePythonCode", List.of("pythonCode"),
                "GeneratePdfReport", List.of("pythonCode", "expectedOutputFilename", "saveAsFilename"),
                "RunShellCommand", List.of("command"),
                "ReadSessionFile", List.of("path"),
                "SearchSessionFiles", List.of("pattern"),
                "ListSessionFiles", List.of(),
                "GetSessionFile", List.of("path"),
                "UploadFileToSession", List.of("path"),
                "GetExecutionResult", List.of("executionId")), required);
        for (ToolDefinition tool : ToolCatalog.all()) {
            assertTrue(tool.acceptedFields().contains("sessionId"), tool.name());
            assertFalse(tool.parameter("sessionId").required(), tool.name());
        }
    }

    @Test
    void defaultsAreTheToolsConstants() {
        assertEquals(ExecutePythonCodeTool.DEFAULT_TIMEOUT, defaultOf(ToolCatalog.EXECUTE_PYTHON_CODE, "timeoutSeconds"));
        assertEquals(GeneratePdfReportTool.DEFAULT_TIMEOUT, defaultOf(ToolCatalog.GENERATE_PDF_REPORT, "timeoutSeconds"));
        assertEquals(RunShellCommandTool.DEFAULT_TIMEOUT, defaultOf(ToolCatalog.RUN_SHELL_COMMAND, "timeoutSeconds"));
        assertEquals(false, defaultOf(ToolCatalog.RUN_SHELL_COMMAND, "isBackground"));
        assertEquals(ReadSessionFileTool.DEFAULT_START_LINE, defaultOf(ToolCatalog.READ_SESSION_FILE, "startLine"));
        assertEquals(ReadSessionFileTool.DEFAULT_MAX_LINES, defaultOf(ToolCatalog.READ_SESSION_FILE, "maxLines"));
        assertEquals(SearchSessionFilesTool.DEFAULT_MAX_RESULTS, defaultOf(ToolCatalog.SEARCH_SESSION_FILES, "maxResults"));
        assertEquals(false, defaultOf(ToolCatalog.SEARCH_SESSION_FILES, "ignoreCase"));
        assertEquals(ListSessionFilesTool.DEFAULT_RECURSIVE, defaultOf(ToolCatalog.LIST_SESSION_FILES, "recursive"));
        assertEquals("/mnt/data", defaultOf(ToolCatalog.LIST_SESSION_FILES, "path"));
    }

    @Test
    void contractLimitsAreKept() {
        ToolParameter code = ToolCatalog.EXECUTE_PYTHON_CODE.parameter("pythonCode");
        assertEquals(20_000, code.maxLength());
        assertEquals(900, ToolCatalog.EXECUTE_PYTHON_CODE.parameter("timeoutSeconds").maximum());
        assertEquals(900, ToolCatalog.GENERATE_PDF_REPORT.parameter("timeoutSeconds").maximum());
        assertEquals(240, ToolCatalog.RUN_SHELL_COMMAND.parameter("timeoutSeconds").maximum());
        assertEquals("Execution timeout in seconds (default: 120, minimum: 1, maximum: 900)",
                ToolCatalog.EXECUTE_PYTHON_CODE.parameter("timeoutSeconds").fullDescription());
    }

    @Test
    void everyLimitInTheCatalogIsTheOneTheToolsEnforce() {
        for (ToolDefinition tool : ToolCatalog.all()) {
            for (ToolParameter p : tool.allParameters()) {
                if (p.minimum() == null && p.maximum() == null && p.maxLength() == null) {
                    continue;
                }
                String where = tool.name() + "." + p.name();
                LimitProbe probe = LimitProbe.of(tool.name(), p.name());
                if (p.maxLength() != null) {
                    probe.accepts(LimitProbe.text(p.maxLength()), where + " at its maxLength");
                    probe.refuses(LimitProbe.text(p.maxLength() + 1), where + " beyond its maxLength");
                }
                if (p.minimum() != null) {
                    probe.accepts(p.minimum(), where + " at its minimum");
                    probe.refuses(p.minimum() - 1, where + " below its minimum");
                }
                if (p.maximum() != null) {
                    probe.accepts(p.maximum(), where + " at its maximum");
                    probe.refuses(p.maximum() + 1, where + " beyond its maximum");
                }
            }
        }
    }

    @Test
    void parametersRejectLimitsThatDoNotFitTheirType() {
        assertThrows(IllegalArgumentException.class, () -> ToolParameter.string("s", "d").range(1, 2));
        assertThrows(IllegalArgumentException.class, () -> ToolParameter.integer("i", "d").maxLength(2));
        assertThrows(IllegalArgumentException.class, () -> ToolParameter.integer("i", "d").withDefault(1).asRequired());
    }

    private static Object defaultOf(ToolDefinition tool, String parameter) {
        return tool.parameter(parameter).defaultValue();
    }
}
