package com.codeinterpreter.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts of tools/bicep-check (the tree-sitter Bicep grammar, on node) for the deployment tests:
 * check.js for the syntax check, declarations.js for the parse the type check reads.
 */
final class BicepCheckTool {

    /** What a script printed: stdout and stderr apart, so a JSON answer is not mixed with warnings. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static boolean installed;

    private BicepCheckTool() {
    }

    /** Installs the tool's npm dependencies once per test JVM (idempotent, milliseconds when current). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        Result install = run(List.of("bash", "scripts/install-npm-tool.sh", "bicep-check"), 300);
        if (install.exitCode() != 0) {
            throw new IllegalStateException(
                    "scripts/install-npm-tool.sh bicep-check failed (it needs node >= 18 and npm):\n" + install.output());
        }
        installed = true;
    }

    /** Runs {@code node tools/bicep-check/<script> <args>} from the repository root. */
    static Result node(String script, List<String> args) {
        install();
        List<String> command = new ArrayList<>(List.of("node", "tools/bicep-check/" + script));
        command.addAll(args);
        return run(command, 120);
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        Path out = null;
        Path err = null;
        try {
            // Files rather than pipes, so a hung process cannot block us past the timeout.
            out = Files.createTempFile("bicep-check", ".out");
            err = Files.createTempFile("bicep-check", ".err");
            Process process = new ProcessBuilder(command).directory(BicepSource.repoRoot().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0) + " (is it on PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temp file left behind is harmless; the answer the caller waits for matters more.
        }
    }
}
