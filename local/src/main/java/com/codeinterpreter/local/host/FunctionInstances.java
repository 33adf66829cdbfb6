package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.annotation.FunctionName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Loads function classes and makes the one instance of each, shared by its HTTP and MCP functions, as
 * the Java worker does. Used while the host starts, from one thread.
 */
final class FunctionInstances {
    private static final Logger LOG = Logger.getLogger(FunctionInstances.class.getName());

    private final ClassLoader loader;
    private final Map<Class<?>, Object> instances = new HashMap<>();

    FunctionInstances(ClassLoader loader) {
        this.loader = loader;
    }

    /** A public method annotated {@code @FunctionName}, with that name. */
    record Annotated(String functionName, Method method) {
    }

    /**
     * The public {@code @FunctionName} methods of the classes in {@code packagePrefix} and its sub-packages:
     * one scan of the class path, shared by the HTTP and the MCP discovery.
     */
    List<Annotated> functionMethods(String packagePrefix) {
        List<Annotated> found = new ArrayList<>();
        for (String className : new ClassFinder(loader).find(packagePrefix)) {
            Class<?> type = load(className);
            if (type == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name != null && Modifier.isPublic(method.getModifiers())) {
                    found.add(new Annotated(name.value(), method));
                }
            }
        }
        return found;
    }

    /** The class, or null (logged) when it cannot load: such a class cannot hold a function we could call. */
    Class<?> load(String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warning("skipping class " + className + ": " + e);
            return null;
        }
    }

    /**
     * The one instance of a function class, made with its public no-arg constructor.
     *
     * @param where names the function, for the message when the class cannot be instantiated
     */
    Object of(Class<?> type, String where) {
        Object existing = instances.get(type);
        if (existing != null) {
            return existing;
        }
        Object created;
        try {
            created = type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where + ": " + type.getName() + " needs a public no-argument constructor.", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(where + ": the constructor of " + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException(where + ": creating " + type.getName() + " failed: " + e, e);
        }
        instances.put(type, created);
        return created;
    }
}
