package com.codeinterpreter.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A tool's parameters in the form the Azure Functions MCP extension takes them: the {@code toolProperties}
 * of an {@code mcpToolTrigger} binding, a JSON array of {@code {propertyName, propertyType, description,
 * isRequired, isArray}} (the extension's host binding specification). The extension builds the tool's
 * input schema from it: each property's type and description, and the required ones; defaults and limits
 * travel in the description.
 */
public final class McpSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpSchema() {
    }

    /** The tool's own parameters, then the common ones, as one compact JSON array. */
    public static String toolProperties(ToolDefinition tool) {
        ArrayNode properties = JSON.createArrayNode();
        for (ToolParameter p : tool.allParameters()) {
            properties.addObject()
                    .put("propertyName", p.name())
                    .put("propertyType", p.type().schemaName())
                    .put("description", p.fullDescription())
                    .put("isRequired", p.required())
                    .put("isArray", false);
        }
        return properties.toString();
    }
}
