package com.codeinterpreter.local.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one sandboxed kernel is started with.
 *
 * @param name     a unique name, used for its cgroups and log file
 * @param dataDir  the host folder mounted read-write as {@code /mnt/data}
 * @param uid      the unprivileged host uid it runs as (used only when the host runs as root)
 * @param limits   its resource limits
 * @param preload  modules imported before the kernel reports ready, so the user's first import is instant
 */
public record SandboxSpec(String name, Path dataDir, int uid, SandboxLimits limits, List<String> preload) {
    public SandboxSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(limits, "limits");
        preload = List.copyOf(preload);
    }
}
