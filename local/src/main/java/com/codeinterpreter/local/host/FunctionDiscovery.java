package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Finds the HTTP-triggered functions in a package by their annotations, the way the Functions Maven
 * plugin does when it writes {@code function.json}: public methods with {@code @FunctionName} whose
 * parameter carries {@code @HttpTrigger}. There is no second list of routes to keep in step.
 *
 * <p>A {@code @FunctionName} method without an HTTP trigger (an MCP tool, which {@link McpToolDiscovery}
 * finds, or a timer) is not an HTTP function and is skipped here. An HTTP function that needs something
 * the local host cannot give (a {@code @BindingName} route value, an output binding, a POJO body) fails
 * discovery, so it is found at start and not at the first request.
 */
final class FunctionDiscovery {
    private static final Logger LOG = Logger.getLogger(FunctionDiscovery.class.getName());

    private final FunctionInstances instances;

    private FunctionDiscovery(FunctionInstances instances) {
        this.instances = instances;
    }

    /**
     * The HTTP functions among the {@code @FunctionName} methods found, sorted by route.
     *
     * @throws IllegalStateException naming the method and what to change, when a function cannot be
     *     served or two functions claim the same route and method
     */
    static List<HttpFunction> discover(List<FunctionInstances.Annotated> methods, FunctionInstances instances) {
        FunctionDiscovery discovery = new FunctionDiscovery(instances);
        List<HttpFunction> found = new ArrayList<>();
        for (FunctionInstances.Annotated m : methods) {
            discovery.toFunction(m.functionName(), m.method()).ifPresent(found::add);
        }
        found.sort(Comparator.comparing((HttpFunction f) -> f.route().text().toLowerCase(Locale.ROOT)).thenComparing(HttpFunction::name));
        RouteClashes.check(found);
        return List.copyOf(found);
    }

    private Optional<HttpFunction> toFunction(String name, Method method) {
        String where = "Function '" + name + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        Parameter[] parameters = method.getParameters();
        int triggerIndex = -1;
        for (int i = 0; i < parameters.length; i++) {
            if (McpToolDiscovery.isMcpToolTrigger(parameters[i])) {
                LOG.fine(where + " is an MCP tool, not an HTTP function; not served");
                return Optional.empty();
            }
            if (parameters[i].isAnnotationPresent(HttpTrigger.class)) {
                triggerIndex = i;
            }
        }
        if (triggerIndex < 0) {
            LOG.fine(where + " has no @HttpTrigger parameter; not served");
            return Optional.empty();
        }
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new IllegalStateException(where + ": its class must be public for the Functions runtime to call it.");
        }
        Parameter triggerParameter = parameters[triggerIndex];
        if (triggerParameter.getType() != HttpRequestMessage.class) {
            throw new IllegalStateException(where + ": the @HttpTrigger parameter must be an HttpRequestMessage<T>, was "
                    + triggerParameter.getParameterizedType().getTypeName() + ".");
        }
        BodyType bodyType = BodyType.of(triggerParameter.getParameterizedType()).orElseThrow(() -> new IllegalStateException(
                where + ": the local Functions host supports request bodies of type " + BodyType.SUPPORTED + ", not "
                        + triggerParameter.getParameterizedType().getTypeName() + "."));
        List<HttpFunction.Argument> arguments = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            if (i == triggerIndex) {
                arguments.add(HttpFunction.Argument.REQUEST);
            } else if (parameters[i].getType() == ExecutionContext.class && parameters[i].getAnnotations().length == 0) {
                arguments.add(HttpFunction.Argument.CONTEXT);
            } else {
                throw new IllegalStateException(where + " uses an unsupported binding: parameter " + (i + 1) + " ("
                        + describe(parameters[i]) + "). The local Functions host passes only the @HttpTrigger "
                        + "HttpRequestMessage and an ExecutionContext; read other values from the request instead.");
            }
        }
        HttpTrigger trigger = triggerParameter.getAnnotation(HttpTrigger.class);
        String route = trigger.route().isBlank() ? name : trigger.route();
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instances.of(method.getDeclaringClass(), where);
        return Optional.of(new HttpFunction(name, RouteTemplate.parse(route), Set.of(trigger.methods()),
                trigger.authLevel(), method, target, bodyType, arguments));
    }

    static String describe(Parameter parameter) {
        StringBuilder b = new StringBuilder(parameter.getParameterizedType().getTypeName());
        for (Annotation a : parameter.getAnnotations()) {
            b.append(" @").append(a.annotationType().getSimpleName());
        }
        return b.toString();
    }
}
