package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the offline Bicep syntax check (tools/bicep-check, tree-sitter grammar) over the infra templates.
 * Grammar only: `azd provision` still does the type checking.
 */
class BicepSyntaxTest {

    private static final Path ROOT = BicepSource.repoRoot();

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void installChecker() {
        // Idempotent and takes milliseconds when the lock file has not changed since the last install.
        Result install = run(List.of("bash", "scripts/install-npm-tool.sh", "bicep-check"), 300);
        assertEquals(0, install.exitCode(),
                "scripts/install-npm-tool.sh bicep-check failed (it needs node >= 18 and npm):\n" + install.output());
    }

    @Test
    void everyInfraTemplateParses() {
        List<Path> files = BicepSource.infraFiles();
        assertTrue(files.contains(ROOT.resolve("infra/main.bicep")), "infra/main.bicep is missing: " + files);

        Result result = check(files.stream().map(Path::toString).toList());

        assertEquals(0, result.exitCode(), "Bicep syntax errors:\n" + result.output());
        for (Path file : files) {
            assertTrue(result.output().contains("ok " + file), "no verdict for " + file + ":\n" + result.output());
        }
    }

    @Test
    void brokenTemplateIsReportedWithItsPosition(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.bicep");
        Files.writeString(broken, String.join("\n",
                "param name string",
                "param location string = 'westeurope'",
                "output endpoint string =",
                ""));

        Result result = check(List.of(broken.toString()));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("error " + broken + ":3:"),
                "expected an error on line 3:\n" + result.output());
        assertFalse(result.output().contains("ok " + broken), result.output());
    }

    @Test
    void unbalancedBracesAreReported(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("unbalanced.bicep");
        Files.writeString(broken, String.join("\n",
                "var settings = {",
                "  list: [",
                "    'a'",
                "}",
                ""));

        Result result = check(List.of(broken.toString()));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("error " + broken), result.output());
    }

    @Test
    void nothingToCheckIsAnErrorNotAPass(@TempDir Path emptyDir) {
        Result result = check(List.of(emptyDir.toString()));

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no .bicep files found"), result.output());
    }

    private static Result check(List<String> targets) {
        List<String> command = new ArrayList<>(List.of("node", "tools/bicep-check/check.js"));
        command.addAll(targets);
        return run(command, 120);
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        try {
            // Output goes to a file rather than a pipe, so a hung process cannot block us past the timeout.
            Path log = Files.createTempFile("bicep-check", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly();
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (!finished) {
                    fail(command + " did not finish in " + timeoutSeconds + " s:\n" + output);
                }
                return new Result(process.exitValue(), output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return fail("could not run " + command.get(0) + " (is it on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command, e);
        }
    }
}
