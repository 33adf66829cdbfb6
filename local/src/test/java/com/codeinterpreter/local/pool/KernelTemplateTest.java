package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel template's life: when it dies its kernels die with it, and the next kernel comes from a new one. */
class KernelTemplateTest {

    @Test
    void aTemplateThatDiesTakesItsKernelsAlongAndIsStartedAgain() throws Exception {
        try (PoolServer pool = TestPools.start(TestPools.config(Duration.ofMinutes(5), 4, 0))) {
            assumeTrue(pool.forksKernels(), "only a pool that runs as root forks kernels");
            PoolClient client = new PoolClient(pool);
            String id = PoolClient.newIdentifier();
            assertEquals("Succeeded", client.execute(id, "x = 41").path("status").asText());
            ProcessHandle first = pool.kernelTemplate().orElseThrow();
            List<ProcessHandle> sandboxes = first.descendants().toList();
            assertTrue(sandboxes.size() >= 3, "the template, and the session's init and kernel under it: " + sandboxes);

            first.destroyForcibly();
            first.onExit().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sandboxes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(), sandboxes.stream().filter(ProcessHandle::isAlive).toList(), "no kernel outlives its template");

            // The session's next execution runs in a new kernel, from a new template; its variables are gone, as after a crash.
            assertEquals("False\n", client.execute(id, "print('x' in globals())").path("result").path("stdout").asText());
            ProcessHandle second = pool.kernelTemplate().orElseThrow();
            assertNotEquals(first.pid(), second.pid());
            assertTrue(second.isAlive());
            assertEquals("2\n", client.execute(PoolClient.newIdentifier(), "print(1 + 1)").path("result").path("stdout").asText());
        }
    }
}
