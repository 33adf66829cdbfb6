package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cooldown expiry, the session maximum and ready kernels, each on a pool of its own. */
class LifecycleTest {

    @Test
    void anIdleSessionExpiresAfterItsCooldownWithItsFiles() throws Exception {
        try (PoolServer pool = TestPools.start(TestPools.config(Duration.ofSeconds(2), 4, 0))) {
            PoolClient client = new PoolClient(pool);
            String id = PoolClient.newIdentifier();
            client.execute(id, "open('kept.txt', 'w').write('x')\nv = 1");
            assertEquals(200, client.get("/files/kept.txt" + PoolClient.query(PoolClient.CURRENT, id)).status());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (pool.sessionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(0, pool.sessionCount());
            PoolClient.Response gone = client.get("/session" + PoolClient.query(PoolClient.CURRENT, id));
            assertEquals(400, gone.status());
            assertEquals("SessionWithIdentifierNotFound", gone.errorCode());
            assertEquals("FileNotFound", client.get("/files/kept.txt" + PoolClient.query(PoolClient.CURRENT, id)).errorCode(),
                    "the files went with the session; reading them now is reading a new, empty session");
            assertEquals("False", client.execute(id, "import os\n'v' in globals() or os.path.exists('kept.txt')")
                    .path("result").path("executionResult").asText());
        }
    }

    @Test
    void activityResetsTheCooldown() throws Exception {
        try (PoolServer pool = TestPools.start(TestPools.config(Duration.ofSeconds(2), 4, 0))) {
            PoolClient client = new PoolClient(pool);
            String id = PoolClient.newIdentifier();
            client.execute(id, "v = 1");
            for (int i = 0; i < 6; i++) {
                Thread.sleep(700);
                assertEquals(200, client.get("/session" + PoolClient.query(PoolClient.CURRENT, id)).status());
            }
            assertEquals("1", client.execute(id, "v").path("result").path("executionResult").asText());
        }
    }

    @Test
    void aNewIdentifierBeyondTheMaximumIsRefused() {
        try (PoolServer pool = TestPools.start(TestPools.config(Duration.ofMinutes(5), 2, 0))) {
            PoolClient client = new PoolClient(pool);
            String a = PoolClient.newIdentifier();
            client.execute(a, "1");
            client.execute(PoolClient.newIdentifier(), "1");
            PoolClient.Response refused = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, PoolClient.newIdentifier()),
                    "{\"code\":\"1\",\"timeoutInSeconds\":5}");
            assertEquals(404, refused.status());
            assertEquals("SessionPoolCapacityReached", refused.errorCode());
            assertEquals("Succeeded", client.execute(a, "2").path("status").asText(), "existing sessions keep working");
            assertEquals(204, client.delete("/session" + PoolClient.query(PoolClient.CURRENT, a)).status());
            assertEquals("Succeeded", client.execute(PoolClient.newIdentifier(), "3").path("status").asText(), "a freed slot is reused");
        }
    }

    @Test
    void aNewIdentifierGetsAKernelThatWasStartedAndWarmedBeforeItsRequest() throws Exception {
        try (PoolServer pool = TestPools.start(TestPools.config(Duration.ofMinutes(5), 4, 1))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pool.warmKernelsAvailable() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, pool.warmKernelsAvailable());
            Thread.sleep(1500);
            PoolClient client = new PoolClient(pool);
            // The kernel's own age, from /proc, against the time since the request was sent: older means warmed earlier.
            String age = "import os\nticks = os.sysconf('SC_CLK_TCK')\nstart = int(open('/proc/self/stat').read().rsplit(')', 1)[1].split()[19]) / ticks\n"
                    + "uptime = float(open('/proc/uptime').read().split()[0])\nimport sys\n(round(uptime - start, 1) >= 1.0, 'pandas' in sys.modules)";
            assertEquals("(True, True)", client.execute(PoolClient.newIdentifier(), age).path("result").path("executionResult").asText());
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pool.warmKernelsAvailable() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(pool.warmKernelsAvailable() >= 1, "the pool refills its ready kernels");
        }
    }
}
