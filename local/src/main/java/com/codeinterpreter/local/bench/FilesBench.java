package com.codeinterpreter.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * (g) the file tools at SRE scale, each beside what the same sandbox does directly: searching a 1 GB log for a
 * rare line against {@code grep -E} on that file, reading its last 100 lines against {@code tail -n 100}, and the
 * first page of ListSessionFiles on a folder of 100,000 files against {@code ls} of it. The references are run
 * through RunShellCommand and timed inside the sandbox by the shell (the command alone, no tool call around
 * it), so the tools' figures carry the whole stack and the references do not.
 */
final class FilesBench {
    private static final String SESSION = "bench-files";
    // In a hidden folder, so the call that writes it does not also copy 1 GB to Blob Storage as its output.
    private static final String LOG = "/mnt/data/.bench/app.log";
    private static final String PATTERN = "FATAL disk [[:digit:]]+% full";
    private static final int RUNS = 7;

    private final Report report;

    FilesBench(Report report) {
        this.report = report;
    }

    void run(BenchStack stack) {
        String base = stack.host.baseUrl();
        // 1,000 MiB of 64-byte lines (the sandbox's largest file is 1 GiB), the rare line fourth from the end.
        call(base, "ExecutePythonCode", body("pythonCode", "import os\nos.makedirs('/mnt/data/.bench', exist_ok=True)\n"
                + "block = b'2026-12-03T10:00:00Z INFO request served in 12 ms status=200 ok\\n' * 16384\n"
                + "with open('" + LOG + "', 'wb') as f:\n    for _ in range(1000):\n        f.write(block)\n"
                + "    f.write(b'2026-12-03T10:00:01Z FATAL disk 97% full\\nINFO a\\nINFO b\\nINFO c\\n')").put("timeoutSeconds", 180));
        call(base, "ExecutePythonCode", body("pythonCode", "import os\nos.makedirs('/mnt/data/many', exist_ok=True)\n"
                + "for n in range(100000):\n    open('/mnt/data/many/f%06d.log' % n, 'w').close()").put("timeoutSeconds", 180));
        search(base);
        tail(base);
        list(base);
        report.note("(g) The file tools' figures are whole tool calls (host, pool, helper); their references are the same work done "
                + "directly in the same sandbox, timed by its shell, interleaved with the tool's calls, " + RUNS + " runs each. The "
                + "sandbox has one CPU and the machine is shared, so the 1 GB figures move by tens of percent between runs. "
                + "SearchSessionFiles runs grep -E -n in the sandbox itself, so its cost is grep's plus the line numbering (compare "
                + "`grep -nE`) and one round trip. ReadSessionFile's tailLines reads backwards from the end of the file: its cost "
                + "is the last lines', whatever the file's size.");
    }

    private void search(String base) {
        ObjectNode search = body("pattern", PATTERN).put("path", LOG);
        String grep = "grep -E '" + PATTERN + "' " + LOG;
        String grepN = "grep -nE '" + PATTERN + "' " + LOG;
        JsonNode found = call(base, "SearchSessionFiles", search);
        if (found.path("matches").size() != 1) {
            throw new IllegalStateException("the search did not find the rare line: " + found);
        }
        Samples tool = new Samples(RUNS);
        Samples direct = new Samples(RUNS);
        Samples numbered = new Samples(RUNS);
        // Interleaved, so a burst of load from the rest of the machine lands on both.
        for (int i = 0; i < RUNS; i++) {
            tool.add(timed(() -> call(base, "SearchSessionFiles", search)));
            direct.add(inSandbox(base, grep));
            numbered.add(inSandbox(base, grepN));
        }
        double ratio = tool.percentileMs(50) / direct.percentileMs(50);
        report.add("(g) SearchSessionFiles, rare line in a 1 GB log, full stack p50", Samples.ms(tool.percentileMs(50)),
                "`grep -E` in the sandbox p50 " + Samples.ms(direct.percentileMs(50)) + " (`grep -nE` " + Samples.ms(numbered.percentileMs(50))
                        + "); ratio " + String.format("%.2f", ratio), "<= 1.5 x grep", ratio <= 1.5);
    }

    private void tail(String base) {
        ObjectNode read = body("path", LOG).put("tailLines", 100);
        JsonNode end = call(base, "ReadSessionFile", read);
        if (!end.path("content").asText().endsWith("INFO c\n") || end.path("lineCount").asInt() != 100) {
            throw new IllegalStateException("the last 100 lines did not come back: " + end.path("lineCount"));
        }
        Samples tool = new Samples(RUNS * 3);
        Samples direct = new Samples(RUNS);
        for (int i = 0; i < RUNS * 3; i++) {
            tool.add(timed(() -> call(base, "ReadSessionFile", read)));
            if (i % 3 == 0) {
                direct.add(inSandbox(base, "tail -n 100 " + LOG));
            }
        }
        report.add("(g) ReadSessionFile, last 100 lines of the 1 GB log (tailLines), full stack p50", Samples.ms(tool.percentileMs(50)),
                "`tail -n 100` in the sandbox p50 " + Samples.ms(direct.percentileMs(50)), "<= 50 ms", tool.percentileMs(50) <= 50);
    }

    private void list(String base) {
        ObjectNode list = body("path", "many");
        JsonNode first = call(base, "ListSessionFiles", list);
        if (first.path("files").size() != 1000 || !first.has("nextCursor")) {
            throw new IllegalStateException("the first page is not 1,000 entries with a cursor");
        }
        Samples tool = new Samples(RUNS);
        Samples direct = new Samples(RUNS);
        for (int i = 0; i < RUNS; i++) {
            tool.add(timed(() -> call(base, "ListSessionFiles", list)));
            direct.add(inSandbox(base, "ls -l many | head -n 1001"));
        }
        report.add("(g) ListSessionFiles, first page (1,000 entries) of a folder of 100,000 files, full stack p50",
                Samples.ms(tool.percentileMs(50)), "`ls -l` of the folder, first 1,000 lines, in the sandbox p50 "
                        + Samples.ms(direct.percentileMs(50)), "", null);
    }

    /** A command's own duration inside the sandbox, timed by the shell around it, in nanoseconds. */
    private static long inSandbox(String base, String command) {
        JsonNode ran = call(base, "RunShellCommand", body("command", "s=$(date +%s%N); " + command
                + " > /dev/null || exit 9; e=$(date +%s%N); echo $(( (e - s) / 1000 ))"));
        if (ran.path("exitCode").asInt(-1) != 0) {
            throw new IllegalStateException("the reference command failed: " + ran);
        }
        return Long.parseLong(ran.path("stdout").asText().trim()) * 1000L;
    }

    private static long timed(Supplier<JsonNode> call) {
        long t = System.nanoTime();
        call.get();
        return System.nanoTime() - t;
    }

    private static ObjectNode body(String field, String value) {
        return Http.JSON.createObjectNode().put("sessionId", SESSION).put(field, value);
    }

    private static JsonNode call(String base, String tool, ObjectNode body) {
        return Http.post(base + "/api/" + tool, body.toString(), null);
    }
}
