package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What code in a session cannot reach or do: each check runs real code in a real sandbox. */
class IsolationTest {
    private final PoolClient client = new PoolClient(TestPools.shared());
    private final String id = PoolClient.newIdentifier();

    @org.junit.jupiter.api.AfterEach
    void deleteSession() {
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id));
    }

    private String eval(String code) {
        JsonNode r = client.execute(id, code, 60);
        assertEquals("Succeeded", r.path("status").asText(), r.toString());
        return r.path("result").path("executionResult").asText();
    }

    @Test
    void noNetworkEvenToAListenerOnTheHostsLoopback() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + listener.getLocalPort() + "), timeout=2)\n"
                    + "    r = 'connected'\nexcept OSError as e:\n    r = type(e).__name__\nr";
            assertEquals("PermissionError", eval(code));
        }
        assertEquals("PermissionError", eval("import socket\ntry:\n    socket.socket(socket.AF_INET6)\n    r='ok'\nexcept OSError as e:\n    r=type(e).__name__\nr"));
        assertEquals("gaierror", eval("import socket\ntry:\n    socket.getaddrinfo('example.com', 443)\n    r='resolved'\nexcept OSError as e:\n    r=type(e).__name__\nr"));
        assertEquals("['lo']", eval("import os\nsorted(os.listdir('/sys/class/net')) if os.path.exists('/sys/class/net') else ['lo']"));
        assertEquals("ok", eval("import socket\na, b = socket.socketpair()\na.close(); b.close()\n'ok'"));
    }

    @Test
    void writesOutsideMntDataAndTmpFail() {
        for (String path : new String[] {"/x", "/etc/x", "/usr/x", "/opt/kernel/x", "/proc/x"}) {
            String r = eval("try:\n    open('" + path + "', 'w').write('x')\n    r = 'written'\nexcept OSError as e:\n    r = type(e).__name__\nr");
            assertTrue(r.equals("OSError") || r.equals("PermissionError") || r.equals("FileNotFoundError"), path + " -> " + r);
        }
        assertEquals("True", eval("open('/tmp/ok', 'w').write('x') == 1 and open('/mnt/data/ok', 'w').write('x') == 1"));
    }

    @Test
    void hostFoldersAndFilesAreInvisible() {
        String visible = eval("import os\n[p for p in ['/root', '/home', '/work', '/srv', '/var', '/etc/shadow', '/etc/hostname', '/var/tmp', '"
                + TestPools.DATA_DIR + "'] if os.path.exists(p)]");
        assertEquals("[]", visible);
        assertEquals("['sandbox:x:1000:1000:sandbox:/mnt/data:/bin/bash']", eval("open('/etc/passwd').read().splitlines()"));
    }

    @Test
    void onlyTheSessionsOwnProcessesAreVisibleAndItIsNotRoot() {
        assertEquals("(1000, 1000, 0)", eval("import os\n(os.getuid(), os.geteuid(), int(open('/proc/self/status').read().split('CapEff:')[1].split()[0], 16))"));
        assertEquals("True", eval("import os\nlen([p for p in os.listdir('/proc') if p.isdigit()]) <= 3"));
    }

    @Test
    void thePreloadedStackStartsNoThreads() {
        // numpy's OpenBLAS and pandas' numexpr would start threads per core, each counted in the session's process limit.
        assertEquals("1", eval("import os\nlen(os.listdir('/proc/self/task'))"));
    }

    @Test
    void environmentHoldsNoHostVariables() {
        String keys = eval("import os\nsorted(os.environ)");
        assertEquals("['HOME', 'KERNEL_PRELOAD', 'LANG', 'MPLBACKEND', 'MPLCONFIGDIR', 'NUMEXPR_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'TMPDIR', 'USER', 'XDG_CACHE_HOME']", keys);
    }

    @Test
    void dangerousSystemCallsAreDenied() {
        assertEquals("(-1, 'Operation not permitted')", eval("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\nrc = libc.unshare(0x10000000)\n(rc, os.strerror(ctypes.get_errno()))"));
        assertEquals("2", eval("[l.split()[1] for l in open('/proc/self/status') if l.startswith('Seccomp:')][0]"));
        assertEquals("1", eval("[l.split()[1] for l in open('/proc/self/status') if l.startswith('NoNewPrivs:')][0]"));
    }

    @Test
    void aForkBombIsContainedAndThePoolStaysHealthy() {
        String code = "import os, time\nn = 0\nchildren = []\ntry:\n    for _ in range(10000):\n        pid = os.fork()\n"
                + "        if pid == 0:\n            time.sleep(30)\n            os._exit(0)\n        children.append(pid)\n        n += 1\n"
                + "except OSError as e:\n    err = type(e).__name__\nfor c in children:\n    os.kill(c, 9)\n    os.waitpid(c, 0)\n(n < 200, err)";
        assertEquals("(True, 'BlockingIOError')", eval(code));
        String other = PoolClient.newIdentifier();
        assertEquals("Succeeded", client.execute(other, "print('healthy')").path("status").asText());
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, other));
    }

    @Test
    void aMemoryBombIsContainedAndTheSessionWorksAfterwards() {
        JsonNode r = client.execute(id, "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 * 1024))", 60);
        assertEquals("Failed", r.path("status").asText());
        String code = r.path("error").path("code").asText();
        assertTrue(code.equals("ExecutionFailed") || code.equals("KernelRestarted"), r.toString());
        assertEquals("Succeeded", client.execute(id, "blocks = None\nprint('fine')").path("status").asText());
    }

    @Test
    void aLargeFileStopsAtTheFileSizeLimit() {
        JsonNode r = client.execute(id, "with open('/mnt/data/big', 'wb') as f:\n    for _ in range(100):\n        f.write(b'0' * (1 << 20))", 60);
        assertEquals("Failed", r.path("status").asText());
        assertTrue(r.path("result").path("stderr").asText().contains("File too large") || r.path("error").path("code").asText().equals("KernelRestarted"), r.toString());
    }

    @Test
    void sessionsCannotSeeEachOthersFiles() {
        String other = PoolClient.newIdentifier();
        client.execute(other, "open('/mnt/data/secret.txt', 'w').write('other session')");
        assertEquals("[]", eval("import glob\n[p for d in ('/mnt', '/tmp', '/opt', '/dev') for p in glob.glob(d + '/**', recursive=True) if 'secret' in p]"));
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, other));
    }
}
