package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.ForkServer;
import com.codeinterpreter.local.sandbox.Kernel;
import com.codeinterpreter.local.sandbox.SandboxHost;
import com.codeinterpreter.local.sandbox.SandboxSpec;
import com.codeinterpreter.sessions.PoolErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The pool's sessions by identifier: creates them on first use (from a warm kernel when one waits),
 * refuses new identifiers beyond the maximum, and deletes idle sessions with their files after the
 * cooldown, as the service does.
 */
final class SessionRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
    /** Host uids one pool hands out; pools on one machine pick different blocks. */
    private static final int UIDS_PER_POOL = 1000;

    private final PoolConfig config;
    private final SandboxHost host;
    private final Clock clock;
    private final Path sessionsDir;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> freeUids = new ConcurrentLinkedQueue<>();
    /** Guards the count of sessions and creations against the maximum; creating itself runs outside it, in parallel. */
    private final Object creation = new Object();
    private final ConcurrentHashMap<String, CompletableFuture<Session>> creating = new ConcurrentHashMap<>();
    private final ForkServer template;
    private final WarmKernels warm;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-cooldown");
        t.setDaemon(true);
        return t;
    });

    SessionRegistry(PoolConfig config, SandboxHost host, Path sessionsDir, Clock clock) {
        if (config.maxSessions() + config.readyInstances() + 1 > UIDS_PER_POOL) {
            throw new IllegalArgumentException("max sessions plus ready instances must stay below " + UIDS_PER_POOL);
        }
        this.config = config;
        this.host = host;
        this.clock = clock;
        this.sessionsDir = sessionsDir;
        int base = 200_000 + ThreadLocalRandom.current().nextInt(0, 800) * UIDS_PER_POOL;
        for (int i = 0; i < UIDS_PER_POOL; i++) {
            freeUids.add(base + i);
        }
        this.template = ForkServer.startIfRoot(host, sessionsDir, config.preload());
        this.warm = new WarmKernels(config.readyInstances(), this::startFresh, w -> release(w.dataDir(), w.uid()));
        long period = Math.max(200, Math.min(1000, config.cooldown().toMillis() / 4));
        reaper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The session of an identifier, created now if it does not exist. Sessions for different identifiers are
     * created in parallel (a burst of new conversations must not queue behind one another's disk and kernel);
     * callers of one new identifier wait for the same creation.
     */
    Session getOrCreate(String identifier) {
        Session session = sessions.get(identifier);
        if (session == null) {
            session = createOrJoin(identifier);
        }
        session.touch(clock.instant());
        return session;
    }

    private Session createOrJoin(String identifier) {
        CompletableFuture<Session> mine = new CompletableFuture<>();
        CompletableFuture<Session> other;
        synchronized (creation) {
            Session existing = sessions.get(identifier);
            if (existing != null) {
                return existing;
            }
            other = creating.putIfAbsent(identifier, mine);
            if (other == null && sessions.size() + creating.size() > config.maxSessions()) {
                creating.remove(identifier);
                throw new ApiException(404, PoolErrorCode.CAPACITY_REACHED,
                        "No more sessions are being allocated: the pool already has its maximum of " + config.maxSessions()
                                + " concurrent sessions. Reuse an existing identifier, delete sessions you no longer need "
                                + "(DELETE /session), or wait for idle sessions to expire.");
            }
        }
        if (other != null) {
            try {
                return other.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Session session = create(identifier);
            synchronized (creation) {
                sessions.put(identifier, session);
                creating.remove(identifier);
            }
            mine.complete(session);
            return session;
        } catch (RuntimeException e) {
            creating.remove(identifier);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Session create(String identifier) {
        WarmKernels.Warm w = warm.take();
        if (w == null) {
            w = startFresh();
        }
        return new Session(identifier, w.dataDir(), w.uid(), w.kernel(), clock.instant());
    }

    /** The session of an identifier if it exists; touching it resets its cooldown, as any call does. */
    Optional<Session> find(String identifier) {
        Session session = sessions.get(identifier);
        if (session != null) {
            session.touch(clock.instant());
        }
        return Optional.ofNullable(session);
    }

    void touch(Session session) {
        session.touch(clock.instant());
    }

    Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    boolean forksKernels() {
        return template != null;
    }

    java.util.Optional<ProcessHandle> kernelTemplate() {
        return template == null ? java.util.Optional.empty() : template.process();
    }

    int warmAvailable() {
        return warm.available();
    }

    boolean delete(String identifier) {
        Session session = sessions.remove(identifier);
        if (session == null) {
            return false;
        }
        session.close();
        release(session.dataDir, session.uid);
        return true;
    }

    /** Starts the kernel a session needs after its previous one died, in the same folder with the same uid. */
    Kernel restartKernel(Session session) {
        return startKernel(session.dataDir, session.uid);
    }

    /** Forks the kernel from the template where there is one (the pool is root), else starts it alone. */
    private Kernel startKernel(Path dir, int uid) {
        SandboxSpec spec = spec(dir, uid);
        return template != null ? Kernel.fork(host, template, spec) : Kernel.start(host, spec);
    }

    private WarmKernels.Warm startFresh() {
        Integer uid = freeUids.poll();
        if (uid == null) {
            throw new IllegalStateException("no free sandbox uid");
        }
        Path dir = sessionsDir.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            host.disks().attach(dir, config.limits().diskBytes());
            // The owner and mode are the mounted disk's root's now, not the folder's beneath it.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (host.switchesUid()) {
                Files.setAttribute(dir, "unix:uid", uid);
                Files.setAttribute(dir, "unix:gid", uid);
            }
            return new WarmKernels.Warm(dir, uid, startKernel(dir, uid));
        } catch (IOException | RuntimeException e) {
            release(dir, uid);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private SandboxSpec spec(Path dir, int uid) {
        return new SandboxSpec("k-" + dir.getFileName() + "-" + UUID.randomUUID().toString().substring(0, 8),
                dir, uid, config.limits(), config.preload());
    }

    /** Frees a session's folder, disk and uid; its kernel must be closed first, so nothing holds the disk. */
    private void release(Path dir, int uid) {
        host.disks().detach(dir);
        FileTrees.deleteQuietly(dir);
        freeUids.add(uid);
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(config.cooldown());
        for (Session session : sessions.values()) {
            if (!session.busy() && session.lastAccessedAt().isBefore(cutoff) && sessions.remove(session.identifier, session)) {
                LOG.fine(() -> "session expired after its cooldown: " + session.identifier);
                session.close();
                release(session.dataDir, session.uid);
            }
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        warm.close();
        for (String identifier : List.copyOf(sessions.keySet())) {
            delete(identifier);
        }
        if (template != null) {
            template.close();
        }
    }
}
