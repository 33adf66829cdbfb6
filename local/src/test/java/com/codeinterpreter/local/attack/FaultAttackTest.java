package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code that kills its interpreter or reaches for more than its share (memory, processes, disk): a clear
 * answer, the loss stated, the next call working, files kept, and the other sessions never noticing.
 */
class FaultAttackTest {
    private static final LocalStack STACK = LocalStack.shared();
    private final ToolClient client = Sessions.open(STACK.baseUrl);

    @AfterEach
    void deleteSessions() {
        Sessions.deleteAll();
    }

    static Stream<Arguments> aDyingInterpreterIsReportedAndReplaced() {
        return Stream.of(
                Arguments.of("import os\nos._exit(1)", "exit code 1"),
                Arguments.of("import os\nos.kill(os.getpid(), 9)", "killed by SIGKILL"),
                Arguments.of("import ctypes\nctypes.string_at(0)", "killed by signal 11"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void aDyingInterpreterIsReportedAndReplaced(String code, String how) {
        client.python("marker = 1\nopen('/mnt/data/before-crash.txt', 'w').write('kept')");
        JsonNode r = Expect.outcome(client.call("ExecutePythonCode", "pythonCode", code), "failed");
        assertEquals("InterpreterRestarted", r.path("error").path("type").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().contains("(" + how + ")"), r.toString());
        assertTrue(r.path("notes").toString().contains("variables and imports from earlier calls are gone"), r.toString());
        JsonNode next = client.python("'marker' in globals()");
        assertEquals("False", next.path("result").asText());
        assertEquals("restarted", next.path("sessionState").asText(), "the answer says the interpreter was restarted, files kept");
        assertEquals("kept", Expect.ok(client.call("ReadSessionFile", "path", "before-crash.txt")).path("content").asText());
    }

    @Test
    void aMemoryBombMeetsTheLimitAsAnErrorAndTheInterpreterSurvives() {
        client.python("survivor = 'still here'");
        JsonNode huge = Expect.outcome(client.call("ExecutePythonCode", "pythonCode", "x = bytearray(8 * 1024 ** 3)"), "failed");
        assertEquals("MemoryError", huge.path("error").path("type").asText(), huge.toString());
        JsonNode creeping = Expect.outcome(client.call("ExecutePythonCode", "pythonCode",
                "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))"), "failed");
        assertEquals("MemoryError", creeping.path("error").path("type").asText(), creeping.toString());
        assertEquals("(True, 'still here')", client.python("n = len(chunks)\ndel chunks\n(4 <= n < 16, survivor)").path("result").asText(),
                "it stopped below the 1 GiB limit (16 chunks) and kept its state");
        assertEquals("'other'", Sessions.open(STACK.baseUrl).python("'other'").path("result").asText(), "another session never noticed");
    }

    @Test
    void aForkBombIsHeldToItsSessionsProcessLimit() {
        CompletableFuture<ToolClient.Answer> bomb = CompletableFuture.supplyAsync(() ->
                client.call("RunShellCommand", Expect.body("command", "b() { b | b & }; b; sleep 10", "timeoutSeconds", 4)));
        ToolClient other = Sessions.open(STACK.baseUrl);
        for (int i = 0; i < 3; i++) {
            assertEquals("'other'", other.python("'other'").path("result").asText());
        }
        JsonNode r = bomb.join().json();
        assertEquals("timedOut", r.path("status").asText(), r.toString());
        assertTrue(r.path("stderr").asText().contains("fork: retry: Resource temporarily unavailable"), "the limit held it");
        JsonNode left = Expect.outcome(client.call("RunShellCommand", "command", "ls /proc | grep -c '^[0-9]'"), "succeeded");
        assertTrue(Integer.parseInt(left.path("stdout").asText().strip()) <= 6, "the bomb's processes were all stopped: " + left);
    }

    @Test
    void fillingTheDiskStopsAtTheFileSizeLimitAndTheTmpQuota() {
        JsonNode big = Expect.outcome(client.call("RunShellCommand", "command",
                "dd if=/dev/zero of=big.bin bs=1M count=400 2>/dev/null; echo \"exit=$?\"; stat -c %s big.bin; rm big.bin"), "succeeded");
        assertEquals("exit=153\n268435456\n", big.path("stdout").asText(), "SIGXFSZ at the 256 MiB file limit");
        JsonNode tmp = Expect.outcome(client.call("RunShellCommand", "command",
                "dd if=/dev/zero of=/tmp/fill bs=1M count=100 2>&1 | grep -o 'No space left on device' | head -1; rm -f /tmp/fill"), "succeeded");
        assertEquals("No space left on device\n", tmp.path("stdout").asText(), "the 64 MiB /tmp of this session is full, no one else's");
        assertEquals("'fine'", Sessions.open(STACK.baseUrl).python("'fine'").path("result").asText());
        assertEquals("2", client.python("1 + 1").path("result").asText(), "the session itself works on");
    }

    @Test
    void concurrentCallsToOneSessionRunOneAtATimeAndAllLand() {
        client.python("log = []");
        String cell = "import time\nstarted = time.time()\ntime.sleep(0.3)\nlog.append((started, time.time()))";
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> client.python(cell)));
        }
        calls.forEach(c -> assertEquals("succeeded", c.join().path("status").asText()));
        assertEquals("(6, True)", client.python("(len(log), all(a[1] <= b[0] for a, b in zip(log, log[1:])))").path("result").asText(),
                "six entries, each call starting after the one before ended");
    }
}
