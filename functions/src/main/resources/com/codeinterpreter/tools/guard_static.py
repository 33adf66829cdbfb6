"""The guardrails' first layer: a check of the syntax tree of the code ExecutePythonCode and
GeneratePdfReport are about to run, for the operations the contract's Limitations block (guard.py has the
second layer, the audit hook, and the errors and messages both layers share).

Names are resolved before they are judged: import aliases (`import subprocess as sp`), assignments
(`run = os.system`), getattr with names made of constants (`getattr(os, 'sys' + 'tem')`), __import__ and
importlib, sys.modules and module __dict__ lookups, __builtins__, names imported by the session's earlier
calls, and the strings given to exec, eval and compile. Only what is certain is flagged: a variable called
`system`, a string that says "subprocess", reading a file or writing one under /mnt/data or /tmp is not.
What the code hides (names built at run time) is left to the audit hook.

Standard library only.
"""
import ast
import builtins
import os
import re
import shlex
import sys
import types

# SessionRunner installs guard.py first, under this module's name without "_static".
guard = sys.modules[__name__[:-len("_static")]]

# ---- what names stand for ----------------------------------------------------------------------------

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


_RULES = _rules()
# A lookup by a computed name on these could reach anything in them; the category says what it would reach.
_SENSITIVE = {"os": "process", "subprocess": "process", "pty": "process", "ctypes": "process",
              "_posixsubprocess": "process", "socket": "network", "_socket": "network", "builtins": "internals",
              "gc": "internals"}
_IMPORTERS = frozenset(("builtins.__import__", "importlib.import_module", "importlib.__import__", "runpy.run_module"))
_INTERNAL_ATTRIBUTES = frozenset(("__subclasses__", "__globals__", "__closure__", "cell_contents", "f_globals", "f_builtins"))
_BUILTIN_NAMES = frozenset(dir(builtins))
_HELPER_NAME = "__code_interpreter_"


def _rule_for(qualified):
    for category, pattern, effect in _RULES:
        if pattern.fullmatch(qualified):
            return category, effect
    return None


def _normal(qualified):
    """os's functions live in posix (nt on Windows); name them as the user wrote them."""
    head, dot, tail = qualified.partition(".")
    return "os" + dot + tail if head in ("posix", "nt") else qualified


def _qualified_value(value):
    """What a value from an earlier call's globals is, by qualified name: a module, function or class."""
    try:
        if isinstance(value, types.ModuleType):
            return _normal(value.__name__)
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            module, name = value.__module__, value.__qualname__
            if isinstance(module, str) and isinstance(name, str):
                return _normal(module + "." + name)
    except Exception:
        pass
    return None


class _Names:
    """What the names in one piece of code stand for: modules and functions by qualified name, and constants."""

    def __init__(self, tree, user_globals, outer=None):
        self.user_globals = user_globals
        self.aliases = dict(outer.aliases) if outer else {}
        self.bound = set(outer.bound) if outer else set()
        self.stars = list(outer.stars) if outer else []
        self.classes = set(outer.classes) if outer else set()
        self.changes_folder = outer.changes_folder if outer else False
        assigned = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self._alias(alias.asname, _normal(alias.name))
                    else:
                        top = alias.name.split(".")[0]
                        self._alias(top, _normal(top))
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                for alias in node.names:
                    if alias.name == "*":
                        self.stars.append(_normal(node.module))
                    else:
                        self._alias(alias.asname or alias.name, _normal(node.module + "." + alias.name))
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for name, value in _pairs(target, node.value):
                        assigned.setdefault(name, []).append(value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.bound.add(node.name)
                if isinstance(node, ast.ClassDef):
                    self.classes.add(node.name)
            elif isinstance(node, ast.arg):
                self.bound.add(node.arg)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                self.bound.add(node.id)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.bound.add(node.name)
            elif isinstance(node, ast.Attribute) and node.attr == "chdir":
                self.changes_folder = True
        self.constants = {name: values[0] for name, values in assigned.items() if len(values) == 1}
        # Three rounds, so that chains (a = os; b = a.system) resolve whatever their order in the code.
        for _ in range(3):
            for name, values in assigned.items():
                for value in values:
                    qualified = self.resolve(value)
                    if qualified and name not in self.aliases:
                        self.aliases[name] = qualified

    def _alias(self, name, qualified):
        self.aliases[name] = qualified
        self.bound.add(name)

    def resolve(self, node, depth=0):
        """The qualified name an expression stands for ("os.system", "subprocess"), or None."""
        if depth > 30:
            return None
        if isinstance(node, ast.Name):
            return self.resolve_name(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value, depth + 1)
            return base + "." + node.attr if base else None
        if isinstance(node, ast.Subscript):
            base = self.resolve(node.value, depth + 1)
            key = self.constant(_index(node), depth + 1)
            return self._lookup(base, key) if base and key is not None else None
        if isinstance(node, ast.Call):
            return self._call_result(node, depth + 1)
        return None

    def resolve_name(self, name):
        if name in self.aliases:
            return self.aliases[name]
        if name == "__builtins__":
            return "builtins"
        if name in self.bound:
            return None
        for module in self.stars:
            if _rule_for(module + "." + name):
                return module + "." + name
        if name == "get_ipython":
            return "IPython.get_ipython"
        if name in self.user_globals:
            return _qualified_value(self.user_globals[name])
        return "builtins." + name if name in _BUILTIN_NAMES else None

    def _lookup(self, base, key):
        if base == "sys.modules":
            return _normal(key)
        if base.endswith(".__dict__"):
            return base[:-len(".__dict__")] + "." + key
        if base == "builtins":  # __builtins__ is a dict outside __main__
            return "builtins." + key
        if base == "<globals>":
            return self.resolve_name(key)
        return None

    def _call_result(self, node, depth):
        func = self.resolve(node.func, depth)
        if func is None:
            return None
        args = node.args
        first = self.constant(args[0], depth) if args else None
        if func == "builtins.getattr" and len(args) >= 2:
            base, name = self.resolve(args[0], depth), self.constant(args[1], depth)
            return base + "." + name if base and name is not None else None
        if func in _IMPORTERS and first:
            return _normal(first)
        if func == "builtins.vars" and args:
            base = self.resolve(args[0], depth)
            return base + ".__dict__" if base else None
        if func == "builtins.globals":
            return "<globals>"
        if func.endswith(".__dict__.get") and first:
            return func[:-len(".__dict__.get")] + "." + first
        if func == "sys.modules.get" and first:
            return _normal(first)
        if func == "IPython.get_ipython":
            return "IPython.shell"
        if func == "cffi.FFI":
            return "cffi.FFI"
        return None

    def constant(self, node, depth=0):
        """The string an expression certainly is (constants, +, f-strings of constants, join, [::-1]), or None."""
        if node is None or depth > 30:
            return None
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return node.value
            if isinstance(node.value, bytes):
                return node.value.decode("utf-8", "replace")
            return None
        if isinstance(node, ast.JoinedStr):
            parts = [self.constant(v, depth + 1) if isinstance(v, ast.Constant) else None for v in node.values]
            return "".join(parts) if all(p is not None for p in parts) else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.constant(node.left, depth + 1), self.constant(node.right, depth + 1)
            return left + right if left is not None and right is not None else None
        if isinstance(node, ast.Name) and node.id in self.constants and node.id not in self.aliases:
            return self.constant(self.constants[node.id], depth + 1)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 1:
            if node.func.attr == "join" and isinstance(node.args[0], (ast.List, ast.Tuple)):
                glue = self.constant(node.func.value, depth + 1)
                parts = [self.constant(e, depth + 1) for e in node.args[0].elts]
                if glue is not None and all(p is not None for p in parts):
                    return glue.join(parts)
        if isinstance(node, ast.Subscript) and isinstance(_index(node), ast.Slice):
            text, piece = self.constant(node.value, depth + 1), _index(node)
            bounds = [self._integer(b) for b in (piece.lower, piece.upper, piece.step)]
            if text is not None and all(b is not False for b in bounds):
                return text[bounds[0]:bounds[1]:bounds[2]]
        return None

    @staticmethod
    def _integer(node):
        if node is None:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, int):
            return -node.operand.value
        return False

    def path(self, node, depth=0):
        """A file path an expression certainly is, as (text, exact); exact is False for a known prefix."""
        if node is None or depth > 30:
            return None
        text = self.constant(node, depth + 1)
        if text is not None:
            return text, True
        if isinstance(node, ast.JoinedStr):
            prefix = "".join(v.value for v in _leading_constants(node.values))
            return (prefix, False) if prefix else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.path(node.left, depth + 1)
            return (left[0], False) if left and left[0] else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            return node.left.value.split("%")[0], False
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self._joined([node.left, node.right], depth)
        if isinstance(node, ast.Name) and node.id in self.constants and node.id not in self.aliases:
            return self.path(self.constants[node.id], depth + 1)
        if isinstance(node, ast.Call):
            func = self.resolve(node.func, depth + 1) or ""
            if func in ("os.path.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"):
                return self._joined(node.args, depth) if node.args else None
            if func in ("os.path.abspath", "os.path.normpath", "os.path.realpath", "builtins.str", "os.fspath") and node.args:
                return self.path(node.args[0], depth + 1)
            if isinstance(node.func, ast.Attribute) and node.func.attr == "format" and isinstance(node.func.value, ast.Constant) \
                    and isinstance(node.func.value.value, str):
                return node.func.value.value.split("{")[0], False
        return None

    def _joined(self, parts, depth):
        joined = ""
        for part in parts:
            found = self.path(part, depth + 1)
            if found is None:
                return (joined.rstrip("/") + "/", False) if joined else None
            joined = os.path.join(joined, found[0]) if joined else found[0]
            if not found[1]:
                return joined, False
        return joined, True


def _pairs(target, value):
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
            and len(target.elts) == len(value.elts):
        return [pair for t, v in zip(target.elts, value.elts) for pair in _pairs(t, v)]
    return []


def _index(subscript):
    index = subscript.slice
    return index.value if type(index).__name__ == "Index" else index  # Python 3.8 wraps the index


def _leading_constants(values):
    for value in values:
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return
        yield value


def _writable(path):
    """Whether a normalised absolute path is one the code may change."""
    if path in guard.WRITABLE_DEVICES:
        return True
    return any(path == root or path.startswith(root + "/") for root in guard.WRITABLE_ROOTS)


def _outside_static(found, changes_folder):
    """The path a static (text, exact) path names outside the writable folders, or None when it is inside or unknown."""
    if not found or not found[0]:
        return None
    text, exact = found
    if exact:
        if not text.startswith("/"):
            if changes_folder or text.startswith("~"):
                return None  # relative to a folder the code changes to: the runtime guard judges it
            text = os.path.join(guard.WORKING_FOLDER, text)
        path = os.path.normpath(text)
        return None if _writable(path) else path
    if not text.startswith("/"):
        return None
    folder = os.path.normpath(text[:text.rfind("/") + 1])
    if _writable(folder) or any(root.startswith(folder.rstrip("/") + "/") for root in guard.WRITABLE_ROOTS):
        return None  # inside, or a folder above them (/mnt/...): the rest of the path decides
    return folder.rstrip("/") + "/..."


# ---- what the code does -------------------------------------------------------------------------------

_OPENERS = frozenset(("builtins.open", "io.open", "codecs.open"))
# os and shutil functions that change files: which arguments are paths (by position, by keyword), and the verb.
_PATH_FUNCTIONS = {
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
_PATH_METHODS = frozenset(("write_text", "write_bytes", "touch", "mkdir", "unlink", "rmdir", "chmod", "lchmod", "symlink_to",
                           "hardlink_to", "rename", "replace"))
_WRITER_METHODS = frozenset(("to_csv", "to_excel", "to_json", "to_parquet", "to_pickle", "to_html", "to_feather", "to_hdf",
                             "to_stata", "to_xml", "to_latex", "to_markdown", "to_orc", "savefig", "save", "savetxt", "savez",
                             "savez_compressed", "tofile", "imsave", "imwrite", "write_image", "write_html"))
_WRITER_CLASSES = frozenset(("Canvas", "SimpleDocTemplate", "BaseDocTemplate", "ExcelWriter", "PdfPages"))
_PATH_KEYWORDS = ("path", "path_or_buf", "fname", "filename", "file", "excel_writer", "fp")
_WRITE_FLAGS = frozenset(("O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"))
_READERS = ("loadtxt", "genfromtxt", "imread")
_URL = re.compile(r"^(?:https?|ftps?|s3|gs|gcs|az|abfss?|hdfs|sftp)://", re.IGNORECASE)
_MAGIC_WORDS = {"pip": "package", "conda": "package", "mamba": "package", "micromamba": "package",
                "system": "process", "sx": "process", "sc": "process", "bash": "process", "sh": "process",
                "script": "process", "zsh": "process", "perl": "process", "ruby": "process"}


def _verb(operation):
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


class _Checker(ast.NodeVisitor):
    """Walks a syntax tree and collects what it would do that is blocked."""

    def __init__(self, names, code, at_line=None):
        self.names = names
        self.code = code
        self.at_line = at_line  # code from a string given to exec: what it does is reported at the exec call
        self.found = []

    def line(self, node):
        return self.at_line or getattr(node, "lineno", None)

    def source(self, node, limit=60):
        text = ast.get_source_segment(self.code, node) or "?"
        text = " ".join(text.split())
        return text if len(text) <= limit else text[:limit - 3] + "..."

    def flag(self, category, what, node, effect=None, packages=(), advice=None):
        line = self.line(node)
        if category == "package":
            error = guard.package_blocked(what, line, packages)
        else:
            error = guard.blocked(category, what, line, effect, advice)
        self.found.append((guard.PRIORITY[category], line or 0, getattr(node, "col_offset", 0), what, error))
        return True

    def flag_name(self, qualified, node):
        rule = _rule_for(qualified)
        if rule is None:
            return False
        return self.flag(rule[0], qualified.replace("IPython.shell.", "get_ipython()."), node, rule[1])

    def visit_Import(self, node):
        for alias in node.names:
            self.flag_name(_normal(alias.name), node)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        module = _normal(node.module)
        for alias in node.names:
            self.flag_name(module if alias.name == "*" else module + "." + alias.name, node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            qualified = self.names.resolve(node)
            if qualified:
                self.flag_name(qualified, node)

    def visit_Attribute(self, node):
        qualified = self.names.resolve(node)
        if qualified and self.flag_name(qualified, node):
            return
        if node.attr in _INTERNAL_ATTRIBUTES and not self._own_class(node):
            self.flag("internals", self.source(node), node, "reaches into the interpreter's internals")
            return
        self.generic_visit(node)

    def _own_class(self, node):
        """Base.__subclasses__() on a class the user wrote is a plugin registry, not a walk through Python's classes."""
        if node.attr != "__subclasses__" or not isinstance(node.value, ast.Name):
            return False
        name = node.value.id
        if name in self.names.classes:
            return True
        value = self.names.user_globals.get(name)
        return isinstance(value, type) and value.__module__ == self.names.user_globals.get("__name__")

    def visit_Subscript(self, node):
        qualified = self.names.resolve(node)
        if qualified and self.flag_name(qualified, node):
            return
        base = self.names.resolve(node.value)
        if base and base.endswith(".__dict__") and self.names.constant(_index(node)) is None:
            self._computed(base[:-len(".__dict__")], node)
        self.generic_visit(node)

    def _computed(self, base, node):
        category = _SENSITIVE.get(base)
        if category is None:
            return False
        advice = "Use the member by its name (a computed name could reach blocked functions)."
        if category != "internals":
            advice += " " + guard.ADVICE[category][1]
        return self.flag(category, self.source(node), node, "looks up a member of %s by a name computed at run time" % base,
                         advice=advice)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and _HELPER_NAME in node.value:
            self.flag("internals", repr(node.value[:40]), node, "refers to the code interpreter's own helper")

    def visit_Call(self, node):
        func = self.names.resolve(node.func)
        if self._check_call(node, func):
            for child in list(node.args) + [k.value for k in node.keywords]:
                self.visit(child)
            return
        self._check_files(node, func)
        self._check_url(node, func)
        self.generic_visit(node)

    def _check_call(self, node, func):
        """Checks what a call does; True when the call itself was flagged (its callee is then not visited again)."""
        if func is None:
            return False
        names = self.names
        if func == "socket.socket" and node.args and names.resolve(node.args[0]) == "socket.AF_UNIX":
            return True  # a local socket: no network
        rule = _rule_for(func)
        if rule and rule[0] in ("process", "package"):
            command = self._command(node)
            install = guard.package_install(("pip " + command) if rule[0] == "package" else command)
            if install:
                return self.flag("package", install[0], node, packages=install[1])
        if rule:
            return self.flag_name(func, node)
        if func in _IMPORTERS and node.args:
            module = names.constant(node.args[0])
            found = _rule_for(_normal(module)) if module else None
            if found:
                return self.flag(found[0], "%s(%r)" % (func.replace("builtins.", ""), module), node, found[1])
        if func == "builtins.getattr" and len(node.args) >= 2:
            name = names.constant(node.args[1])
            if name in _INTERNAL_ATTRIBUTES:
                return self.flag("internals", self.source(node), node, "reaches into the interpreter's internals")
            base = names.resolve(node.args[0]) if name is None else None
            if base and self._computed(base, node):
                return True
        if func in ("builtins.exec", "builtins.eval", "builtins.compile") and node.args:
            source = names.constant(node.args[0])
            if source:
                self._nested(source, node)
        if func.startswith("IPython.shell.") and node.args:
            return self._magic_call(node, func.rsplit(".", 1)[-1])
        return False

    def _command(self, node):
        """The command a process call runs, when the code spells it out."""
        parts = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in ("args", "command", "cmd")]
        for part in parts:
            text = self.names.constant(part)
            if text is not None:
                return text
            if isinstance(part, (ast.List, ast.Tuple)):
                words = []
                for element in part.elts:
                    word = self.names.constant(element)
                    words.append(shlex.quote(word) if word is not None else
                                 "python" if self.names.resolve(element) == "sys.executable" else "?")
                return " ".join(words)
        return ""

    def _magic_call(self, node, method):
        """get_ipython().run_line_magic('pip', 'install x') and friends: magics that install or start processes."""
        if method not in ("run_line_magic", "run_cell_magic", "magic"):
            return False
        texts = [self.names.constant(a) or "" for a in node.args] + ["", ""]
        word = texts[0].lstrip("%").split(" ")[0]
        category = _MAGIC_WORDS.get(word)
        if category is None:
            return False
        command = "%s %s" % (word, texts[1]) if category == "package" else texts[2] or texts[1]
        install = guard.package_install(command)
        if install:
            return self.flag("package", "%" + install[0], node, packages=install[1])
        if category == "package":
            return self.flag("package", "%" + word, node)
        return self.flag("process", "get_ipython().%s(%r)" % (method, word), node, "starts a process")

    def _nested(self, source, node):
        try:
            tree = ast.parse(source, "<string>", "exec")
        except (SyntaxError, ValueError):
            return  # it fails when it runs, with its own error
        checker = _Checker(_Names(tree, self.names.user_globals, outer=self.names), source, at_line=self.line(node))
        checker.visit(tree)
        self.found.extend(checker.found)

    @staticmethod
    def _argument(node, index, keyword):
        if index is not None and len(node.args) > index and not isinstance(node.args[index], ast.Starred):
            return node.args[index]
        for k in node.keywords:
            if k.arg == keyword or keyword == "*" and k.arg in _PATH_KEYWORDS:
                return k.value
        return None

    def _check_files(self, node, func):
        func = func or ""
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        short = func.rsplit(".", 1)[-1] if func else method
        if func in _OPENERS:
            if self._write_mode(self._argument(node, 1, "mode")):
                self._target(node, self._argument(node, 0, "file"), "writes to")
        elif func == "os.open":
            if self._write_flags(self._argument(node, 1, "flags")):
                self._target(node, self._argument(node, 0, "path"), "writes to")
        elif func in _PATH_FUNCTIONS:
            for index, keyword in _PATH_FUNCTIONS[func]:
                self._target(node, self._argument(node, index, keyword), _verb(func))
        elif method in _PATH_METHODS and self.names.path(node.func.value):
            self._target(node, node.func.value, _verb(method))
            if method in ("rename", "replace"):
                self._target(node, self._argument(node, 0, "target"), "moves")
        elif method == "open" and self.names.path(node.func.value):
            if self._write_mode(self._argument(node, 0, "mode")):
                self._target(node, node.func.value, "writes to")
        elif method in _WRITER_METHODS or short in _WRITER_CLASSES:
            self._target(node, self._argument(node, 0, "*"), "writes to")

    def _write_mode(self, mode):
        text = self.names.constant(mode)
        return bool(text) and any(c in text for c in "wax+")

    def _write_flags(self, flags):
        for part in ast.walk(flags) if flags is not None else ():
            if isinstance(part, ast.Constant) and isinstance(part.value, int):
                if part.value & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
                    return True
            name = part.attr if isinstance(part, ast.Attribute) else part.id if isinstance(part, ast.Name) else None
            if name in _WRITE_FLAGS:
                return True
        return False

    def _target(self, node, path_node, verb):
        outside = _outside_static(self.names.path(path_node), self.names.changes_folder)
        if outside:
            self.flag("file", self.source(node.func), node, "%s %s, outside /mnt/data and /tmp" % (verb, outside))

    def _check_url(self, node, func):
        name = (func or "").rsplit(".", 1)[-1] or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if not (name.startswith("read_") or name in _READERS) or not node.args:
            return
        url = self.names.constant(node.args[0])
        if url and _URL.match(url):
            self.flag("network", "%s(%r)" % (self.source(node.func), url[:60]), node, "downloads from the network")


def _report(found):
    """One error for everything found: the most telling first, then up to three others by name and line."""
    if not found:
        return None
    found.sort(key=lambda f: f[:3])
    first = found[0]
    others, seen = [], {(first[3], first[1])}
    for _, line, _, what, _ in found[1:]:
        if (what, line) not in seen:
            seen.add((what, line))
            others.append(what + guard.where(line))
    error = first[4]
    if others:
        extra = "; ".join(others[:3]) + ("; and %d more" % (len(others) - 3) if len(others) > 3 else "")
        error = type(error)("%s Also blocked: %s." % (error, extra), error.line)
    return error


def check_tree(tree, code, user_globals):
    """The first blocked operation the parsed code would perform, as a BlockedOperationError to raise, or None.

    `user_globals` are the session's variables: names imported by earlier calls (`import os` in one call,
    `os.system(...)` in the next) resolve through them.
    """
    try:
        checker = _Checker(_Names(tree, user_globals if user_globals is not None else {}), code)
        checker.visit(tree)
        return _report(checker.found)
    except Exception:  # code this check cannot follow (nesting deeper than the recursion limit): the audit hook still guards it
        return None


_MAGIC_LINE = re.compile(r"^\s*(?:[A-Za-z_][\w.]*\s*=\s*)?(!!?|%%?)\s*([\w.-]*)(.*)$")


def check_magics(code):
    """For code that is not Python: the IPython shell escapes (!cmd) and magics (%pip, %system, %%bash) in it.

    They would start processes or install packages, so the answer says that instead of "invalid syntax".
    Other magics (%matplotlib, %timeit) are left to the syntax error.
    """
    try:
        return _report(_magic_lines(code.splitlines()))
    except Exception:  # then it is reported as the syntax error it is
        return None


def _magic_lines(lines):
    found = []
    for number, text in enumerate(lines, 1):
        match = _MAGIC_LINE.match(text)
        if not match:
            continue
        sigil, word, rest = match.groups()
        if sigil.startswith("!"):
            category, command = "process", (word + rest).strip()
        else:
            category = _MAGIC_WORDS.get(word)
            if category is None:
                continue
            command = word + rest if category == "package" else "\n".join(lines[number:]) if sigil == "%%" else rest
        install = guard.package_install(command)
        if install:
            what = sigil + install[0]
            found.append((0, number, 0, what, guard.package_blocked(what, number, install[1])))
        elif category == "package":
            found.append((0, number, 0, sigil + word, guard.package_blocked(sigil + word, number)))
        else:
            what = "The shell escape !" + (word or command.split(" ")[0]) if sigil.startswith("!") else "The magic " + sigil + word
            found.append((1, number, 0, what, guard.blocked("process", what, number, "starts a process")))
    return found
