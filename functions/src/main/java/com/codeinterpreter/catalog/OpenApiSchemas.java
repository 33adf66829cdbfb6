package com.codeinterpreter.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI component schemas of the tools' requests, from the catalog: each parameter with its type,
 * default and limits. The answers' schemas come from their records ({@link AnswerSchemas}).
 */
final class OpenApiSchemas {
    private final ObjectMapper json;
    private final ObjectNode schemas;

    OpenApiSchemas(ObjectMapper json, ObjectNode schemas) {
        this.json = json;
        this.schemas = schemas;
    }

    /** A tool's request body: its own parameters and the common ones, with their defaults and limits. */
    void request(ToolDefinition tool) {
        ObjectNode schema = object(tool.name() + "Request", "The JSON body of " + tool.name() + ".");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        for (ToolParameter p : tool.allParameters()) {
            ObjectNode property = properties.putObject(p.name()).put("type", p.type().schemaName()).put("description", p.description());
            if (p.defaultValue() != null) {
                property.set("default", json.valueToTree(p.defaultValue()));
            }
            if (p.minimum() != null) {
                property.put("minimum", p.minimum());
            }
            if (p.maximum() != null) {
                property.put("maximum", p.maximum());
            }
            if (p.maxLength() != null) {
                property.put("minLength", 1).put("maxLength", p.maxLength());
            }
        }
        if (!tool.requiredNames().isEmpty()) {
            tool.requiredNames().forEach(schema.putArray("required")::add);
        }
    }

    private ObjectNode object(String name, String description) {
        return schemas.putObject(name).put("type", "object").put("description", description);
    }
}
