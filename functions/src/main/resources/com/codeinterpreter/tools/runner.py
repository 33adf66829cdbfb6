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
import io
import json
import os
import signal
import subprocess
import sys
import time
import traceback

RESULT_REPR_CHARS = 20000
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".eps")

_state = {"runs": 0, "pending": None, "patched": False}
# HelperCode installs the other modules first, under this module's name plus their own.
guard = sys.modules[__name__ + "guard"]
static_check = sys.modules[__name__ + "guard_static"]
session_files = sys.modules[__name__ + "session_files"]
file_read = sys.modules[__name__ + "file_read"]
file_search = sys.modules[__name__ + "file_search"]
capture = sys.modules[__name__ + "capture"]
call_clock = sys.modules[__name__ + "call_clock"]
install_watch = sys.modules[__name__ + "install_watch"]
changes = sys.modules[__name__ + "changes"]
UserTimeout = call_clock.UserTimeout


# ---- the protocol -----------------------------------------------------------------------------------
# Stated here: what each operation's reply carries. What each one takes is stated beside its code, so that a
# new tool parameter is one edit there: PYTHON_REQUEST and SHELL_REQUEST below, by run_python and run_shell;
# REQUEST in file_read.py (read), file_search.py (search) and session_files.py (list). REQUESTS gathers them
# at the end of this module. The Java side binds the same names (HelperRequest.java, HelperReply.java), and
# HelperProtocolTest holds the two together.
# Every reply: the marker (first, so the caller tells a reply from any other value), then the envelope.
ENVELOPE = ("ci", "op", "status", "error", "sessionState")
_CHANGES = ("savedOutputs", "figures", "files", "filesNotReported", "notes")
REPLIES = {
    "python": ("echo", "result", "resultTruncated", "expectedFile") + _CHANGES,
    "shell": ("exitCode", "stdout", "stderr", "stdoutTruncated", "stderrTruncated", "stdoutBytes", "stderrBytes",
              "durationMs") + _CHANGES,
    "read": ("path", "content", "startLine", "endLine", "lineCount", "totalLines", "size", "truncated", "nextColumn"),
    "search": ("matches", "filesSearched", "truncated", "skipped", "filesSkipped", "timedOut", "stoppedIn", "stoppedAtByte",
               "patternWarning"),
    "list": ("path", "files", "truncated", "nextCursor", "unreadable"),
    "collect": _CHANGES,
}
# The records inside replies, by the field that holds them.
PARTS = {
    "error": ("type", "message", "line"),
    "echo": ("pdf",),
    "pdf": ("expected", "saveAs"),
    "expectedFile": ("path", "exists", "changed", "isPdf", "head"),
    "files": ("path", "name", "size", "base64"),
    "figures": ("name", "base64", "error"),
    "savedOutputs": ("stream", "path", "name", "size", "total", "unit", "complete", "error"),
    "matches": ("path", "line", "text"),
    "skipped": ("path", "reason"),
    "entries": ("name", "path", "type", "size", "lastModified"),
}
STATUSES = ("succeeded", "failed", "timedOut")
SESSION_STATES = ("continued", "new", "restarted")


def _protocol_error(message):
    return {"status": "failed", "error": {"type": "ProtocolError", "message": message}}


def dispatch(user_globals, request_json):
    request = json.loads(request_json)
    fresh = _state["runs"] == 0
    _state["runs"] += 1
    op = request.pop("op", None)
    unknown = sorted(set(request) - set(REQUESTS.get(op, ())))
    if op not in REQUESTS:
        reply = _protocol_error("unknown operation %r" % op)
    elif unknown:
        reply = _protocol_error("%s does not take %s" % (op, ", ".join(unknown)))
    elif op == "python":
        reply = run_python(user_globals, request)
    elif op == "shell":
        reply = run_shell(request)
    elif op == "read":
        reply = file_read.read_file(request)
    elif op == "search":
        reply = file_search.search_files(request)
    elif op == "list":
        reply = session_files.list_files(request)
    else:
        reply = collect_pending()
    capture.list_saved_outputs(reply)
    # What the caller asked to be handed back with the reply (for example a PDF's names on an async call).
    if "echo" in request:
        reply["echo"] = request["echo"]
    # Only the fields the tables name are sent: they are the schema.
    out = {"ci": 1, "op": op, "sessionState": _session_state() if fresh else "continued"}
    for name in ENVELOPE + REPLIES.get(op, ()):
        if name in reply and name not in out:
            out[name] = reply[name]
    return json.dumps(out, separators=(",", ":"))


def _session_state():
    """'restarted' when the folder was set up by an earlier interpreter (variables lost, files kept), else 'new'."""
    if os.path.exists(session_files.SESSION_MARKER):
        return "restarted"
    try:
        os.makedirs(os.path.dirname(session_files.SESSION_MARKER), exist_ok=True)
        with open(session_files.SESSION_MARKER, "w") as f:
            f.write(str(time.time()))
    except OSError:
        pass
    return "new"


def collect_pending():
    """After a call that timed out: report what it changed before it was stopped."""
    start = _state["pending"]
    _state["pending"] = None
    if start is None:
        return {"status": "succeeded", "files": [], "filesNotReported": 0, "figures": []}
    found = changes.finish(start)
    files, more = found.report()
    notes = list(found.notes)
    return {"status": "succeeded", "files": files, "filesNotReported": more, "figures": _figures(set(), notes), "notes": notes}


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


def _blank(figure):
    """Whether nothing was drawn on a figure (as when the code failed between plt.figure() and plotting)."""
    if figure.images or figure.texts or figure.lines or figure.patches or figure.legends or getattr(figure, "subfigs", None):
        return False  # (sub-figures hold their own axes: not looked into)
    return not any(ax.has_data() or ax.texts or ax.tables for ax in figure.axes)


def _figures(changed_images, notes):
    """Open matplotlib figures as PNGs (then closed, as a notebook does after each cell); a blank one is
    left out, and `notes` says so."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return []
    figures = []
    try:
        for number in plt.get_fignums():
            figure = plt.figure(number)
            if getattr(figure, "_code_interpreter_saved", False) or (changed_images and not _state["patched"]):
                continue
            if _blank(figure):
                notes.append("Figure %d was left open with nothing drawn on it, so it is not returned." % number)
                continue
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
            figures.append({"name": "figure-%d.png" % number, "base64": base64.b64encode(buffer.getvalue()).decode("ascii")})
        plt.close("all")
    except Exception as exc:  # a broken figure must not lose the run's other results
        figures.append({"name": "figure-error.txt", "error": "%s: %s" % (type(exc).__name__, exc)})
    return figures


def _user_traceback(exc, filename):
    """The traceback as the user's code sees it: from its own first frame on, and without the helper's frames
    (the guard's wrappers) anywhere in it, in the exception and in every exception chained to it."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    try:
        kept = traceback.TracebackException(type(exc), exc, tb, compact=True)
    except TypeError:  # Python before 3.10 has no `compact`
        kept = traceback.TracebackException(type(exc), exc, tb)
    for part in _chain(kept):
        part.stack = traceback.StackSummary.from_list(
            [frame for frame in part.stack if not frame.filename.startswith(_HELPER_FILE_PREFIX)])
    return "".join(kept.format())


def _chain(exception):
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        yield exception
        exception = exception.__cause__ or (None if exception.__suppress_context__ else exception.__context__)


# How HelperCode names the helper's modules when it compiles them ("<code interpreter runner.py>").
_HELPER_FILE_PREFIX = "<code interpreter "


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


# What run_python takes: ExecutePythonCode's parameters, then what the app adds (HelperRequest.RunPython).
PYTHON_REQUEST = ("pythonCode", "timeoutSeconds", "maxOutput", "echo", "executionId", "deadline")


def run_python(user_globals, request):
    """Runs user code. While this function is on the stack the guard's audit hook refuses blocked
    operations, so everything here that can run user-defined code (the code, its result's __repr__,
    figure callbacks, functions it patched) is covered."""
    code = request["pythonCode"]
    timeout = float(request.get("timeoutSeconds") or 0)
    seconds, waited = call_clock.budget(request)
    if seconds is None:
        return dict(call_clock.busy_reply(request, waited), files=[], filesNotReported=0, figures=[])
    call_clock.mark_running(request, "python")
    filename = "%s%d>" % (guard.USER_FILENAME_PREFIX, _state["runs"])
    _start_in_data_folder()
    start = changes.begin(timeout)
    _state["pending"] = start
    _patch_savefig()
    reply = {"status": "succeeded", "result": None, "error": None}
    import linecache
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    restore_streams = capture.cap_streams(int(request.get("maxOutput") or RESULT_REPR_CHARS), _state["runs"])
    try:
        with call_clock.Alarm(seconds):
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
    except UserTimeout:
        reply["status"] = "timedOut"
        reply["error"] = {"type": "TimeoutError", "message": "The code ran longer than timeoutSeconds (%g s) and was stopped."
                          % timeout + call_clock.waited_note(waited)}
    except SyntaxError as exc:
        reply["status"] = "failed"
        reply["error"] = {"type": "SyntaxError", "message": "%s (line %s)" % (exc.msg, exc.lineno), "line": exc.lineno}
        sys.stderr.write("".join(traceback.format_exception_only(type(exc), exc)))
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too: the helper reports them, as a notebook does
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
    found = changes.finish(start)
    _state["pending"] = None
    pdf = (request.get("echo") or {}).get("pdf")
    files, more = found.report(first=pdf["expected"] if pdf else None)
    if pdf:
        reply["expectedFile"] = _expected_file(pdf["expected"], found)
    notes = list(found.notes)
    images = [f for f in files if f["name"].lower().endswith(IMAGE_EXTENSIONS)]
    reply["figures"] = _figures(images, notes)
    reply["files"] = files
    reply["filesNotReported"] = more
    reply["notes"] = notes
    call_clock.clear_running(request, "python")
    return reply


def _start_in_data_folder():
    """Every call starts in /mnt/data, whatever an earlier one did with os.chdir: relative paths land there."""
    try:
        os.chdir(guard.DATA)
    except OSError:
        pass


def _expected_file(path, found):
    """GeneratePdfReport's file: whether this call wrote it, and whether it is a PDF (which starts with %PDF-)."""
    head = b""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
        exists = True
    except OSError:
        exists = os.path.lexists(path)
    shown = "".join(chr(b) if 32 <= b < 127 else "." for b in head)
    return {"path": path, "exists": exists, "changed": found.changed(path), "isPdf": head.startswith(b"%PDF-"), "head": shown}


# ---- shell -------------------------------------------------------------------------------------------

# What run_shell takes: RunShellCommand's command and timeoutSeconds, then what the app adds (HelperRequest.RunShell).
SHELL_REQUEST = ("command", "timeoutSeconds", "maxOutput", "executionId", "deadline")


def run_shell(request):
    blocked = guard.check_shell(request["command"])
    if blocked is not None:
        # Nothing runs, so there is no exit code.
        return {"status": "failed", "exitCode": None, "stdout": "", "stderr": "%s: %s\n" % (blocked.error_type, blocked),
                "error": {"type": blocked.error_type, "message": str(blocked)}, "files": [], "filesNotReported": 0,
                "figures": []}
    timeout = float(request.get("timeoutSeconds") or 120)
    seconds, waited = call_clock.budget(request)
    if seconds is None:
        return dict(call_clock.busy_reply(request, waited), exitCode=None, stdout="", stderr="", files=[], filesNotReported=0,
                    figures=[])
    call_clock.mark_running(request, "shell")
    limit = int(request.get("maxOutput") or 65536)
    start = changes.begin(timeout)
    _state["pending"] = start
    started = time.monotonic()
    capture.progress.begin()
    # The readers start before the command: one that forks to the process limit at once leaves no room for a thread.
    (out_read, out_write), (err_read, err_write) = os.pipe(), os.pipe()
    out = capture.PipeCapture(os.fdopen(out_read, "rb"), limit, "stdout", _state["runs"])
    err = capture.PipeCapture(os.fdopen(err_read, "rb"), limit, "stderr", _state["runs"])
    try:
        process = subprocess.Popen(["/bin/bash", "-c", request["command"]], cwd=guard.DATA, stdin=subprocess.DEVNULL,
                                   stdout=out_write, stderr=err_write, start_new_session=True)
    finally:
        os.close(out_write)
        os.close(err_write)
    timed_out, install = _wait_watching(process, started + (seconds or timeout))
    # Whatever the command left running (background jobs, a hung pipe) ends with it.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()
    stdout, stdout_truncated = out.text()
    stderr, stderr_truncated = err.text()
    capture.progress.end()
    found = changes.finish(start)
    files, more = found.report()
    _state["pending"] = None
    reply = {"status": "timedOut" if timed_out else "succeeded", "exitCode": None if timed_out else process.returncode,
             "stdout": stdout, "stderr": stderr, "stdoutTruncated": stdout_truncated, "stderrTruncated": stderr_truncated,
             "stdoutBytes": out.total, "stderrBytes": err.total, "durationMs": int((time.monotonic() - started) * 1000),
             "files": files, "filesNotReported": more, "figures": [], "notes": found.notes,
             "savedOutputs": [saved for saved in (out.saved(), err.saved()) if saved is not None]}
    if timed_out:
        # The same error as a Python call's timeout, so an agent reads one shape for both.
        reply["error"] = {"type": "TimeoutError", "message": "The command ran longer than timeoutSeconds (%g s) and was stopped, "
                          "with everything it started." % timeout + call_clock.waited_note(waited)}
    if install is not None:
        blocked = guard.package_blocked(install[1], None, install[2])
        reply.update(status="failed", exitCode=None, error={"type": blocked.error_type, "message": "%s The command was "
                     "stopped when it started it (%s)." % (blocked, " ".join(install[3])[:200])})
    call_clock.clear_running(request, "shell")
    return reply


def _wait_watching(process, deadline):
    """Waits for the command until `deadline` (monotonic), watching for package installs while it runs:
    (timed out, None) or (False, (pid, what, packages, argv)) once an install started, which is ended at once."""
    watch = install_watch.Watch(process.pid)
    while True:
        try:
            process.wait(timeout=max(0.0, min(install_watch.WATCH_INTERVAL, deadline - time.monotonic())))
            found = watch.find()  # a background installer the command left behind
        except subprocess.TimeoutExpired:
            found = watch.find()
            if found is None and time.monotonic() >= deadline:
                return True, None
        if found is not None:
            try:
                os.kill(found[0], signal.SIGKILL)
            except OSError:
                pass
            return False, found
        if process.returncode is not None:
            return False, None


# What each operation takes, from beside its code (see the protocol's comment at the top).
REQUESTS = {"python": PYTHON_REQUEST, "shell": SHELL_REQUEST, "read": file_read.REQUEST, "search": file_search.REQUEST,
            "list": session_files.REQUEST, "collect": ()}

# User code runs only inside these two (the code itself, and what it left for figures to run): the hook
# refuses blocked operations while one of them is on the stack.
guard.install(run_python, collect_pending)
