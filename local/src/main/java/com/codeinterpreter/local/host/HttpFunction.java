package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One HTTP-triggered function found on the class path: its name, route, methods and the Java method that
 * runs it.
 *
 * @param name       the {@code @FunctionName}
 * @param route      the trigger's route, or the function name when it sets none
 * @param methods    the HTTP methods it accepts; empty means all, as in {@code @HttpTrigger}
 * @param authLevel  recorded for the start-up listing only: like {@code func start}, keys are not checked
 * @param method     the Java method
 * @param target     the one instance of the declaring class, or {@code null} for a static method
 * @param bodyType   the {@code T} of its {@code HttpRequestMessage<T>}
 * @param arguments  what each parameter receives, in order
 */
record HttpFunction(String name, RouteTemplate route, Set<HttpMethod> methods, AuthorizationLevel authLevel,
                    Method method, Object target, BodyType bodyType, List<Argument> arguments) {

    /** What the host passes to one parameter. */
    enum Argument { REQUEST, CONTEXT }

    HttpFunction {
        methods = methods.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(methods));
        arguments = List.copyOf(arguments);
    }

    /** Whether it takes this request method; one that is not an {@link HttpMethod} at all is never taken. */
    boolean accepts(String httpMethod) {
        boolean known = EnumSet.allOf(HttpMethod.class).stream().anyMatch(m -> m.name().equals(httpMethod));
        return known && (methods.isEmpty() || methods.stream().anyMatch(m -> m.name().equals(httpMethod)));
    }

    /** The methods it accepts, in a stable order; all of them when the trigger names none. */
    List<String> methodNames() {
        Set<HttpMethod> all = methods.isEmpty() ? EnumSet.allOf(HttpMethod.class) : EnumSet.copyOf(methods);
        return all.stream().map(Enum::name).toList();
    }

    /** For messages: {@code com.x.EchoFunction.run}. */
    String javaName() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    /** For the start-up listing: {@code Echo: POST /api/echo (authLevel FUNCTION)}. */
    String describe(String routePrefix) {
        String verbs = methods.isEmpty() ? "ALL" : methodNames().stream().collect(Collectors.joining(","));
        return name + ": " + verbs + " /" + routePrefix + "/" + route.text() + " (authLevel " + authLevel + ")";
    }

    /**
     * Runs the function.
     *
     * @return what the Java method returned: usually an {@code HttpResponseMessage}
     * @throws FunctionFailedException when the function threw; its cause is what the function threw
     */
    Object invoke(HttpRequestMessage<?> request, ExecutionContext context) {
        Object[] args = arguments.stream().map(a -> a == Argument.REQUEST ? request : context).toArray();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(name, e.getCause());
        } catch (IllegalAccessException e) {
            // Discovery only keeps public methods of public classes, so this is our bug, not the function's.
            throw new IllegalStateException("cannot call " + javaName() + " " + Arrays.toString(method.getParameterTypes()), e);
        }
    }
}
