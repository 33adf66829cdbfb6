"""Loads the session helper's modules into this process the way HelperCode installs them in a kernel: in
the order of HelperCode.java's module list, each compiled under "<code interpreter NAME>" and run as the
body of a module named by a prefix plus its suffix (runner.py's suffix is empty).

Each load gets its own prefix, so a test gets fresh module state (runner's call counter, the hook's
marker) without reloading anything another test holds.
"""
import functools
import itertools
import os
import re
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.normpath(os.path.join(HERE, "../../main/resources/com/codeinterpreter/tools"))
HELPER_CODE = os.path.normpath(os.path.join(HERE, "../../main/java/com/codeinterpreter/tools/HelperCode.java"))
# The one place the helper spells the session's folder (guard.py); a load may put another folder there.
DATA_LITERAL = '"/mnt/data"'
# Where tests make the folders that stand in for /mnt/data: tmpfs where there is one, since the tests that write
# 20,000 files there take a fraction of a second on it and seconds on a journaled disk (None: the system's default).
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
_loads = itertools.count()


@functools.lru_cache(maxsize=None)
def install_order():
    """(resource, suffix) for each module, in the order HelperCode.java installs them."""
    with open(HELPER_CODE, encoding="utf-8") as f:
        modules = re.findall(r'new Module\("(\w+\.py)", "(\w*)"\)', f.read())
    if not modules:
        raise AssertionError("found no `new Module(\"x.py\", \"suffix\")` in %s: update install_order to its module list"
                             % HELPER_CODE)
    return modules


@functools.lru_cache(maxsize=None)
def source(resource):
    with open(os.path.join(SOURCES, resource), encoding="utf-8") as f:
        return f.read()


def load(data_folder=None, audit_hook=False, until=None):
    """The helper's modules as attributes named by their suffix (`runner` for runner.py), up to and
    including the module `until` when given.

    `data_folder` replaces /mnt/data (there is none outside a session). Without `audit_hook`, runner.py's
    install of the runtime guard is a no-op here, because an audit hook can never be removed from this
    process; the hook is tested in child processes instead (test_guard.py).
    """
    prefix = "__code_interpreter_test%d__" % next(_loads)
    helper = types.SimpleNamespace(prefix=prefix)
    for resource, suffix in install_order():
        text = source(resource)
        if data_folder is not None and DATA_LITERAL in text:
            text = text.replace(DATA_LITERAL, repr(data_folder))
        name = prefix + suffix
        module = sys.modules.setdefault(name, types.ModuleType(name))
        if suffix == "" and not audit_hook:
            helper.guard.install = lambda *guarded_functions: None
        exec(_compiled(resource, text), module.__dict__)
        setattr(helper, suffix or "runner", module)
        if resource == until:
            break
    return helper


@functools.lru_cache(maxsize=None)
def _compiled(resource, text):
    """Code objects are made once per text: a load runs them afresh in new modules, so only guard.py, whose text
    names the load's data folder, is compiled again (compiling all the modules for each test took seconds)."""
    return compile(text, "<code interpreter %s>" % resource, "exec")
