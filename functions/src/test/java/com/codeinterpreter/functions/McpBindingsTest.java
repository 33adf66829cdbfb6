package com.codeinterpreter.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.catalog.McpSchema;
import com.codeinterpreter.catalog.ToolCatalog;
import com.codeinterpreter.catalog.ToolDefinition;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each MCP tool's annotation says what the catalog says. Annotation values must be compile-time
 * constants, so the build generates the tool properties as constants in {@link McpToolProperties}
 * from the catalog; this holds the generation step and the annotations that use it to the catalog.
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
    void toolPropertiesAreTheCatalogs() {
        Map<String, Binding> bindings = bindingsByToolName();
        for (ToolDefinition tool : ToolCatalog.all()) {
            assertEquals(McpSchema.toolProperties(tool), bindings.get(tool.name()).annotation().toolProperties(), tool.name()
                    + ": the MCP tool properties differ from the catalog; the build generates McpToolProperties from it "
                    + "(functions/src/build/GenerateMcpToolProperties.java): rebuild with Maven");
        }
    }
}
