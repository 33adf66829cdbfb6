package com.codeinterpreter.build;

import com.codeinterpreter.catalog.McpSchema;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes McpToolProperties.java from the catalog, at build time: one constant per tool, one property per line.
 * The {@code @McpTool} annotations need the tool properties as compile-time constants, so they cannot be read
 * from the catalog at run time. The build (functions/pom.xml) compiles everything but the functions package,
 * runs this file with that class path ({@code java GenerateMcpToolProperties.java OUTPUT}), then compiles the
 * rest with the generated source. Not shipped.
 */
final class GenerateMcpToolProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenerateMcpToolProperties() {
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        Files.createDirectories(output.getParent());
        String source = render();
        if (!Files.exists(output) || !Files.readString(output).equals(source)) {
            Files.writeString(output, source);
        }
    }

    static String render() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("package com.codeinterpreter.functions;\n\n");
        b.append("/**\n");
        b.append(" * The {@code toolProperties} of each MCP tool, as {@link McpTool} needs them: compile-time constants.\n");
        b.append(" * Generated from the catalog ({@code McpSchema.toolProperties}) by functions/src/build/GenerateMcpToolProperties.java.\n");
        b.append(" */\n");
        b.append("final class McpToolProperties {\n");
        for (ToolDefinition tool : ToolCatalog.all()) {
            b.append("    static final String ").append(constantName(tool.name())).append(" = \"[\"\n");
            JsonNode properties = JSON.readTree(McpSchema.toolProperties(tool));
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
}
