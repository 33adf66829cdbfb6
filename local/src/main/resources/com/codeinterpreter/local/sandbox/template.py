"""The kernel template: imports the data stack once, then forks each session's kernel into a sandbox of its own.

It runs as root inside a bubblewrap sandbox that keeps its capabilities (read-only root, no network), and
listens on a unix socket that only root on the host reaches. The pool starts fork_client.py for each kernel;
the client passes its stdin, stdout and stderr and the session's spec. For each connection the template forks,
into a new pid namespace (it never reads the request itself, so no session's data enters its memory):

  B (pid 1 of that namespace, root at first): reads the request, joins the session's cgroups, sets its
    rlimits, unshares new mount, IPC, network, UTS and cgroup namespaces, mounts the session's own
    /mnt/data, /tmp, /dev/shm, /dev/pts and /proc, detaches the pool's folders, starts a new session,
    becomes the session's host uid (which drops every capability), enters a user namespace of its own
    that maps uid 1000 to it, drops the capabilities it has there and the bounding set, sets no_new_privs
    and the seccomp filter, and forks C.
    Then it executes a small init (reaps orphans, as bubblewrap's does, and exits with C's status), so
    that it does not keep a copy of the template's memory.
  C: the kernel. It gets fresh random state (Python's own, numpy's global generator, tempfile's names,
    multiprocessing's key), keeps only the client's three descriptors, and runs kernel.main().

The template reports each B's exit to its client, and kills B (and with it the namespace) when the client
goes away: the pool killed the kernel.

Nothing is kept in the template that a session could find: its environment is the sessions' own, it holds
no secret, and it never runs user code. Any step that fails ends the child before user code runs.
"""
import ctypes
import gc
import json
import os
import select
import signal
import socket
import sys

sys.path.insert(0, "/opt/kernel")
import kernel  # noqa: E402  (the sessions' kernel program, bound read-only beside this file)

POOL = "/run/pool"
SOCKET = POOL + "/fork/template.sock"
SESSIONS = POOL + "/sessions"
CGROUPS = POOL + "/cgroup"
HOST_CGROUPS = "/sys/fs/cgroup/"
SANDBOX_UID = 1000

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_SLAVE = 2, 4, 8, 32, 4096, 16384, 1 << 19
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_SECCOMP, PR_CAPBSET_DROP = 1, 4, 22, 24
PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 38, 47, 4
SECCOMP_MODE_FILTER = 2
LINUX_CAPABILITY_VERSION_3 = 0x20080522

libc = ctypes.CDLL(None, use_errno=True)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def mount(source, target, fstype, flags, data=None):
    check(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(), ctypes.c_ulong(flags),
                     data and data.encode()), "mount %s" % target)


def prctl(option, arg):
    check(libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)), "prctl %d" % option)


def detach(target):
    """Unmounts target and everything mounted below it, in this mount namespace only."""
    check(libc.umount2(target.encode(), MNT_DETACH), "detach " + target)


def write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


class Spec:
    """What the pool asked for one kernel: checked here, since the template acts on it as root."""

    def __init__(self, raw):
        s = json.loads(raw)
        self.name = str(s["name"])
        if not self.name or "/" in self.name or self.name in (".", ".."):
            raise ValueError("bad session folder name %r" % self.name)
        self.uid = int(s["uid"])
        if self.uid < 1000:
            raise ValueError("a session uid must not be a system uid, was %d" % self.uid)
        self.memory, self.file_size, self.open_files = int(s["memory"]), int(s["fileSize"]), int(s["openFiles"])
        self.processes, self.tmp, self.shm = int(s["processes"]), int(s["tmp"]), int(s["shm"])
        self.cgroup_procs = []
        for path in s["cgroupProcs"]:
            if not path.startswith(HOST_CGROUPS) or "/../" in path or not path.endswith("/cgroup.procs"):
                raise ValueError("bad cgroup file %r" % path)
            self.cgroup_procs.append(CGROUPS + "/" + path[len(HOST_CGROUPS):])


def receive(conn):
    """The spec line and the client's stdin, stdout and stderr (the client sends them at once, in one message)."""
    # Not settimeout(): that would make the descriptor, which the template shares, non-blocking for it too.
    if not select.select([conn], [], [], 5)[0]:
        raise ValueError("the client sent no request within 5 s")
    data, fds, _, _ = socket.recv_fds(conn, 65536, 3)
    if not data.endswith(b"\n"):
        raise ValueError("the request was cut short")
    if len(fds) != 3:
        raise ValueError("expected 3 descriptors, got %d" % len(fds))
    return Spec(data.decode()), fds


def enter_namespaces(spec):
    """B, as root: cgroups, rlimits, new namespaces (its pid namespace is already new) and the session's own mounts."""
    for procs in spec.cgroup_procs:
        write(procs, "0")  # "0" is the writing process itself, whatever its pid namespace
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (spec.memory, spec.memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (spec.file_size, spec.file_size))
    resource.setrlimit(resource.RLIMIT_NOFILE, (spec.open_files, spec.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Per real uid, and each session has its own: a per-session process limit once B takes the uid.
    resource.setrlimit(resource.RLIMIT_NPROC, (spec.processes, spec.processes))
    # After joining the cgroups, so that the cgroup namespace's root is the session's own group.
    check(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWCGROUP), "unshare")
    mount(None, "/", None, MS_REC | MS_SLAVE)
    owner = "mode=0755,uid=%d,gid=%d" % (spec.uid, spec.uid)
    mount(SESSIONS + "/" + spec.name, "/mnt/data", None, MS_BIND | MS_REC)
    mount(None, "/mnt/data", None, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV)
    # The template's own /tmp and /dev/pts are detached, not merely covered: nothing of them stays reachable.
    detach("/tmp")
    mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=%d,%s" % (spec.tmp, owner))
    mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=%d,%s" % (spec.shm, owner))
    detach("/dev/pts")
    mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620")
    os.mkdir("/tmp/mpl", 0o755)
    os.chown("/tmp/mpl", spec.uid, spec.uid)
    for folder in ("fork", "sessions", "cgroup"):
        detach(POOL + "/" + folder)
        if os.listdir(POOL + "/" + folder):
            raise OSError("the pool's %s folder is still visible in the sandbox" % folder)
    check(libc.sethostname(b"sandbox", 7), "sethostname")


def drop_privileges(spec, seccomp_program):
    """B, pid 1 of the new namespace: its /proc, a new session, the session's uid, no capabilities, seccomp."""
    detach("/proc")
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.setsid()
    os.setgroups([])
    os.setresgid(spec.uid, spec.uid, spec.uid)
    os.setresuid(spec.uid, spec.uid, spec.uid)  # from root to another uid: the kernel clears every capability
    prctl(PR_SET_DUMPABLE, 1)  # as after an exec; and the maps below must be writable by this uid
    check(libc.unshare(CLONE_NEWUSER), "unshare the user namespace")
    write("/proc/self/setgroups", "deny")
    write("/proc/self/uid_map", "%d %d 1\n" % (SANDBOX_UID, spec.uid))
    write("/proc/self/gid_map", "%d %d 1\n" % (SANDBOX_UID, spec.uid))
    # The new user namespace gives full capabilities over itself (it owns nothing else): drop them all.
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        prctl(PR_CAPBSET_DROP, cap)
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    data = (CapData * 2)()
    check(libc.capset(ctypes.byref(CapHeader(LINUX_CAPABILITY_VERSION_3, 0)), data), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    program = ctypes.create_string_buffer(seccomp_program, len(seccomp_program))
    fprog = SockFprog(len(seccomp_program) // 8, ctypes.addressof(program))
    check(libc.prctl(PR_SET_SECCOMP, ctypes.c_ulong(SECCOMP_MODE_FILTER), ctypes.byref(fprog), 0, 0), "seccomp")


def fresh_state():
    """What fork copies and each session must own: random generators and names derived from them."""
    import random
    import tempfile
    random.seed()
    tempfile._name_sequence = None
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    process = sys.modules.get("multiprocessing.process")
    if process is not None:
        process.current_process().authkey = os.urandom(32)


# B's init after the fork: a program of its own, so that B drops the copy of the template it was forked with
# (Python's own start would cost ~8 ms of CPU per session, perl's ~1.5 ms; perl-base is part of every Debian).
INIT = """
my $kernel = shift;
while (1) {
    my $pid = wait();
    exit 1 if $pid == -1;
    if ($pid == $kernel) {
        my $status = $?;
        exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);
    }
}
"""
PERL = "/usr/bin/perl"


def become_sandbox(spec, fds, seccomp_program, held):
    """B: builds the session's sandbox around itself, forks the kernel into it, then becomes its init."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    for sock in held:  # the template's sockets: closed below, and never closed again by their objects
        sock.detach()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.closerange(3, 1 << 16)
    enter_namespaces(spec)
    drop_privileges(spec, seccomp_program)
    kernel_pid = os.fork()
    if kernel_pid == 0:
        fresh_state()
        sys.argv = ["/opt/kernel/kernel.py"]
        os.chdir("/mnt/data")
        kernel.main()
        os._exit(0)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.execv(PERL, [PERL, "-e", INIT, str(kernel_pid)])


class Template:
    """The listening loop: one fork per request, and each client told how its kernel ended."""

    def __init__(self, seccomp_program):
        self.seccomp_program = seccomp_program
        self.own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if os.path.exists(SOCKET):
            os.unlink(SOCKET)
        self.listener.bind(SOCKET)
        os.chmod(SOCKET, 0o600)
        self.listener.listen(128)
        self.kernels = {}  # pidfd of B -> (B's pid, the client's connection)
        self.clients = {}  # descriptor of a client's connection -> (B's pid, the connection), until it hangs up

    def serve(self):
        sys.stdout.write(json.dumps({"ready": True}) + "\n")
        sys.stdout.flush()
        self.poll = select.poll()
        self.poll.register(self.listener, select.POLLIN)
        self.poll.register(sys.stdin, select.POLLIN)
        while True:
            # One event at a time (poll is level-triggered, the others come back): handling one may close a
            # descriptor whose number the next event in the same batch would then wrongly name.
            for fd, events in self.poll.poll()[:1]:
                if fd == 0:
                    if not sys.stdin.readline():
                        return  # the pool is gone: so is every kernel (each B dies with this process)
                elif fd == self.listener.fileno():
                    self.accept()
                elif fd in self.kernels:
                    self.ended(fd)
                elif fd in self.clients:
                    # The client hung up: the pool ended this kernel. B is killed here and reaped by ended().
                    pid, _ = self.clients.pop(fd)
                    self.poll.unregister(fd)
                    os.kill(pid, signal.SIGKILL)

    def accept(self):
        conn, _ = self.listener.accept()
        pid = self.fork(conn)
        pidfd = os.pidfd_open(pid)
        self.kernels[pidfd] = (pid, conn)
        self.clients[conn.fileno()] = (pid, conn)
        self.poll.register(pidfd, select.POLLIN)
        # Only the hang-up, never readable data: the request on this connection is B's to read.
        self.poll.register(conn, select.POLLRDHUP)

    def fork(self, conn):
        """Forks B as pid 1 of a new pid namespace; the template's own children stay in its namespace.

        B, not the template, reads the request: nothing of any session ever enters the template's memory, where
        the next sessions forked from it could find it.
        """
        check(libc.unshare(CLONE_NEWPID), "unshare the pid namespace")
        try:
            pid = os.fork()
        except BaseException:
            self.return_to_own_pid_namespace()
            raise
        if pid == 0:
            try:
                spec, fds = receive(conn)
                held = [self.listener, conn] + [c for _, c in self.kernels.values()]
                become_sandbox(spec, fds, self.seccomp_program, held)
            except BaseException as exc:  # nothing of this session may run: say why, in the kernel's log
                os.write(2, ("the kernel template could not start this session: %s: %s\n" % (type(exc).__name__, exc)).encode())
            os._exit(125)
        self.return_to_own_pid_namespace()
        return pid

    def return_to_own_pid_namespace(self):
        # If this failed, the next fork would land in the last session's namespace: stop instead (the pool restarts us).
        check(libc.setns(self.own_pid_namespace, CLONE_NEWPID), "return to the template's pid namespace")

    def ended(self, pidfd):
        pid, conn = self.kernels.pop(pidfd)
        self.poll.unregister(pidfd)
        os.close(pidfd)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if self.clients.pop(conn.fileno(), None) is not None:
            self.poll.unregister(conn)
            try:
                conn.sendall(b"%d\n" % (code if code >= 0 else 128 - code))
            except OSError:
                pass  # the client is gone as well
        conn.close()


def main():
    seccomp_program = open(sys.argv[1], "rb").read()
    kernel._preload([m for m in os.environ.get("KERNEL_PRELOAD", "").split(",") if m])
    # Objects made so far are never collected: the collector then never writes to their pages, which stay shared.
    gc.collect()
    gc.freeze()
    Template(seccomp_program).serve()


if __name__ == "__main__":
    main()
