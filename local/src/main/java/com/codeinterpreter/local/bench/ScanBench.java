package com.codeinterpreter.local.bench;

import com.codeinterpreter.identity.Caller;
import com.codeinterpreter.identity.SessionIdentity;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * (scan) The per-call cost of finding what a call changed, with 0, 10,000 and 100,000 files in the session.
 *
 * <p>Measured inside a real sandbox's kernel, as CPU time (the machine is shared, so wall time is noisy): the
 * helper's own begin and end of a call that changes nothing, beside the reference in the same kernel on the same
 * files, a full walk and stat of /mnt/data before and after (what the change scan cost without its watch, and
 * what a session without inotify still pays). Also the watch's set-up, once per kernel, and a warm call through
 * the whole stack. The measuring code goes straight to the pool, into the kernel of the tool's session (the tools
 * refuse code that reaches into the helper).
 */
final class ScanBench {
    private static final int[] FILES = {0, 10_000, 100_000};
    private static final int FILES_PER_FOLDER = 1000;

    /** Runs in the kernel: the helper's changes module, found by its name, timed per call against full scans. */
    private static final String MEASURE = String.join("\n",
            "import json, os, sys, time",
            "changes = next(m for n, m in sys.modules.items() if n.startswith('__code_interpreter_') and n.endswith('__changes'))",
            "def cpu_ms(work, n):",
            "    work()",
            "    started = time.process_time()",
            "    for _ in range(n):",
            "        work()",
            "    return (time.process_time() - started) / n * 1000",
            "def helper():",
            "    changes.finish(changes.begin()).report()",
            "def full_scan():",
            "    seen = {}",
            "    for folder, _, names in os.walk('/mnt/data'):",
            "        for name in names:",
            "            path = os.path.join(folder, name)",
            "            st = os.lstat(path)",
            "            seen[path] = (st.st_mtime_ns, st.st_size)",
            "    return seen",
            "def setup():",
            "    changes.close()",
            "    changes._watch()",
            "json.dumps({'helper': cpu_ms(helper, 200), 'full': cpu_ms(lambda: (full_scan(), full_scan()), 3),",
            "            'setup': cpu_ms(setup, 3), 'mode': 'watch' if changes._state['watch'] else changes._state['fallback']})");

    private final Report report;

    ScanBench(Report report) {
        this.report = report;
    }

    void run(BenchStack stack) throws java.io.IOException {
        report.note("(scan) The change scan is an inotify watch that the session's kernel keeps on every folder of /mnt/data: a call "
                + "that changes nothing reads an empty event queue. The reference is a walk and stat of every file before and after "
                + "the call: the old scan without its cut (it stopped at ~20,000 files), and what a session without inotify pays "
                + "now; a call that overflows the "
                + "watch's queue (~16,000 events) pays one such walk. The watch is set up once per kernel, by a walk of the "
                + "folders only (the files here are in folders of 1,000). The warm print(1) rows are wall time of 100 calls per "
                + "session through the JDK client, the three sessions in turn, without the JIT warm-up of (a), on a machine shared "
                + "with other builds: a check that nothing grows with the files, not a measurement (the kernel CPU rows are).");
        for (int files : FILES) {
            String session = "bench-scan-" + files;
            String made = Http.tool(stack.host.baseUrl(), "ExecutePythonCode", session, "pythonCode", String.join("\n",
                    "import os",
                    "for n in range(" + files + "):",
                    "    folder = '/mnt/data/logs/d%03d' % (n // " + FILES_PER_FOLDER + ")",
                    "    if n % " + FILES_PER_FOLDER + " == 0:",
                    "        os.makedirs(folder)",
                    "    open('%s/f%06d.log' % (folder, n), 'w').close()",
                    // The helper's own folder (.code-interpreter: the session marker, the running call) is not the user's.
                    "sum(len(f) for d, _, f in os.walk('/mnt/data') if '/.' not in d)")).path("result").asText();
            if (!made.equals(Integer.toString(files))) {
                throw new IllegalStateException("the session has " + made + " files, not " + files);
            }
            String identifier = new SessionIdentity(BenchStack.SESSION_ID_SECRET).identifier(Caller.KEY_HOLDER, session);
            JsonNode answer = Http.poolExecute(stack.pool.url(), identifier, MEASURE);
            JsonNode measured = Http.JSON.readTree(answer.path("result").path("executionResult").asText().replaceAll("^'|'$", ""));
            if (!"watch".equals(measured.path("mode").asText())) {
                throw new IllegalStateException("the session is not watched: " + measured);
            }
            double helper = measured.path("helper").asDouble();
            String label = String.format("%,d", files);
            report.add("(scan) change scan per call, " + label + " files in the session (kernel CPU)", Samples.ms(helper),
                    "full scan before and after " + Samples.ms(measured.path("full").asDouble()) + " CPU", files == 100_000 ? "<= 30 ms" : "",
                    files == 100_000 ? helper <= 30 : null);
            report.add("(scan) watch set-up, once per kernel, " + label + " files (kernel CPU)", Samples.ms(measured.path("setup").asDouble()),
                    "", "", null);
        }
        warmCalls(stack);
    }

    /** Warm print(1) in the three sessions in turn, so that all three meet the same load on this shared machine. */
    private void warmCalls(BenchStack stack) {
        Samples[] warm = new Samples[FILES.length];
        for (int f = 0; f < FILES.length; f++) {
            warm[f] = new Samples(100);
        }
        for (int i = 0; i < 110; i++) {
            for (int f = 0; f < FILES.length; f++) {
                long t = System.nanoTime();
                Http.tool(stack.host.baseUrl(), "ExecutePythonCode", "bench-scan-" + FILES[f], "pythonCode", "print(1)");
                if (i >= 10) {
                    warm[f].add(System.nanoTime() - t);
                }
            }
        }
        for (int f = 0; f < FILES.length; f++) {
            report.add("(scan) warm `print(1)` full stack p50, " + String.format("%,d", FILES[f]) + " files (sessions taken in turn)",
                    Samples.ms(warm[f].percentileMs(50)), "p99 " + Samples.ms(warm[f].percentileMs(99)), "", null);
        }
    }
}
