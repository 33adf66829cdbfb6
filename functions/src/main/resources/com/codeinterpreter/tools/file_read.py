"""ReadSessionFile inside the session: a page of a text file's lines, from a line (and a column in it) or
from the end. Installed before runner.py, under its module name plus "file_read".

Every read makes progress: a line longer than the page comes back in parts, each naming the column the next
one starts at. The end of a file is found by reading backwards from its end, so the last lines of a 1 GB
log cost what those lines cost, not what the file does.

Lines end at "\\n" only, as grep counts them, so a line number SearchSessionFiles gives is the line this
reads. The file is read as bytes and decoded as UTF-8 (bad bytes become U+FFFD) a chunk at a time, so
memory stays near one page whatever the file's size or its lines' lengths.

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import codecs
import os
import stat
import sys

# HelperCode installs session_files.py first, under this module's name with "file_read" taken off plus "session_files".
session_files = sys.modules[__name__[:-len("file_read")] + "session_files"]

CHUNK = 1 << 20
TAIL_CHUNK = 1 << 16
# Counting the lines of this many bytes costs a few tens of milliseconds: below it, totalLines (and, reading
# from the end, the line numbers) are counted; above it they are given only when the read reaches the end.
COUNT_BYTES = 64 * 1024 * 1024


def _newlines(f, start, end):
    """The "\\n" bytes in [start, end) of the file."""
    f.seek(start)
    count, left = 0, end - start
    while left > 0:
        chunk = f.read(min(CHUNK, left))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _line_offset(f, start):
    """(byte offset of line `start`, None), or (None, the file's line count) when it has fewer lines."""
    f.seek(0)
    line, offset, last = 1, 0, b"\n"
    while line < start:
        chunk = f.read(CHUNK)
        if not chunk:
            return None, line - 1 if last == b"\n" else line
        n = chunk.count(b"\n")
        if line + n < start:
            line, offset, last = line + n, offset + len(chunk), chunk[-1:]
            continue
        at = -1
        for _ in range(start - line):
            at = chunk.index(b"\n", at + 1)
        return offset + at + 1, None
    return 0, None


def _tail_offset(f, size, lines):
    """Byte offset where the last `lines` lines start (a final "\\n" ends the last line, it does not start one)."""
    end = size - 1 if size and _byte_at(f, size - 1) == b"\n" else size
    pos, wanted = end, lines
    while pos > 0:
        step = min(TAIL_CHUNK, pos)
        pos -= step
        f.seek(pos)
        chunk = f.read(step)
        count = chunk.count(b"\n")
        if count >= wanted:
            at = len(chunk)
            for _ in range(wanted):
                at = chunk.rindex(b"\n", 0, at)
            return pos + at + 1
        wanted -= count
    return 0


def _byte_at(f, offset):
    f.seek(offset)
    return f.read(1)


class _Page:
    """The decoded text from a byte offset, taken a line at a time within a character budget."""

    def __init__(self, f, offset):
        f.seek(offset)
        self.f = f
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.text, self.pos, self.eof = "", 0, False

    def _more(self):
        if self.eof:
            return False
        chunk = self.f.read(CHUNK)
        self.eof = not chunk
        self.text = self.text[self.pos:] + self.decoder.decode(chunk, final=self.eof)
        self.pos = 0
        return True

    def at_end(self):
        while self.pos >= len(self.text):
            if not self._more():
                return True
        return False

    def skip(self, n):
        """Passes over up to `n` characters of the current line; returns how many (fewer when the line ends first)."""
        done = 0
        while done < n and (self.pos < len(self.text) or self._more()):
            nl = self.text.find("\n", self.pos, self.pos + n - done)
            if nl >= 0:
                done += nl - self.pos
                self.pos = nl
                break
            step = min(len(self.text) - self.pos, n - done)
            self.pos += step
            done += step
        return done

    def take_line(self, budget):
        """(text, whole): the next line with its "\n" when it fits `budget` characters, else its first `budget`."""
        while True:
            nl = self.text.find("\n", self.pos, self.pos + budget)
            if nl >= 0 or len(self.text) - self.pos > budget or not self._more():
                break
        end = nl + 1 if nl >= 0 else min(len(self.text), self.pos + budget)
        line = self.text[self.pos:end]
        self.pos = end
        return line, nl >= 0 or (self.eof and self.pos >= len(self.text))

    def fits(self, budget):
        """Whether the next line, with its "\n", is at most `budget` characters."""
        while True:
            if self.text.find("\n", self.pos, self.pos + budget) >= 0:
                return True
            if len(self.text) - self.pos >= budget:
                return False
            if not self._more():
                return True


def _checked(path):
    """(error reply, None) or (None, the file's stat) for a text file the tool may read."""
    real = session_files._outside(path)
    if real is not None:
        return session_files._refused_link(path, real), None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return session_files._error("FileNotFound", "No file %s. List the session's files with ListSessionFiles." % path), None
    if stat.S_ISDIR(st.st_mode):
        return session_files._error("IsADirectory", "%s is a folder. List it with ListSessionFiles." % path), None
    if not stat.S_ISREG(st.st_mode):
        return session_files._not_regular(path), None
    if session_files._is_binary(path):
        return session_files._error("BinaryFile", "%s is a binary file (%d bytes); download it with GetSessionFile instead."
                                    % (path, st.st_size)), None
    return None, st


# What read_file takes: ReadSessionFile's parameters, then what the app adds (HelperRequest.ReadFile).
REQUEST = ("path", "startLine", "maxLines", "startColumn", "tailLines", "maxChars")


def read_file(request):
    path = request["path"]
    max_lines = int(request.get("maxLines") or 2000)
    max_chars = int(request.get("maxChars") or 200000)
    column = max(1, int(request.get("startColumn") or 1))
    tail = request.get("tailLines")
    error, st = _checked(path)
    if error is not None:
        return error
    size = st.st_size
    with open(path, "rb") as f:
        if tail:
            max_lines = int(tail)
            offset = _tail_offset(f, size, max_lines)
            start = _newlines(f, 0, offset) + 1 if size <= COUNT_BYTES else None
        else:
            start = max(1, int(request.get("startLine") or 1))
            offset, lines_in_file = _line_offset(f, start)
            if offset is None:
                return _reply(path, size, "", start, 0, lines_in_file, False, None)
        page = _Page(f, offset)
        skipped = page.skip(column - 1)
        if skipped < column - 1:
            return session_files._error("InvalidColumn", "That line of %s has %d characters; startColumn must be at most %d."
                                        % (path, skipped, skipped + 1))
        parts, chars, next_column = [], 0, None
        while len(parts) < max_lines and not page.at_end():
            if parts and not page.fits(max_chars - chars):
                break
            line, whole = page.take_line(max_chars - chars)
            parts.append(line)
            chars += len(line)
            if not whole:
                next_column = column + len(line)
                break
            column = 1
        more = not page.at_end()
        total = None
        if start is not None and not more:
            total = start + len(parts) - 1
        elif start is not None and size <= COUNT_BYTES:
            total = _newlines(f, 0, size) + (0 if _ends_line(f, size) else 1)
    return _reply(path, size, "".join(parts), start, len(parts), total, more, next_column)


def _ends_line(f, size):
    return size == 0 or _byte_at(f, size - 1) == b"\n"


def _reply(path, size, content, start, count, total, more, next_column):
    end = None if start is None else start + count - 1 if count else start - 1
    return {"status": "succeeded", "path": path, "content": content, "startLine": start, "endLine": end, "lineCount": count,
            "totalLines": total, "size": size, "truncated": more, "nextColumn": next_column}
