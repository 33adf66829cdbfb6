package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 32 callers for 60 seconds on one stack of its own, mixing every tool over 8 sessions: every answer is
 * the expected one, and afterwards nothing is left behind - no kernels or sandbox processes beyond what
 * the sessions explain, no growth in the host's threads or descriptors, no temporary files. The figures
 * go to stdout for SECURITY.md. Tagged so it can be left out: {@code -DexcludedGroups=soak}.
 */
@Tag("soak")
class SoakTest {
    private static final int CALLERS = 32;
    private static final int SESSIONS = 8;
    private static final long DURATION_MS = 60_000;
    private static final long PLATEAU_AFTER_MS = 15_000;

    @Test
    void thirtyTwoCallersForAMinuteGetTheirAnswersAndLeaveNothingBehind() throws Exception {
        List<Path> poolsBefore = Leftovers.poolDirs();
        LocalStack stack = LocalStack.start(Map.of());
        try {
            Path poolDir = Leftovers.poolDirs().stream().filter(p -> !poolsBefore.contains(p)).findFirst().orElseThrow();
            Leftovers.awaitQuiet(stack, 0);
            Leftovers.Figures idle = Leftovers.measure(stack, poolDir);
            List<ToolClient> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                ToolClient session = new ToolClient(stack.baseUrl, "soak-" + i + "-" + UUID.randomUUID());
                Expect.ok(session.call("UploadFileToSession", "path", "soak/seed.txt", "content", "seed line\n"));
                sessions.add(session);
            }
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger calls = new AtomicInteger();
            long deadline = System.currentTimeMillis() + DURATION_MS;
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                callers.execute(() -> {
                    for (int k = 0; System.currentTimeMillis() < deadline; k++) {
                        long started = System.nanoTime();
                        String error = SoakCalls.call(sessions.get((caller + k) % SESSIONS), (caller + k) % SoakCalls.KINDS, caller, k);
                        latencies.add((System.nanoTime() - started) / 1_000_000);
                        calls.incrementAndGet();
                        if (error != null) {
                            errors.add(error);
                        }
                    }
                });
            }
            Thread.sleep(PLATEAU_AFTER_MS);
            Leftovers.Figures plateau = Leftovers.measure(stack, poolDir);
            callers.shutdown();
            assertTrue(callers.awaitTermination(DURATION_MS + 120_000, TimeUnit.MILLISECONDS));
            Leftovers.Figures end = Leftovers.measure(stack, poolDir);
            List<String> strays = Leftovers.strayFiles(poolDir);
            for (ToolClient session : sessions) {
                assertEquals(204, new PoolAccess(stack).deleteSession(session.sessionId));
            }
            Leftovers.awaitQuiet(stack, 0);
            Leftovers.Figures after = Leftovers.measure(stack, poolDir);

            List<Long> sorted = latencies.stream().sorted().toList();
            System.out.printf("soak: %d callers, %d sessions, %d s: %d calls, %d unexpected answers, latency p50 %d ms, p99 %d ms, max %d ms%n",
                    CALLERS, SESSIONS, DURATION_MS / 1000, calls.get(), errors.size(), percentile(sorted, 50), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1));
            System.out.println("soak: idle    " + idle + "\nsoak: plateau " + plateau + "\nsoak: end     " + end + "\nsoak: after   " + after);
            assertEquals(List.of(), errors.stream().limit(5).toList(), errors.size() + " unexpected answers");
            assertEquals(SESSIONS, end.sessions(), "one kernel per session, no more");
            assertEquals(List.of(), strays, "no half-done uploads or folders left in the sessions");
            assertEquals(idle.sandboxProcesses(), after.sandboxProcesses(), "no sandbox process outlives its session");
            assertEquals(0, after.hostTmpFiles(), "the host leaves nothing in its temporary folder");
            assertTrue(end.hostThreads() <= plateau.hostThreads() + 8, "host threads stay level: " + plateau + " -> " + end);
            assertTrue(end.hostFds() <= plateau.hostFds() + 16, "host descriptors stay level: " + plateau + " -> " + end);
            assertTrue(after.testFds() <= plateau.testFds() + 16, "pool descriptors stay level: " + plateau + " -> " + after);
        } finally {
            stack.stop();
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
