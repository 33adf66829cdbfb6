package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.catalog.ToolDescriptions;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** POST /api/GeneratePdfReport, and the MCP tool GeneratePdfReport: runs Python that writes a PDF and returns its download link. */
public final class GeneratePdfReportFunction {
    static final ToolDefinition TOOL = ToolCatalog.GENERATE_PDF_REPORT;

    @FunctionName("GeneratePdfReport")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "GeneratePdfReport",
                    dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        return ToolEndpoint.handle(request, context, TOOL);
    }

    @FunctionName("GeneratePdfReportMcp")
    public String mcp(
            @McpTool(name = "invocation", toolName = "GeneratePdfReport", description = ToolDescriptions.GENERATE_PDF_REPORT,
                    toolProperties = McpToolProperties.GENERATE_PDF_REPORT) String invocation,
            final ExecutionContext context) {
        return McpToolEndpoint.handle(invocation, context, TOOL);
    }
}
