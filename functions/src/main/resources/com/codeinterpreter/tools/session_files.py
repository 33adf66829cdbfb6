"""The session's files, for the helper (runner.py): the checks the file tools share (file_read.py,
file_search.py) and ListSessionFiles' listing. What a call created or changed is changes.py's. Installed
before runner.py, under its module name plus "session_files".

Standard library only: it runs in the service's kernel as well as in the local pool's.
"""
import heapq
import os
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


def _cursor_parts(cursor):
    """The relative path a cursor holds, as its parts, or None when it is not one this listing gave."""
    parts = cursor.split("/")
    if cursor.startswith("/") or "\0" in cursor or any(p in ("", ".", "..") for p in parts):
        return None
    return parts


def _entries(folder, own):
    """(files, folders) of a folder, unsorted; a link counts as a file (it is listed, not followed)."""
    files, folders = [], []
    with os.scandir(folder) as it:
        for entry in it:
            if entry.path != own:
                (folders if entry.is_dir(follow_symlinks=False) else files).append(entry)
    return files, folders


def _first(entries, after, count):
    """The first `count` entries by name after the name `after` (None: from the start): a page of a folder of
    100,000 files is picked out, not sorted whole."""
    if after is not None:
        entries = [e for e in entries if e.name > after]
    return heapq.nsmallest(count, entries, key=_name)


def _name(entry):
    return entry.name


def _files_after(folder, after, own, count, unreadable):
    """The first `count` files under `folder` in listing order (a folder's files by name, then its sub-folders
    in turn), from just after the relative path `after` (a list of parts; empty for the start). Only the
    folders on the way to `after` are read again, so a page costs the same wherever it starts. A folder that
    cannot be read goes to `unreadable`, so the answer can say whose files it lacks."""
    try:
        files, folders = _entries(folder, own)
    except OSError:
        unreadable.append(folder)
        return
    if len(after) == 1:
        files = _first(files, after[0], count)
    elif after:
        files = []
        folders = [e for e in folders if e.name >= after[0]]
    else:
        files = _first(files, None, count)
    for entry in files:
        yield entry
    for entry in sorted(folders, key=_name):
        resume = after[1:] if len(after) > 1 and entry.name == after[0] else []
        yield from _files_after(entry.path, resume, own, count, unreadable)


# What list_files takes: ListSessionFiles' parameters, then what the app adds (HelperRequest.ListFiles).
REQUEST = ("path", "recursive", "cursor", "maxEntries")


def list_files(request):
    """A page of a folder's entries, in name order, from just after `cursor` (the relative path of the page's
    last entry, which the reply hands back as nextCursor while more entries follow)."""
    root = request.get("path") or guard.DATA
    recursive = request.get("recursive", True)
    limit = int(request.get("maxEntries") or 1000)
    real = _outside(root)
    if real is not None:
        return _refused_link(root, real)
    if not os.path.isdir(root):
        return _error("NotADirectory" if os.path.exists(root) else "FileNotFound", "No folder %s." % root)
    after = _cursor_parts(request["cursor"]) if request.get("cursor") else []
    if after is None or (not recursive and len(after) > 1):
        return _error("InvalidCursor", "The cursor %r is not one this listing gave: pass nextCursor from the previous answer "
                      "unchanged, with the same path and recursive." % request.get("cursor"))
    own, unreadable = os.path.dirname(SESSION_MARKER), []
    try:
        if recursive:
            found = _files_after(root, after, own, limit + 1, unreadable)
        else:
            files, folders = _entries(root, own)
            found = _first(files + folders, after[0] if after else None, limit + 1)
    except OSError as exc:
        return _error("Unreadable", "%s cannot be read: %s." % (root, exc.strerror or exc))
    entries, last = [], None
    for entry in found:
        if len(entries) >= limit:
            return {"status": "succeeded", "path": root, "files": entries, "truncated": True,
                    "nextCursor": os.path.relpath(last.path, root), "unreadable": unreadable}
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # removed while being listed
        kind = "directory" if entry.is_dir(follow_symlinks=False) else "file"
        # The content type is added by the caller, from one table for every tool.
        entries.append({"name": entry.name, "path": entry.path, "type": kind, "size": st.st_size if kind == "file" else 0,
                        "lastModified": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime))})
        last = entry
    return {"status": "succeeded", "path": root, "files": entries, "truncated": False, "nextCursor": None,
            "unreadable": unreadable}
