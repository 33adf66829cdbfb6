"""What the names and expressions in a piece of code stand for, for the syntax-tree check (guard_static.py):
modules and functions by qualified name ("os.system"), strings the code certainly is, and file paths it
certainly names.

Names are resolved through import aliases (`import subprocess as sp`), assignments (`run = os.system`),
getattr with names made of constants (`getattr(os, 'sys' + 'tem')`), __import__ and importlib,
sys.modules and module __dict__ lookups, __builtins__, and names imported by the session's earlier
calls. What is not certain resolves to None: names built at run time are the audit hook's to judge.
Installed after guard_rules.py, under its module name plus "_names".

Standard library only.
"""
import ast
import builtins
import os
import sys
import types

guard_rules = sys.modules[__name__[:-len("_names")] + "_rules"]

_BUILTIN_NAMES = frozenset(dir(builtins))


def _qualified_value(value):
    """What a value from an earlier call's globals is, by qualified name: a module, function or class."""
    try:
        if isinstance(value, types.ModuleType):
            return guard_rules.normal(value.__name__)
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            module, name = value.__module__, value.__qualname__
            if isinstance(module, str) and isinstance(name, str):
                return guard_rules.normal(module + "." + name)
    except Exception:
        pass
    return None


class Names:
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
                        self._alias(alias.asname, guard_rules.normal(alias.name))
                    else:
                        top = alias.name.split(".")[0]
                        self._alias(top, guard_rules.normal(top))
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                for alias in node.names:
                    if alias.name == "*":
                        self.stars.append(guard_rules.normal(node.module))
                    else:
                        self._alias(alias.asname or alias.name, guard_rules.normal(node.module + "." + alias.name))
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
            key = self.constant(index_of(node), depth + 1)
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
            if guard_rules.rule_for(module + "." + name):
                return module + "." + name
        if name == "get_ipython":
            return "IPython.get_ipython"
        if name in self.user_globals:
            return _qualified_value(self.user_globals[name])
        return "builtins." + name if name in _BUILTIN_NAMES else None

    def _lookup(self, base, key):
        if base == "sys.modules":
            return guard_rules.normal(key)
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
        if func in guard_rules.IMPORTERS and first:
            return guard_rules.normal(first)
        if func == "builtins.vars" and args:
            base = self.resolve(args[0], depth)
            return base + ".__dict__" if base else None
        if func == "builtins.globals":
            return "<globals>"
        if func.endswith(".__dict__.get") and first:
            return func[:-len(".__dict__.get")] + "." + first
        if func == "sys.modules.get" and first:
            return guard_rules.normal(first)
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
        if isinstance(node, ast.Subscript) and isinstance(index_of(node), ast.Slice):
            text, piece = self.constant(node.value, depth + 1), index_of(node)
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
    """(name, value) for each name an assignment binds to an expression it can be read from."""
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
            and len(target.elts) == len(value.elts):
        return [pair for t, v in zip(target.elts, value.elts) for pair in _pairs(t, v)]
    return []


def index_of(subscript):
    """The index expression of a subscript (`x[i]`: `i`)."""
    index = subscript.slice
    return index.value if type(index).__name__ == "Index" else index  # Python 3.8 wraps the index


def _leading_constants(values):
    for value in values:
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return
        yield value
