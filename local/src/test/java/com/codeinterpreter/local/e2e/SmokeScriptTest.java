package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/smoke.sh, what a user runs after azd up, passes against the local host (every tool over HTTP, and
 * one over MCP), and fails when a tool fails.
 */
class SmokeScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "smoke.sh");

    private static String run(String url) throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return p.exitValue() + "\n" + out;
    }

    @Test
    void everyToolPassesAgainstTheLocalHost() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toAbsolutePath().toString());
        String result = run(LocalStack.shared().baseUrl);
        assertTrue(result.startsWith("0\n"), result);
        assertTrue(result.contains("9 passed, 0 failed"), result);
        for (String tool : new String[] {"UploadFileToSession", "ExecutePythonCode", "RunShellCommand", "ReadSessionFile",
                "SearchSessionFiles", "ListSessionFiles", "GetSessionFile", "GeneratePdfReport"}) {
            assertTrue(result.contains("PASS " + tool), tool + " in " + result);
        }
        assertTrue(result.contains("PASS mcp:ExecutePythonCode"), "the MCP call in " + result);
    }

    @Test
    void anAppThatDoesNotAnswerFailsEveryTool() throws Exception {
        String result = run("http://127.0.0.1:9");
        assertEquals('1', result.charAt(0), result);
        assertTrue(result.contains("0 passed, 9 failed"), result);
    }
}
