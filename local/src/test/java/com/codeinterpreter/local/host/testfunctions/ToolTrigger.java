package com.codeinterpreter.local.host.testfunctions;

import com.microsoft.azure.functions.annotation.CustomBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An MCP tool trigger declared as a custom binding, the way a function app can declare one itself. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@CustomBinding(direction = "in", name = "", type = "mcpToolTrigger")
public @interface ToolTrigger {
    String name();

    String toolName();

    String description() default "";

    String toolProperties() default "";
}
