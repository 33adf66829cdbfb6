package com.codeinterpreter.local.bench;

import com.codeinterpreter.local.host.HostProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** (f) the function app's start, process start to first answered tool call, and the deployment package's size. */
final class StartupBench {
    private static final Path PACKAGE = Path.of("functions", "target", "azure-functions", "code-interpreter");
    private final Report report;

    StartupBench(Report report) {
        this.report = report;
    }

    void run(BenchStack stack) {
        Http.poolExecute(stack.pool.url(), "warm-up", "print(1)");
        Samples listening = new Samples(5);
        Samples firstCall = new Samples(5);
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            try (HostProcess host = HostProcess.start(BenchStack.settings(stack.pool.url(), stack.azurite.connectionString()),
                    List.of("-XX:+UseSerialGC"), line -> { })) {
                Http.tool(host.baseUrl(), "ExecutePythonCode", "bench-start", "pythonCode", "print(1)");
                firstCall.add(System.nanoTime() - started);
                listening.add(host.startedToListeningNanos());
            }
        }
        report.add("(f) function app start: process start to first answered tool call, p50", Samples.ms(firstCall.percentileMs(50)),
                "to listening p50 " + Samples.ms(listening.percentileMs(50)), "<= 1.5 s", firstCall.percentileMs(50) <= 1500);
    }

    void packageSize() throws IOException {
        Path root = findPackage();
        long size;
        try (Stream<Path> files = Files.walk(root)) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        Path zip = Files.createTempFile("package", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(root.relativize(f).toString()));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        long zipped = Files.size(zip);
        Files.delete(zip);
        report.add("(f) deployment package (functions/target/azure-functions/code-interpreter)",
                String.format("%.1f MB (zip %.1f MB)", size / 1e6, zipped / 1e6), "", "<= 30 MB", size <= 30_000_000);
    }

    private static Path findPackage() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(PACKAGE))) {
                return dir.resolve(PACKAGE);
            }
        }
        throw new IllegalStateException("no deployment package: run mvn package first");
    }
}
