package com.codeinterpreter.local.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions host in its own JVM, configured only by app settings in its environment, as the Functions
 * runtime runs the app: what the end-to-end tests call and the benchmarks measure start time and heap of.
 */
public final class HostProcess implements AutoCloseable {
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    // One line per generation ("def new generation total 116160K, used 20659K", "tenured generation ..."), or
    // G1's one heap; the metaspace and the spaces inside a generation have no "total".
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern LISTENING = Pattern.compile("functions host listening on (http://127\\.0\\.0\\.1:\\d+)/api");

    private final Process process;
    private final String baseUrl;
    private final long startedToListeningNanos;

    private HostProcess(Process process, String baseUrl, long startedToListeningNanos) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startedToListeningNanos = startedToListeningNanos;
    }

    /**
     * Starts the host on a free port and waits until it listens.
     *
     * @param settings   the app settings; any of ours inherited from this process's environment are removed first
     * @param jvmOptions options for the host's JVM
     * @param output     sees every line the host prints (for example to echo errors into a test log)
     */
    public static HostProcess start(Map<String, String> settings, List<String> jvmOptions, Consumer<String> output) {
        return start(0, settings, jvmOptions, output);
    }

    /** As {@link #start(Map, List, Consumer)}, on {@code port} (0 picks a free one). */
    public static HostProcess start(int port, Map<String, String> settings, List<String> jvmOptions, Consumer<String> output) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.codeinterpreter.local.host.LocalFunctionsHostMain",
                "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(HostProcess::isAppSetting);
        builder.environment().putAll(settings);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder before = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone()) {
                        before.append(line).append('\n');
                    }
                    output.accept(line);
                }
            } catch (IOException e) {
                // the host ended
            }
            url.completeExceptionally(new IllegalStateException("the functions host ended before listening:\n" + before));
        }, "functions-host-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String base = url.get(60, TimeUnit.SECONDS);
            return new HostProcess(process, base, System.nanoTime() - started);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the functions host did not start", e);
        }
    }

    /** Whether an environment variable is one of the app's settings, which {@link #start} takes only from its caller. */
    public static boolean isAppSetting(String name) {
        return name.startsWith("SESSION_") || name.startsWith("OUTPUTS_") || name.startsWith("WEBSITE_");
    }

    /** Completes when the host's process has exited, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Where the host serves, such as http://127.0.0.1:40123 (the functions are under /api). */
    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** Nanos from the process start to the host's listening line. */
    public long startedToListeningNanos() {
        return startedToListeningNanos;
    }

    /**
     * Bytes of live objects in the host's heap: the total of {@code GC.class_histogram}, which collects fully and
     * counts in the same pause, so nothing the host allocates around the measurement counts. (A separate
     * {@code GC.run} then {@code GC.heap_info} counted what was allocated between the two, tens of MiB during a
     * transfer, and under the serial collector its first "used" is the young generation alone.)
     */
    public long liveHeapBytes() {
        Matcher total = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
        if (!total.find()) {
            throw new IllegalStateException("no total in the host's class histogram");
        }
        return Long.parseLong(total.group(1));
    }

    /** Heap in use now, garbage not yet collected included: the sum over the generations (or G1's one heap). */
    public long heapUsedBytes() {
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
        }
        return used;
    }

    public long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private String jcmd(String command) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(process.pid()), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
