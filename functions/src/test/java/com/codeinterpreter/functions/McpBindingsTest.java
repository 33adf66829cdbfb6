package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.codeinterpreter.catalog.McpSchema;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each MCP tool's annotation says what the catalog says. Annotation values must be compile-time
 * constants, so the tool properties are kept as constants in {@link McpToolProperties}; when they
 * differ from the catalog, this test writes the file they should be to target/ and names it.
 */
class McpBindingsTest {
    /** The classes with an MCP function, found as the Functions host finds functions: by scanning, not by a list. */
    static final List<Class<?>> FUNCTIONS = scan();

    private static List<Class<?>> scan() {
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableMethodInfo().enableAnnotationInfo()
                .acceptPackages(McpBindingsTest.class.getPackageName()).scan()) {
            return scan.getClassesWithMethodParameterAnnotation(McpTool.class).loadClasses();
        }
    }

    record Binding(String functionName, McpTool annotation, Method method) {
    }

    static Map<String, Binding> bindingsByToolName() {
        Map<String, Binding> bindings = new TreeMap<>();
        for (Class<?> type : FUNCTIONS) {
            for (Method method : type.getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    McpTool tool = parameter.getAnnotation(McpTool.class);
                    if (tool != null) {
                        bindings.put(tool.toolName(), new Binding(method.getAnnotation(FunctionName.class).value(), tool, method));
                    }
                }
            }
        }
        return bindings;
    }

    @Test
    void everyCatalogToolIsAnMcpToolNamedAfterItWithItsDescription() {
        Map<String, Binding> bindings = bindingsByToolName();
        assertEquals(ToolCatalog.all().stream().map(ToolDefinition::name).sorted().toList(), List.copyOf(bindings.keySet()));
        for (ToolDefinition tool : ToolCatalog.all()) {
            Binding binding = bindings.get(tool.name());
            assertEquals(tool.name() + "Mcp", binding.functionName(), "MCP function names differ from the HTTP ones");
            assertEquals(tool.description(), binding.annotation().description(), tool.name());
            assertEquals(String.class, binding.method().getReturnType(), "the extension sends a returned string as text content");
        }
    }

    @Test
    void toolPropertiesAreTheCatalogs() throws IOException {
        Map<String, Binding> bindings = bindingsByToolName();
        boolean same = ToolCatalog.all().stream()
                .allMatch(t -> McpSchema.toolProperties(t).equals(bindings.get(t.name()).annotation().toolProperties()));
        if (!same) {
            Path expected = Path.of("target", "McpToolProperties.java");
            Files.writeString(expected, McpToolPropertiesSource.render());
            fail("The MCP tool properties differ from the catalog. Replace "
                    + "functions/src/main/java/com/codeinterpreter/functions/McpToolProperties.java with " + expected.toAbsolutePath());
        }
        assertTrue(McpToolPropertiesSource.render().contains("EXECUTE_PYTHON_CODE"));
    }
}
