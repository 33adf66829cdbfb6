package com.codeinterpreter.local.host;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * One MCP tool found on the class path: a function whose parameter carries an {@code mcpToolTrigger}
 * custom binding, and the tool as MCP clients see it.
 *
 * @param functionName the {@code @FunctionName}
 * @param toolName     the binding's {@code toolName}
 * @param inputSchema  the JSON Schema the MCP extension builds from the binding's {@code toolProperties}
 * @param required     the properties the extension demands before it calls the function
 * @param arguments    what each parameter receives, in order
 */
record McpToolFunction(String functionName, String toolName, String description, ObjectNode inputSchema, List<String> required,
                       Method method, Object target, List<Argument> arguments) {

    /** What the host passes to one parameter. */
    enum Argument { INVOCATION, CONTEXT }

    McpToolFunction {
        required = List.copyOf(required);
        arguments = List.copyOf(arguments);
    }

    /**
     * Runs the function with the tool invocation context, as the extension passes it to a {@code String}.
     *
     * @return what the function returned
     * @throws FunctionFailedException when the function threw; its cause is what it threw
     */
    Object invoke(String invocation, ExecutionContext context) {
        Object[] args = arguments.stream().map(a -> a == Argument.INVOCATION ? invocation : context).toArray();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(functionName, e.getCause());
        } catch (IllegalAccessException e) {
            // Discovery only keeps public methods of public classes, so this is our bug, not the function's.
            throw new IllegalStateException("cannot call " + method + " " + Arrays.toString(method.getParameterTypes()), e);
        }
    }

    /** For the start-up listing: {@code EchoMcp: MCP tool echo}. */
    String describe() {
        return functionName + ": MCP tool " + toolName;
    }
}
