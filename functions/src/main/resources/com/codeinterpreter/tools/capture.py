"""Output capture for the helper (runner.py): the answer carries the first characters of a call's output, and
output beyond that cap is saved whole to a file in the session, for a link. While a call runs, the last
characters of its output are kept in PROGRESS_FILE, for GetExecutionResult to show a long call's output so
far. Installed before runner.py, under its module name plus "capture".

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import _thread
import collections
import json
import os
import sys
import threading
import time

# HelperCode installs guard.py first, under this module's name with "capture" taken off plus "guard".
guard = sys.modules[__name__[:-len("capture")] + "guard"]
# Output beyond the answer's cap is saved whole here (up to SAVED_OUTPUT_BYTES per stream), for a link.
SAVED_OUTPUT_DIR = guard.DATA + "/.outputs"
SAVED_OUTPUT_BYTES = 50 * 1024 * 1024
SAVED_OUTPUT_KEEP = 20
# The running call's output so far (the Java side reads it through the files API: keep the two in step).
PROGRESS_FILE = guard.DATA + "/.code-interpreter/progress.json"
PROGRESS_TAIL_CHARS = 4000
PROGRESS_WRITES = 512
# A call shorter than this never writes the file; a longer one rewrites it at most this often.
PROGRESS_INTERVAL = 1.0


class _Progress:
    """The last PROGRESS_TAIL_CHARS characters of the running call's stdout and stderr.

    Writers only append to a deque (no lock, no I/O on the call's own thread); one flusher thread per kernel, started
    on first use, writes PROGRESS_FILE once the call has run PROGRESS_INTERVAL and then whenever output
    arrived since its last write. The file is replaced whole, so a reader never sees half of one, and removed
    when the call ends, so a later call never shows an earlier one's output.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.flushing = False
        self.started = None
        self.tails = None
        self.written = False
        self.dirty = False

    def begin(self):
        with self.lock:
            if self.started is None:  # this interpreter's first call: remove a file left by one killed mid-call
                try:
                    os.unlink(PROGRESS_FILE)
                except OSError:
                    pass
            self.started = (time.time(), time.monotonic())
            # Per stream, its last writes: enough for the tail unless the lines are very short, and bounded.
            self.tails = {"stdout": collections.deque(maxlen=PROGRESS_WRITES), "stderr": collections.deque(maxlen=PROGRESS_WRITES)}
            self.written = False
            self.dirty = True
        if not self.flushing:
            self.flushing = True
            # A bare thread: threading.Thread.start waits until the new thread has run, which took 0.3-2 ms of a
            # new session's first call in a one-CPU sandbox; nothing ever joins this one.
            try:
                _thread.start_new_thread(self._flush_loop, ())
            except RuntimeError:  # no thread to be had now: the next call tries again, as it did with threading
                self.flushing = False
                raise

    def add(self, stream, text):
        """Keeps `text` (its end, when it alone is longer than the tail): one append to a bounded deque, which
        CPython makes atomic, so writers take no lock and never wait for a write of the file."""
        tails = self.tails
        if tails is not None and text:
            tails[stream].append(text if len(text) <= PROGRESS_TAIL_CHARS else text[-PROGRESS_TAIL_CHARS:])
            self.dirty = True

    def end(self):
        with self.lock:
            self.tails = None
            if self.written:
                try:
                    os.unlink(PROGRESS_FILE)
                except OSError:
                    pass

    def _snapshot(self):
        snapshot = {"startedAt": self.started[0], "elapsedMs": int((time.monotonic() - self.started[1]) * 1000)}
        for name, writes in self.tails.items():
            kept = writes.copy()  # one C call: no writer's append lands in the middle of it
            text = "".join(kept)
            cut = len(kept) == PROGRESS_WRITES or len(text) > PROGRESS_TAIL_CHARS
            text = text[-PROGRESS_TAIL_CHARS:]
            if cut and "\n" in text[:-1]:
                text = text[text.index("\n") + 1:]  # start at a line, not in the middle of one
            snapshot[name], snapshot[name + "Cut"] = text, cut
        return snapshot

    def _flush_loop(self):
        try:
            self._flush_forever()
        finally:
            self.flushing = False  # the next call starts another

    def _flush_forever(self):
        while True:
            time.sleep(PROGRESS_INTERVAL / 2)
            # Under the lock, so that end() never races a write and leaves a file behind.
            with self.lock:
                if self.tails is None or not self.dirty or time.monotonic() - self.started[1] < PROGRESS_INTERVAL:
                    continue
                self.dirty = False
                try:
                    os.makedirs(os.path.dirname(PROGRESS_FILE), exist_ok=True)
                    temporary = PROGRESS_FILE + ".tmp"
                    with open(temporary, "w", encoding="utf-8") as f:
                        json.dump(self._snapshot(), f)
                    os.replace(temporary, PROGRESS_FILE)
                    self.written = True
                except OSError:
                    pass  # output so far is a courtesy: a full disk must not disturb the call


progress = _Progress()


class _Overflow:
    """The whole of one output stream, saved to SAVED_OUTPUT_DIR once it outgrows the answer's cap.

    Writes stop at SAVED_OUTPUT_BYTES (the file then says so by being `complete: false`), so endless output
    costs a bounded file, never memory. A failure to save (disk full) is reported, never raised.
    """

    def __init__(self, stream, run):
        self.stream = stream
        self.path = None
        self.file = None
        self.saved = 0
        self.complete = True
        self.error = None
        try:
            os.makedirs(SAVED_OUTPUT_DIR, exist_ok=True)
            _prune_saved_outputs()
            name = "%s-%d-%s.txt" % (time.strftime("%Y%m%d-%H%M%S", time.gmtime()), run, stream)
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


def list_saved_outputs(reply):
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

    def __init__(self, stream, limit, name, run):
        self._stream, self._limit, self._name, self._run = stream, limit, name, run
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
        progress.add(self._name, text)
        if self._overflow is None:
            if self._chars + len(text) <= self._limit:
                self._chars += len(text)
                self._head.append(text)
                return self._stream.write(text)
            self._stream.write(text[:self._limit - self._chars])
            self._overflow = _Overflow(self._name, self._run)
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


def cap_streams(limit, run):
    """Puts a _CappedStream in front of sys.stdout and sys.stderr; returns what takes them away again and
    lists the saved outputs. A wrapper left behind by a run that never returned is taken away first."""
    installed = []
    progress.begin()
    for name in ("stdout", "stderr"):
        original = getattr(sys, name)
        while isinstance(original, _CappedStream):
            original = original._stream
        capped = _CappedStream(original, limit, name, run)
        setattr(sys, name, capped)
        installed.append((name, original, capped))

    def restore():
        progress.end()
        saved = []
        for name, original, capped in installed:
            if getattr(sys, name) is capped:
                setattr(sys, name, original)
            report = capped.report()
            if report is not None:
                saved.append(report)
        return saved

    return restore


class PipeCapture:
    """Keeps the first `limit` bytes of a stream and counts the rest, never holding more in memory; once
    the stream outgrows `limit`, all of it is saved by an _Overflow."""

    def __init__(self, stream, limit, name, run):
        self.run = run
        self.head = bytearray()
        self.total = 0
        self.limit = limit
        self.name = name
        self.overflow = None
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream):
        while True:
            # read1: what the pipe has now, so output so far keeps up with a command that prints slowly.
            chunk = stream.read1(65536)
            if not chunk:
                break
            # Only the chunk's end can be in the tail: a flood is never decoded whole.
            progress.add(self.name, chunk[-PROGRESS_TAIL_CHARS:].decode("utf-8", "replace"))
            self.total += len(chunk)
            kept = len(self.head)
            if kept < self.limit:
                self.head += chunk[:self.limit - kept]
            if self.overflow is None and self.total > self.limit:
                self.overflow = _Overflow(self.name, self.run)
                self.overflow.write(bytes(self.head[:kept]) + chunk)
            elif self.overflow is not None:
                self.overflow.write(chunk)
        stream.close()

    def text(self):
        self.thread.join(5)
        return self.head.decode("utf-8", errors="replace"), self.total > len(self.head)

    def saved(self):
        return None if self.overflow is None else self.overflow.report(self.total, "bytes")
