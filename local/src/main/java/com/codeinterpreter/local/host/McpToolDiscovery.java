package com.codeinterpreter.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CustomBinding;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the MCP tools in a package the way the Functions host learns them from function.json: public
 * {@code @FunctionName} methods with a parameter whose annotation is a {@code @CustomBinding} of type
 * {@code mcpToolTrigger}; its {@code toolName}, {@code description} and {@code toolProperties} attributes
 * are the binding's. The input schema is built from {@code toolProperties} as the MCP extension does.
 */
final class McpToolDiscovery {
    static final String TRIGGER_TYPE = "mcpToolTrigger";

    private McpToolDiscovery() {
    }

    /**
     * @throws IllegalStateException naming the method and what to change, when a tool cannot be served or
     *     two functions claim the same tool name
     */
    static List<McpToolFunction> discover(List<FunctionInstances.Annotated> methods, FunctionInstances instances) {
        Map<String, McpToolFunction> byName = new HashMap<>();
        for (FunctionInstances.Annotated m : methods) {
            toTool(m.functionName(), m.method(), instances).ifPresent(t -> {
                McpToolFunction clash = byName.put(t.toolName(), t);
                if (clash != null) {
                    throw new IllegalStateException("Functions '" + clash.functionName() + "' and '" + t.functionName()
                            + "' are both the MCP tool '" + t.toolName() + "'; give one of them another toolName.");
                }
            });
        }
        return byName.values().stream().sorted(Comparator.comparing(McpToolFunction::toolName)).toList();
    }

    /** True for a parameter whose annotation is itself marked {@code @CustomBinding(type = "mcpToolTrigger")}. */
    static boolean isMcpToolTrigger(Parameter parameter) {
        return trigger(parameter).isPresent();
    }

    private static Optional<Annotation> trigger(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            CustomBinding binding = a.annotationType().getAnnotation(CustomBinding.class);
            if (binding != null && binding.type().equalsIgnoreCase(TRIGGER_TYPE)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static Optional<McpToolFunction> toTool(String name, Method method, FunctionInstances instances) {
        String where = "Function '" + name + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        Annotation trigger = null;
        List<McpToolFunction.Argument> arguments = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Optional<Annotation> t = trigger(p);
            if (t.isPresent()) {
                if (p.getType() != String.class) {
                    throw new IllegalStateException(where + ": the local host passes the MCP tool invocation context as a String; "
                            + "declare the parameter as String, not " + p.getParameterizedType().getTypeName() + ".");
                }
                trigger = t.get();
                arguments.add(McpToolFunction.Argument.INVOCATION);
            } else if (p.getType() == ExecutionContext.class && p.getAnnotations().length == 0) {
                arguments.add(McpToolFunction.Argument.CONTEXT);
            } else {
                arguments.add(null);
            }
        }
        if (trigger == null) {
            return Optional.empty();
        }
        if (arguments.contains(null)) {
            throw new IllegalStateException(where + " uses a binding the local host cannot give an MCP tool; it passes the "
                    + "invocation context String and an ExecutionContext only.");
        }
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new IllegalStateException(where + ": its class must be public for the Functions runtime to call it.");
        }
        String toolName = attribute(trigger, "toolName");
        if (toolName.isBlank()) {
            throw new IllegalStateException(where + ": its MCP tool trigger has no toolName.");
        }
        ObjectNode schema = inputSchema(attribute(trigger, "toolProperties"), where);
        List<String> required = new ArrayList<>();
        schema.withArray("required").forEach(r -> required.add(r.asText()));
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instances.of(method.getDeclaringClass(), where);
        return Optional.of(new McpToolFunction(name, toolName, attribute(trigger, "description"), schema, required, method, target,
                arguments));
    }

    /**
     * {@code {"type":"object","properties":{name:{type, description}},"required":[...]}} from the
     * binding's {@code toolProperties}, as the extension builds it ({@code isArray} gives an array of the type).
     */
    static ObjectNode inputSchema(String toolProperties, String where) {
        ObjectNode schema = ResponseWriter.JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        if (toolProperties.isBlank()) {
            return schema;
        }
        JsonNode list;
        try {
            list = ResponseWriter.JSON.readTree(toolProperties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(where + ": toolProperties is not JSON: " + e.getOriginalMessage(), e);
        }
        for (JsonNode p : list) {
            String propertyName = p.path("propertyName").asText();
            ObjectNode property = properties.putObject(propertyName);
            if (p.path("isArray").asBoolean()) {
                property.put("type", "array").putObject("items").put("type", p.path("propertyType").asText());
            } else {
                property.put("type", p.path("propertyType").asText());
            }
            property.put("description", p.path("description").asText(""));
            if (p.path("isRequired").asBoolean()) {
                required.add(propertyName);
            }
        }
        return schema;
    }

    /** A string attribute of the trigger annotation, or "" when it has none of that name. */
    private static String attribute(Annotation annotation, String name) {
        try {
            Object value = annotation.annotationType().getMethod(name).invoke(annotation);
            return value instanceof String s ? s : "";
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }
}
