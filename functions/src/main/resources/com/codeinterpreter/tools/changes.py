"""What a call created or changed under /mnt/data, for the helper (runner.py). Installed before runner.py,
under its module name plus "changes".

A full scan (a stat of every file, before and after the call) costs about 0.5 s of CPU at 100,000 files, so
the kernel, which lives from call to call, keeps an inotify watch on every folder of /mnt/data instead: a
call then costs reading the events it caused. Events between calls (uploads) are read and dropped when the
next call begins. Two things make the watch give way to a full scan, and the answer says so:

- Events lost (the kernel's queue holds 16,384; a call that writes more overflows it). That call's changes
  are then the files whose change time (ctime) is at or after the call's start stamp, found by one full scan,
  and the watch is set up afresh. The stamp is read off a file the helper touches (_tick_after_quiet).
- No watch at all: no inotify (ctypes, the C library or the system call missing), its limits reached
  (watches or instances per user), or a file system whose change times do not follow this clock. The
  session then compares full scans taken before and after each call.

A full scan after a call may run until the call's timeoutSeconds is spent, and at least SCAN_SECONDS (one
before a call, only SCAN_SECONDS); the answer names what a scan cut short covered. Files under dot-names are
reported; only the helper's own folders (.outputs, reported as saved outputs, and .code-interpreter) are not.
Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import base64
import errno
import os
import stat
import struct
import sys
import time

# HelperCode installs guard.py first, under this module's name with "changes" taken off plus "guard".
guard = sys.modules[__name__[:-len("changes")] + "guard"]
# The helper's own folders, under guard.DATA (read at each use: tests move it).
OWN_FOLDERS = ("/.outputs", "/.code-interpreter")
MAX_FILES_REPORTED = 50
INLINE_FILE_BYTES = 512 * 1024
INLINE_TOTAL_BYTES = 4 * 1024 * 1024
SCAN_SECONDS = 5.0
NOTE_NAMES = 3
_CLOCK_COARSE = 5  # CLOCK_REALTIME_COARSE: the clock Linux stamps files with (time has no name for it)

# inotify(7)
_IN_MODIFY, _IN_CLOSE_WRITE, _IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE = 0x2, 0x8, 0x40, 0x80, 0x100
_IN_Q_OVERFLOW, _IN_IGNORED, _IN_ISDIR = 0x4000, 0x8000, 0x40000000
_IN_ONLYDIR, _IN_DONT_FOLLOW = 0x01000000, 0x02000000
_WRITTEN = _IN_MODIFY | _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE
_MASK = _WRITTEN | _IN_MOVED_FROM | _IN_ONLYDIR | _IN_DONT_FOLLOW
_EVENT = struct.Struct("iIII")

_state = {"watch": None, "fallback": None, "announced": False}


class WatchLost(Exception):
    """The watch cannot go on (its limits reached, its descriptor gone): the session falls back to full scans."""


def _coarse_ns():
    return time.clock_gettime_ns(_CLOCK_COARSE)


def _own(path):
    for own in OWN_FOLDERS:
        folder = guard.DATA + own
        if path == folder or path.startswith(folder + "/"):
            return True
    return False


class _Walk:
    """One walk of a tree, folders in name order, stopped at a deadline: what it covered and what it could not read."""

    def __init__(self, deadline=None):
        self.deadline = deadline
        self.started = time.monotonic()
        self.folders = set()
        self.files = 0
        self.unreadable = []
        self.unreadable_folders = set()
        self.stopped_before = None

    def run(self, top, on_folder=None, on_file=None):
        stack = [top]
        while stack:
            folder = stack.pop()
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.stopped_before = folder
                return self
            if on_folder is not None:
                on_folder(folder)
            try:
                with os.scandir(folder) as entries:
                    listed = sorted(entries, key=lambda e: e.name)
            except FileNotFoundError:
                continue
            except OSError as exc:
                self.unreadable.append("%s (%s)" % (folder, exc.strerror or exc))
                self.unreadable_folders.add(folder)
                continue
            self.folders.add(folder)
            below = []
            for entry in listed:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not _own(entry.path):
                            below.append(entry.path)
                    elif entry.is_file(follow_symlinks=False):
                        self.files += 1
                        if on_file is not None:
                            on_file(entry)
                except OSError:
                    continue
            stack.extend(reversed(below))
        return self

    def reached(self, folder):
        """Whether this walk listed `folder`, or would have had it existed (folders go in name order, depth first)."""
        if folder in self.unreadable_folders:
            return False
        return self.stopped_before is None or folder.split("/") < self.stopped_before.split("/")

    def notes(self, what):
        notes = []
        if self.stopped_before is not None:
            notes.append("%s stopped after %g s, having checked %d files in %d folders; folders from %s on (in name order) "
                         "were not checked, so changes in them are not reported here. List them with ListSessionFiles."
                         % (what, round(time.monotonic() - self.started, 1), self.files, len(self.folders),
                            self.stopped_before))
        if self.unreadable:
            notes.append("%s could not read %d folder(s), so changes in them are not reported: %s."
                         % (what, len(self.unreadable), ", ".join(self.unreadable[:NOTE_NAMES])
                            + (", ..." if len(self.unreadable) > NOTE_NAMES else "")))
        return notes


def _deadline(until=None):
    """When a full scan stops: at `until` (the call's timeout), but not before SCAN_SECONDS from now."""
    return max(time.monotonic() + SCAN_SECONDS, until or 0)


# ---- the watch ---------------------------------------------------------------------------------------

class _Watch:
    """inotify watches on /mnt/data and every folder below it but the helper's own."""

    def __init__(self):
        import ctypes  # here, not at install: a session without inotify never pays for it
        libc = ctypes.CDLL(None, use_errno=True)
        self._ctypes = ctypes
        self._add = libc.inotify_add_watch
        self._add.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        self._remove = libc.inotify_rm_watch
        self._remove.argtypes = (ctypes.c_int, ctypes.c_int)
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            raise WatchLost("inotify could not be started (%s)" % os.strerror(ctypes.get_errno()))
        self.fd = fd
        self._identity = self._fd_identity()
        self.paths = {}  # watch descriptor -> folder
        self.unwatched = set()  # folders that could not be watched (unreadable)
        try:
            _check_clock()
            files = self.add_tree(guard.DATA, None).files
        except BaseException:
            self.close()
            raise
        # When an event was last read. Writes before the watch began are unknown, so they count as just now,
        # unless there is no file to have written (a new session's empty folder).
        self.last_event_ns = time.time_ns() if files else 0

    def _fd_identity(self):
        st = os.fstat(self.fd)
        return st.st_dev, st.st_ino

    def close(self):
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None

    def add_tree(self, top, found):
        """Watches `top` and every folder below; with `found`, adds every file in them (they are all new to this call)."""
        def on_folder(folder):
            wd = self._add(self.fd, os.fsencode(folder), _MASK)
            if wd >= 0:
                self.paths[wd] = folder
                self.unwatched.discard(folder)
                return
            code = self._ctypes.get_errno()
            if code in (errno.ENOENT, errno.ENOTDIR):
                return
            if code in (errno.EACCES, errno.EPERM):
                self.unwatched.add(folder)
                return
            raise WatchLost("a folder could not be watched (%s: %s)" % (folder, os.strerror(code)))

        walk = _Walk().run(top, on_folder, None if found is None else (lambda entry: found.add(entry.path)))
        return walk

    def forget_tree(self, top):
        for wd, folder in list(self.paths.items()):
            if folder == top or folder.startswith(top + "/"):
                del self.paths[wd]
                self._remove(self.fd, wd)
        self.unwatched = {f for f in self.unwatched if not (f == top or f.startswith(top + "/"))}

    def drain(self, found):
        """Reads every event queued; adds the files written to `found` (unless None). True when events were lost."""
        try:
            intact = self.fd is not None and self._fd_identity() == self._identity
        except OSError:
            intact = False
        if not intact:
            raise WatchLost("the watch's descriptor was closed or replaced by the code")
        lost = False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return lost
            except OSError as exc:
                raise WatchLost("the watch could not be read (%s)" % exc)
            self.last_event_ns = time.time_ns()
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                name = data[offset + 16:offset + 16 + length].split(b"\0", 1)[0]
                offset += 16 + length
                if mask & _IN_Q_OVERFLOW:
                    lost = True
                    continue
                if mask & _IN_IGNORED:
                    self.paths.pop(wd, None)
                    continue
                folder = self.paths.get(wd)
                if folder is None or not name:
                    continue
                path = folder + "/" + os.fsdecode(name)
                if mask & _IN_ISDIR:
                    if mask & _IN_MOVED_FROM:
                        self.forget_tree(path)
                    elif mask & (_IN_CREATE | _IN_MOVED_TO) and not _own(path):
                        self.add_tree(path, found)
                elif found is not None and mask & _WRITTEN:
                    found.add(path)

    def retry_unwatched(self):
        for folder in sorted(self.unwatched):
            self.add_tree(folder, None)


def _check_clock():
    """A change time must fall between the clock's tick before a write and the time after it (not so on a file
    system that stamps files with another machine's clock or in whole seconds)."""
    low = _coarse_ns()
    if not low <= _stamp() <= time.time_ns():
        raise WatchLost("this file system's change times do not follow the session's clock")


def _watch():
    """The session's watch, set up on first use; None once the session has fallen back to full scans."""
    if _state["fallback"] is None and _state["watch"] is None:
        try:
            _state["watch"] = _Watch()
        except (WatchLost, OSError, AttributeError, ImportError) as exc:
            _fall_back(str(exc) if isinstance(exc, WatchLost) else "inotify is not available (%s)" % exc)
    return _state["watch"]


def close():
    """Stops the watch (for tests, which load the helper many times in one process)."""
    if _state["watch"] is not None:
        _state["watch"].close()
        _state["watch"] = None


def _fall_back(reason):
    watch = _state["watch"]
    if watch is not None:
        watch.close()
    _state["watch"] = None
    _state["fallback"] = reason
    _state["announced"] = False


def _fresh_watch():
    """After events were lost: a new watch, as the old one's folder names may no longer hold."""
    _state["watch"].close()
    _state["watch"] = None
    return _watch()


def _tick_after_quiet(watch):
    """A change time above every file written before this call, at or below every file it writes: read off a file
    the helper stamps, since Linux stamps with a coarse clock that lags, or (multigrain, 6.13+) a finer one."""
    if not watch.last_event_ns:
        return _coarse_ns()  # nothing was ever written: every file the call finds is its own
    first = _stamp()
    if watch.last_event_ns < first:
        return first  # every earlier write was read before this stamp, so stamped below it
    tick, deadline = _stamp(), time.monotonic() + 0.1
    while tick <= first and time.monotonic() < deadline:
        time.sleep(0.0005)
        tick = _stamp()
    return tick


def _stamp():
    probe = guard.DATA + OWN_FOLDERS[1] + "/clock-probe"
    try:
        os.utime(probe)  # the stamp is utime's; stamps never go back
    except FileNotFoundError:
        os.makedirs(os.path.dirname(probe), exist_ok=True)
        open(probe, "a").close()
    return os.stat(probe).st_ctime_ns


# ---- a call's start and end ---------------------------------------------------------------------------

class Start:
    """What a call's end is compared with: a tick of the clock (with the watch), or a full scan's files."""

    def __init__(self, tick=None, before=None, walk=None, until=None):
        self.tick = tick
        self.before = before
        self.walk = walk
        self.until = until  # when the call's timeoutSeconds is spent (monotonic), or None


def begin(timeout=None):
    """Marks the start of a call that may run `timeout` seconds: drops the events since the last call (not its)."""
    until = time.monotonic() + timeout if timeout else None
    watch = _watch()
    if watch is not None:
        try:
            if watch.drain(None):
                watch = _fresh_watch()
            if watch is not None:
                watch.retry_unwatched()
                return Start(tick=_tick_after_quiet(watch), until=until)
        except WatchLost as exc:
            _fall_back(str(exc))
    before = {}
    walk = _Walk(_deadline()).run(guard.DATA, None, lambda entry: before.__setitem__(entry.path, _signature(entry)))
    return Start(before=before, walk=walk, until=until)


def _signature(entry):
    st = entry.stat(follow_symlinks=False)
    return st.st_mtime_ns, st.st_size, st.st_ino


class Found:
    """The files a call created or changed, what the answer reports of them, and notes on how they were found."""

    def __init__(self, paths, notes, start, exact=False):
        self.paths = paths
        self.notes = notes
        self.start = start
        self.exact = exact  # found by the watch's events alone: `paths` is all there is

    def changed(self, path):
        """Whether the call wrote `path`, checked on the file itself (so also when the scan did not cover it)."""
        try:
            st = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode):
            return False
        if path in self.paths:
            return True
        if self.exact:
            return False
        if self.start.tick is not None:
            return st.st_ctime_ns >= self.start.tick
        return self.start.before.get(path) != (st.st_mtime_ns, st.st_size, st.st_ino)

    def report(self, first=None):
        """(files, count not reported): the changed files, `first` (when it changed) then the latest, small ones inline."""
        found = []
        for path in self.paths:
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and not _own(path):
                found.append((path != first, -st.st_mtime_ns, path, st.st_size))
        found.sort()
        files, inline_total = [], 0
        for _, _, path, size in found[:MAX_FILES_REPORTED]:
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
        return files, max(0, len(found) - MAX_FILES_REPORTED)


def finish(start):
    """The files changed since `start`, with notes whenever they were not found by the watch alone."""
    notes = []
    if start.tick is not None:
        watch = _state["watch"]
        found = set()
        try:
            if watch is None:
                raise WatchLost("the watch was lost")
            if not watch.drain(found):
                if watch.unwatched:
                    notes.append(_unwatched_note(watch.unwatched))
                return Found(found, notes, start, exact=not watch.unwatched)
            notes.append("This call changed more files than the change watch could follow (its queue overflowed), so "
                         "its changes were found by a full scan of %s for files changed since the call began." % guard.DATA)
            _fresh_watch()
        except WatchLost as exc:
            _fall_back(str(exc))
            notes.append("Changes were found by a full scan of %s (%s); later calls scan in full too, which is slower "
                         "with many files." % (guard.DATA, exc))
            _state["announced"] = True
        walk = _Walk(_deadline(start.until)).run(guard.DATA, None, lambda e: _add_if_since(found, e, start.tick))
        notes.extend(walk.notes("The change scan"))
        return Found(found, notes, start)
    if not _state["announced"]:
        notes.append("Changes are found by a full scan of %s before and after each call, because %s; with many files "
                     "this is slower." % (guard.DATA, _state["fallback"]))
        _state["announced"] = True
    after = {}
    walk = _Walk(_deadline(start.until)).run(guard.DATA, None, lambda entry: after.__setitem__(entry.path, _signature(entry)))
    found = {p for p, sig in after.items() if start.before.get(p) != sig and start.walk.reached(os.path.dirname(p))}
    notes.extend(start.walk.notes("The change scan before the call"))
    notes.extend(walk.notes("The change scan after the call"))
    return Found(found, notes, start)


def _add_if_since(found, entry, tick):
    if entry.stat(follow_symlinks=False).st_ctime_ns >= tick:
        found.add(entry.path)


def _unwatched_note(folders):
    names = sorted(folders)
    return ("Changes in %d folder(s) that cannot be read are not reported: %s. Make them readable (chmod u+rx) to have "
            "them followed." % (len(names), ", ".join(names[:NOTE_NAMES]) + (", ..." if len(names) > NOTE_NAMES else "")))
