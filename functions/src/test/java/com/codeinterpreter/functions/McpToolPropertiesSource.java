package com.codeinterpreter.functions;

import com.codeinterpreter.catalog.McpSchema;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Writes McpToolProperties.java from the catalog: one constant per tool, one property per line. */
final class McpToolPropertiesSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpToolPropertiesSource() {
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        b.append("package com.codeinterpreter.functions;\n\n");
        b.append("/**\n");
        b.append(" * The {@code toolProperties} of each MCP tool, as {@link McpTool} needs them: compile-time constants.\n");
        b.append(" * Generated from the catalog ({@code McpSchema.toolProperties}); McpBindingsTest fails when they differ\n");
        b.append(" * and writes the file as it should be to functions/target/McpToolProperties.java.\n");
        b.append(" */\n");
        b.append("final class McpToolProperties {\n");
        for (ToolDefinition tool : ToolCatalog.all()) {
            b.append("    static final String ").append(constantName(tool.name())).append(" = \"[\"\n");
            JsonNode properties = parse(McpSchema.toolProperties(tool));
            for (int i = 0; i < properties.size(); i++) {
                String item = properties.get(i).toString() + (i + 1 < properties.size() ? "," : "");
                b.append("            + \"").append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
            b.append("            + \"]\";\n\n");
        }
        b.append("    private McpToolProperties() {\n    }\n}\n");
        return b.toString();
    }

    /** ExecutePythonCode to EXECUTE_PYTHON_CODE. */
    static String constantName(String toolName) {
        return toolName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
