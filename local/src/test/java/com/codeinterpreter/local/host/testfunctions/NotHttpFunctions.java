package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.McpToolTrigger;

/** Functions with other triggers: the local host must skip them, not refuse to start. */
public class NotHttpFunctions {

    @FunctionName("CustomBindingTool")
    public String customBindingTool(@ToolTrigger(name = "context", toolName = "echo") String toolContext, ExecutionContext context) {
        return toolContext;
    }

    @FunctionName("LibraryTool")
    public String libraryTool(@McpToolTrigger(name = "context", description = "an MCP tool") String toolContext) {
        return toolContext;
    }

    /** Not public: not a function at all. */
    @FunctionName("Hidden")
    String hidden(ExecutionContext context) {
        return "hidden";
    }
}
