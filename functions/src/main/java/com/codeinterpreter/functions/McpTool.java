package com.codeinterpreter.functions;

import com.microsoft.azure.functions.annotation.CustomBinding;
import com.microsoft.azure.functions.annotation.HasImplicitOutput;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a function an MCP tool of the Azure Functions MCP extension: binds its parameter to the tool
 * invocation context, a JSON string with the call's {@code arguments}, {@code sessionid},
 * {@code clientinfo} and {@code transport} (its request headers).
 *
 * <p>Ours and not the library's {@code @McpToolTrigger} because azure-functions-maven-plugin 1.35.0 (the
 * newest that resolves here) writes no binding for that one; for a {@code @CustomBinding} it writes each
 * attribute below into function.json, which gives the {@code mcpToolTrigger} binding the extension
 * documents: {@code type, direction, name, toolName, description, toolProperties}.
 *
 * <p>{@code @HasImplicitOutput}: function.json has no {@code $return} binding (the extension's trigger takes
 * the return value itself), and without this mark the Java worker drops what a function returns unless
 * such a binding exists; durable and OpenAI-skill triggers are marked the same way.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@CustomBinding(direction = "in", name = "", type = "mcpToolTrigger")
@HasImplicitOutput
public @interface McpTool {
    /** The binding's name: the parameter that receives the invocation context. */
    String name();

    /** The tool's name as MCP clients see it; the catalog's name, which may differ from the function's. */
    String toolName();

    String description();

    /**
     * A JSON array of {@code {propertyName, propertyType, description, isRequired, isArray}}, which the
     * extension turns into the tool's input schema. Must be a constant: see {@link McpToolProperties}.
     */
    String toolProperties();
}
