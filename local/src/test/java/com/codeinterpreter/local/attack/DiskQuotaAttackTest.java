package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.pool.PoolConfig;
import com.codeinterpreter.local.pool.PoolServer;
import com.codeinterpreter.local.sandbox.SandboxLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session that tries to write 25 GB: it gets the ordinary ENOSPC once its quota (LOCAL_POOL_DISK_MB, here
 * 512 MiB) is full, in /mnt/data and in /tmp, through write(), fallocate() and the files API alike; the
 * host's free space falls by no more than the quota; the session carries on, and writes again once it
 * deletes files; and another session is not touched.
 */
class DiskQuotaAttackTest {
    private static final long QUOTA = 512L << 20;
    private static final long TMP = 64L << 20;
    private static final Path DATA_DIR = Path.of("/var/tmp/code-interpreter-pool-test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PoolServer pool;

    /** Writes until 25 GB are written or the disk says no, in files below the per-file limit; answers (error, bytes). */
    private static final String FILL = String.join("\n",
            "import errno, os",
            "def fill(folder, total=25 * 2**30):",
            "    chunk, written, i = b'\\0' * (8 << 20), 0, 0",
            "    try:",
            "        while written < total:",
            "            with open(os.path.join(folder, 'fill-%d.bin' % i), 'wb') as f:",
            "                for _ in range(32):",
            "                    f.write(chunk)",
            "                    written += len(chunk)",
            "            i += 1",
            "    except OSError as e:",
            "        return errno.errorcode[e.errno], written",
            "    return 'no error', written",
            "");

    @BeforeAll
    static void startPool() throws IOException {
        Assumptions.assumeTrue(isRoot(), "a per-session disk needs root (loop mounts); without it the pool says so at start");
        pool = PoolServer.start(new PoolConfig(0, "quota-token", Duration.ofMinutes(10), 4, 0,
                new SandboxLimits(1L << 30, 64, 1L << 30, 256, TMP, 1.0, QUOTA), DATA_DIR, List.of(), 900));
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void writingTwentyFiveGigabytesStopsAtTheQuotaAndTheSessionCarriesOn() throws Exception {
        String id = "quota-" + UUID.randomUUID();
        run(id, FILL + "kept = 'state'");
        assertEquals("True", run(id, "import os\ns = os.statvfs('/mnt/data')\ns.f_blocks * s.f_frsize <= " + QUOTA));

        FileStore host = Files.getFileStore(DATA_DIR);
        long freeBefore = host.getUsableSpace();
        AtomicLong lowest = new AtomicLong(freeBefore);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    lowest.accumulateAndGet(host.getUsableSpace(), Math::min);
                    Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        String filled;
        try {
            filled = run(id, "fill('/mnt/data')");
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertTrue(filled.startsWith("('ENOSPC', "), "the ordinary out-of-space error: " + filled);
        long written = Long.parseLong(filled.replaceAll("\\D", ""));
        assertTrue(written <= QUOTA && written > QUOTA / 2, "stopped at the quota: " + written);
        // Other work on this shared machine moves the free space too: allow it 1 GiB beside the quota, far below 25 GB.
        long fell = freeBefore - lowest.get();
        assertTrue(fell <= QUOTA + (1L << 30), "the host's free space fell by " + (fell >> 20) + " MiB");

        assertEquals("ENOSPC", run(id, "import errno, os\nfd = os.open('/mnt/data/big', os.O_CREAT | os.O_WRONLY)\n"
                + "try:\n    os.posix_fallocate(fd, 0, 900 << 20)\n    r = 'allocated'\nexcept OSError as e:\n    r = errno.errorcode[e.errno]\n"
                + "os.close(fd)\nos.remove('/mnt/data/big')\nr"));
        HttpResponse<String> upload = upload(id, "more.bin", new byte[4 << 20]);
        assertEquals(507, upload.statusCode(), upload.body());
        assertTrue(upload.body().contains("InsufficientStorage") && upload.body().contains("Delete files"), upload.body());

        assertEquals("state", run(id, "kept"), "the session kept its state through the full disk");
        assertEquals("10485760", run(id, "import glob, os\nfor f in glob.glob('/mnt/data/fill-*'):\n    os.remove(f)\n"
                + "open('/mnt/data/after.bin', 'wb').write(b'x' * (10 << 20))"), "writes work again once files are deleted");
        assertEquals(200, upload(id, "more.bin", new byte[4 << 20]).statusCode());

        String tmp = run(id, "fill('/tmp')");
        assertTrue(tmp.startsWith("('ENOSPC', "), "/tmp is bounded too: " + tmp);
        assertTrue(Long.parseLong(tmp.replaceAll("\\D", "")) <= TMP, tmp);
        run(id, "import glob, os\nfor f in glob.glob('/tmp/fill-*'):\n    os.remove(f)");

        String other = "quota-other-" + UUID.randomUUID();
        assertEquals("104857600", run(other, "open('/mnt/data/own.bin', 'wb').write(b'y' * (100 << 20))"),
                "another session has its own disk, not what is left of the first one's");
        assertEquals(204, delete(id));
        assertEquals(204, delete(other));
    }

    @Test
    void sharedMemoryIsNoWayAroundTheQuota() throws Exception {
        String id = "quota-shm-" + UUID.randomUUID();
        String r = run(id, FILL + "fill('/dev/shm') if os.path.isdir('/dev/shm') else 'no /dev/shm'");
        assertTrue(r.startsWith("('ENOSPC', "), "/dev/shm must not take 25 GB past the disk and memory limits: " + r);
        assertTrue(Long.parseLong(r.replaceAll("\\D", "")) <= SandboxLimits.SHM_BYTES, r);
        assertEquals("True", run(id, "import glob, multiprocessing, os\nfor f in glob.glob('/dev/shm/fill-*'):\n    os.remove(f)\n"
                + "lock = multiprocessing.Lock()\nlock.acquire()"), "once freed, POSIX semaphores in /dev/shm work");
        delete(id);
    }

    private static String run(String identifier, String code) throws Exception {
        String body = JSON.createObjectNode().put("code", code).put("timeoutInSeconds", 600).toString();
        HttpResponse<String> r = HTTP.send(request("/executions", identifier).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode execution = JSON.readTree(r.body());
        assertEquals("Succeeded", execution.path("status").asText(), r.body());
        return execution.path("result").path("executionResult").asText();
    }

    private static HttpResponse<String> upload(String identifier, String name, byte[] content) throws Exception {
        String boundary = "quota" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return HTTP.send(request("/files", identifier).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int delete(String identifier) throws Exception {
        return HTTP.send(request("/session", identifier).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpRequest.Builder request(String path, String identifier) {
        return HttpRequest.newBuilder(URI.create(pool.url() + path + "?api-version=2025-10-02-preview&identifier=" + identifier))
                .header("Authorization", "Bearer quota-token").timeout(Duration.ofMinutes(10));
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }
}
