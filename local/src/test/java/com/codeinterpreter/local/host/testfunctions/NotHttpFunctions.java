package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.McpToolTrigger;

/**
 * Functions with other triggers: the local host must not serve them over HTTP, nor refuse to start. The
 * custom-binding MCP tools are served at /runtime/webhooks/mcp; the library's @McpToolTrigger is not,
 * because the Maven plugin writes no binding for it.
 */
public class NotHttpFunctions {
    static final String ECHO_PROPERTIES = "[{\"propertyName\":\"text\",\"propertyType\":\"string\",\"description\":\"What to echo\","
            + "\"isRequired\":true,\"isArray\":false},{\"propertyName\":\"times\",\"propertyType\":\"integer\",\"description\":\"How often\","
            + "\"isRequired\":false,\"isArray\":false},{\"propertyName\":\"tags\",\"propertyType\":\"string\",\"description\":\"Labels\","
            + "\"isRequired\":false,\"isArray\":true}]";

    /** Answers with the invocation context it was given, so tests can see what the host passed. */
    @FunctionName("CustomBindingTool")
    public String customBindingTool(@ToolTrigger(name = "context", toolName = "echo", description = "Echoes its invocation context",
            toolProperties = ECHO_PROPERTIES) String toolContext, ExecutionContext context) {
        return toolContext;
    }

    @FunctionName("FailingTool")
    public String failingTool(@ToolTrigger(name = "context", toolName = "fails") String toolContext) {
        throw new IllegalStateException("this tool always fails");
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
