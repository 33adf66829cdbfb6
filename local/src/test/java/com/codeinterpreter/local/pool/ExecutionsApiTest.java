package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code POST /executions} and {@code GET /executions/{id}} (2025-10-02-preview) against real sandboxes. */
class ExecutionsApiTest {
    private final PoolClient client = new PoolClient(TestPools.shared());
    private final String id = PoolClient.newIdentifier();

    @org.junit.jupiter.api.AfterEach
    void deleteSession() {
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id));
    }

    @Test
    void synchronousExecutionReturnsStdoutAndHeaders() {
        PoolClient.Response r = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id),
                "{\"codeInputType\":\"Inline\",\"executionType\":\"Synchronous\",\"code\":\"print(7*9)\",\"timeoutInSeconds\":60}");
        assertEquals(200, r.status());
        JsonNode body = r.json();
        assertEquals("Succeeded", body.path("status").asText());
        assertEquals("Synchronous", body.path("executionType").asText());
        assertEquals(id, body.path("identifier").asText());
        assertEquals("63\n", body.path("result").path("stdout").asText());
        assertEquals(body.path("id").asText(), r.header("operation-id"));
        assertTrue(r.header("Operation-Location").contains("/executions/" + body.path("id").asText()));
    }

    @Test
    void stateIsKeptBetweenExecutionsLikeANotebook() {
        client.execute(id, "x = 41\nimport math");
        JsonNode second = client.execute(id, "x += 1\nx");
        assertEquals("42", second.path("result").path("executionResult").asText());
        assertEquals("/mnt/data\n", client.execute(id, "import os\nprint(os.getcwd())").path("result").path("stdout").asText());
    }

    @Test
    void trailingExpressionValuesAreSerialisedAsTheServiceDoes() {
        assertTrue(client.execute(id, "a = None;a").path("result").path("executionResult").isNull());
        assertEquals("nan", client.execute(id, "a = float('nan');a").path("result").path("executionResult").asText());
        assertEquals("nan", client.execute(id, "a = \"nan\";a").path("result").path("executionResult").asText());
        assertEquals("", client.execute(id, "a = 1").path("result").path("executionResult").asText());
        ObjectNode jupyter = PoolClient.JSON.createObjectNode().put("code", "a = \"nan\";a").put("timeoutInSeconds", 30)
                .put("returnJupyterFormatExecutionResult", true);
        assertEquals("'nan'", client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), jupyter)
                .json().path("result").path("executionResult").asText());
    }

    @Test
    void userExceptionIsAFailedExecutionWithItsTraceback() {
        JsonNode r = client.execute(id, "def f():\n    return 1/0\nf()");
        assertEquals("Failed", r.path("status").asText());
        assertEquals("ExecutionFailed", r.path("error").path("code").asText());
        assertEquals("ZeroDivisionError: division by zero", r.path("error").path("message").asText());
        String stderr = r.path("result").path("stderr").asText();
        assertTrue(stderr.contains("line 2, in f"), stderr);
        assertFalse(stderr.contains("kernel.py"), "the kernel's own frames are not shown: " + stderr);
    }

    @Test
    void outputOfChildProcessesAndCExtensionsIsCaptured() {
        JsonNode r = client.execute(id, "import os, sys\nos.system('echo from-shell; echo err-shell >&2')\nos.write(1, b'raw-fd\\n')");
        assertEquals("from-shell\nraw-fd\n", r.path("result").path("stdout").asText());
        assertEquals("err-shell\n", r.path("result").path("stderr").asText());
    }

    @Test
    void outputIsTruncatedAtOutputStreamsMaxLength() {
        ObjectNode body = PoolClient.JSON.createObjectNode().put("code", "print('x' * 10000)").put("timeoutInSeconds", 30);
        JsonNode byDefault = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), body).json();
        assertEquals(4096, byDefault.path("result").path("stdout").asText().length());
        body.put("outputStreamsMaxLength", 10);
        JsonNode small = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), body).json();
        assertEquals("xxxxxxxxxx", small.path("result").path("stdout").asText());
    }

    @Test
    void base64CodeIsDecoded() {
        String code = Base64.getEncoder().encodeToString("print('b64')".getBytes(StandardCharsets.UTF_8));
        ObjectNode body = PoolClient.JSON.createObjectNode().put("codeInputType", "InlineBase64").put("code", code).put("timeoutInSeconds", 30);
        assertEquals("b64\n", client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), body)
                .json().path("result").path("stdout").asText());
    }

    @Test
    void asynchronousExecutionAnswers200RunningAndIsPolledToCompletion() throws Exception {
        ObjectNode body = PoolClient.JSON.createObjectNode().put("executionType", "Asynchronous")
                .put("code", "import time\ntime.sleep(1)\nprint('done')").put("timeoutInSeconds", 30);
        PoolClient.Response started = client.postJson("/executions" + PoolClient.query(PoolClient.CURRENT, id), body);
        assertEquals(200, started.status(), "the specification's example answers 200");
        assertEquals(started.json().path("id").asText(), started.header("operation-id"));
        assertEquals("Running", started.json().path("status").asText());
        String location = started.header("Operation-Location");
        assertNotNull(location);
        JsonNode polled = null;
        for (int i = 0; i < 200; i++) {
            polled = client.get(location.substring(location.indexOf("/executions/"))).json();
            if (!polled.path("status").asText().equals("Running")) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("Succeeded", polled.path("status").asText());
        assertEquals("Asynchronous", polled.path("executionType").asText());
        assertEquals("done\n", polled.path("result").path("stdout").asText());
    }

    @Test
    void operationIdHeaderNamesTheExecution() {
        PoolClient.Response r = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(TestPools.shared().url() + "/executions" + PoolClient.query(PoolClient.CURRENT, id)))
                .header("Content-Type", "application/json").header("operation-id", "my-operation-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\":\"1\",\"timeoutInSeconds\":10}")));
        assertEquals("my-operation-1", r.header("operation-id"));
        assertEquals("my-operation-1", client.get("/executions/my-operation-1" + PoolClient.query(PoolClient.CURRENT, id)).json().path("id").asText());
    }

    @Test
    void unknownExecutionIdIs404() {
        client.execute(id, "1");
        PoolClient.Response r = client.get("/executions/nope" + PoolClient.query(PoolClient.CURRENT, id));
        assertEquals(404, r.status());
        assertEquals("ExecutionNotFound", r.errorCode());
    }

    @Test
    void timeoutInterruptsTheCodeAndTheSessionKeepsItsState() {
        client.execute(id, "kept = 'yes'");
        JsonNode r = client.execute(id, "import time\nprint('before')\ntime.sleep(30)", 1);
        assertEquals("Failed", r.path("status").asText());
        assertEquals("ExecutionTimeout", r.path("error").path("code").asText());
        assertEquals("before\n", r.path("result").path("stdout").asText());
        assertEquals("yes", client.execute(id, "kept").path("result").path("executionResult").asText());
    }

    @Test
    void codeThatIgnoresTheInterruptIsKilledAndTheNextExecutionWorks() {
        client.execute(id, "kept = 'yes'");
        JsonNode r = client.execute(id, "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True: pass", 1);
        assertEquals("Failed", r.path("status").asText());
        assertEquals("ExecutionTimeoutKernelRestarted", r.path("error").path("code").asText());
        assertTrue(r.path("error").path("message").asText().contains("variables and imports are gone"));
        JsonNode after = client.execute(id, "'kept' in globals()");
        assertEquals("Succeeded", after.path("status").asText());
        assertEquals("False", after.path("result").path("executionResult").asText());
    }

    @Test
    void kernelThatDiesIsReportedAndReplaced() {
        client.execute(id, "open('/mnt/data/survives.txt', 'w').write('file')");
        JsonNode r = client.execute(id, "import os\nos._exit(3)");
        assertEquals("Failed", r.path("status").asText());
        assertEquals("KernelRestarted", r.path("error").path("code").asText());
        assertTrue(r.path("error").path("message").asText().contains("exit code 3"), r.toString());
        assertEquals("file", client.execute(id, "open('/mnt/data/survives.txt').read()").path("result").path("executionResult").asText());
    }

    @Test
    void concurrentExecutionsOnOneSessionRunOneAtATime() {
        client.execute(id, "import time\nspans = []");
        String code = "t0 = time.monotonic()\ntime.sleep(0.3)\nspans.append((t0, time.monotonic()))";
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> client.execute(id, code)));
        }
        calls.forEach(c -> assertEquals("Succeeded", c.join().path("status").asText()));
        JsonNode overlaps = client.execute(id,
                "s = sorted(spans)\nlen(s), all(a[1] <= b[0] for a, b in zip(s, s[1:]))");
        assertEquals("(4, True)", overlaps.path("result").path("executionResult").asText());
    }
}
