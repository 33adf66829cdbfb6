"""The syntax-tree check's rule tables (guard_static.py walks the tree, guard_names.py resolves what names
stand for): which modules, functions and attributes are blocked, in which category and with what effect,
and which calls change files at which of their arguments. The categories name guard.py's errors and
advice (guard.ADVICE); the effect completes its message "<what> (line N) <effect>, which is blocked here."

Names are qualified as the user would write them ("os.system", "subprocess.run"). Installed after
guard.py, under its module name plus "_rules".

Standard library only.
"""
import re

# ---- blocked names: (category, pattern of qualified names, effect) -----------------------------------

def _rules():
    any_member = r"(?:\..+)?"
    return (
        ("package", re.compile(r"(?:pip|ensurepip|conda|mamba)" + any_member), "installs packages"),
        ("process", re.compile(
            r"(?:subprocess|_posixsubprocess|pty|pexpect|sh|plumbum|sarge)" + any_member
            + r"|os\.(?:system|popen|spawn\w*|exec\w+|posix_spawnp?|fork|forkpty|startfile)"
            + r"|multiprocessing\.(?:Process|Pool|Manager|get_context|set_start_method|popen_\w+|forkserver|spawn|context"
            + r"|managers)" + any_member + r"|multiprocessing\.pool\.Pool"
            + r"|concurrent\.futures\.(?:ProcessPoolExecutor|process)" + any_member
            + r"|asyncio\.(?:create_subprocess_exec|create_subprocess_shell|subprocess)" + any_member
            + r"|IPython\.utils\.process" + any_member + r"|IPython\.shell\.(?:system|system_piped|system_raw|getoutput)"),
         "starts a process"),
        ("process", re.compile(r"ctypes\.(?:CDLL|PyDLL|cdll|pydll|LibraryLoader|util\.find_library)" + any_member
                               + r"|_ctypes\.dlopen|cffi\.FFI\.dlopen"),
         "loads a C library, whose functions (system, fork, execve) start processes outside these checks"),
        ("network", re.compile(
            r"socket\.(?:socket|SocketType|create_connection|create_server|getaddrinfo|gethostbyname|gethostbyname_ex"
            + r"|gethostbyaddr|getnameinfo|fromfd)|_socket" + any_member
            + r"|(?:requests|urllib3|httpx|httplib2|aiohttp|ftplib|smtplib|poplib|imaplib|nntplib|telnetlib|socketserver"
            + r"|websocket|websockets|paramiko|pycurl)" + any_member
            + r"|urllib\.request" + any_member + r"|http\.(?:client|server)" + any_member
            + r"|xmlrpc\.(?:client|server)" + any_member
            + r"|asyncio\.(?:open_connection|start_server)|seaborn\.load_dataset|sklearn\.datasets\.fetch_\w+"),
         "opens a network connection"),
        ("internals", re.compile(r"gc\.(?:get_referrers|get_referents|get_objects)|(?:sys|threading)\.(?:settrace|setprofile)"),
         "reaches into the interpreter's internals"),
    )


RULES = _rules()
# A lookup by a computed name on these could reach anything in them; the category says what it would reach.
SENSITIVE_MODULES = {"os": "process", "subprocess": "process", "pty": "process", "ctypes": "process",
                     "_posixsubprocess": "process", "socket": "network", "_socket": "network", "builtins": "internals",
                     "gc": "internals"}
# Calls that import the module their first argument names: what they return is that module.
IMPORTERS = frozenset(("builtins.__import__", "importlib.import_module", "importlib.__import__", "runpy.run_module"))
# Attributes that lead to objects the user's code was not given (other modules' globals, the guard's closures).
INTERNAL_ATTRIBUTES = frozenset(("__subclasses__", "__globals__", "__closure__", "cell_contents", "f_globals", "f_builtins"))
# A string naming the helper's own modules (their names start with this).
HELPER_NAME = "__code_interpreter_"


def rule_for(qualified):
    """(category, effect) of the first rule that blocks a qualified name, or None."""
    for category, pattern, effect in RULES:
        if pattern.fullmatch(qualified):
            return category, effect
    return None


def normal(qualified):
    """os's functions live in posix (nt on Windows); name them as the user wrote them."""
    head, dot, tail = qualified.partition(".")
    return "os" + dot + tail if head in ("posix", "nt") else qualified


# ---- calls that change files ------------------------------------------------------------------------

OPENERS = frozenset(("builtins.open", "io.open", "codecs.open"))
# os and shutil functions that change files: which arguments are paths (by position, by keyword), and the verb.
PATH_FUNCTIONS = {
    "os.remove": ((0, "path"),), "os.unlink": ((0, "path"),), "os.rmdir": ((0, "path"),), "os.removedirs": ((0, "name"),),
    "os.mkdir": ((0, "path"),), "os.makedirs": ((0, "name"),), "os.mkfifo": ((0, "path"),), "os.mknod": ((0, "path"),),
    "os.rename": ((0, "src"), (1, "dst")), "os.renames": ((0, "old"), (1, "new")), "os.replace": ((0, "src"), (1, "dst")),
    "os.link": ((0, "src"), (1, "dst")), "os.symlink": ((1, "dst"),), "os.chmod": ((0, "path"),),
    "os.lchmod": ((0, "path"),), "os.chown": ((0, "path"),), "os.lchown": ((0, "path"),), "os.truncate": ((0, "path"),),
    "os.utime": ((0, "path"),), "os.setxattr": ((0, "path"),), "os.removexattr": ((0, "path"),),
    "shutil.copy": ((1, "dst"),), "shutil.copy2": ((1, "dst"),), "shutil.copyfile": ((1, "dst"),),
    "shutil.copytree": ((1, "dst"),), "shutil.copymode": ((1, "dst"),), "shutil.copystat": ((1, "dst"),),
    "shutil.move": ((0, "src"), (1, "dst")), "shutil.rmtree": ((0, "path"),), "shutil.make_archive": ((0, "base_name"),),
    "shutil.unpack_archive": ((1, "extract_dir"),), "shutil.chown": ((0, "path"),),
}
# pathlib.Path methods that change the file the path names.
PATH_METHODS = frozenset(("write_text", "write_bytes", "touch", "mkdir", "unlink", "rmdir", "chmod", "lchmod", "symlink_to",
                          "hardlink_to", "rename", "replace"))
# Methods (pandas, matplotlib, numpy, PIL, plotly...) and classes (reportlab, pandas, matplotlib) that write the
# file their first argument or path keyword names.
WRITER_METHODS = frozenset(("to_csv", "to_excel", "to_json", "to_parquet", "to_pickle", "to_html", "to_feather", "to_hdf",
                            "to_stata", "to_xml", "to_latex", "to_markdown", "to_orc", "savefig", "save", "savetxt", "savez",
                            "savez_compressed", "tofile", "imsave", "imwrite", "write_image", "write_html"))
WRITER_CLASSES = frozenset(("Canvas", "SimpleDocTemplate", "BaseDocTemplate", "ExcelWriter", "PdfPages"))
# Keywords that name the file a writer writes, when it is not given first.
PATH_KEYWORDS = ("path", "path_or_buf", "fname", "filename", "file", "excel_writer", "fp")
# os.open flags that make it a write.
WRITE_FLAGS = frozenset(("O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"))


def verb(operation):
    """What a call that changes files does to its target, for the message: "os.remove ... deletes /etc/x"."""
    name = operation.rsplit(".", 1)[-1]
    if name in ("remove", "unlink", "rmdir", "removedirs", "rmtree"):
        return "deletes"
    if name in ("rename", "renames", "replace", "move"):
        return "moves"
    if name in ("mkdir", "makedirs", "symlink", "symlink_to", "link", "hardlink_to", "touch", "mkfifo", "mknod"):
        return "creates"
    if name in ("chmod", "lchmod", "chown", "lchown", "utime", "setxattr", "removexattr"):
        return "changes"
    return "writes to"


# ---- downloads and IPython magics -------------------------------------------------------------------

# Functions that read what their first argument names, besides every read_* (pandas): a URL there downloads it.
READERS = ("loadtxt", "genfromtxt", "imread")
URL = re.compile(r"^(?:https?|ftps?|s3|gs|gcs|az|abfss?|hdfs|sftp)://", re.IGNORECASE)
# IPython magics (%word, %%word) that install packages or start processes.
MAGIC_WORDS = {"pip": "package", "conda": "package", "mamba": "package", "micromamba": "package",
               "system": "process", "sx": "process", "sc": "process", "bash": "process", "sh": "process",
               "script": "process", "zsh": "process", "perl": "process", "ruby": "process"}

