package com.codeinterpreter.local.bench;

import com.codeinterpreter.local.sandbox.Kernel;
import com.codeinterpreter.local.sandbox.SandboxHost;
import com.codeinterpreter.local.sandbox.SandboxLimits;
import com.codeinterpreter.local.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sandbox host and a data folder of the benchmark's own, outside any pool, for figures that start a kernel
 * straight on the sandbox layer (the raw kernel pipe, a kernel started without the template).
 */
record BareSandbox(SandboxHost host, Path data, int uid) {

    static BareSandbox prepare(String name, int uid) throws IOException {
        Path dir = Files.createDirectories(Path.of("/var/tmp/code-interpreter-bench/" + name + "-" + ProcessHandle.current().pid()));
        SandboxHost host = SandboxHost.prepare(dir.resolve("runtime"));
        Path data = Files.createDirectories(dir.resolve("data"));
        if (host.switchesUid()) {
            Files.setAttribute(data, "unix:uid", uid);
            Files.setAttribute(data, "unix:gid", uid);
        }
        return new BareSandbox(host, data, uid);
    }

    /** A kernel in this sandbox with the default limits and the pool's preloads. */
    Kernel start(String name) {
        return Kernel.start(host, new SandboxSpec(name, data, uid, SandboxLimits.DEFAULTS, BenchStack.PRELOAD));
    }
}
