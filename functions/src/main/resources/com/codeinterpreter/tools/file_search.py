"""SearchSessionFiles inside the session: GNU grep -E over the files under a folder, so patterns mean what
the tool documents (POSIX classes, alternation, anchors) and a file of any size is streamed by grep, never
read into memory. Installed before runner.py, under its module name plus "file_search".

The search is bounded by time, not by file size: when the bound cuts it, the reply names the file grep was
in and how far into it. Whatever the search passes over (binary files, unreadable ones, links out of
/mnt/data, hidden folders) is listed in the reply with the reason.

grep runs as the helper's own process, outside the user's code, so the guardrails (which refuse process
spawning while user code is on the stack) do not apply to it; the pattern is handed to grep as one argument
(`-e`), never through a shell.

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import fnmatch
import os
import re
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import time

# HelperCode installs guard.py and session_files.py first, under this module's name with "file_search" taken off plus theirs.
_prefix = __name__[:-len("file_search")]
guard = sys.modules[_prefix + "guard"]
session_files = sys.modules[_prefix + "session_files"]

MAX_TEXT_CHARS = 500
MAX_SKIPPED_LISTED = 100
DEFAULT_SECONDS = 40
# Small files go to one grep together; a file of BATCH_BYTES or more gets its own, so a cut names it exactly.
BATCH_FILES = 500
BATCH_BYTES = 64 * 1024 * 1024
# A matching line longer than this is kept in part only (its first MAX_TEXT_CHARS characters are sent).
KEEP_LINE_BYTES = 4 * MAX_TEXT_CHARS
# grep's locale: UTF-8, so [[:alpha:]], `.` and ignoreCase work on characters rather than bytes.
GREP_ENV = dict(os.environ, LC_ALL="C.UTF-8")
# \d or \D (not an escaped backslash before a d): Python's digit class, which grep -E reads as a plain letter.
PYTHON_DIGIT = re.compile(r"(?<!\\)(?:\\\\)*\\[dD]")


def _grep():
    return shutil.which("grep", path="/usr/bin:/bin")


def _check_pattern(grep, pattern, ignore_case):
    """(what is wrong with the pattern, None) when grep -E refuses it, else (None, a warning about it or None).

    A warning matters: grep -E reads `\\d` as a plain d, which an agent used to Python's patterns needs to hear.
    grep itself warns about some stray backslashes (3.8 and later); about \\d this one is silent, so the
    helper says it."""
    run = subprocess.run([grep, "-E"] + (["-i"] if ignore_case else []) + ["-e", pattern, "--", "/dev/null"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=GREP_ENV, timeout=10)
    said = "; ".join(line.split("grep: ", 1)[-1] for line in run.stderr.decode("utf-8", "replace").splitlines() if line.strip())
    if run.returncode == 2:
        return said or "grep refused it", None
    if said:
        return None, "grep: " + said
    if PYTHON_DIGIT.search(pattern):
        return None, "grep -E reads \\d as the letter d (and \\D as D): for a digit write [[:digit:]] or [0-9]"
    return None, None


def _why_not_searched(path):
    """(why the file is not searched, None) or, for a text file grep may read, (None, its size)."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            real = session_files._outside(path)
            if real is not None:
                return "a symbolic link out of %s (to %s)" % (guard.DATA, real), None
            st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file (a pipe, socket or device)", None
        with open(path, "rb") as f:
            if b"\0" in f.read(8192):
                return "a binary file (a NUL byte in its first 8 KB); read it with Python or download it with GetSessionFile", None
    except OSError as exc:
        return "unreadable: %s" % (exc.strerror or exc), None
    return None, st.st_size


def _candidates(root, glob, skipped):
    """(path, size) of the files to search, in order; the ones passed over go to `skipped`."""
    if not os.path.isdir(root):
        reason, size = _why_not_searched(root)
        if reason is None:
            yield root, size
        else:
            skipped.append((root, reason))
        return
    own = os.path.dirname(session_files.SESSION_MARKER)

    def failed(exc):
        skipped.append((exc.filename, "unreadable folder: %s" % (exc.strerror or exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        dirnames.sort()
        for name in list(dirnames):
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                # os.walk does not follow links to folders; say so, so no folder's files go unmentioned.
                dirnames.remove(name)
                real = session_files._outside(path)
                skipped.append((path, "a symbolic link out of %s (to %s)" % (guard.DATA, real) if real is not None else
                                "a symbolic link to a folder, not followed: search %s as path" % os.path.realpath(path)))
            elif name.startswith("."):
                dirnames.remove(name)
                if path != own:
                    skipped.append((path, "a hidden folder: name it as path to search it"))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if glob and not (fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(os.path.relpath(path, root), glob)):
                continue
            if "\n" in name:
                skipped.append((path, "a name with a line break, which grep's output cannot carry: rename the file"))
                continue
            reason, size = _why_not_searched(path)
            if reason is None:
                yield path, size
            else:
                skipped.append((path, reason))


def _batches(candidates):
    batch, size = [], 0
    for path, bytes_ in candidates:
        if batch and (bytes_ >= BATCH_BYTES or size + bytes_ > BATCH_BYTES or len(batch) >= BATCH_FILES):
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += bytes_
    if batch:
        yield batch


def _where(pid, batch):
    """(file, byte offset) grep is reading now, read from /proc; (None, None) between files or where /proc says nothing."""
    fds = "/proc/%d/fd" % pid
    try:
        files = {os.path.realpath(path): path for path in batch}
        for fd in os.listdir(fds):
            target = os.readlink(os.path.join(fds, fd))
            if target in files:
                with open("/proc/%d/fdinfo/%s" % (pid, fd)) as info:
                    pos = next((int(line.split()[1]) for line in info if line.startswith("pos:")), None)
                return files[target], pos
    except (OSError, ValueError):
        pass
    return None, None


class _Grep:
    """One grep over a batch of files, its matches read as they come, until the batch ends, enough matches
    were found, or the deadline passes."""

    def __init__(self, grep, pattern, ignore_case, batch, wanted):
        # -Z ends the file name with a NUL; -a because binary files were set aside already; -m stops a file early.
        command = [grep, "-E", "-n", "-H", "-Z", "-a", "-m", str(wanted)] + (["-i"] if ignore_case else [])
        self.batch = batch
        # grep's complaints (a file removed or made unreadable since it was checked) go to a file, not a pipe
        # nobody reads while the matches are, so they can never block grep.
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command + ["-e", pattern, "--"] + batch, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=self.errors, env=GREP_ENV)
        self.pending = b""
        self.dropping = False

    def matches(self, deadline):
        """Yields (path, line, text); returns quietly at the end of grep's output. Raises TimeoutError at the deadline."""
        fd = self.process.stdout.fileno()
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError()
            data = os.read(fd, 1 << 16)
            if not data:
                return
            for record in self._records(data):
                path, _, rest = record.partition(b"\0")
                number, _, text = rest.partition(b":")
                if number.isdigit():
                    yield (os.fsdecode(path), int(number), text.decode("utf-8", "replace")[:MAX_TEXT_CHARS])

    def _records(self, data):
        """Whole output lines; of a very long one, its first KEEP_LINE_BYTES bytes."""
        lines = (self.pending + data).split(b"\n")
        self.pending = lines.pop()
        records = []
        for line in lines:
            if not self.dropping:
                records.append(line[:KEEP_LINE_BYTES])
            self.dropping = False
        if len(self.pending) > KEEP_LINE_BYTES:
            if not self.dropping:
                records.append(self.pending[:KEEP_LINE_BYTES])
            self.pending, self.dropping = b"", True
        return records

    def stop(self):
        """Ends grep. Returns where it was (file, byte), and (file, reason) for each file grep could not read."""
        where = _where(self.process.pid, self.batch)
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()
        self.errors.seek(0)
        failed = []
        for line in self.errors.read().decode("utf-8", "replace").splitlines():
            parts = line.split(": ", 2)  # "/usr/bin/grep: PATH: REASON"
            if len(parts) == 3 and parts[1] in self.batch:
                failed.append((parts[1], "unreadable: %s" % parts[2]))
        self.errors.close()
        return where, failed


# What search_files takes: SearchSessionFiles' parameters, then what the app adds (HelperRequest.SearchFiles).
REQUEST = ("pattern", "path", "glob", "ignoreCase", "maxResults", "maxSeconds")


def search_files(request):
    root = request.get("path") or guard.DATA
    real = session_files._outside(root)
    if real is not None:
        return session_files._refused_link(root, real)
    if not os.path.exists(root):
        return session_files._error("FileNotFound", "No file or folder %s." % root)
    grep = _grep()
    if grep is None:
        return session_files._error("SearchUnavailable", "This session has no grep. Search with Python instead, for example "
                                    "re.search over the file's lines in ExecutePythonCode.")
    pattern, ignore_case = request["pattern"], bool(request.get("ignoreCase"))
    wrong, warning = _check_pattern(grep, pattern, ignore_case)
    if wrong is not None:
        return session_files._error("InvalidPattern", "The pattern is not a valid grep -E regular expression: %s." % wrong)
    max_results = int(request.get("maxResults") or 100)
    seconds = float(request.get("maxSeconds") or DEFAULT_SECONDS)
    deadline = time.monotonic() + seconds
    matches, skipped, searched = [], [], 0
    reply = {"status": "succeeded", "truncated": False, "timedOut": False, "patternWarning": warning}
    for batch in _batches(_candidates(root, request.get("glob"), skipped)):
        if time.monotonic() >= deadline:
            reply.update(timedOut=True, stoppedIn=batch[0], stoppedAtByte=0)
            break
        run = _Grep(grep, pattern, ignore_case, batch, max_results + 1 - len(matches))
        try:
            for path, line, text in run.matches(deadline):
                if len(matches) >= max_results:
                    reply["truncated"] = True
                    break
                matches.append({"path": path, "line": line, "text": text})
        except TimeoutError:
            (stopped, at), failed = run.stop()
            reply.update(timedOut=True, stoppedIn=stopped or batch[0], stoppedAtByte=at if stopped else 0)
            done = batch[:batch.index(stopped or batch[0])]
            skipped += [f for f in failed if f[0] in done]
            searched += len(done) - len([f for f in failed if f[0] in done])
            break
        except BaseException:
            run.stop()  # grep never outlives the search
            raise
        _, failed = run.stop()
        skipped += failed
        if reply["truncated"]:
            break
        searched += len(batch) - len(failed)
    reply.update(matches=matches, filesSearched=searched, filesSkipped=len(skipped),
                 skipped=[{"path": p, "reason": r} for p, r in skipped[:MAX_SKIPPED_LISTED]])
    return reply
