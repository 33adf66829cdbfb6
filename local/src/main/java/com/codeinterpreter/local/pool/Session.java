package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.Kernel;
import com.codeinterpreter.local.sandbox.KernelReply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One session: an identifier bound to a data folder, a sandbox uid and a kernel.
 *
 * <p>Executions run one at a time, in arrival order (a fair lock), like cells of one notebook. File
 * operations do not take the lock: they work on the host folder directly.
 */
final class Session {
    private static final int KEPT_EXECUTIONS = 256;

    final String identifier;
    final Path dataDir;
    final int uid;
    final Instant createdAt;
    private volatile Instant lastAccessedAt;
    private volatile String etag = UUID.randomUUID().toString();
    private final ReentrantLock executionLock = new ReentrantLock(true);
    private final AtomicInteger busy = new AtomicInteger();
    private Kernel kernel;
    private final Map<String, Execution> executions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Execution> eldest) {
            return size() > KEPT_EXECUTIONS;
        }
    };

    Session(String identifier, Path dataDir, int uid, Kernel kernel, Instant now) {
        this.identifier = identifier;
        this.dataDir = dataDir;
        this.uid = uid;
        this.kernel = kernel;
        this.createdAt = now;
        this.lastAccessedAt = now;
    }

    void touch(Instant now) {
        lastAccessedAt = now;
        etag = UUID.randomUUID().toString();
    }

    Instant lastAccessedAt() {
        return lastAccessedAt;
    }

    String etag() {
        return etag;
    }

    /** Whether an execution is running or waiting: such a session is never expired. */
    boolean busy() {
        return busy.get() > 0;
    }

    /**
     * Runs code or a command in the session's kernel, waiting for earlier executions first. A kernel that
     * died is replaced by a fresh one from {@code newKernel} before it runs.
     */
    KernelReply execute(Function<Kernel, KernelReply> call, Supplier<Kernel> newKernel) {
        busy.incrementAndGet();
        executionLock.lock();
        try {
            if (kernel == null || !kernel.isAlive()) {
                if (kernel != null) {
                    kernel.close();
                }
                kernel = newKernel.get();
            }
            return call.apply(kernel);
        } finally {
            executionLock.unlock();
            busy.decrementAndGet();
        }
    }

    void remember(Execution execution) {
        synchronized (executions) {
            executions.put(execution.id, execution);
        }
    }

    Execution execution(String id) {
        synchronized (executions) {
            return executions.get(id);
        }
    }

    long residentBytes() {
        Kernel k = kernel;
        return k == null ? 0 : k.residentBytes();
    }

    com.codeinterpreter.local.sandbox.SandboxMemory memory() {
        Kernel k = kernel;
        return k == null ? com.codeinterpreter.local.sandbox.SandboxMemory.NONE : k.memory();
    }

    /** Stops the kernel; the registry deletes the folder. */
    void close() {
        Kernel k = kernel;
        if (k != null) {
            k.close();
        }
    }
}
