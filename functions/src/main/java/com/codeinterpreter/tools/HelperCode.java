package com.codeinterpreter.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The session helper's Python modules (resources next to this class: the guardrails {@code guard_shell.py},
 * {@code guard.py}, {@code guard_rules.py}, {@code guard_names.py} and {@code guard_static.py}, then
 * {@code session_files.py}, {@code changes.py}, {@code capture.py} and {@code runner.py}, which calls them) and the Python
 * statements that install them in a kernel.
 *
 * <p>The modules are installed from their source, or, when the kernel runs the Python version the build
 * compiled them with ({@code helper-bytecode.txt}, written by {@code src/build/compile_helpers.py}), from
 * that bytecode: a new session's first call then skips ~17 ms of compiling. The bytecode is made by the
 * build from these very sources (their checksums are checked here); none is ever taken from a session.
 *
 * <p>Checksums, not cryptographic digests: they tell versions of our own sources apart and catch a stale
 * build, nothing more, and CRCs are computed natively even before the JIT has compiled anything (SHA-256
 * of these ~130 KB cost ~20 ms of a cold start's first call).
 */
final class HelperCode {
    private static final Logger LOG = Logger.getLogger(HelperCode.class.getName());
    private static final String BYTECODE_RESOURCE = "helper-bytecode.txt";

    /** The helper's modules in the order they are installed; each is named {@link #module()} plus its suffix. */
    private static final List<Module> MODULES = List.of(new Module("guard_shell.py", "guard_shell"), new Module("guard.py", "guard"),
            new Module("guard_rules.py", "guard_rules"), new Module("guard_names.py", "guard_names"),
            new Module("guard_static.py", "guard_static"), new Module("session_files.py", "session_files"),
            new Module("file_read.py", "file_read"), new Module("file_search.py", "file_search"),
            new Module("changes.py", "changes"), new Module("capture.py", "capture"), new Module("call_clock.py", "call_clock"),
            new Module("install_watch.py", "install_watch"), new Module("runner.py", ""));

    private static final HelperCode BUILT = new HelperCode(readBytecode());

    private final String module;
    private final String fromSource;
    private final String magic;
    private final String fromBytecode;

    private HelperCode(Bytecode bytecode) {
        byte[] all = MODULES.stream().map(Module::source).collect(Collectors.joining("\0")).getBytes(StandardCharsets.UTF_8);
        module = "__code_interpreter_" + checksum(new CRC32(), all) + checksum(new CRC32C(), all) + "__";
        fromSource = MODULES.stream().map(m -> execInto(m, "compile(" + SessionRunner.pythonString(m.source()) + ", '"
                + m.fileName() + "', 'exec')")).collect(Collectors.joining("; "));
        magic = bytecode == null ? null : bytecode.magic();
        fromBytecode = bytecode == null ? null : MODULES.stream().map(m -> execInto(m, "__import__('marshal').loads(__import__('zlib')"
                + ".decompress(__import__('base64').b64decode('" + bytecode.packed().get(m.resource()) + "')))"))
                .collect(Collectors.joining("; "));
    }

    /** The helper as this build ships it: with bytecode when the build could compile it. */
    static HelperCode built() {
        return BUILT;
    }

    /** The helper installed from source only, as in a kernel whose Python version the build did not compile for. */
    static HelperCode sourceOnly() {
        return new HelperCode(null);
    }

    /** The helper's module name: it carries a checksum of all sources, so a new deployment never talks to an old helper. */
    String module() {
        return module;
    }

    /** The Python version (as {@code importlib.util.MAGIC_NUMBER} in hex) the shipped bytecode is for, or null. */
    String bytecodeMagic() {
        return magic;
    }

    /**
     * Statements (one line) that run each module's code as the body of its module, for a kernel whose
     * {@code importlib.util.MAGIC_NUMBER} is {@code kernelMagic} (null when unknown).
     */
    String install(String kernelMagic) {
        return magic != null && magic.equals(kernelMagic) ? fromBytecode : fromSource;
    }

    /** Code compiled under this name reads {@code <code interpreter guard.py>} in tracebacks, source or bytecode alike. */
    private String execInto(Module m, String code) {
        String name = module + m.suffix();
        return "exec(" + code + ", __import__('sys').modules.setdefault('" + name + "', __import__('types').ModuleType('" + name
                + "')).__dict__)";
    }

    private record Module(String resource, String suffix, String source) {
        Module(String resource, String suffix) {
            this(resource, suffix, load(resource));
        }

        /** Must match the name compile_helpers.py compiles under. */
        String fileName() {
            return "<code interpreter " + resource + ">";
        }
    }

    /** What the build compiled: the Python magic number, and per module its packed code object. */
    private record Bytecode(String magic, Map<String, String> packed) {
    }

    /** The build's bytecode, or null when there is none or it was not made from these sources. */
    private static Bytecode readBytecode() {
        String text;
        try (InputStream in = HelperCode.class.getResourceAsStream(BYTECODE_RESOURCE)) {
            if (in == null) {
                LOG.info("no " + BYTECODE_RESOURCE + " in this build: sessions compile the helper from source");
                return null;
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String magic = null;
        Map<String, String[]> entries = new HashMap<>(); // name -> {name, CRC-32 of its source, packed code}
        for (String line : text.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length == 2 && fields[0].equals("magic")) {
                magic = fields[1];
            } else if (fields.length == 3) {
                entries.put(fields[0], fields);
            }
        }
        Map<String, String> code = new HashMap<>();
        for (Module m : MODULES) {
            String[] entry = entries.get(m.resource());
            if (magic == null || entry == null || !entry[1].equals(checksum(new CRC32(), m.source().getBytes(StandardCharsets.UTF_8)))) {
                LOG.warning(BYTECODE_RESOURCE + " does not match " + m.resource() + " (a stale build?): sessions compile the helper from source");
                return null;
            }
            code.put(m.resource(), entry[2]);
        }
        return new Bytecode(magic, code);
    }

    private static String load(String resource) {
        try (InputStream in = HelperCode.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(resource + " is missing from the build", e);
        }
    }

    /** The checksum of {@code bytes} as 8 hex digits. */
    private static String checksum(Checksum checksum, byte[] bytes) {
        checksum.update(bytes, 0, bytes.length);
        return HexFormat.of().toHexDigits((int) checksum.getValue());
    }
}
