package com.codeinterpreter.catalog;

/** The JSON type of a tool parameter, named as JSON Schema and the MCP extension's {@code propertyType} name it. */
public enum JsonType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean");

    private final String schemaName;

    JsonType(String schemaName) {
        this.schemaName = schemaName;
    }

    /** {@code string}, {@code integer} or {@code boolean}. */
    public String schemaName() {
        return schemaName;
    }
}
