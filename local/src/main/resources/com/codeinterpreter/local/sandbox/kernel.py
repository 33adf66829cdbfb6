"""A persistent Python kernel for one session, run inside the sandbox.

Protocol: the pool writes one JSON request per line to our stdin and reads one JSON reply per line from
our stdout. Both are moved to private descriptors at start, so user code sees /dev/null as stdin and its
stdout/stderr (and those of any C extension or child process) land in capture files that are read back
after each execution.

Request: {"id", "code", "timeout" (seconds), "maxOutput" (characters), "figure" (render a shown figure as the result)}
     or: {"id", "argv" (a command and its arguments), "stdin", "timeout", "maxOutput"} to run a command in the sandbox
Reply:   {"id", "status": "Succeeded"|"Failed"|"TimedOut", "stdout", "stderr", "stdoutTruncated",
          "stderrTruncated", "result" (str of the trailing expression, or null), "resultRepr" (its repr), "resultJson" (the value
          when it is plain JSON), "hasResult", "figurePng" (base64 PNG of the first figure the cell showed, when asked),
          "exitCode" (of a command), "error" {"type","message"}, "ms"}
"""
import ast
import base64
import io
import json
import linecache
import math
import os
import re
import signal
import subprocess
import sys
import time
import traceback

CAPTURE_DIR = "/tmp/.kernel"
# How IPython names a cell in a traceback, which is what the service's Jupyter kernel writes.
CELL_FRAME = re.compile(r'File "<cell-(\d+)>", line (\d+)(?:, in (<module>|\S+))?')


class ExecutionTimedOut(BaseException):
    """Raised into user code by the timer. A BaseException, so `except Exception` does not swallow it."""


def _on_alarm(signum, frame):
    raise ExecutionTimedOut()


def _preload(modules):
    # Imported here, not into the user's namespace: the user's `import pandas` is then instant.
    for name in modules:
        try:
            __import__(name)
        except Exception:
            pass
    if "matplotlib" in sys.modules:
        try:
            sys.modules["matplotlib"].use("Agg")
        except Exception:
            pass
    _accept_debian_xlrd()


def _accept_debian_xlrd():
    # Debian 12 ships xlrd 1.2, and pandas 1.5 asks for 2.0.1, so pd.read_excel refuses every .xls. Version 2
    # only dropped .xlsx (which pandas reads with openpyxl); .xls reads the same with 1.2, so the floor comes down.
    optional = sys.modules.get("pandas.compat._optional")
    if optional is not None and optional.VERSIONS.get("xlrd") == "2.0.1":
        optional.VERSIONS["xlrd"] = "1.2.0"


class Capture:
    """One of fd 1 or 2, redirected into a file that is emptied before each execution."""

    def __init__(self, fd, name):
        self.fd = fd
        self.file_fd = os.open(os.path.join(CAPTURE_DIR, name), os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(self.file_fd, fd)

    def reset(self):
        os.ftruncate(self.file_fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)

    def read(self, max_chars):
        size = os.fstat(self.file_fd).st_size
        # Up to 4 bytes per character: read enough to fill max_chars, never the whole of a huge file.
        raw = os.pread(self.file_fd, min(size, max_chars * 4 + 4), 0)
        text = raw.decode("utf-8", errors="replace")
        truncated = len(text) > max_chars or len(raw) < size
        return text[:max_chars], truncated


def _json_value(value):
    """The value itself when it is plain JSON (the legacy API returns typed results), else None."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (list, tuple)) and len(value) <= 1000:
        items = [_json_value(v) for v in value]
        return items if all(i is not None or v is None for i, v in zip(items, value)) else None
    if isinstance(value, dict) and len(value) <= 1000 and all(isinstance(k, str) for k in value):
        items = {k: _json_value(v) for k, v in value.items()}
        return items if all(items[k] is not None or value[k] is None for k in value) else None
    return None


def _user_traceback(exc, filename):
    """The traceback from the first frame of the user's cell on: the kernel's own frames are noise."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    return CELL_FRAME.sub(_cell_name, text)


def _cell_name(match):
    where = "Cell In[%s], line %s" % (match.group(1), match.group(2))
    function = match.group(3)
    return where if function in (None, "<module>") else where + ", in " + function + "()"


class Figures:
    """matplotlib figures as a notebook's inline backend treats them: shown at plt.show() or at the end of
    the cell, then closed. Agg cannot show, and would warn on stderr; here show() only marks them shown."""

    def __init__(self):
        self.patched = False

    def patch_show(self):
        plt = sys.modules.get("matplotlib.pyplot")
        if self.patched or plt is None:
            return
        plt.show = lambda *args, **kwargs: None  # the figures stay open, and are rendered at the cell's end
        self.patched = True

    def end_of_cell(self, render):
        """Closes the cell's open figures; returns the first as a base64 PNG when asked, else None."""
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is None:
            return None
        self.patch_show()
        numbers = plt.get_fignums()
        if not numbers:
            return None
        png = None
        try:
            if render:
                buffer = io.BytesIO()
                plt.figure(numbers[0]).savefig(buffer, format="png")
                png = base64.b64encode(buffer.getvalue()).decode("ascii")
        finally:
            plt.close("all")
        return png


class Kernel:
    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        self.count = 0
        os.makedirs(CAPTURE_DIR, exist_ok=True)
        self.stdout = Capture(1, "stdout")
        self.stderr = Capture(2, "stderr")
        self.figures = Figures()
        self.figures.patch_show()
        signal.signal(signal.SIGALRM, _on_alarm)

    def execute(self, request):
        if "argv" in request:
            return self.run_command(request)
        self.count += 1
        filename = "<cell-%d>" % self.count
        code = request.get("code", "")
        max_output = int(request.get("maxOutput") or 4096)
        timeout = float(request.get("timeout") or 0)
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        self.stdout.reset()
        self.stderr.reset()
        reply = {"id": request.get("id"), "status": "Succeeded", "result": None, "resultRepr": None, "resultJson": None,
                 "hasResult": False, "error": None}
        started = time.perf_counter()
        try:
            if timeout > 0:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                value, has_value = self._run(code, filename)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if has_value:
                reply["hasResult"] = True
                reply["result"] = None if value is None else str(value)
                reply["resultRepr"] = None if value is None else repr(value)
                reply["resultJson"] = _json_value(value)
        except ExecutionTimedOut:
            reply["status"] = "TimedOut"
            reply["error"] = {"type": "TimeoutError", "message": "execution exceeded %g seconds" % timeout}
        except BaseException as exc:  # the user's exception, SystemExit and KeyboardInterrupt included
            reply["status"] = "Failed"
            reply["error"] = {"type": type(exc).__name__, "message": str(exc)}
            try:
                sys.stderr.write(_user_traceback(exc, filename))
            except BaseException:
                pass
        try:
            reply["figurePng"] = self.figures.end_of_cell(bool(request.get("figure")))
        except Exception as exc:  # a figure that cannot be drawn must not lose the cell's other results
            sys.stderr.write("The figure could not be rendered: %s: %s\n" % (type(exc).__name__, exc))
        self._flush()
        reply["ms"] = int((time.perf_counter() - started) * 1000)
        reply["stdout"], reply["stdoutTruncated"] = self.stdout.read(max_output)
        reply["stderr"], reply["stderrTruncated"] = self.stderr.read(max_output)
        return reply

    def _run(self, code, filename):
        tree = ast.parse(code, filename, "exec")
        trailing = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            trailing = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), self.namespace)
        if trailing is None:
            return None, False
        value = eval(compile(trailing, filename, "eval"), self.namespace)
        # A call that returns None (print(...), plt.show()) is a statement in spirit: the service answers ""
        # for it, as for no trailing expression, and null only for an expression whose value is None.
        return value, not (value is None and isinstance(trailing.body, ast.Call))

    def run_command(self, request):
        """Runs a command in the sandbox (the Shell pools' shellCommand / execCommandAndArgs), in /mnt/data."""
        max_output = int(request.get("maxOutput") or 4096)
        timeout = float(request.get("timeout") or 0) or None
        self.stdout.reset()
        self.stderr.reset()
        reply = {"id": request.get("id"), "status": "Succeeded", "result": None, "resultRepr": None, "resultJson": None,
                 "hasResult": False, "error": None, "exitCode": None}
        started = time.perf_counter()
        stdin = request.get("stdin")
        try:
            # Its output goes straight to the capture files (fds 1 and 2), never through this process's memory.
            child = subprocess.Popen(request["argv"], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                     cwd="/mnt/data", start_new_session=True)
        except OSError as exc:
            reply["exitCode"] = 127
            os.write(2, ("%s: %s\n" % (request["argv"][0] if request["argv"] else "", exc.strerror)).encode())
        else:
            try:
                child.communicate(stdin.encode("utf-8") if stdin is not None else None, timeout=timeout)
                reply["exitCode"] = child.returncode
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                reply["status"] = "TimedOut"
                reply["exitCode"] = 124  # what timeout(1) exits with
                reply["error"] = {"type": "TimeoutError", "message": "the command exceeded %g seconds and was killed" % timeout}
        reply["ms"] = int((time.perf_counter() - started) * 1000)
        reply["stdout"], reply["stdoutTruncated"] = self.stdout.read(max_output)
        reply["stderr"], reply["stderrTruncated"] = self.stderr.read(max_output)
        return reply

    @staticmethod
    def _flush():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass


def main():
    protocol_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    protocol_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    _preload([m for m in os.environ.get("KERNEL_PRELOAD", "").split(",") if m])
    kernel = Kernel()
    os.chdir(os.environ.get("HOME", "/mnt/data"))
    # Like a Jupyter kernel: modules the user saves in the working folder are importable.
    sys.path[0] = ""
    protocol_out.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    protocol_out.flush()
    for line in protocol_in:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        reply = kernel.execute(request)
        protocol_out.write(json.dumps(reply) + "\n")
        protocol_out.flush()


if __name__ == "__main__":
    main()
