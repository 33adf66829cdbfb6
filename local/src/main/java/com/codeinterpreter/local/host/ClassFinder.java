package com.codeinterpreter.local.host;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the names of the classes in a package and its sub-packages, from the directories and jars of a
 * class loader and of {@code java.class.path}.
 *
 * <p>Both sources are read because each misses something: the class loader only lists a package in a jar
 * that has directory entries, and {@code java.class.path} is a single manifest jar under Surefire.
 */
final class ClassFinder {
    private final ClassLoader loader;

    ClassFinder(ClassLoader loader) {
        this.loader = loader;
    }

    /** Binary names ({@code a.b.C$D}) of the classes whose package is {@code prefix} or below it. */
    Set<String> find(String prefix) {
        String dir = prefix.replace('.', '/');
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(dir);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("file")) {
                    scanDirectory(Path.of(url.toURI()), dir, names);
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    // An uncached JarFile is ours to close; a cached one may be shared with other readers.
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        scanJar(jar, dir, names);
                    }
                }
            }
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path path = Path.of(entry.isEmpty() ? "." : entry);
                if (Files.isDirectory(path)) {
                    scanDirectory(path.resolve(dir), dir, names);
                } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        scanJar(jar, dir, names);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of package " + prefix, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of package " + prefix, e);
        }
        return names;
    }

    private static void scanDirectory(Path packageDir, String dir, Set<String> names) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(packageDir)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = packageDir.relativize(f).toString().replace(File.separatorChar, '/');
                add(dir + "/" + relative, names);
            });
        }
    }

    private static void scanJar(JarFile jar, String dir, Set<String> names) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(dir + "/") && entry.endsWith(".class")) {
                add(entry, names);
            }
        }
    }

    private static void add(String classFile, Set<String> names) {
        String name = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        if (!name.endsWith("module-info") && !name.endsWith("package-info")) {
            names.add(name);
        }
    }
}
