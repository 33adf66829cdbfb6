package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the offline Bicep syntax check (tools/bicep-check, tree-sitter grammar) over the infra templates.
 * Grammar only: `azd provision` still does the type checking.
 */
class BicepSyntaxTest {

    private static final Path ROOT = BicepSource.repoRoot();

    @BeforeAll
    static void installChecker() {
        BicepCheckTool.install();
    }

    @Test
    void everyInfraTemplateParses() {
        List<Path> files = BicepSource.infraFiles();
        assertTrue(files.contains(ROOT.resolve("infra/main.bicep")), "infra/main.bicep is missing: " + files);

        BicepCheckTool.Result result = check(files.stream().map(Path::toString).toList());

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

        BicepCheckTool.Result result = check(List.of(broken.toString()));

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

        BicepCheckTool.Result result = check(List.of(broken.toString()));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("error " + broken), result.output());
    }

    @Test
    void nothingToCheckIsAnErrorNotAPass(@TempDir Path emptyDir) {
        BicepCheckTool.Result result = check(List.of(emptyDir.toString()));

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no .bicep files found"), result.output());
    }

    private static BicepCheckTool.Result check(List<String> targets) {
        return BicepCheckTool.node("check.js", targets);
    }
}
