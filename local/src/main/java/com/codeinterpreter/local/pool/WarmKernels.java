package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.Kernel;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kernels started ahead of demand, each with its own empty folder and uid, handed to new identifiers so
 * that their first execution does not wait for Python and the data stack to load. Refilled in the
 * background, one at a time, so warming never competes with executions for more than one core.
 */
final class WarmKernels implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WarmKernels.class.getName());

    /** A started kernel with the folder and uid it was started for. */
    record Warm(Path dataDir, int uid, Kernel kernel) {
    }

    private final int target;
    private final Supplier<Warm> starter;
    private final java.util.function.Consumer<Warm> discard;
    private final ConcurrentLinkedDeque<Warm> ready = new ConcurrentLinkedDeque<>();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-kernels");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * @param starter starts a kernel in a fresh folder with a fresh uid
     * @param discard releases the folder and uid of a kernel that is closed without being handed out
     */
    WarmKernels(int target, Supplier<Warm> starter, java.util.function.Consumer<Warm> discard) {
        this.target = target;
        this.starter = starter;
        this.discard = discard;
        refill();
    }

    /** A warm kernel, or null when none is waiting (the caller starts one itself). */
    Warm take() {
        Warm warm = ready.pollFirst();
        refill();
        return warm;
    }

    int available() {
        return ready.size();
    }

    private void refill() {
        if (target > 0 && !closed) {
            refiller.execute(this::topUp);
        }
    }

    private void topUp() {
        while (!closed && ready.size() < target) {
            try {
                Warm warm = starter.get();
                warm.kernel().awaitReady();
                ready.addLast(warm);
                if (closed) {
                    drain();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not warm a kernel; new sessions start cold until this recovers", e);
                return;
            }
        }
    }

    private void drain() {
        Warm warm;
        while ((warm = ready.pollFirst()) != null) {
            warm.kernel().close();
            discard.accept(warm);
        }
    }

    /** Stops refilling and closes the kernels still waiting. */
    @Override
    public void close() {
        closed = true;
        refiller.shutdownNow();
        drain();
    }
}
