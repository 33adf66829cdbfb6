package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.codeinterpreter.catalog.ToolParameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What azure-functions-maven-plugin wrote at {@code package}: one function.json per function, and for the
 * MCP tools the {@code mcpToolTrigger} binding in the shape the MCP extension's host binding
 * specification gives ({@code type, direction, name, toolName, description, toolProperties}, the last a
 * JSON array of {@code {propertyName, propertyType, description, isRequired, isArray}}).
 */
class FunctionJsonIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path APP = Path.of("target", "azure-functions", "code-interpreter");

    @Test
    void thereIsAnHttpAndAnMcpFunctionPerToolAndTheOpenApiDocument() throws IOException {
        Set<String> expected = new TreeSet<>(Set.of("OpenApi"));
        ToolCatalog.all().forEach(t -> expected.addAll(List.of(t.name(), t.name() + "Mcp")));
        try (Stream<Path> dirs = Files.list(APP)) {
            Set<String> found = new TreeSet<>(dirs.filter(d -> Files.exists(d.resolve("function.json")))
                    .map(d -> d.getFileName().toString()).toList());
            assertEquals(expected, found);
        }
    }

    @Test
    void eachMcpFunctionHasOneToolTriggerBindingAsTheExtensionDocumentsIt() throws IOException {
        for (ToolDefinition tool : ToolCatalog.all()) {
            JsonNode function = read(tool.name() + "Mcp");
            assertTrue(function.path("entryPoint").asText().endsWith("Function.mcp"), function.toString());
            JsonNode bindings = function.path("bindings");
            assertEquals(1, bindings.size(), tool.name() + ": the trigger takes the return value; no other binding: " + bindings);
            JsonNode trigger = bindings.get(0);
            assertEquals(Set.of("type", "direction", "name", "toolName", "description", "toolProperties"), fieldNames(trigger));
            assertEquals("mcpToolTrigger", trigger.path("type").asText());
            assertEquals("in", trigger.path("direction").asText());
            assertEquals("invocation", trigger.path("name").asText());
            assertEquals(tool.name(), trigger.path("toolName").asText());
            assertEquals(tool.description(), trigger.path("description").asText());
            assertTrue(trigger.path("toolProperties").isTextual(), "toolProperties is a JSON string, not an array");
            assertToolProperties(tool, JSON.readTree(trigger.path("toolProperties").asText()));
        }
    }

    @Test
    void eachHttpFunctionKeepsItsRouteAndFunctionKey() throws IOException {
        for (ToolDefinition tool : ToolCatalog.all()) {
            JsonNode trigger = read(tool.name()).path("bindings").get(0);
            assertEquals("httpTrigger", trigger.path("type").asText());
            assertEquals(tool.name(), trigger.path("route").asText());
            assertEquals("FUNCTION", trigger.path("authLevel").asText());
        }
        JsonNode openApi = read("OpenApi").path("bindings").get(0);
        assertEquals("openapi.json", openApi.path("route").asText());
        assertEquals("ANONYMOUS", openApi.path("authLevel").asText());
        assertEquals("[\"GET\"]", openApi.path("methods").toString());
    }

    private static void assertToolProperties(ToolDefinition tool, JsonNode properties) {
        assertTrue(properties.isArray(), tool.name());
        List<String> names = new ArrayList<>();
        for (JsonNode p : properties) {
            assertEquals(Set.of("propertyName", "propertyType", "description", "isRequired", "isArray"), fieldNames(p), p.toString());
            ToolParameter parameter = tool.parameter(p.path("propertyName").asText());
            names.add(parameter.name());
            assertEquals(parameter.type().schemaName(), p.path("propertyType").asText(), tool.name() + "." + parameter.name());
            assertTrue(Set.of("string", "integer", "number", "boolean", "object").contains(p.path("propertyType").asText()));
            assertTrue(p.path("isRequired").isBoolean() && p.path("isArray").isBoolean(), p.toString());
            assertEquals(parameter.required(), p.path("isRequired").asBoolean(), tool.name() + "." + parameter.name());
            assertEquals(parameter.fullDescription(), p.path("description").asText());
        }
        assertEquals(tool.allParameters().stream().map(ToolParameter::name).toList(), names);
    }

    private static JsonNode read(String function) throws IOException {
        return JSON.readTree(APP.resolve(function).resolve("function.json").toFile());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
