package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The helper's install statements, run in a real Python: from the build's bytecode and from source alike. */
class HelperCodeTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Prints what the installed modules hold: the file name their code was compiled under, and whether dispatch exists. */
    private static final String REPORT = "import sys\n"
            + "runner = sys.modules[MODULE]\n"
            + "print(runner.dispatch.__code__.co_filename, callable(runner.dispatch), sys.modules[MODULE + 'guard'].__name__)\n";

    @Test
    void theBuildShipsBytecodeForThisMachinesPython() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "the build compiles the helper only where /usr/bin/python3 exists");
        assertEquals(python("import importlib.util; print(importlib.util.MAGIC_NUMBER.hex())").strip(), HelperCode.built().bytecodeMagic(),
                "the pool's kernels run /usr/bin/python3: without matching bytecode every new session compiles the helper");
    }

    @Test
    void bytecodeAndSourceInstallTheSameModules() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON));
        HelperCode helper = HelperCode.built();
        String fromBytecode = install(helper, helper.bytecodeMagic());
        String fromSource = install(HelperCode.sourceOnly(), helper.bytecodeMagic());
        assertEquals("<code interpreter runner.py> True " + helper.module() + "guard", fromBytecode.strip());
        assertEquals(fromSource, fromBytecode);
    }

    @Test
    void aKernelOfAnotherPythonVersionGetsTheSource() {
        HelperCode helper = HelperCode.built();
        assertEquals(HelperCode.sourceOnly().install(null), helper.install("0d0d0a00"));
        assertEquals(helper.install(null), helper.install("0d0d0a00"));
        assertTrue(helper.install(null).contains("compile("));
        assertFalse(helper.install(null).contains("marshal"));
        if (helper.bytecodeMagic() != null) {
            assertNotEquals(helper.install(null), helper.install(helper.bytecodeMagic()));
            assertFalse(helper.install(helper.bytecodeMagic()).contains("compile("));
        }
    }

    @Test
    void theModuleNameDependsOnTheSourcesOnly() {
        assertEquals(HelperCode.built().module(), HelperCode.sourceOnly().module());
        assertTrue(HelperCode.built().module().matches("__code_interpreter_[0-9a-f]{16}__"), HelperCode.built().module());
    }

    private static String install(HelperCode helper, String kernelMagic) throws Exception {
        return python(helper.install(kernelMagic) + "\nMODULE = '" + helper.module() + "'\n" + REPORT);
    }

    private static String python(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-I", "-c", "import sys; exec(sys.stdin.read())").redirectErrorStream(true).start();
        p.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
