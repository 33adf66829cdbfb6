"""A call's time inside the session, for the helper (runner.py). Installed before runner.py, under its module
name plus "call_clock".

Three things, all in the session so that they hold in the service's kernel as in the local pool's:
- The budget: a call's deadline is set when the tool call arrives (`deadline`, epoch milliseconds), so time
  spent waiting behind another call on the same session counts against its timeoutSeconds. A call that
  starts after its deadline does not run its code at all: its caller has already answered that the
  session was busy.
- The running marker: while a call runs, RUNNING_FILE names its executionId. The files API reads it while
  the kernel is busy, which is how a call queued behind this one names what it is waiting for.
- The alarm: user code is interrupted at its budget (UserTimeout); code that ignores the interrupt is
  ended KILL_GRACE_SECONDS later by ending the interpreter, from a thread that needs no GIL, so it fires
  even inside a C loop (see _KillTimer). The pool then restarts the interpreter: variables are lost, files
  kept, and the caller's answer says so.

Standard library only.
"""
import faulthandler
import json
import os
import signal
import _signal
import sys
import time

# HelperCode installs guard.py first, under this module's name with "call_clock" taken off plus "guard".
guard = sys.modules[__name__[:-len("call_clock")] + "guard"]
RUNNING_FILE = guard.DATA + "/.code-interpreter/running.json"
KILL_GRACE_SECONDS = 2
# The marker's size: a record (an executionId is at most 128 characters) padded with spaces, which JSON ignores.
RECORD_BYTES = 512
_null = []
_marker = []
_watchdog = []


class UserTimeout(BaseException):
    """Raised into user code at its timeout; a BaseException so `except Exception` does not swallow it."""


def budget(request):
    """(seconds the code may run, seconds it waited for the session); None seconds when the deadline passed
    before the call started. Without a deadline (an older caller) the budget is the timeout."""
    timeout = float(request.get("timeoutSeconds") or 0)
    deadline = request.get("deadline")
    if not deadline or timeout <= 0:
        return timeout, 0.0
    left = deadline / 1000.0 - time.time()
    waited = max(0.0, timeout - left)
    if left <= 0.05:
        return None, waited
    return min(timeout, left), waited


def busy_reply(request, waited):
    """The reply of a call whose deadline passed while it waited for the session: its code did not run."""
    return {"status": "timedOut", "error": {"type": "SessionBusy", "message": (
        "The session was busy with another call for the whole of this call's timeoutSeconds (%g s), so this call's "
        "code did not run. Wait for the other call to end (GetExecutionResult with its executionId), then call again."
        % float(request.get("timeoutSeconds") or 0))}}


def waited_note(waited):
    """Part of a timeout message: how long the call waited for the session, when that mattered."""
    return " It waited %.1f s of it for another call on the session to end." % waited if waited >= 0.5 else ""


def mark_running(request, op, finished=False):
    """Names this call in RUNNING_FILE, in one small write (a reader that catches it half written reads no id,
    which is less helpful, never wrong). A few system calls: this runs at the start and end of every call."""
    execution_id = request.get("executionId")
    if not execution_id:
        return
    if "_startedAt" not in request:
        request["_startedAt"] = int(time.time() * 1000)
    # Written by hand, not by json.dumps, which costs more than the write: only the id is text from outside.
    record = '{"executionId": %s, "op": "%s", "startedAt": %d, "deadline": %s, "timeoutSeconds": %s' % (
        json.encoder.encode_basestring_ascii(str(execution_id)), op, request["_startedAt"],
        _json_number(request.get("deadline")), _json_number(request.get("timeoutSeconds")))
    if finished:
        # Kept, not removed: a caller that gave up waiting just before this reply reached it still learns that
        # its own call ran (and waits for the reply in transit) rather than calling the session busy.
        record += ', "finishedAt": %d' % int(time.time() * 1000)
    try:
        # Overwritten in place, padded to one size: no truncation (which frees blocks and can cost milliseconds).
        # The file is looked for again at the start of a call only: one the code deleted is back by the next call.
        os.pwrite(_marker_fd(look=not finished), (record + "}").encode().ljust(RECORD_BYTES), 0)
    except OSError:
        pass  # without the marker a queued call says "busy" without the id: less helpful, never wrong


def _json_number(value):
    if value is None:
        return "null"
    return "%d" % value if float(value).is_integer() else repr(float(value))


def _marker_fd(look=True):
    """RUNNING_FILE, kept open for the interpreter's life; opened again if the user deleted it (when `look`)."""
    fd = _marker[0] if _marker else None
    if fd is not None:
        if not look:
            return fd
        try:
            if os.fstat(fd).st_nlink > 0:
                return fd
        except OSError:
            pass
        _marker.clear()
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        fd = os.open(RUNNING_FILE, os.O_WRONLY | os.O_CREAT, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(RUNNING_FILE), exist_ok=True)
        fd = os.open(RUNNING_FILE, os.O_WRONLY | os.O_CREAT, 0o644)
    _marker.append(fd)
    return fd


def clear_running(request, op):
    """Marks this call finished in RUNNING_FILE."""
    mark_running(request, op, finished=True)


def _on_alarm(signum, frame):
    raise UserTimeout()


class Alarm:
    """Interrupts user code after `seconds`; ends the interpreter if the code is still running
    KILL_GRACE_SECONDS after that. A context manager around the user's code only: the helper's own work
    before and after it is not under the kill timer."""

    def __init__(self, seconds):
        self.seconds = seconds or 0
        self.previous = None

    def __enter__(self):
        if self.seconds > 0:
            # _signal's own functions: signal.signal wraps each answer in an enum, which costs more than the call.
            self.previous = _signal.signal(signal.SIGALRM, _on_alarm)
            _signal.setitimer(signal.ITIMER_REAL, self.seconds)
            watchdog().arm(self.seconds + KILL_GRACE_SECONDS)
        return self

    def __exit__(self, *exc):
        if self.seconds > 0:
            watchdog().disarm()
            _signal.setitimer(signal.ITIMER_REAL, 0)
            _signal.signal(signal.SIGALRM, self.previous)
        return False


def watchdog():
    """What ends the interpreter when code ignores its interrupt: a _KillTimer, or faulthandler's watchdog
    where the C library has no POSIX timers. Made on first use and kept."""
    if not _watchdog:
        try:
            _watchdog.append(_KillTimer())
        except (OSError, AttributeError, ImportError, ValueError):
            _watchdog.append(_FaulthandlerWatchdog())
    return _watchdog[0]


class _KillTimer:
    """A POSIX timer whose expiry makes the C library call _exit(1) on a thread of its own (SIGEV_THREAD with
    _exit as the function): nothing on that path needs the GIL, so it ends code stuck in a C loop, and it works
    for an interpreter that is pid 1 of its namespace, which ignores a timer's SIGKILL. Arming or disarming it is
    one system call; faulthandler's watchdog starts and joins a thread on every call (~70 us of each call)."""
    CLOCK_MONOTONIC = 1
    SIGEV_THREAD = 2

    def __init__(self):
        import ctypes  # here, not at install: only calls with a timeout pay for it, once
        if ctypes.sizeof(ctypes.c_void_p) != 8:
            raise ValueError("struct sigevent is laid out here for 64-bit systems only")

        class Timespec(ctypes.Structure):
            _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]

        class Itimerspec(ctypes.Structure):
            _fields_ = [("it_interval", Timespec), ("it_value", Timespec)]

        class Sigevent(ctypes.Structure):  # glibc's struct sigevent on 64-bit Linux: 64 bytes
            _fields_ = [("sigev_value", ctypes.c_void_p), ("sigev_signo", ctypes.c_int), ("sigev_notify", ctypes.c_int),
                        ("sigev_notify_function", ctypes.c_void_p), ("sigev_notify_attributes", ctypes.c_void_p),
                        ("padding", ctypes.c_int * 8)]

        libc = ctypes.CDLL(None, use_errno=True)
        create, self._settime = libc.timer_create, libc.timer_settime
        create.argtypes = (ctypes.c_int, ctypes.POINTER(Sigevent), ctypes.POINTER(ctypes.c_void_p))
        self._settime.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(Itimerspec), ctypes.c_void_p)
        event = Sigevent(sigev_value=1, sigev_notify=self.SIGEV_THREAD,
                         sigev_notify_function=ctypes.cast(libc._exit, ctypes.c_void_p).value)
        self._timer = ctypes.c_void_p()
        if create(self.CLOCK_MONOTONIC, ctypes.byref(event), ctypes.byref(self._timer)) != 0:
            raise OSError(ctypes.get_errno(), "timer_create failed")
        self._when, self._never = Itimerspec(), Itimerspec()
        self._when_ref, self._never_ref = ctypes.byref(self._when), ctypes.byref(self._never)

    def arm(self, seconds):
        self._when.it_value.tv_sec = int(seconds)
        self._when.it_value.tv_nsec = int((seconds - int(seconds)) * 1e9)
        self._settime(self._timer, 0, self._when_ref, None)

    def disarm(self):
        self._settime(self._timer, 0, self._never_ref, None)


class _FaulthandlerWatchdog:
    """faulthandler's watchdog, a C thread that needs no GIL either; started and joined for each call."""

    @staticmethod
    def arm(seconds):
        faulthandler.dump_traceback_later(seconds, exit=True, file=_devnull())

    @staticmethod
    def disarm():
        faulthandler.cancel_dump_traceback_later()


def _devnull():
    """Where the watchdog's traceback goes: nowhere (the answer says what happened). Opened once, kept open."""
    if not _null:
        _null.append(os.open(os.devnull, os.O_WRONLY))
    return _null[0]
