"""RunShellCommand's run-time check for package installs, for the helper (runner.py). Installed before
runner.py, under its module name plus "install_watch".

Reading a command line cannot tell what it will run (`$X install`, `eval`, a script, an alias), but the
processes it starts can be seen: while a command runs, the helper looks at /proc every WATCH_INTERVAL
seconds, at every process of the sandbox's user other than the kernel and its ancestors (so a process
that left the command's process group or session is seen too), and at what each really runs (argv, and
for an interpreter the script it runs). A package manager's install ends the whole command at once.

What it covers and what it cannot: see SECURITY-guardrails.md ("RunShellCommand"). In short, an installer
is seen however it was spelled or started, as long as it lives longer than one interval (pip, conda, apt
and npm take hundreds of milliseconds before they change anything); an installer renamed or copied
under another name, or a wheel unpacked by hand, is not an install this can see. The boundary that holds
is the sandbox's: no network, and system folders that cannot be written.

Standard library only.
"""
import os
import re

WATCH_INTERVAL = 0.02
_PYTHON = re.compile(r"python[\d.]*|pypy[\d.]*")
_NODE = frozenset(("node", "nodejs"))
_SCRIPT_SHELLS = re.compile(r"bash|sh|dash|zsh|ksh")
_SHELLS = frozenset(("bash", "sh", "dash", "zsh", "ksh", "env", "sudo", "nohup", "timeout", "xargs", "nice", "stdbuf"))
# The program, and the verbs (in its arguments) that install; an empty tuple: any use installs.
_INSTALLERS = (
    (re.compile(r"pip[\d.]*|pipx"), ("install",)),
    (re.compile(r"easy_install[\d.-]*|ensurepip"), ()),
    (re.compile(r"conda|mamba|micromamba"), ("install", "create", "update")),
    (re.compile(r"apt|apt-get|aptitude|dnf|yum|apk|zypper"), ("install", "reinstall", "add")),
    (re.compile(r"dpkg"), ("-i", "--install", "--unpack")),
    (re.compile(r"npm|yarn|pnpm|npm-cli\.js|yarn\.js|pnpm\.c?js"), ("install", "i", "add", "ci")),
    (re.compile(r"gem"), ("install",)),
    (re.compile(r"uv"), ("install", "add")),
)


def installer(argv):
    """(what, packages) when a process with this argv installs packages, else None. Interpreters are seen
    through: `python3 /usr/bin/pip install x` (a script's shebang), `python3 -m pip install x`, `node
    .../npm-cli.js install`. Shells are not installers themselves: what they start is looked at in turn."""
    if not argv:
        return None
    program, rest = os.path.basename(argv[0]), list(argv[1:])
    if _PYTHON.fullmatch(program) or program in _NODE:
        for i, word in enumerate(rest):
            if word == "-m" and i + 1 < len(rest):
                return installer([rest[i + 1]] + rest[i + 2:]) if rest[i + 1].split(".")[0] in ("pip", "ensurepip", "pipx") else None
            if word.startswith("-m") and len(word) > 2:
                return installer([word[2:]] + rest[i + 1:]) if word[2:].split(".")[0] in ("pip", "ensurepip", "pipx") else None
            if word == "-c":
                code = rest[i + 1] if i + 1 < len(rest) else ""
                return ("%s -c pip" % program, []) if re.search(r"\bpip\b.*\binstall\b|ensurepip|pip\._internal", code, re.S) else None
            if not word.startswith("-"):
                return installer(rest[i:])  # the script: what the interpreter runs is what counts
        return None
    if program in _SHELLS:
        # A script the shell runs counts as what it is named; `-c` code is not looked at: what it starts will be.
        script = next((w for w in rest if not w.startswith("-")), None)
        return None if script is None or "-c" in rest[:rest.index(script)] or not _SCRIPT_SHELLS.fullmatch(program) \
            else installer(rest[rest.index(script):])
    for pattern, verbs in _INSTALLERS:
        if pattern.fullmatch(program):
            verb = next((v for v in verbs if v in rest), None)
            if verbs and verb is None:
                return None
            name = program[:-3] if program.endswith(".js") else program
            after = rest[rest.index(verb) + 1:] if verb else rest
            return "%s %s" % (name, verb) if verb else name, [w for w in after if not w.startswith("-")]
    return None


def _argv(pid):
    with open("/proc/%s/cmdline" % pid, "rb") as f:
        raw = f.read()
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0")[:-1]] if raw else []


def _stat(pid):
    """(parent pid, session id, start time in clock ticks since boot) of a process, from /proc/<pid>/stat (the
    name in parentheses may hold anything)."""
    with open("/proc/%s/stat" % pid, "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return int(fields[1]), int(fields[3]), int(fields[19])


def _ancestors():
    """The helper's own process and those above it: the kernel (and the sandbox's init), never user work."""
    mine, pid = set(), os.getpid()
    while pid > 1 and pid not in mine:
        mine.add(pid)
        try:
            pid = _stat(pid)[0]
        except (OSError, ValueError, IndexError):
            break
    mine.add(1)
    return mine


class Watch:
    """Looks, each time it is asked, for a package install among the processes of one command: those below
    its shell, in its session, or left to the kernel or init since it started (a process that double-forked
    out of both)."""

    def __init__(self, shell_pid):
        self.shell = shell_pid
        self.exclude = _ancestors()
        self.uid = os.getuid()
        try:
            self.since = _stat(shell_pid)[2]
        except (OSError, ValueError, IndexError):
            self.since = 0

    def _mine(self, pid, table):
        seen = set()
        while pid not in seen:
            seen.add(pid)
            parent, session, started = table.get(pid, (None, None, 0))
            if pid == self.shell or session == self.shell:
                return True
            if parent is None or parent in self.exclude:
                return parent is not None and started >= self.since
            pid = parent
        return False

    def find(self):
        """(pid, what, packages, argv) of a running install, or None."""
        table = {}
        try:
            names = os.listdir("/proc")
        except OSError:
            return None
        for name in names:
            if name.isdigit() and int(name) not in self.exclude:
                try:
                    if os.stat("/proc/" + name).st_uid == self.uid:
                        table[int(name)] = _stat(name)
                except (OSError, ValueError, IndexError):
                    pass  # it ended while we looked
        for pid in table:
            if not self._mine(pid, table):
                continue
            try:
                argv = _argv(pid)
            except OSError:
                continue
            found = installer(argv)
            if found:
                return pid, found[0], found[1], argv
        return None
