package com.codeinterpreter.local.bench;

import com.codeinterpreter.local.sandbox.Kernel;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench.sh}: measures the figures of BENCHMARKS.md, each beside its reference in the same
 * run, on the real local stack. A benchmark, not a test: it asserts nothing and only reports.
 */
public final class Benchmarks {
    static final String INCIDENTS_CHART = String.join("\n",
            "import matplotlib.pyplot as plt", "import numpy as np",
            "categories = ['Critical', 'High', 'Medium', 'Low']", "counts = [5, 12, 28, 45]",
            "plt.figure(figsize=(10, 6))", "plt.bar(categories, counts, color=['red', 'orange', 'yellow', 'green'])",
            "plt.title('Incidents by Severity')", "plt.xlabel('Severity Level')", "plt.ylabel('Count')",
            "plt.savefig('/mnt/data/incidents_by_severity.png', dpi=150)");

    private static final int WARM_UP_CALLS = 4000;

    private final Report report = new Report();
    private final int iterations;
    private final java.util.Set<String> sections;

    private Benchmarks(int iterations, java.util.Set<String> sections) {
        this.iterations = iterations;
        this.sections = sections;
    }

    private boolean runs(String section) {
        return sections.contains("all") || sections.contains(section);
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path output = Path.of(args.length > 1 ? args[1] : "BENCHMARKS.md");
        // Sections, to re-measure one figure while working on it: warm,new,chart,load,memory,start,burst,size,files,scan (default all).
        java.util.Set<String> sections = java.util.Set.of((args.length > 2 ? args[2] : "all").split(","));
        Benchmarks bench = new Benchmarks(iterations, sections);
        bench.run();
        bench.explain();
        bench.report.write(output, "scripts/bench.sh");
        System.out.println("written to " + output.toAbsolutePath());
        System.exit(0);
    }

    private void run() throws Exception {
        StartupBench startup = new StartupBench(report);
        try (BenchStack stack = BenchStack.start(2)) {
            if (runs("warm")) {
                warmCalls(stack);
            }
            if (runs("new")) {
                newSessions(stack, true);
            }
            if (runs("chart")) {
                chart(stack);
            }
            new LoadBench(report).run(stack, runs("load"), runs("memory"));
            if (runs("files")) {
                new FilesBench(report).run(stack);
            }
            if (runs("start")) {
                startup.run(stack);
            }
            if (runs("scan")) {
                new ScanBench(report).run(stack);
            }
        }
        if (runs("new")) {
            try (BenchStack cold = BenchStack.start(0)) {
                newSessions(cold, false);
            }
        }
        if (runs("burst")) {
            BurstBench burst = new BurstBench(report);
            burst.run();
            burst.explain();
        }
        if (runs("size")) {
            startup.packageSize();
        }
    }

    /** What profiling found behind the figures (see the commit history for the measurements). */
    private void explain() {
        report.note("(a) Measured with a lean blocking HTTP/1.1 client after " + WARM_UP_CALLS + " warm-up calls. Earlier runs "
                + "reported 2.4-2.5 ms because they measured the instruments: after 300 warm-up calls the host's JIT was still "
                + "compiling (its CPU per call fell from ~0.9 ms to ~0.5 ms over the next few thousand), and the JDK's HttpClient as "
                + "the caller spends ~0.7 ms of CPU per call and hands each exchange to its selector thread (the lean client: ~0.1 "
                + "ms). CPU per warm call, read from /proc over 5,000 calls: functions host ~0.5 ms (host plumbing, JSON, HMAC, "
                + "the azure-core pipeline and its JDK client to the pool), pool ~0.2 ms, kernel with the tool's helper ~0.45 ms "
                + "(of which the guardrails' syntax-tree check ~0.12 ms; the raw kernel pipe: 0.04 ms). The p99 is above "
                + "ipykernel's: three processes (the benchmark with the pool, the functions host, the kernel) share two cores here, "
                + "and the host's young collections (3-4 ms, every ~1.5 s under this load) land in the tail.");
        report.note("(b) A new session's first call finds a fresh interpreter, installs the tool's helper in it and records the "
                + "session's start in Blob Storage. Timed before the fix (44 ms p50): ~17 ms compiling the helper's ~1,900 lines "
                + "in the kernel, then the ledger's blob write (12-25 ms on a busy machine). Now the build ships the helper compiled for its Python "
                + "(loaded in ~1.5 ms; a kernel of another Python version gets the source), and the blob write runs while the "
                + "helper installs. Remaining: the call that finds the fresh interpreter (~5 ms), the install round trip, and the reply. "
                + "The install cell is ~140 KB since the file tools, the change watch and the kill timer (~85 KB before; the "
                + "bytecode is compiled without docstrings): in the kernel ~7 ms to unpack the modules and run their bodies, ~2 ms "
                + "to parse the cell and ~2 ms for the first call's watch, timer and progress thread; ~5 ms carrying the cell "
                + "through the host, the pool and the kernel's pipe. With kernels forked from the template this figure read 40 and "
                + "40 ms against 33 and 35 ms for the same build with the template switched off, but inside the kernel a forked one "
                + "spends only ~1 ms more on the install and first call (~320 more page faults, its copies of the template's "
                + "pages): the rest of that gap is not explained, and may be this figure's noise. The bytecode is built from the "
                + "shipped sources, never taken from a session, which could tamper with it.");
        report.note("(f) Profiled (JFR, class loading): of a start, ~0.6 s passes before the host listens (the JVM, finding the "
                + "functions; a third of it verifying the signatures of the Azure SDK's signed jars) and ~0.6 s in the first call "
                + "(loading and interpreting classes: the HTTP client and its TLS context, Reactor under azure-core's request bodies, "
                + "Jackson binding the helper's reply and writing the answer). Finding the functions with ClassGraph loads ~240 "
                + "classes more than the hand-written finder did (the local host only: the Functions runtime reads function.json). "
                + "The first call loads about as many as before the redesign: binding the helper's typed replies adds ~150, and "
                + "~145 went, as azure-core's default JSON serializer, which the app never uses, is made only when used and answers "
                + "write their Instants without Jackson's JavaTimeModule. It varied from 1.05 s to 1.42 s between runs on this machine.");
        report.note("(e) The large-file heap figures are live heap only: each sample is one full collection and the class "
                + "histogram's total in one pause of the host, whose old generation is fully compacted (else up to ~13 MiB of dead "
                + "space stays behind as int[] filler and counts). Live at the peak of persisting a file: the two 4 MiB blocks "
                + "OutputStore stages to Blob Storage and HTTP buffers. Earlier figures (23-94 MiB) counted garbage allocated "
                + "between a collection and a separate heap reading, and that filler; and the SDK's parallel upload of a stream "
                + "held six blocks at once, ~24 MiB, where the app now holds two.");
    }

    /**
     * (a) warm print(1): full stack, the pool's HTTP API, the raw kernel pipe, and ipykernel. The stack is measured
     * with {@link LeanClient}, and once more with the JDK's HttpClient to show what a heavier caller adds.
     */
    private void warmCalls(BenchStack stack) throws Exception {
        String session = "bench-warm";
        String toolCall = Http.JSON.createObjectNode().put("sessionId", session).put("pythonCode", "print(1)").toString();
        String poolCall = Http.JSON.createObjectNode().put("code", "print(1)").put("timeoutInSeconds", 60).toString();
        Samples full;
        Samples pool;
        try (LeanClient host = new LeanClient(stack.host.baseUrl()); LeanClient poolApi = new LeanClient(stack.pool.url())) {
            JsonNode first = Http.JSON.readTree(host.post("/api/ExecutePythonCode", toolCall, null));
            if (!"1\n".equals(first.path("stdout").asText())) {
                throw new IllegalStateException("unexpected answer " + first);
            }
            // The host's JIT needs a few thousand calls before its code is steady; measuring earlier measures the compiler.
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                host.post("/api/ExecutePythonCode", toolCall, null);
            }
            full = timed(() -> host.post("/api/ExecutePythonCode", toolCall, null));
            pool = timed(() -> poolApi.post("/executions?api-version=2025-10-02-preview&identifier=bench-pool-warm", poolCall,
                    BenchStack.TOKEN));
        }
        Samples jdkClient = timed(() -> Http.tool(stack.host.baseUrl(), "ExecutePythonCode", session, "pythonCode", "print(1)"));
        Samples raw = rawKernel();
        Samples ipy = ipykernel();
        String floor = "kernel pipe p50 " + Samples.ms(raw.percentileMs(50)) + ", p99 " + Samples.ms(raw.percentileMs(99));
        report.add("(a) warm `print(1)`, full stack p50", Samples.ms(full.percentileMs(50)),
                "ipykernel p50 " + Samples.ms(ipy.percentileMs(50)), "< ipykernel p50", full.percentileMs(50) < ipy.percentileMs(50));
        report.add("(a) warm `print(1)`, full stack p50 minus kernel pipe p50",
                Samples.ms(full.percentileMs(50) - raw.percentileMs(50)), floor, "<= 2 ms", full.percentileMs(50) - raw.percentileMs(50) <= 2.0);
        report.add("(a) warm `print(1)`, full stack p99", Samples.ms(full.percentileMs(99)), "ipykernel p99 " + Samples.ms(ipy.percentileMs(99)), "", null);
        report.add("(a) warm `print(1)`, pool HTTP API p50 / p99", Samples.ms(pool.percentileMs(50)) + " / " + Samples.ms(pool.percentileMs(99)),
                floor, "", null);
        report.add("(a) warm `print(1)`, full stack p50 / p99 called with the JDK's HttpClient",
                Samples.ms(jdkClient.percentileMs(50)) + " / " + Samples.ms(jdkClient.percentileMs(99)), "same calls, lean client above", "", null);
    }

    /** Times {@code iterations} calls after 300 unmeasured ones (the JIT compiles the hot paths of all three JVMs meanwhile). */
    private Samples timed(Runnable call) {
        Samples samples = new Samples(iterations);
        for (int i = 0; i < iterations + 300; i++) {
            long t = System.nanoTime();
            call.run();
            if (i >= 300) {
                samples.add(System.nanoTime() - t);
            }
        }
        return samples;
    }

    private Samples rawKernel() throws Exception {
        BareSandbox sandbox = BareSandbox.prepare("raw", 199_999);
        try (Kernel kernel = sandbox.start("bench-raw")) {
            return timed(() -> kernel.execute("print(1)", 60, 4096));
        }
    }

    private Samples ipykernel() throws Exception {
        Path script = Files.createTempFile("ipykernel_rtt", ".py");
        try (var in = Benchmarks.class.getResourceAsStream("ipykernel_rtt.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(iterations))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode result = Http.JSON.readTree(p.getInputStream());
        p.waitFor(5, TimeUnit.MINUTES);
        Files.deleteIfExists(script);
        Samples samples = new Samples(result.path("samples_ms").size());
        result.path("samples_ms").forEach(v -> samples.add((long) (v.asDouble() * 1e6)));
        return samples;
    }

    /** (b) a new session's first result, with ready kernels or without. */
    private void newSessions(BenchStack stack, boolean ready) throws Exception {
        int n = 12;
        Samples full = new Samples(n);
        Samples pool = new Samples(n);
        for (int i = 0; i < n; i++) {
            if (ready) {
                stack.awaitWarm(2);
            }
            long t = System.nanoTime();
            Http.tool(stack.host.baseUrl(), "ExecutePythonCode", "bench-new-" + UUID.randomUUID(), "pythonCode", "print(1)");
            full.add(System.nanoTime() - t);
            if (ready) {
                stack.awaitWarm(2);
            }
            t = System.nanoTime();
            Http.poolExecute(stack.pool.url(), "bench-new-" + UUID.randomUUID(), "print(1)");
            pool.add(System.nanoTime() - t);
        }
        String mode = ready ? "with a ready kernel" : "without a ready kernel (cold start)";
        report.add("(b) new session's first result " + mode + ", full stack p50", Samples.ms(full.percentileMs(50)),
                "pool API p50 " + Samples.ms(pool.percentileMs(50)) + ", p99 " + Samples.ms(pool.percentileMs(99)),
                ready ? "<= 50 ms" : "", ready ? full.percentileMs(50) <= 50 : null);
    }

    /** (c) the contract's incidents chart, warm, with its PNG copied to Azurite and linked. */
    private void chart(BenchStack stack) {
        String session = "bench-chart";
        Http.tool(stack.host.baseUrl(), "ExecutePythonCode", session, "pythonCode", "import matplotlib.pyplot as plt");
        Samples samples = new Samples(20);
        Samples kernelOnly = new Samples(20);
        String url = null;
        for (int i = 0; i < 23; i++) {
            long t = System.nanoTime();
            JsonNode r = Http.tool(stack.host.baseUrl(), "ExecutePythonCode", session, "pythonCode", INCIDENTS_CHART);
            if (i >= 3) {
                samples.add(System.nanoTime() - t);
            }
            url = r.path("files").get(0).path("url").asText();
            t = System.nanoTime();
            Http.poolExecute(stack.pool.url(), "bench-chart-pool", INCIDENTS_CHART + "\nplt.close('all')");
            if (i >= 3) {
                kernelOnly.add(System.nanoTime() - t);
            }
        }
        byte[] png = Http.get(url);
        if (png.length < 8 || png[1] != 'P') {
            throw new IllegalStateException("the chart's link did not serve a PNG");
        }
        report.add("(c) incidents chart end to end, warm (PNG in Azurite, link), p50", Samples.ms(samples.percentileMs(50)),
                "same code via pool API p50 " + Samples.ms(kernelOnly.percentileMs(50)), "<= 300 ms", samples.percentileMs(50) <= 300);
    }

    static List<String> sessions(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }
}
