"""The session's files, for the helper (runner.py): the file tools' reading, searching and listing (what a
call created or changed is changes.py's). Installed before runner.py, under its module name plus
"session_files".

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import fnmatch
import os
import re
import stat
import sys
import time

# HelperCode installs guard.py first, under this module's name with "session_files" taken off plus "guard".
guard = sys.modules[__name__[:-len("session_files")] + "guard"]
# Marks a session's folder: present in a fresh interpreter, the session's files outlived its interpreter.
SESSION_MARKER = guard.DATA + "/.code-interpreter/session"


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
    root = os.path.realpath(guard.DATA)
    real = os.path.realpath(path)
    return None if real == root or real.startswith(root + os.sep) else real


def _refused_link(path, real):
    return _error("PathOutsideDataFolder", "%s leads outside %s through a symbolic link (to %s); the file tools only "
                  "reach files in %s. Use the path of a file inside it." % (path, guard.DATA, real, guard.DATA))


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
    root = request.get("path") or guard.DATA
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
    root = request.get("path") or guard.DATA
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
