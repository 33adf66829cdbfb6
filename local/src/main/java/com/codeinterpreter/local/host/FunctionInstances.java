package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.annotation.FunctionName;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
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
     * one scan of the class path, shared by the HTTP and the MCP discovery. ClassGraph reads the class files
     * without loading them, so only the classes that declare functions are loaded.
     */
    List<Annotated> functionMethods(String packagePrefix) {
        List<Annotated> found = new ArrayList<>();
        ClassGraph classGraph = new ClassGraph().overrideClassLoaders(loader).acceptPackages(packagePrefix)
                .enableMethodInfo().enableAnnotationInfo().disableNestedJarScanning().disableModuleScanning();
        List<URI> roots = packageRoots(packagePrefix);
        if (!roots.isEmpty()) {
            // Only the class path entries that hold the package: opening every jar of the Azure SDK costs ~0.25 s.
            classGraph.overrideClasspath(roots);
        }
        try (ScanResult scan = classGraph.scan()) {
            for (ClassInfo type : scan.getClassesWithMethodAnnotation(FunctionName.class)) {
                for (MethodInfo info : type.getDeclaredMethodInfo()) {
                    if (info.isPublic() && info.hasAnnotation(FunctionName.class)) {
                        Method method = load(info);
                        if (method != null) {
                            found.add(new Annotated(method.getAnnotation(FunctionName.class).value(), method));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * The class path entries (folders and jars) in which the class loader sees the package, or none when it sees
     * it nowhere: a jar built without directory entries hides its packages from the loader, and then ClassGraph
     * reads the whole class path instead.
     */
    private List<URI> packageRoots(String packagePrefix) {
        String path = packagePrefix.replace('.', '/');
        List<URI> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                String text = url.toString();
                if (text.endsWith(path)) {
                    roots.add(URI.create(text.substring(0, text.length() - path.length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the class path entries of package " + packagePrefix, e);
        }
        return roots;
    }

    /** The method, or null (logged) when its class cannot load: such a class cannot hold a function we could call. */
    private static Method load(MethodInfo info) {
        try {
            return info.loadClassAndGetMethod();
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.warning("skipping " + info.getClassName() + "." + info.getName() + ": " + e);
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
