package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two sessions forked from the same kernel template: each tries to see, signal or read the other (its processes,
 * its memory through /proc/PID/mem, process_vm_readv and ptrace, its files and mounts), and to find a secret left
 * in the template. Code runs in the kernel directly, below the tools' guardrails, as an attacker's would.
 */
class ForkedSessionAttackTest {
    private static final LocalStack STACK = LocalStack.shared();
    private final PoolAccess pool = new PoolAccess(STACK);
    private final String alice = UUID.randomUUID().toString();
    private final String mallory = UUID.randomUUID().toString();

    ForkedSessionAttackTest() {
        Sessions.track(PoolAccess.KEY_HOLDER, alice);
        Sessions.track(PoolAccess.KEY_HOLDER, mallory);
    }

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    @Test
    void sessionsAreForkedFromTheTemplateWhereThePoolIsRoot() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        assertEquals(root, STACK.pool.forksKernels(), "as root the suites must run against forked kernels");
    }

    @Test
    void anotherSessionsProcessesCannotBeSeenSignalledOrRead() throws IOException {
        String marker = "alice-" + UUID.randomUUID();
        run(alice, "import subprocess\nkeep = subprocess.Popen(['/bin/sh', '-c', 'sleep 600; : " + marker + "'])\nalive = 'yes'");
        List<Long> hostPids = hostPidsWith(marker);
        assertEquals(1, hostPids.size(), "alice's child, seen from the host");
        long child = hostPids.get(0);
        long kernel = parentOf(child);
        String probe = String.join("\n",
                "import ctypes, errno, os",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "class Iov(ctypes.Structure): _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]",
                "def outcome(call):",
                "    try:",
                "        call()",
                "        return 'ok'",
                "    except OSError as e:",
                "        return errno.errorcode[e.errno]",
                "def vm_read(pid):",
                "    buf = ctypes.create_string_buffer(16)",
                "    local, remote = Iov(ctypes.addressof(buf), 16), Iov(0x400000, 16)",
                "    r = libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)",
                "    return 'ok' if r >= 0 else errno.errorcode[ctypes.get_errno()]",
                "def attach(pid):",
                "    r = libc.ptrace(16, pid, None, None)",
                "    return 'ok' if r == 0 else errno.errorcode[ctypes.get_errno()]",
                "mine = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())",
                "out = []",
                "for pid in (" + kernel + ", " + child + "):",
                "    out += [outcome(lambda: os.kill(pid, 0)), outcome(lambda: open('/proc/%d/mem' % pid, 'rb').read(1)), vm_read(pid), attach(pid)]",
                "out += [len(mine) <= 4, vm_read(1), attach(1)]",
                "print(out)");
        assertEquals("['ESRCH', 'ENOENT', 'EPERM', 'EPERM', 'ESRCH', 'ENOENT', 'EPERM', 'EPERM', True, 'EPERM', 'EPERM']",
                run(mallory, probe).strip(), "mallory sees only her own few processes and reaches none of alice's");
        // Killing everything she may signal ends only her own session.
        pool.execute(mallory, "import subprocess\nsubprocess.run(['/usr/bin/kill', '-9', '-1'])"); // her kernel dies too
        assertEquals("yes None", run(alice, "print(alive, keep.poll())").strip(), "alice's kernel and child survive");
    }

    @Test
    void aForkedKernelHasItsSessionsLimitsGroupsAndNoPrivileges() throws IOException {
        assumeTrue(STACK.pool.forksKernels(), "only a pool that runs as root forks kernels");
        String marker = "limits-" + UUID.randomUUID();
        String inside = run(alice, String.join("\n",
                "import resource, subprocess",
                "keep = subprocess.Popen(['/bin/sh', '-c', 'sleep 600; : " + marker + "'])",
                "limits = [resource.getrlimit(getattr(resource, 'RLIMIT_' + n)) for n in ('AS', 'NPROC', 'FSIZE', 'NOFILE', 'CORE')]",
                "status = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines())",
                "print(limits, [status[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs', 'Seccomp')])")).strip();
        // LocalStack's limits: 1 GiB of memory, 128 processes, 256 MiB files, 512 descriptors, no core dumps.
        assertEquals("[(1073741824, 1073741824), (128, 128), (268435456, 268435456), (512, 512), (0, 0)] "
                + "['0000000000000000', '0000000000000000', '0000000000000000', '1', '2']", inside);
        long kernel = parentOf(hostPidWith(marker));
        String groups = Files.readString(Path.of("/proc", Long.toString(kernel), "cgroup"));
        for (String controller : List.of("memory", "pids", "cpu")) {
            assertTrue(groups.lines().anyMatch(l -> l.split(":")[1].equals(controller) && l.contains("/code-interpreter/k-")),
                    "the kernel is in its session's " + controller + " group: " + groups);
        }
    }

    @Test
    void anotherSessionsFilesAndMountsAreUnreachable() {
        run(alice, "for d in ('/mnt/data', '/tmp', '/dev/shm'):\n    open(d + '/alice-marker', 'w').write('alpha')");
        String seen = run(mallory, String.join("\n",
                "import os",
                "found = [d for d in ('/mnt/data', '/tmp', '/dev/shm') if 'alice-marker' in os.listdir(d)]",
                "points = [l.split()[4] for l in open('/proc/self/mountinfo')]",
                "print(found, [p for p in points if p.startswith('/run') or 'sessions' in p], points.count('/mnt/data'))")).strip();
        assertEquals("[] [] 1", seen, "no other session's files, and none of the pool's folders, are mounted");
    }

    @Test
    void noSecretIsLeftInTheTemplate() {
        String aliceSecret = run(alice, "import secrets\nalice_secret = 'alice-' + secrets.token_hex(16)\nprint(alice_secret)").strip();
        // Each needle is sent as a prefix and the digest of the rest, so the scan never holds a needle it did not find.
        String scan = String.join("\n",
                "import hashlib, re",
                "needles = [" + needle(aliceSecret) + ", " + needle(LocalStack.POOL_TOKEN) + ", " + needle(LocalStack.SESSION_ID_SECRET)
                        + ", ('control-', hashlib.sha256(b'marker-1f3a').hexdigest(), 11)]",
                "control = 'control-' + 'marker-' + '1f3a'  # the scan must find this one: it is in this kernel's memory",
                "found = [False] * len(needles)",
                "mem = open('/proc/self/mem', 'rb', buffering=0)",
                "for line in open('/proc/self/maps').read().splitlines():",
                "    fields = line.split()",
                "    if not fields[1].startswith('r') or (len(fields) > 5 and fields[5] in ('[vvar]', '[vsyscall]')):",
                "        continue",
                "    start, end = (int(x, 16) for x in fields[0].split('-'))",
                "    for at in range(start, end, 1 << 24):",
                "        try:",
                "            mem.seek(at)",
                "            block = mem.read(min(end - at, (1 << 24) + 64))",
                "        except OSError:",
                "            break",
                "        for i, (prefix, digest, rest) in enumerate(needles):",
                "            for m in re.finditer(re.escape(prefix.encode()), block):",
                "                tail = block[m.end():m.end() + rest]",
                "                if len(tail) == rest and hashlib.sha256(tail).hexdigest() == digest:",
                "                    found[i] = True",
                "print(found)");
        assertEquals("[False, False, False, True]", run(mallory, scan).strip(),
                "alice's secret, the pool token and the session id secret are nowhere in a new session's memory; its own marker is");
        assertEquals("False", run(mallory, "import os\nprint(any(b'secret' in v.lower() or b'token' in v.lower() for v in os.environb.values()))").strip());
    }

    @Test
    void eachSessionGetsItsOwnRandomState() {
        String state = String.join("\n",
                "import random, tempfile, os, numpy, multiprocessing",
                "print(random.getrandbits(64), numpy.random.randint(2**62), next(tempfile._get_candidate_names()),",
                "      multiprocessing.current_process().authkey.hex(), os.urandom(8).hex())");
        String[] a = run(alice, state).strip().split(" ");
        String[] m = run(mallory, state).strip().split(" ");
        assertEquals(5, a.length);
        for (int i = 0; i < a.length; i++) {
            assertNotEquals(a[i], m[i], "value " + i + " of random state is shared between two sessions");
        }
    }

    private String run(String session, String code) {
        JsonNode r = pool.execute(session, code);
        assertEquals("Succeeded", r.path("status").asText(), r.toString());
        return r.path("result").path("stdout").asText();
    }

    private static String needle(String secret) {
        String prefix = secret.substring(0, 6);
        String rest = secret.substring(6);
        return "('" + prefix + "', '" + sha256(rest) + "', " + rest.getBytes(StandardCharsets.UTF_8).length + ")";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> hostPidsWith(String marker) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    /** The one host process whose command line holds {@code marker}, waited for: the suite runs classes in parallel. */
    private static long hostPidWith(String marker) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Long> found = hostPidsWith(marker);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = hostPidsWith(marker);
        }
        assertEquals(1, found.size(), "one host process runs the command with " + marker + ": " + found);
        return found.get(0);
    }

    private static long parentOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        assertTrue(parent > 1, "alice's child has its kernel as parent");
        return parent;
    }
}
