package com.codeinterpreter.local.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What the host prepares once for all sandboxes: the kernel program, the seccomp filter, matplotlib's
 * font cache, and the facts that decide how a sandbox is started (are we root, which cgroups can we write).
 *
 * <p>Thread-safe once constructed.
 */
public final class SandboxHost {
    private static final Logger LOG = Logger.getLogger(SandboxHost.class.getName());
    static final String PYTHON = "/usr/bin/python3";
    /** First host uid handed to sessions when running as root: each session gets its own uid. */
    static final int FIRST_SESSION_UID = 200_000;

    private final Path runtimeDir;
    private final Path kernelProgram;
    private final Path seccompFilter;
    private final Path fontCacheDir;
    private final Path identityFiles;
    private final boolean root;
    private final Cgroups cgroups;
    private final SessionDisks disks;

    private SandboxHost(Path runtimeDir, Path kernelProgram, Path seccompFilter, Path fontCacheDir, Path identityFiles,
                        boolean root, Cgroups cgroups, SessionDisks disks) {
        this.runtimeDir = runtimeDir;
        this.kernelProgram = kernelProgram;
        this.seccompFilter = seccompFilter;
        this.fontCacheDir = fontCacheDir;
        this.identityFiles = identityFiles;
        this.root = root;
        this.cgroups = cgroups;
        this.disks = disks;
    }

    /**
     * Prepares the host under {@code runtimeDir}.
     *
     * @throws IllegalStateException when bubblewrap or the Debian Python stack is missing, naming the install step
     */
    public static SandboxHost prepare(Path runtimeDir) {
        requireExecutable("/usr/bin/bwrap", "bubblewrap");
        requireExecutable(PYTHON, "python3");
        try {
            Files.createDirectories(runtimeDir);
            Path kernel = extract("kernel.py", runtimeDir);
            Path filterProgram = extract("seccomp_filter.py", runtimeDir);
            Path filter = runtimeDir.resolve("seccomp.bpf");
            run(List.of(PYTHON, filterProgram.toString(), filter.toString()), "generate the seccomp filter (needs python3-seccomp)");
            Path fonts = runtimeDir.resolve("matplotlib");
            Files.createDirectories(fonts);
            // Building matplotlib's font list costs ~0.3 s per kernel start; build it once and share it read-only.
            ProcessBuilder fontBuild = new ProcessBuilder(PYTHON, "-c", "import matplotlib; matplotlib.use('Agg'); import matplotlib.font_manager");
            fontBuild.environment().put("MPLCONFIGDIR", fonts.toString());
            run(fontBuild, "build matplotlib's font cache (needs python3-matplotlib)");
            Path identity = Files.createDirectories(runtimeDir.resolve("etc"));
            // Tools such as whoami and getpass look the uid up; the host's own files stay invisible.
            Files.writeString(identity.resolve("passwd"), "sandbox:x:1000:1000:sandbox:/mnt/data:/bin/bash\n");
            Files.writeString(identity.resolve("group"), "sandbox:x:1000:\n");
            boolean root = isUidZero();
            return new SandboxHost(runtimeDir, kernel, filter, fonts, identity, root, root ? Cgroups.detect() : Cgroups.none(),
                    SessionDisks.detect(root, runtimeDir.resolve("disks")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox runtime folder " + runtimeDir, e);
        }
    }

    private static boolean isUidZero() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireExecutable(String path, String aptPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install it with `apt-get install " + aptPackage
                    + "` (scripts/run-local.sh and scripts/test.sh do this for you)");
        }
    }

    static Path extractResource(String resource, Path dir) throws IOException {
        return extract(resource, dir);
    }

    private static Path extract(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        try (InputStream in = SandboxHost.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void run(List<String> command, String what) {
        run(new ProcessBuilder(command), what);
    }

    private static void run(ProcessBuilder builder, String what) {
        try {
            Process p = builder.redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("could not " + what + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    Path runtimeDir() {
        return runtimeDir;
    }

    Path kernelProgram() {
        return kernelProgram;
    }

    Path seccompFilter() {
        return seccompFilter;
    }

    Path fontCacheDir() {
        return fontCacheDir;
    }

    Path identityFiles() {
        return identityFiles;
    }

    /** Whether sandboxes are started as their own unprivileged host uid (only root can switch uid). */
    public boolean switchesUid() {
        return root;
    }

    Cgroups cgroups() {
        return cgroups;
    }

    /** Each session's own disk for /mnt/data, where this host can mount one. */
    public SessionDisks disks() {
        return disks;
    }

    /** One line saying whether sessions' disk use is bounded here, and how: logged at start, a warning when it is not. */
    public String describeDisks(long bytesPerSession) {
        return disks.describe(bytesPerSession);
    }

    /** One line saying how sandboxes are confined here, for the pool's start-up log. */
    public String describe() {
        return "sandbox: bubblewrap, seccomp, " + (root ? "one unprivileged uid per session" : "the pool's own uid (not root: no uid switch)")
                + ", " + cgroups.describe();
    }

    static Logger log() {
        return LOG;
    }
}
