"""The guardrails' first layer: a check of the syntax tree of the code ExecutePythonCode and
GeneratePdfReport are about to run, for the operations the contract's Limitations block (guard.py has the
second layer, the audit hook, and the errors and messages both layers share).

This module walks the tree and judges each call, import and attribute; guard_rules.py has the tables it
judges by (which names are blocked, which calls change which files), and guard_names.py says what names
stand for, so that aliases, getattr with constant names, __import__, sys.modules, earlier calls' imports
and the strings given to exec, eval and compile are judged as what they are. Only what is certain is
flagged: a variable called `system`, a string that says "subprocess", reading a file or writing one
under /mnt/data or /tmp is not. What the code hides (names built at run time) is left to the audit hook.

Standard library only.
"""
import ast
import os
import re
import shlex
import sys

# HelperCode installs guard_shell.py, guard.py, guard_rules.py and guard_names.py first, under this module's
# name with "_static" taken off and their own suffix put on.
_prefix = __name__[:-len("_static")]
guard = sys.modules[_prefix]
guard_shell = sys.modules[_prefix + "_shell"]
guard_rules = sys.modules[_prefix + "_rules"]
guard_names = sys.modules[_prefix + "_names"]


# ---- where a file change lands ------------------------------------------------------------------------

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
            text = os.path.join(guard.DATA, text)
        path = os.path.normpath(text)
        return None if _writable(path) else path
    if not text.startswith("/"):
        return None
    folder = os.path.normpath(text[:text.rfind("/") + 1])
    if _writable(folder) or any(root.startswith(folder.rstrip("/") + "/") for root in guard.WRITABLE_ROOTS):
        return None  # inside, or a folder above them (/mnt/...): the rest of the path decides
    return folder.rstrip("/") + "/..."


# ---- what the code does -------------------------------------------------------------------------------

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
        rule = guard_rules.rule_for(qualified)
        if rule is None:
            return False
        return self.flag(rule[0], qualified.replace("IPython.shell.", "get_ipython()."), node, rule[1])

    def visit_Import(self, node):
        for alias in node.names:
            self.flag_name(guard_rules.normal(alias.name), node)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        module = guard_rules.normal(node.module)
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
        if node.attr in guard_rules.INTERNAL_ATTRIBUTES and not self._own_class(node):
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
        if base and base.endswith(".__dict__") and self.names.constant(guard_names.index_of(node)) is None:
            self._computed(base[:-len(".__dict__")], node)
        self.generic_visit(node)

    def _computed(self, base, node):
        category = guard_rules.SENSITIVE_MODULES.get(base)
        if category is None:
            return False
        advice = "Use the member by its name (a computed name could reach blocked functions)."
        if category != "internals":
            advice += " " + guard.ADVICE[category][1]
        return self.flag(category, self.source(node), node, "looks up a member of %s by a name computed at run time" % base,
                         advice=advice)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and guard_rules.HELPER_NAME in node.value:
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
        rule = guard_rules.rule_for(func)
        if rule and rule[0] in ("process", "package"):
            command = self._command(node)
            install = guard_shell.package_install(("pip " + command) if rule[0] == "package" else command)
            if install:
                return self.flag("package", install[0], node, packages=install[1])
        if rule:
            return self.flag_name(func, node)
        if func in guard_rules.IMPORTERS and node.args:
            module = names.constant(node.args[0])
            found = guard_rules.rule_for(guard_rules.normal(module)) if module else None
            if found:
                return self.flag(found[0], "%s(%r)" % (func.replace("builtins.", ""), module), node, found[1])
        if func == "builtins.getattr" and len(node.args) >= 2:
            name = names.constant(node.args[1])
            if name in guard_rules.INTERNAL_ATTRIBUTES:
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
        category = guard_rules.MAGIC_WORDS.get(word)
        if category is None:
            return False
        command = "%s %s" % (word, texts[1]) if category == "package" else texts[2] or texts[1]
        install = guard_shell.package_install(command)
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
        checker = _Checker(guard_names.Names(tree, self.names.user_globals, outer=self.names), source, at_line=self.line(node))
        checker.visit(tree)
        self.found.extend(checker.found)

    @staticmethod
    def _argument(node, index, keyword):
        if index is not None and len(node.args) > index and not isinstance(node.args[index], ast.Starred):
            return node.args[index]
        for k in node.keywords:
            if k.arg == keyword or keyword == "*" and k.arg in guard_rules.PATH_KEYWORDS:
                return k.value
        return None

    def _check_files(self, node, func):
        func = func or ""
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        short = func.rsplit(".", 1)[-1] if func else method
        if func in guard_rules.OPENERS:
            if self._write_mode(self._argument(node, 1, "mode")):
                self._target(node, self._argument(node, 0, "file"), "writes to")
        elif func == "os.open":
            if self._write_flags(self._argument(node, 1, "flags")):
                self._target(node, self._argument(node, 0, "path"), "writes to")
        elif func in guard_rules.PATH_FUNCTIONS:
            for index, keyword in guard_rules.PATH_FUNCTIONS[func]:
                self._target(node, self._argument(node, index, keyword), guard_rules.verb(func))
        elif method in guard_rules.PATH_METHODS and self.names.path(node.func.value):
            self._target(node, node.func.value, guard_rules.verb(method))
            if method in ("rename", "replace"):
                self._target(node, self._argument(node, 0, "target"), "moves")
        elif method == "open" and self.names.path(node.func.value):
            if self._write_mode(self._argument(node, 0, "mode")):
                self._target(node, node.func.value, "writes to")
        elif method in guard_rules.WRITER_METHODS or short in guard_rules.WRITER_CLASSES:
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
            if name in guard_rules.WRITE_FLAGS:
                return True
        return False

    def _target(self, node, path_node, verb):
        outside = _outside_static(self.names.path(path_node), self.names.changes_folder)
        if outside:
            self.flag("file", self.source(node.func), node, "%s %s, %s" % (verb, outside, guard.OUTSIDE_WRITABLE_ROOTS))

    def _check_url(self, node, func):
        name = (func or "").rsplit(".", 1)[-1] or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if not (name.startswith("read_") or name in guard_rules.READERS) or not node.args:
            return
        url = self.names.constant(node.args[0])
        if url and guard_rules.URL.match(url):
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
        checker = _Checker(guard_names.Names(tree, user_globals if user_globals is not None else {}), code)
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
            category = guard_rules.MAGIC_WORDS.get(word)
            if category is None:
                continue
            command = word + rest if category == "package" else "\n".join(lines[number:]) if sigil == "%%" else rest
        install = guard_shell.package_install(command)
        if install:
            what = sigil + install[0]
            found.append((0, number, 0, what, guard.package_blocked(what, number, install[1])))
        elif category == "package":
            found.append((0, number, 0, sigil + word, guard.package_blocked(sigil + word, number)))
        else:
            what = "The shell escape !" + (word or command.split(" ")[0]) if sigil.startswith("!") else "The magic " + sigil + word
            found.append((1, number, 0, what, guard.blocked("process", what, number, "starts a process")))
    return found
