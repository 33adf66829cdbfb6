"""Guardrails for the Python that ExecutePythonCode and GeneratePdfReport run, and for package installs
through RunShellCommand: the contract's Limitations (no process spawning, no network access, no package
installation, no files written outside /mnt/data and /tmp) as policy, with messages that say what to do
instead.

Two layers, both inside the session's kernel, so they hold the same against the local pool and the Azure
service:

1. Before the code runs, guard_static.py checks its syntax tree.
2. While it runs, this module's audit hook (install) refuses the operations themselves. A thread is
   guarded while one of the helper's guarded functions (run_python) or a function the user wrote is on
   its stack, and a thread the kernel did not have when the hook was installed (one the user's code
   started) is guarded for its whole life. There is no on/off flag to flip: what the hook decides on
   lives in its closure, and nothing keeps a reference to the hook.

Both report a BlockedOperationError (a PermissionError) whose type names the category and whose message
names the call, its line and what to use instead. This module also has those errors and messages, and
RunShellCommand's check for package installs (check_shell; guard_shell.py reads the command).

This is policy, not containment. Code that sets out to evade in-process checks can (planting a builtin
such as functools.partial(os.system, ...) where the helper or the kernel will call it, compiling code
under another file name, calling _posixsubprocess directly, ctypes writing memory); the boundary is the
sandbox: Hyper-V in Azure, bubblewrap with seccomp locally. SECURITY-guardrails.md lists what is blocked
and what is not promised.

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import _thread
import os
import pathlib
import re
import socket
import sys
import threading

# HelperCode installs guard_shell.py first, under this module's name plus "_shell".
guard_shell = sys.modules[__name__ + "_shell"]

# The session's folder: the working folder (relative paths land here) and the one the file tools reach. The
# only place the helper's modules spell it; they all use this.
DATA = "/mnt/data"
WRITABLE_ROOTS = (DATA, "/tmp")
WRITABLE_DEVICES = frozenset(("/dev/null", "/dev/stdout", "/dev/stderr"))
OUTSIDE_WRITABLE_ROOTS = "outside %s and %s" % WRITABLE_ROOTS
USER_FILENAME_PREFIX = "<code-"


class BlockedOperationError(PermissionError):
    """An operation the code interpreter does not allow. `error_type` is what the tool's answer reports.

    A PermissionError, so that library code which falls back on OSError (matplotlib's cache folder,
    importlib's bytecode cache) keeps working when the guard refuses it something.
    """
    error_type = "BlockedOperation"
    __module__ = "builtins"  # tracebacks then name it as the tool's answer does: "ProcessSpawningBlocked: ..."

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


class ProcessSpawningBlocked(BlockedOperationError):
    error_type = "ProcessSpawningBlocked"
    __module__ = "builtins"


class NetworkAccessBlocked(BlockedOperationError):
    error_type = "NetworkAccessBlocked"
    __module__ = "builtins"


class PackageInstallBlocked(BlockedOperationError):
    error_type = "PackageInstallBlocked"
    __module__ = "builtins"


class FileAccessBlocked(BlockedOperationError):
    error_type = "FileAccessBlocked"
    __module__ = "builtins"


def blocked_cause(exc):
    """The guard's refusal behind an exception, when there is one (user code may have wrapped it)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, BlockedOperationError):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


# ---- messages ----------------------------------------------------------------------------------------

ADVICE = {
    "process": (ProcessSpawningBlocked, "Run shell commands with the RunShellCommand tool."),
    "network": (NetworkAccessBlocked, "The sandbox has no network access: upload the data the code needs with "
                                      "UploadFileToSession."),
    "file": (FileAccessBlocked, "Save files in %s (the working folder, where relative paths land) or /tmp." % DATA),
    "internals": (BlockedOperationError, "Call the functions you need by their names."),
}
# When several operations are blocked, the answer leads with the one that most likely explains the code.
PRIORITY = {"package": 0, "process": 1, "network": 2, "file": 3, "internals": 4}

# Packages people most often ask for; the message lists those this session really has.
_WELL_KNOWN = (("pandas", "pandas"), ("numpy", "numpy"), ("matplotlib", "matplotlib"), ("seaborn", "seaborn"),
               ("scipy", "scipy"), ("reportlab", "reportlab"), ("openpyxl", "openpyxl"), ("pillow", "PIL"),
               ("pyyaml", "yaml"), ("tabulate", "tabulate"), ("scikit-learn", "sklearn"), ("statsmodels", "statsmodels"),
               ("plotly", "plotly"), ("xlrd", "xlrd"), ("lxml", "lxml"), ("beautifulsoup4", "bs4"), ("sympy", "sympy"),
               ("networkx", "networkx"), ("pyarrow", "pyarrow"))
_LIST_PACKAGES = "import importlib.metadata as m; sorted(d.metadata['Name'] for d in m.distributions())"


def where(line):
    return " (line %d)" % line if line else ""


def blocked(category, what, line, effect, advice=None):
    cls, default_advice = ADVICE[category]
    message = "%s%s %s, which is blocked here. %s" % (what, where(line), effect, advice or default_advice)
    return cls(message, line)


def _installed(package):
    name = re.split(r"[\[<>=!~;@\s]", package, maxsplit=1)[0]
    if not name:
        return False
    try:
        import importlib.metadata
        importlib.metadata.distribution(name)
        return True
    except Exception:
        pass
    try:
        import importlib.util
        return importlib.util.find_spec(name.replace("-", "_")) is not None
    except Exception:
        return False


def _preinstalled():
    import importlib.util
    names = []
    for package, module in _WELL_KNOWN:
        try:
            if importlib.util.find_spec(module) is not None:
                names.append(package)
        except Exception:
            pass
    return names


def package_blocked(what, line, packages=()):
    parts = ["%s%s is not available: packages cannot be installed here." % (what, where(line))]
    wanted = [p for p in packages if p and not p.startswith("-")]
    have = [p for p in wanted if _installed(p)]
    missing = [p for p in wanted if p not in have]
    if have:
        parts.append("%s %s already installed: import %s directly." % (", ".join(have), "is" if len(have) == 1 else "are",
                                                                      "it" if len(have) == 1 else "them"))
    if missing:
        parts.append("%s %s not installed." % (", ".join(missing), "is" if len(missing) == 1 else "are"))
    parts.append("Preinstalled: %s; list them all with `%s`." % (", ".join(_preinstalled()), _LIST_PACKAGES))
    return PackageInstallBlocked(" ".join(parts), line)


def check_shell(command):
    """For RunShellCommand: a PackageInstallBlocked when the command would install packages, else None."""
    found = guard_shell.package_install(command)
    return package_blocked(found[0], None, found[1]) if found else None


# ---- the runtime guard: an audit hook -----------------------------------------------------------------

_DANGEROUS_SYMBOLS = frozenset(("system", "popen", "fork", "vfork", "clone", "clone3", "execve", "execv", "execvp", "execvpe",
                                "execl", "execlp", "execle", "fexecve", "execveat", "posix_spawn", "posix_spawnp", "syscall",
                                "socket", "connect", "bind", "sendto", "getaddrinfo", "gethostbyname", "dlopen", "dlmopen"))
_PACKAGE_MODULES = frozenset(("pip", "ensurepip", "conda", "mamba"))
_LIBC = re.compile(r"(?:^|/)libc(?:[.-]|$)")
_SOCKET_FAMILY = socket.socket.__mro__[-2].__dict__["family"].__get__  # _socket.socket's own field: no user property
_PATH_TYPES = frozenset((pathlib.Path, pathlib.PosixPath, pathlib.PurePath, pathlib.PurePosixPath))
_hook_added = []  # a marker only: nothing here leads to the hook or what it keeps


def _text(value):
    """A str for a path or command the hook is given, without running any of the user's code (no __str__,
    __fspath__ or __eq__ of a subclass); None for anything else."""
    kind = type(value)
    if issubclass(kind, str):
        return "".join((value,))
    if issubclass(kind, bytes):
        return b"".join((value,)).decode("utf-8", "surrogateescape")
    if kind in _PATH_TYPES:
        return str(value)
    return None


def _shown(value):
    text = _text(value)
    if text is not None:
        return repr(text)
    if type(value) in (int, tuple) and all(type(v) in (str, int) for v in (value if type(value) is tuple else ())):
        return repr(value)
    return "<%s>" % type(value).__name__


def install(*guarded_functions):
    """Adds the audit hook, once per guard module. A thread is guarded while a frame of one of
    `guarded_functions` or of the user's code is on its stack, and always when it did not exist yet at
    this call (user code started it).

    Audit hooks cannot be removed: the hook costs one dict lookup for the events it does not watch, and
    little more for those it allows (reads, local sockets, writes under /mnt/data and /tmp). It never runs
    the user's code itself (paths and commands are read without calling their methods).
    """
    if _hook_added:
        return
    guarded_codes = tuple(f.__code__ for f in guarded_functions)
    kernel_threads = frozenset([t.ident for t in threading.enumerate()] + [_thread.get_ident()])
    get_ident, getframe, realpath, getcwd = _thread.get_ident, sys._getframe, os.path.realpath, os.getcwd
    join, dirname, basename, normpath = os.path.join, os.path.dirname, os.path.basename, os.path.normpath
    af_unix = getattr(socket, "AF_UNIX", None)
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    roots = tuple(sorted(set(WRITABLE_ROOTS) | {realpath(r) for r in WRITABLE_ROOTS}))

    def guarded():
        """Whether the current thread is running the user's code: a thread the user started, a guarded
        function of the helper, or a function the user wrote (one left behind as a finalizer, a callback
        or a patched library function, which the kernel calls later)."""
        if get_ident() not in kernel_threads:
            return True
        frame = getframe(1)
        while frame is not None:
            code = frame.f_code
            if code.co_filename.startswith(USER_FILENAME_PREFIX):
                return True
            for guarded_code in guarded_codes:
                if code is guarded_code:
                    return True
            frame = frame.f_back
        return False

    def user_line():
        frame = getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.startswith(USER_FILENAME_PREFIX):
                return frame.f_lineno
            frame = frame.f_back
        return None

    def outside(path, dir_fd=None, follow=True):
        """Where a file operation lands when that is outside the writable folders, else None."""
        if issubclass(type(path), int) or path is None:
            return None  # an open descriptor: it was checked when it was opened
        text = _text(path)
        if text is None:
            return "a path given as <%s>" % type(path).__name__  # cannot be read safely, so cannot be allowed
        if normpath(text) in WRITABLE_DEVICES:
            return None
        if dir_fd not in (None, -1) and not text.startswith("/"):
            base = realpath("/proc/self/fd/%d" % dir_fd)
        else:
            base = getcwd()
        full = join(base, text)
        real = realpath(full) if follow else join(realpath(dirname(full)), basename(full))
        if any(real == root or real.startswith(root + "/") for root in roots):
            return None
        return real

    # Each check gets the event's arguments and answers None (allowed) or (category, what, effect, packages).
    def spawn(what, command):
        if isinstance(command, (list, tuple)):
            words = [_text(c) for c in command]
            text = " ".join(w if w is not None else "?" for w in words)
        else:
            text = _text(command) or ""
        install = guard_shell.package_install(text)
        if install:
            return "package", install[0], None, install[1]
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        return "process", what, "starts a process" + (" (%s)" % shown if shown else ""), ()

    def network(what):
        return "network", what, "opens a network connection", ()

    def remote(sock, what, address):
        return None if _SOCKET_FAMILY(sock) == af_unix else network("%s %s" % (what, _shown(address)))

    def changes(operation, verb, *targets):
        for path, dir_fd, follow in targets:
            real = outside(path, dir_fd, follow)
            if real:
                shown = ", ".join(_shown(t[0]) for t in targets)
                return "file", "%s(%s)" % (operation, shown), "%s %s, %s" % (verb, real, OUTSIDE_WRITABLE_ROOTS), ()
        return None

    def opened(args):
        path, mode, flags = args[0], args[1], args[2]
        if type(flags) is not int or not flags & write_flags:
            return None
        real = outside(path)
        if real is None:
            return None
        what = "open(%s, %r)" % (_shown(path), mode) if type(mode) is str else "os.open(%s)" % _shown(path)
        return "file", what, "writes to %s, %s" % (real, OUTSIDE_WRITABLE_ROOTS), ()

    def imported(args):
        name = args[0]
        if type(name) is str and (name in _PACKAGE_MODULES or name.startswith("pip.")):
            return "package", "import " + name, None, ()
        return None

    def library(args):
        name = _text(args[0])
        if name is not None and _LIBC.search(name):
            return ("process", "ctypes.CDLL(%r)" % name,
                    "loads the C library, whose functions (system, fork, execve) start processes outside these checks", ())
        return None

    def symbol(args):
        name = args[1]
        if type(name) is str and name in _DANGEROUS_SYMBOLS:
            return ("process", "the C function %s through ctypes" % name,
                    "starts processes or opens connections outside these checks", ())
        return None

    def internals(what, effect="reaches into the interpreter's internals"):
        return "internals", what, effect, ()

    checks = {
        "subprocess.Popen": lambda a: spawn("subprocess.Popen", a[1] if a[1] is not None else a[0]),
        "os.system": lambda a: spawn("os.system", a[0]),
        "os.exec": lambda a: spawn("os.exec*", a[1]),
        "os.posix_spawn": lambda a: spawn("os.posix_spawn", a[1]),
        "os.spawn": lambda a: spawn("os.spawn*", a[2]),
        "os.fork": lambda a: spawn("os.fork", None),
        "os.forkpty": lambda a: spawn("os.forkpty", None),
        "pty.spawn": lambda a: spawn("pty.spawn", a[0]),
        "os.startfile": lambda a: spawn("os.startfile", a[0]),
        "webbrowser.open": lambda a: spawn("webbrowser.open", a[0]),
        "ctypes.dlopen": library,
        "ctypes.dlsym": symbol,
        "ctypes.dlsym/handle": symbol,
        "socket.__new__": lambda a: None if a[1] == af_unix else network("socket.socket"),
        "socket.connect": lambda a: remote(a[0], "socket.connect to", a[1]),
        "socket.bind": lambda a: remote(a[0], "socket.bind to", a[1]),
        "socket.sendto": lambda a: remote(a[0], "socket.sendto", a[1]),
        "socket.getaddrinfo": lambda a: network("socket.getaddrinfo(%s)" % _shown(a[0])),
        "socket.gethostbyname": lambda a: network("socket.gethostbyname(%s)" % _shown(a[0])),
        "socket.gethostbyaddr": lambda a: network("socket.gethostbyaddr(%s)" % _shown(a[0])),
        "socket.getnameinfo": lambda a: network("socket.getnameinfo"),
        "urllib.Request": lambda a: network("urllib.request.urlopen(%s)" % _shown(a[0])),
        "http.client.connect": lambda a: network("http.client connection to %s" % _shown(a[1])),
        "ftplib.connect": lambda a: network("ftplib connection to %s" % _shown(a[1])),
        "smtplib.connect": lambda a: network("smtplib connection to %s" % _shown(a[1])),
        "poplib.connect": lambda a: network("poplib connection to %s" % _shown(a[1])),
        "imaplib.open": lambda a: network("imaplib connection to %s" % _shown(a[1])),
        "nntplib.connect": lambda a: network("nntplib connection to %s" % _shown(a[1])),
        "telnetlib.Telnet.open": lambda a: network("telnetlib connection to %s" % _shown(a[1])),
        "import": imported,
        "open": opened,
        "os.remove": lambda a: changes("os.remove", "deletes", (a[0], a[1], False)),
        "os.rmdir": lambda a: changes("os.rmdir", "deletes", (a[0], a[1], False)),
        "os.mkdir": lambda a: changes("os.mkdir", "creates", (a[0], a[2], False)),
        "os.rename": lambda a: changes("os.rename", "moves", (a[0], a[2], False), (a[1], a[3], False)),
        "os.link": lambda a: changes("os.link", "links", (a[0], a[2], True), (a[1], a[3], False)),
        "os.symlink": lambda a: changes("os.symlink", "creates", (a[1], a[2], False)),
        "os.chmod": lambda a: changes("os.chmod", "changes", (a[0], a[2], True)),
        "os.chown": lambda a: changes("os.chown", "changes", (a[0], a[3], True)),
        "os.truncate": lambda a: changes("os.truncate", "writes to", (a[0], None, True)),
        "os.utime": lambda a: changes("os.utime", "changes", (a[0], a[3], True)),
        "os.setxattr": lambda a: changes("os.setxattr", "changes", (a[0], None, True)),
        "os.removexattr": lambda a: changes("os.removexattr", "changes", (a[0], None, True)),
        "shutil.copyfile": lambda a: changes("shutil.copyfile", "writes to", (a[1], None, True)),
        "shutil.copytree": lambda a: changes("shutil.copytree", "writes to", (a[1], None, False)),
        "shutil.copymode": lambda a: changes("shutil.copymode", "changes", (a[1], None, True)),
        "shutil.copystat": lambda a: changes("shutil.copystat", "changes", (a[1], None, True)),
        "shutil.move": lambda a: changes("shutil.move", "moves", (a[0], None, False), (a[1], None, False)),
        "shutil.rmtree": lambda a: changes("shutil.rmtree", "deletes", (a[0], a[1], False)),
        "shutil.make_archive": lambda a: changes("shutil.make_archive", "writes to", (a[0], None, False)),
        "shutil.unpack_archive": lambda a: changes("shutil.unpack_archive", "writes to", (a[1], None, False)),
        "shutil.chown": lambda a: changes("shutil.chown", "changes", (a[0], None, True)),
        "gc.get_objects": lambda a: internals("gc.get_objects"),
        "gc.get_referrers": lambda a: internals("gc.get_referrers"),
        "gc.get_referents": lambda a: internals("gc.get_referents"),
        "sys.settrace": lambda a: internals("sys.settrace", "installs a trace function, which would run outside these checks"),
        "sys.setprofile": lambda a: internals("sys.setprofile", "installs a profile function, which would run outside these "
                                                                "checks"),
        "sys.monitoring.register_callback": lambda a: internals("sys.monitoring.register_callback",
                                                                "installs a callback, which would run outside these checks"),
    }

    def hook(event, args):
        check = checks.get(event)
        if check is None:
            return
        try:
            verdict = check(args)
        except Exception:  # arguments of an unexpected shape: the operation itself will say what is wrong
            return
        if verdict is None or not guarded():
            return
        category, what, effect, packages = verdict
        line = user_line()
        if category == "package":
            raise package_blocked(what, line, packages)
        raise blocked(category, what, line, effect)

    sys.addaudithook(hook)
    _hook_added.append(True)
