package com.codeinterpreter.local.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** (d) throughput with 1, 8 and 32 concurrent sessions, and (e) memory: per idle session, the host's heap under load and for 100 MB files. */
final class LoadBench {
    private static final long RUN_NANOS = 8_000_000_000L;
    private final Report report;

    LoadBench(Report report) {
        this.report = report;
    }

    void run(BenchStack stack, boolean load, boolean memory) throws Exception {
        if (load) {
            for (int sessions : new int[] {1, 8, 32}) {
                throughput(stack, sessions);
            }
        }
        if (memory) {
            idleSessionMemory(stack);
            largeFiles(stack);
        }
    }

    private void throughput(BenchStack stack, int sessions) throws Exception {
        List<String> ids = Benchmarks.sessions("bench-load-" + sessions + "-", sessions);
        for (String id : ids) {
            Http.tool(stack.host.baseUrl(), "ExecutePythonCode", id, "pythonCode", "print(1)");
        }
        AtomicLong calls = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(sessions);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (String id : ids) {
            running.add(workers.submit(() -> {
                while (!stop.get()) {
                    Http.tool(stack.host.baseUrl(), "ExecutePythonCode", id, "pythonCode", "print(1)");
                    calls.incrementAndGet();
                }
            }));
        }
        long maxHeap = 0;
        while (System.nanoTime() - started < RUN_NANOS) {
            if (sessions == 32) {
                maxHeap = Math.max(maxHeap, stack.host.heapUsedBytes());
            }
            Thread.sleep(500);
        }
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        report.add("(d) throughput, " + sessions + " concurrent session" + (sessions > 1 ? "s" : "") + " (`print(1)`, full stack)",
                String.format("%.0f calls/s", calls.get() / seconds), "", "", null);
        if (sessions == 32) {
            report.add("(e) functions host heap in use under the 32-session load (all generations, garbage included; max of "
                    + "samples every 0.5 s)", (maxHeap >> 20) + " MiB",
                    "host RSS " + (stack.host.residentBytes() >> 20) + " MiB", "", null);
        }
    }

    private void idleSessionMemory(BenchStack stack) throws Exception {
        List<String> ids = Benchmarks.sessions("bench-idle-", 8);
        for (String id : ids) {
            Http.poolExecute(stack.pool.url(), id, "import pandas, matplotlib.pyplot\nprint(1)");
        }
        Thread.sleep(1000);
        long total = 0;
        for (String id : ids) {
            total += stack.pool.residentBytes(id);
        }
        long mean = total / ids.size();
        report.add("(e) resident memory per idle session (sandbox + kernel with the data stack)", (mean >> 20) + " MiB",
                "mean of " + ids.size() + " sessions", "<= 100 MB", mean <= 100L * 1000 * 1000);
    }

    /**
     * Live heap growth of the host while 100 MB move through it: the peak of live-heap samples taken back to back
     * during the transfer (each a full collection and the class histogram's total, so garbage never counts) minus the
     * live heap just before it, over several transfers.
     */
    private void largeFiles(BenchStack stack) throws Exception {
        String session = "bench-large";
        Http.tool(stack.host.baseUrl(), "ExecutePythonCode", session, "pythonCode",
                "open('/mnt/data/big.bin', 'wb').write(b'0' * (100 * 1024 * 1024))");
        Runnable persist = () -> Http.tool(stack.host.baseUrl(), "GetSessionFile", session, "path", "big.bin");
        persist.run(); // the first one loads classes and opens connections, which would count as growth
        Growth[] runs = new Growth[5];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = liveGrowth(stack, persist);
        }
        Arrays.sort(runs, Comparator.comparingLong(Growth::bytes));
        Growth median = runs[runs.length / 2];
        Growth worst = runs[runs.length - 1];
        int samples = Arrays.stream(runs).mapToInt(Growth::samples).min().orElse(0);
        report.add("(e) host heap growth persisting a 100 MB session file to Blob Storage (live heap, peak of back-to-back samples; median of "
                + runs.length + " runs)", (median.bytes() >> 20) + " MiB", "worst of " + runs.length + ": " + (worst.bytes() >> 20)
                + " MiB; at least " + samples + " samples per run; file 100 MiB", "< 64 MB", worst.bytes() < 64L * 1000 * 1000);
        byte[] upload = new byte[100 * 1024 * 1024];
        Growth uploaded = liveGrowth(stack, () -> Http.postBytes(stack.host.baseUrl() + "/api/UploadFileToSession?path=up.bin&sessionId=" + session, upload));
        // The target is the persisting figure's; an upload cannot meet it on Functions (see the note), and says so.
        report.add("(e) host heap growth uploading a 100 MB file (live heap, peak of back-to-back samples)", (uploaded.bytes() >> 20) + " MiB",
                "file 100 MiB, which arrives as one array", "< 64 MB", uploaded.bytes() < 64L * 1000 * 1000);
        report.note("Uploading misses the 64 MB target by design of the platform: the Functions host hands a Java function its "
                + "HTTP body as one byte array (Java functions get no request streams), so an upload's heap growth is at least the "
                + "file's size. The app adds no copy of its own: the multipart body to the pool is sent from views on that array "
                + "(before, azure-core's retry policy buffered a second copy of a body it could not replay). Reaching the target "
                + "would take a different upload path: the caller writing to Blob Storage through a write-only link and the app "
                + "streaming that blob into the session. Persisting outputs and GetSessionFile stream from the session to Blob "
                + "Storage.");
    }

    /** The peak growth of one transfer, and how many live-heap samples it was the peak of. */
    private record Growth(long bytes, int samples) {
    }

    private static Growth liveGrowth(BenchStack stack, Runnable work) throws Exception {
        long baseline = stack.host.liveHeapBytes();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(stack.host.liveHeapBytes(), Math::max);
                samples.incrementAndGet();
            }
        });
        sampler.start();
        try {
            work.run();
        } finally {
            done.set(true);
            sampler.join();
        }
        return new Growth(Math.max(0, peak.get() - baseline), samples.get());
    }
}
