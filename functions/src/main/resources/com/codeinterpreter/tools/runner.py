"""The code interpreter's helper inside a session, installed once per kernel as a module.

Every tool call is one execution whose trailing expression is `dispatch(globals(), request_json)`; the
JSON string it returns (the execution's result) carries everything the tool needs: the outcome, the
files the call created or changed under /mnt/data, captured matplotlib figures, and the tool's own
output. The user's own prints still travel in the execution's stdout and stderr.

The guardrails are installed with it: guard_static.py checks user code before it runs, and guard.py's
audit hook refuses blocked operations while it runs (see run_python and run_shell).

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import ast
import base64
import fnmatch
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
import traceback

DATA = "/mnt/data"
# Marks a session's folder: present in a fresh interpreter, the session's files outlived its interpreter.
SESSION_MARKER = DATA + "/.code-interpreter/session"
MAX_FILES_REPORTED = 50
INLINE_FILE_BYTES = 512 * 1024
INLINE_TOTAL_BYTES = 4 * 1024 * 1024
MAX_SNAPSHOT_FILES = 20000
RESULT_REPR_CHARS = 20000
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".eps")
# Output beyond the answer's cap is saved whole here (up to SAVED_OUTPUT_BYTES per stream), for a link.
SAVED_OUTPUT_DIR = DATA + "/.outputs"
SAVED_OUTPUT_BYTES = 50 * 1024 * 1024
SAVED_OUTPUT_KEEP = 20

_state = {"runs": 0, "pending": None, "patched": False}
# SessionRunner installs the guardrails first, under this module's name plus "guard" and "guard_static".
guard = sys.modules[__name__ + "guard"]
static_check = sys.modules[__name__ + "guard_static"]


class UserTimeout(BaseException):
    """Raised into user code at its timeout; a BaseException so `except Exception` does not swallow it."""


def dispatch(user_globals, request_json):
    request = json.loads(request_json)
    fresh = _state["runs"] == 0
    _state["runs"] += 1
    op = request["op"]
    if op == "python":
        reply = run_python(user_globals, request)
    elif op == "shell":
        reply = run_shell(request)
    elif op == "read":
        reply = read_file(request)
    elif op == "search":
        reply = search_files(request)
    elif op == "list":
        reply = list_files(request)
    elif op == "collect":
        reply = collect_pending()
    else:
        reply = {"status": "failed", "error": {"type": "ValueError", "message": "unknown operation " + op}}
    _list_saved_outputs(reply)
    reply["kernelFresh"] = fresh
    reply["sessionState"] = _session_state() if fresh else "continued"
    reply["op"] = op
    # What the caller asked to be handed back with the reply (for example a PDF's names on an async call).
    if "echo" in request:
        reply["echo"] = request["echo"]
    reply["ci"] = 1
    return json.dumps(reply, separators=(",", ":"))


def _session_state():
    """'restarted' when the folder was set up by an earlier interpreter (variables lost, files kept), else 'new'."""
    if os.path.exists(SESSION_MARKER):
        return "restarted"
    try:
        os.makedirs(os.path.dirname(SESSION_MARKER), exist_ok=True)
        with open(SESSION_MARKER, "w") as f:
            f.write(str(time.time()))
    except OSError:
        pass
    return "new"


# ---- files created or changed by a call -------------------------------------------------------------

def _snapshot():
    seen = {}
    for dirpath, dirnames, filenames in os.walk(DATA):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                seen[path] = (st.st_mtime_ns, st.st_size)
        if len(seen) > MAX_SNAPSHOT_FILES:
            break
    return seen


def _changed_files(before):
    after = _snapshot()
    changed = sorted((p for p, sig in after.items() if before.get(p) != sig), key=lambda p: after[p][0])
    files, inline_total = [], 0
    for path in changed[:MAX_FILES_REPORTED]:
        size = after[path][1]
        entry = {"path": path, "name": os.path.basename(path), "size": size}
        # Small files travel inside this reply, saving the caller a download per file.
        if size <= INLINE_FILE_BYTES and inline_total + size <= INLINE_TOTAL_BYTES:
            try:
                with open(path, "rb") as f:
                    entry["base64"] = base64.b64encode(f.read()).decode("ascii")
                inline_total += size
            except OSError:
                pass
        files.append(entry)
    return files, max(0, len(changed) - MAX_FILES_REPORTED)


def collect_pending():
    """After a call that timed out: report what it changed before it was stopped."""
    before = _state["pending"]
    _state["pending"] = None
    if before is None:
        return {"status": "succeeded", "files": [], "filesNotReported": 0, "figures": []}
    files, more = _changed_files(before)
    return {"status": "succeeded", "files": files, "filesNotReported": more, "figures": _figures(set())}


# ---- Python ------------------------------------------------------------------------------------------

def _patch_savefig():
    """Marks figures the user saved, so they are not captured a second time."""
    if _state["patched"] or "matplotlib.figure" not in sys.modules:
        return
    figure_class = sys.modules["matplotlib.figure"].Figure
    original = figure_class.savefig

    def savefig(self, *args, **kwargs):
        self._code_interpreter_saved = True
        return original(self, *args, **kwargs)

    figure_class.savefig = savefig
    _state["patched"] = True


def _figures(changed_images):
    """Open matplotlib figures as PNGs (then closed, as a notebook does after each cell)."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return []
    figures = []
    try:
        for number in plt.get_fignums():
            figure = plt.figure(number)
            if getattr(figure, "_code_interpreter_saved", False) or (changed_images and not _state["patched"]):
                continue
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
            figures.append({"name": "figure-%d.png" % number, "base64": base64.b64encode(buffer.getvalue()).decode("ascii")})
        plt.close("all")
    except Exception as exc:  # a broken figure must not lose the run's other results
        figures.append({"name": "figure-error.txt", "error": "%s: %s" % (type(exc).__name__, exc)})
    return figures


def _user_traceback(exc, filename):
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _on_timeout(signum, frame):
    raise UserTimeout()


def _checked_tree(code, filename, user_globals):
    """The code's syntax tree, once the guard's static check has found nothing blocked in it."""
    try:
        tree = ast.parse(code, filename, "exec")
    except SyntaxError:
        blocked = static_check.check_magics(code)  # `!pip install x` is not Python, but deserves a better answer
        if blocked is not None:
            raise blocked from None
        raise
    blocked = static_check.check_tree(tree, code, user_globals)
    if blocked is not None:
        raise blocked
    return tree


def _error_of(exc):
    blocked = guard.blocked_cause(exc)
    if blocked is not None:
        return {"type": blocked.error_type, "message": str(blocked), "line": blocked.line}
    return {"type": type(exc).__name__, "message": str(exc)}


def run_python(user_globals, request):
    """Runs user code. While this function is on the stack the guard's audit hook refuses blocked
    operations, so everything here that can run user-defined code (the code, its result's __repr__,
    figure callbacks, functions it patched) is covered."""
    code = request["code"]
    timeout = float(request.get("timeout") or 0)
    filename = "%s%d>" % (guard.USER_FILENAME_PREFIX, _state["runs"])
    before = _snapshot()
    _state["pending"] = before
    _patch_savefig()
    reply = {"status": "succeeded", "result": None, "error": None}
    import linecache
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    restore_streams = _cap_streams(int(request.get("maxOutput") or RESULT_REPR_CHARS))
    previous = signal.signal(signal.SIGALRM, _on_timeout) if timeout > 0 else None
    try:
        try:
            if timeout > 0:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            tree = _checked_tree(code, filename, user_globals)
            trailing = None
            if tree.body and isinstance(tree.body[-1], ast.Expr):
                trailing = ast.Expression(tree.body.pop().value)
            exec(compile(tree, filename, "exec"), user_globals)
            if trailing is not None:
                value = eval(compile(trailing, filename, "eval"), user_globals)
                if value is not None:
                    text = repr(value)
                    reply["result"] = text[:RESULT_REPR_CHARS]
                    reply["resultTruncated"] = len(text) > RESULT_REPR_CHARS
        finally:
            if timeout > 0:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
    except UserTimeout:
        reply["status"] = "timedOut"
        reply["error"] = {"type": "TimeoutError", "message": "The code ran longer than timeoutSeconds (%g s) and was stopped." % timeout}
    except SyntaxError as exc:
        reply["status"] = "failed"
        reply["error"] = {"type": "SyntaxError", "message": "%s (line %s)" % (exc.msg, exc.lineno), "line": exc.lineno}
        sys.stderr.write("".join(traceback.format_exception_only(type(exc), exc)))
    except (Exception, SystemExit) as exc:
        reply["status"] = "failed"
        reply["error"] = _error_of(exc)
        sys.stderr.write(_user_traceback(exc, filename))
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    reply["savedOutputs"] = restore_streams()
    _patch_savefig()
    files, more = _changed_files(before)
    _state["pending"] = None
    images = [f for f in files if f["name"].lower().endswith(IMAGE_EXTENSIONS)]
    reply["figures"] = _figures(images)
    reply["files"] = files
    reply["filesNotReported"] = more
    return reply


# ---- output beyond the cap ---------------------------------------------------------------------------

class _Overflow:
    """The whole of one output stream, saved to SAVED_OUTPUT_DIR once it outgrows the answer's cap.

    Writes stop at SAVED_OUTPUT_BYTES (the file then says so by being `complete: false`), so endless output
    costs a bounded file, never memory. A failure to save (disk full) is reported, never raised.
    """

    def __init__(self, stream):
        self.stream = stream
        self.path = None
        self.file = None
        self.saved = 0
        self.complete = True
        self.error = None
        try:
            os.makedirs(SAVED_OUTPUT_DIR, exist_ok=True)
            _prune_saved_outputs()
            name = "%s-%d-%s.txt" % (time.strftime("%Y%m%d-%H%M%S", time.gmtime()), _state["runs"], stream)
            self.path = os.path.join(SAVED_OUTPUT_DIR, name)
            self.file = open(self.path, "wb")
        except OSError as exc:
            self.error, self.complete = str(exc), False

    def full(self):
        return self.file is None or self.saved >= SAVED_OUTPUT_BYTES

    def write(self, data):
        if self.full():
            self.complete = False
            return
        if len(data) > SAVED_OUTPUT_BYTES - self.saved:
            data, self.complete = data[:SAVED_OUTPUT_BYTES - self.saved], False
        try:
            self.file.write(data)
            self.saved += len(data)
        except OSError as exc:
            self.error, self.complete = str(exc), False
            self.close()

    def close(self):
        if self.file is not None:
            try:
                self.file.close()
            except OSError:
                pass
            self.file = None

    def report(self, total, unit):
        self.close()
        if self.path is None:
            return None
        return {"stream": self.stream, "path": self.path, "name": os.path.basename(self.path), "size": self.saved,
                "total": total, "unit": unit, "complete": self.complete, "error": self.error}


def _prune_saved_outputs():
    try:
        entries = sorted(os.scandir(SAVED_OUTPUT_DIR), key=lambda e: e.stat(follow_symlinks=False).st_mtime)
        for entry in entries[:max(0, len(entries) - SAVED_OUTPUT_KEEP + 1)]:
            os.unlink(entry.path)
    except OSError:
        pass


def _list_saved_outputs(reply):
    """Saved outputs travel with the call's files, so they get links like any other output."""
    for saved in reply.get("savedOutputs") or []:
        reply.setdefault("files", []).append({"path": saved["path"], "name": saved["name"], "size": saved["size"]})


class _CappedStream:
    """Stands in for sys.stdout or sys.stderr while user code runs.

    The first `limit` characters go on to the kernel's capture as before; past the cap nothing more does
    (so endless printing fills neither the capture nor memory), and the whole stream, those first
    characters included, is saved by an _Overflow. Below the cap a write costs one comparison. Output
    written below Python (by C code or child processes) bypasses this and is capped by the pool instead.
    """

    def __init__(self, stream, limit, name):
        self._stream, self._limit, self._name = stream, limit, name
        self._chars = 0
        self._head = []
        self._overflow = None
        self._done = False

    def write(self, text):
        if self._done:
            # Kept by something from an earlier run (a logging handler): write where output goes now.
            current = getattr(sys, self._name)
            return (self._stream if current is self else current).write(text)
        if not isinstance(text, str):
            return self._stream.write(text)
        if self._overflow is None:
            if self._chars + len(text) <= self._limit:
                self._chars += len(text)
                self._head.append(text)
                return self._stream.write(text)
            self._stream.write(text[:self._limit - self._chars])
            self._overflow = _Overflow(self._name)
            self._overflow.write("".join(self._head).encode("utf-8", "replace"))
            self._head = None
        self._chars += len(text)
        if not self._overflow.full():
            self._overflow.write(text.encode("utf-8", "replace"))
        else:
            self._overflow.complete = False
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def report(self):
        self._done = True
        return None if self._overflow is None else self._overflow.report(self._chars, "characters")


def _cap_streams(limit):
    """Puts a _CappedStream in front of sys.stdout and sys.stderr; returns what takes them away again and
    lists the saved outputs. A wrapper left behind by a run that never returned is taken away first."""
    installed = []
    for name in ("stdout", "stderr"):
        original = getattr(sys, name)
        while isinstance(original, _CappedStream):
            original = original._stream
        capped = _CappedStream(original, limit, name)
        setattr(sys, name, capped)
        installed.append((name, original, capped))

    def restore():
        saved = []
        for name, original, capped in installed:
            if getattr(sys, name) is capped:
                setattr(sys, name, original)
            report = capped.report()
            if report is not None:
                saved.append(report)
        return saved

    return restore


# ---- shell -------------------------------------------------------------------------------------------

class _Capture:
    """Keeps the first `limit` bytes of a stream and counts the rest, never holding more in memory; once
    the stream outgrows `limit`, all of it is saved by an _Overflow."""

    def __init__(self, stream, limit, name):
        self.head = bytearray()
        self.total = 0
        self.limit = limit
        self.name = name
        self.overflow = None
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream):
        while True:
            chunk = stream.read(65536)
            if not chunk:
                break
            self.total += len(chunk)
            kept = len(self.head)
            if kept < self.limit:
                self.head += chunk[:self.limit - kept]
            if self.overflow is None and self.total > self.limit:
                self.overflow = _Overflow(self.name)
                self.overflow.write(bytes(self.head[:kept]) + chunk)
            elif self.overflow is not None:
                self.overflow.write(chunk)
        stream.close()

    def text(self):
        self.thread.join(5)
        return self.head.decode("utf-8", errors="replace"), self.total > len(self.head)

    def saved(self):
        return None if self.overflow is None else self.overflow.report(self.total, "bytes")


def run_shell(request):
    blocked = guard.check_shell(request["command"])
    if blocked is not None:
        # Nothing runs, so there is no exit code.
        return {"status": "failed", "exitCode": None, "stdout": "", "stderr": "%s: %s\n" % (blocked.error_type, blocked),
                "error": {"type": blocked.error_type, "message": str(blocked)}, "files": [], "filesNotReported": 0,
                "figures": []}
    timeout = float(request.get("timeout") or 120)
    limit = int(request.get("maxOutput") or 65536)
    before = _snapshot()
    _state["pending"] = before
    started = time.monotonic()
    process = subprocess.Popen(["/bin/bash", "-c", request["command"]], cwd=DATA, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out, err = _Capture(process.stdout, limit, "stdout"), _Capture(process.stderr, limit, "stderr")
    timed_out = False
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
    # Whatever the command left running (background jobs, a hung pipe) ends with it.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()
    stdout, stdout_truncated = out.text()
    stderr, stderr_truncated = err.text()
    files, more = _changed_files(before)
    _state["pending"] = None
    return {"status": "timedOut" if timed_out else "succeeded", "exitCode": None if timed_out else process.returncode,
            "stdout": stdout, "stderr": stderr, "stdoutTruncated": stdout_truncated, "stderrTruncated": stderr_truncated,
            "stdoutBytes": out.total, "stderrBytes": err.total, "durationMs": int((time.monotonic() - started) * 1000),
            "files": files, "filesNotReported": more, "figures": [],
            "savedOutputs": [saved for saved in (out.saved(), err.saved()) if saved is not None]}


# ---- reading, searching and listing files ------------------------------------------------------------

def _error(kind, message):
    return {"status": "failed", "error": {"type": kind, "message": message}}


def _is_binary(path):
    with open(path, "rb") as f:
        return b"\0" in f.read(8192)


def _outside(path):
    """Where `path` really leads when a symbolic link takes it out of /mnt/data, else None.

    The sandbox hides the host either way, but the tools promise /mnt/data and nothing else, so a link the
    user's code planted (to /etc, to /) is refused rather than followed.
    """
    root = os.path.realpath(DATA)
    real = os.path.realpath(path)
    return None if real == root or real.startswith(root + os.sep) else real


def _refused_link(path, real):
    return _error("PathOutsideDataFolder", "%s leads outside /mnt/data through a symbolic link (to %s); the file tools only "
                  "reach files in /mnt/data. Use the path of a file inside it." % (path, real))


def _not_regular(path):
    return _error("NotARegularFile", "%s is not a regular file (a pipe, socket or device); the file tools read regular "
                  "files only." % path)


def _readable(path):
    """Whether a file found by walking may be read: a regular file, reached without leaving /mnt/data."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            if _outside(path) is not None:
                return False
            st = os.stat(path)
        return stat.S_ISREG(st.st_mode)
    except OSError:
        return False


def read_file(request):
    path = request["path"]
    start = max(1, int(request.get("startLine") or 1))
    max_lines = int(request.get("maxLines") or 2000)
    max_chars = int(request.get("maxChars") or 200000)
    real = _outside(path)
    if real is not None:
        return _refused_link(path, real)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _error("FileNotFound", "No file %s. List the session's files with ListSessionFiles." % path)
    if stat.S_ISDIR(st.st_mode):
        return _error("IsADirectory", "%s is a folder. List it with ListSessionFiles." % path)
    if not stat.S_ISREG(st.st_mode):
        return _not_regular(path)
    if _is_binary(path):
        return _error("BinaryFile", "%s is a binary file (%d bytes); download it with GetSessionFile instead." % (path, st.st_size))
    lines, chars, number, truncated = [], 0, 0, False
    with open(path, "r", encoding="utf-8", errors="replace", newline="") as f:
        for number, line in enumerate(f, 1):
            if number < start:
                continue
            if len(lines) >= max_lines or chars + len(line) > max_chars:
                truncated = True
                break
            lines.append(line)
            chars += len(line)
    total_lines = None if truncated else number
    return {"status": "succeeded", "path": path, "content": "".join(lines), "startLine": start,
            "endLine": start + len(lines) - 1 if lines else start - 1, "lineCount": len(lines), "totalLines": total_lines,
            "size": st.st_size, "truncated": truncated}


def _walk_files(root, glob):
    if os.path.isfile(root):
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, root)
            if glob and not (fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(relative, glob)):
                continue
            yield path


def search_files(request):
    root = request.get("path") or DATA
    real = _outside(root)
    if real is not None:
        return _refused_link(root, real)
    if not os.path.exists(root):
        return _error("FileNotFound", "No file or folder %s." % root)
    try:
        pattern = re.compile(request["pattern"], re.IGNORECASE if request.get("ignoreCase") else 0)
    except re.error as exc:
        return _error("InvalidPattern", "The pattern is not a valid regular expression: %s." % exc)
    max_results = int(request.get("maxResults") or 100)
    matches, searched, truncated = [], 0, False
    for path in _walk_files(root, request.get("glob")):
        try:
            # Links out of /mnt/data and pipes (which would block the read) are passed over.
            if not _readable(path) or os.path.getsize(path) > 100 * 1024 * 1024 or _is_binary(path):
                continue
            searched += 1
            with open(path, "r", encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    if pattern.search(line):
                        if len(matches) >= max_results:
                            truncated = True
                            break
                        text = line.rstrip("\r\n")
                        matches.append({"path": path, "line": number, "text": text[:500]})
        except OSError:
            continue
        if truncated:
            break
    return {"status": "succeeded", "matches": matches, "filesSearched": searched, "truncated": truncated}


def list_files(request):
    root = request.get("path") or DATA
    recursive = request.get("recursive", True)
    limit = int(request.get("maxEntries") or 1000)
    real = _outside(root)
    if real is not None:
        return _refused_link(root, real)
    if not os.path.isdir(root):
        return _error("NotADirectory" if os.path.exists(root) else "FileNotFound", "No folder %s." % root)
    entries, truncated = [], False

    def describe(path, st, kind):
        # The content type is added by the caller, from one table for every tool.
        return {"name": os.path.basename(path), "path": path, "type": kind, "size": st.st_size if kind == "file" else 0,
                "lastModified": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime))}

    if recursive:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if os.path.join(dirpath, d) != os.path.dirname(SESSION_MARKER))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                st = os.lstat(path)
                if len(entries) >= limit:
                    truncated = True
                    break
                entries.append(describe(path, st, "file"))
            if truncated:
                break
    else:
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            if entry.path == os.path.dirname(SESSION_MARKER):
                continue
            if len(entries) >= limit:
                truncated = True
                break
            st = entry.stat(follow_symlinks=False)
            entries.append(describe(entry.path, st, "directory" if entry.is_dir(follow_symlinks=False) else "file"))
    return {"status": "succeeded", "path": root, "files": entries, "truncated": truncated}


# User code runs only inside these two (the code itself, and what it left for figures to run): the hook
# refuses blocked operations while one of them is on the stack.
guard.install(run_python, collect_pending)
