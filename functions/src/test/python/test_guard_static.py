"""The syntax-tree check (guard_static.py with guard_rules.py and guard_names.py): each rule table, each
route by which a name reaches a blocked function, what is never flagged, and how several findings are
reported. Messages are asserted whole, as the tool's answer carries them."""
import ast
import os
import types
import unittest

import helper_modules

HELPER = helper_modules.load()
RULES = HELPER.guard_rules
RUN_SHELL = "Run shell commands with the RunShellCommand tool."
NO_NETWORK = "The sandbox has no network access: upload the data the code needs with UploadFileToSession."
SAVE_IN_DATA = "Save files in /mnt/data (the working folder, where relative paths land) or /tmp."
CALL_BY_NAME = "Call the functions you need by their names."
COMPUTED = "Use the member by its name (a computed name could reach blocked functions)."


def check(code, user_globals=None):
    """What the check answers for Python code: (error type, message, line), or None when nothing is blocked."""
    error = HELPER.guard_static.check_tree(ast.parse(code), code, user_globals or {})
    return None if error is None else (error.error_type, str(error), error.line)


def check_not_python(code):
    error = HELPER.guard_static.check_magics(code)
    return None if error is None else (error.error_type, str(error), error.line)


def before_preinstalled(found):
    """A package refusal up to the list of preinstalled packages (which depends on this machine; test_guard.py
    tests that list)."""
    error_type, message, line = found
    return error_type, message.split(" Preinstalled: ")[0], line


def process(what, line, also=""):
    return "ProcessSpawningBlocked", "%s (line %d) starts a process, which is blocked here. %s%s" % (what, line, RUN_SHELL, also), line


def network(what, line, effect="opens a network connection"):
    return "NetworkAccessBlocked", "%s (line %d) %s, which is blocked here. %s" % (what, line, effect, NO_NETWORK), line


def file_change(what, line, effect):
    return "FileAccessBlocked", "%s (line %d) %s, outside /mnt/data and /tmp, which is blocked here. %s" % (
        what, line, effect, SAVE_IN_DATA), line


def internals(what, line, effect="reaches into the interpreter's internals"):
    return "BlockedOperation", "%s (line %d) %s, which is blocked here. %s" % (what, line, effect, CALL_BY_NAME), line


class BlockedNamesTest(unittest.TestCase):
    """guard_rules.RULES: which names are blocked, in which category, with which effect."""

    def test_a_process_module_is_blocked_at_its_import_and_its_calls_are_listed_after(self):
        self.assertEqual(process("subprocess", 1, " Also blocked: subprocess.run (line 2)."),
                         check("import subprocess\nsubprocess.run(['ls'])"))

    def test_os_process_functions_are_blocked_but_os_itself_is_not(self):
        self.assertEqual(process("os.execv", 2), check("import os\nos.execv('/bin/ls', ['ls'])"))
        self.assertEqual(process("os.posix_spawnp", 2), check("import os\nos.posix_spawnp('ls', ['ls'], {})"))
        self.assertIsNone(check("import os\n(os.getcwd(), os.listdir('/'), os.environ.get('HOME'), os.path.exists('/x'))"))

    def test_process_pools_and_contexts_are_blocked_but_cpu_count_and_thread_pools_are_not(self):
        self.assertEqual(process("multiprocessing.get_context", 2), check("import multiprocessing\nmultiprocessing.get_context('fork')"))
        self.assertEqual(process("concurrent.futures.ProcessPoolExecutor", 1),
                         check("from concurrent.futures import ProcessPoolExecutor"))
        self.assertIsNone(check("from multiprocessing import cpu_count\nfrom concurrent.futures import ThreadPoolExecutor\n"
                                "with ThreadPoolExecutor(2) as pool:\n    list(pool.map(abs, [cpu_count()]))"))

    def test_asyncio_subprocesses_are_blocked(self):
        self.assertEqual(process("asyncio.create_subprocess_exec", 2), check("import asyncio\nasyncio.create_subprocess_exec('ls')"))

    def test_ipython_system_calls_are_named_as_the_user_wrote_them(self):
        self.assertEqual(process("get_ipython().getoutput", 1), check("get_ipython().getoutput('ls')"))

    def test_loading_a_c_library_is_a_process_spawn_but_ctypes_sizes_are_not(self):
        effect = "loads a C library, whose functions (system, fork, execve) start processes outside these checks"
        self.assertEqual(("ProcessSpawningBlocked", "ctypes.util.find_library (line 2) %s, which is blocked here. %s" % (effect, RUN_SHELL), 2),
                         check("import ctypes.util\nctypes.util.find_library('c')"))
        self.assertIsNone(check("import ctypes\nctypes.sizeof(ctypes.c_int)"))

    def test_network_modules_and_socket_constructors_are_blocked(self):
        self.assertEqual(network("requests", 1), check("import requests"))
        self.assertEqual(network("http.client.HTTPConnection", 1), check("from http.client import HTTPConnection"))
        self.assertEqual(network("socket.socket", 2), check("import socket\nsocket.socket()"))
        self.assertEqual(network("seaborn.load_dataset", 2), check("import seaborn as sns\nsns.load_dataset('tips')"))

    def test_local_sockets_host_names_and_url_parsing_are_not_network_access(self):
        self.assertIsNone(check("import socket\nsocket.socket(socket.AF_UNIX)\n(socket.gethostname(), socket.socketpair())"))
        self.assertIsNone(check("import urllib.parse, http\n(urllib.parse.quote('a b'), http.HTTPStatus.OK)"))

    def test_package_managers_are_blocked_at_their_import(self):
        self.assertEqual(("PackageInstallBlocked", "ensurepip (line 1) is not available: packages cannot be installed here.", 1),
                         before_preinstalled(check("import ensurepip")))

    def test_a_process_call_that_installs_packages_is_reported_as_the_install(self):
        found = check("import subprocess, sys\nsubprocess.check_call([sys.executable, '-m', 'pip', 'install', 'json'])")
        self.assertEqual(("PackageInstallBlocked", "python -m pip install (line 2) is not available: packages cannot be installed here. "
                          "json is already installed: import it directly.", 2), before_preinstalled(found))
        self.assertTrue(found[1].endswith(" Also blocked: subprocess (line 1)."), found[1])

    def test_pip_main_is_reported_as_pip_install(self):
        found = check("import pip\npip.main(['install', 'x'])")
        self.assertTrue(found[1].endswith(" Also blocked: pip install (line 2)."), found[1])

    def test_interpreter_internals_are_blocked(self):
        self.assertEqual(internals("gc.get_referrers", 2), check("import gc\ngc.get_referrers(print)"))
        self.assertEqual(internals("threading.settrace", 2), check("import threading\nthreading.settrace(print)"))

    def test_every_rule_has_a_known_category_and_an_effect(self):
        for category, pattern, effect in RULES.RULES:
            with self.subTest(pattern=pattern.pattern[:40]):
                self.assertIn(category, HELPER.guard.PRIORITY)
                self.assertTrue(effect)


class InternalAttributesTest(unittest.TestCase):
    """guard_rules.INTERNAL_ATTRIBUTES and HELPER_NAME."""

    def test_each_internal_attribute_is_blocked_when_read_and_through_getattr(self):
        documented = ("__subclasses__", "__globals__", "__closure__", "cell_contents", "f_globals", "f_builtins")
        self.assertEqual(sorted(documented), sorted(RULES.INTERNAL_ATTRIBUTES), "SECURITY-guardrails.md lists them")
        for attribute in documented:
            with self.subTest(attribute=attribute):
                self.assertEqual(internals("f.%s" % attribute, 2), check("f = lambda: 0\nf.%s" % attribute))
                self.assertEqual(internals("getattr(f, %r)" % attribute, 1), check("getattr(f, %r)" % attribute))

    def test_the_class_hierarchy_walk_is_blocked(self):
        self.assertEqual(internals("().__class__.__base__.__subclasses__", 1), check("().__class__.__base__.__subclasses__()"))

    def test_subclasses_of_the_users_own_class_are_a_registry_not_a_walk(self):
        self.assertIsNone(check("class Base: pass\nclass A(Base): pass\nBase.__subclasses__()"))
        earlier = {"__name__": "__main__", "Plugin": type("Plugin", (), {"__module__": "__main__"})}
        self.assertIsNone(check("Plugin.__subclasses__()", earlier))

    def test_a_string_naming_the_helpers_modules_is_blocked(self):
        self.assertEqual(internals("'__code_interpreter_x'", 1, "refers to the code interpreter's own helper"),
                         check("'__code_interpreter_x'"))

    def test_other_dunder_attributes_are_not_internals(self):
        self.assertIsNone(check("getattr(print, '__self__')\n(1).__class__.__name__"))


class ComputedNamesTest(unittest.TestCase):
    """guard_rules.SENSITIVE_MODULES: a member looked up by a name computed at run time."""

    def test_each_sensitive_module_refuses_a_computed_getattr_with_its_categorys_advice(self):
        advice = {"process": " " + RUN_SHELL, "network": " " + NO_NETWORK, "internals": ""}
        errors = {"process": "ProcessSpawningBlocked", "network": "NetworkAccessBlocked", "internals": "BlockedOperation"}
        for module, category in sorted(RULES.SENSITIVE_MODULES.items()):
            with self.subTest(module=module):
                # The module comes from an earlier call (importing some of them is blocked already); where the
                # module's every use is blocked, that is listed after.
                error_type, message, line = check("getattr(m, name)", {"m": types.ModuleType(module)})
                self.assertEqual((errors[category], "getattr(m, name) (line 1) looks up a member of %s by a name computed at run "
                                  "time, which is blocked here. %s%s" % (module, COMPUTED, advice[category]), 1),
                                 (error_type, message.split(" Also blocked: ")[0], line))

    def test_a_computed_key_into_a_modules_dict_is_blocked(self):
        self.assertEqual(("BlockedOperation", "vars(gc)[name] (line 2) looks up a member of gc by a name computed at run time, which "
                          "is blocked here. %s" % COMPUTED, 2), check("import gc\nvars(gc)[name]"))

    def test_a_computed_getattr_on_other_modules_and_the_users_objects_runs(self):
        self.assertIsNone(check("import math\ngetattr(math, name)"))
        self.assertIsNone(check("class Config:\n    retries = 3\nname = 'retr' + 'ies'\ngetattr(Config, name)"))


class NameResolutionTest(unittest.TestCase):
    """guard_names.Names: the routes by which a name reaches a blocked function."""

    def test_an_import_alias_is_named_by_the_module(self):
        self.assertEqual(process("subprocess", 1, " Also blocked: subprocess.Popen (line 2)."),
                         check("import subprocess as sp\nsp.Popen(['ls'])"))

    def test_a_from_import_alias_is_named_by_what_it_stands_for(self):
        self.assertEqual(process("os.system", 1, " Also blocked: os.system (line 2)."), check("from os import system as s\ns('ls')"))

    def test_a_module_imported_by_an_earlier_call_is_known_by_its_alias(self):
        self.assertEqual(process("os.system", 1), check("operating_system.system('ls')", {"operating_system": os}))
        self.assertEqual(process("os.system", 1), check("run('ls')", {"run": os.system}))

    def test_assignment_chains_resolve_whatever_their_order(self):
        self.assertEqual(process("os.system", 3), check("import os\na = os\nb = a.system"))
        self.assertEqual(process("os.popen", 2), check("import os\nrunners = {'p': os.popen}\nrunners['p']('ls')"))

    def test_getattr_with_names_made_of_constants(self):
        for name in ("'sys' + 'tem'", "''.join(['sy', 'stem'])", "'metsys'[::-1]", "f'system'", "n"):
            with self.subTest(name=name):
                self.assertEqual(process("os.system", 3), check("import os\nn = 'system'\ngetattr(os, %s)('ls')" % name))

    def test_importers_return_the_module_they_name(self):
        self.assertEqual(process("subprocess.run", 1), check("__import__('subprocess').run(['ls'])"))
        self.assertEqual(process("subprocess.call", 2), check("import importlib\nimportlib.import_module('subprocess').call(['ls'])"))
        self.assertEqual(process("subprocess.run", 2), check("import importlib\nimportlib.__import__('subprocess').run(['ls'])"))
        self.assertEqual(process("__import__('subprocess')", 2), check("import builtins\nbuiltins.__import__('subprocess')"))
        self.assertEqual(("PackageInstallBlocked", "runpy.run_module('pip') (line 2) is not available: packages cannot be installed "
                          "here.", 2), before_preinstalled(check("import runpy\nrunpy.run_module('pip', run_name='__main__')")))

    def test_module_tables_sys_modules_vars_and_builtins(self):
        self.assertEqual(process("os.system", 2), check("import sys\nsys.modules['os'].system('ls')"))
        self.assertEqual(process("os.system", 2), check("import sys\nsys.modules.get('os').system('ls')"))
        self.assertEqual(process("os.system", 2), check("import os\nvars(os)['system']('ls')"))
        self.assertEqual(process("os.system", 2), check("import os\nos.__dict__.get('system')('ls')"))
        self.assertEqual(process("os.system", 1), check("__builtins__.__dict__['__import__']('os').system('ls')"))
        self.assertEqual(process("os.system", 1), check("globals()['__builtins__'].__import__('os').system('ls')"))

    def test_a_star_import_brings_the_blocked_names(self):
        self.assertEqual(process("os.system", 2), check("from os import *\nsystem('ls')"))

    def test_the_strings_given_to_exec_eval_and_compile_are_checked_at_the_calls_line(self):
        self.assertEqual(process("os.system", 2), check("x = 1\neval(\"__import__('os').system('ls')\")"))
        self.assertEqual(process("os.system", 2), check("x = 1\ncompile(\"import os; os.system('ls')\", 'x', 'exec')"))
        self.assertEqual(process("subprocess", 1, " Also blocked: subprocess.run (line 1)."),
                         check("exec(\"import subprocess\\nsubprocess.run(['ls'])\")"))

    def test_harmless_exec_and_code_that_is_not_python_in_exec_run(self):
        self.assertIsNone(check("exec('y = 5')\neval('y + 2')\nexec('this is not python')"))

    def test_names_that_only_mention_blocked_things_are_not_flagged(self):
        self.assertIsNone(check("subprocess_count = 3\nsystem = 'linux'\nsocket_timeout = 5\ndef fork(): return 'mine'\n"
                                "note = 'subprocess and os.system are blocked'\n(subprocess_count, system, fork(), note)"))

    def test_a_local_name_shadows_a_builtin_importer(self):
        self.assertIsNone(check("def __import__(name): return name\n__import__('subprocess')"))


class FileChangesTest(unittest.TestCase):
    """guard_rules' tables of calls that change files: OPENERS, WRITE_FLAGS, PATH_FUNCTIONS, PATH_METHODS,
    WRITER_METHODS, WRITER_CLASSES and PATH_KEYWORDS, judged against /mnt/data and /tmp."""

    def test_opening_for_writing_appending_creating_or_updating_is_a_write(self):
        for mode in ("w", "a", "x", "r+", "wb", "ab+"):
            with self.subTest(mode=mode):
                self.assertEqual(file_change("open", 1, "writes to /etc/x"), check("open('/etc/x', %r)" % mode))
        self.assertEqual(file_change("open", 1, "writes to /etc/x"), check("open('/etc/x', mode='r+')"))

    def test_every_opener_is_judged_and_reading_anywhere_is_not(self):
        for opener in sorted(RULES.OPENERS):
            call = opener.replace("builtins.", "")
            with self.subTest(opener=opener):
                self.assertEqual(file_change(call, 2, "writes to /etc/x"), check("import io, codecs\n%s('/etc/x', 'w')" % call))
                self.assertIsNone(check("import io, codecs\n%s('/etc/passwd')\n%s('/etc/passwd', 'rb')" % (call, call)))

    def test_os_open_with_each_write_flag_is_a_write_and_read_only_is_not(self):
        for flag in sorted(RULES.WRITE_FLAGS):
            with self.subTest(flag=flag):
                self.assertEqual(file_change("os.open", 2, "writes to /etc/x"), check("import os\nos.open('/etc/x', os.%s)" % flag))
        self.assertEqual(file_change("os.open", 2, "writes to /etc/x"), check("import os\nos.open('/etc/x', 1)"))
        self.assertIsNone(check("import os\nos.open('/etc/x', os.O_RDONLY)"))

    def test_every_path_function_is_judged_at_each_of_its_path_arguments(self):
        for function, arguments in sorted(RULES.PATH_FUNCTIONS.items()):
            for index, keyword in arguments:
                values = ["'/mnt/data/a'"] * (max(i for i, _ in arguments) + 1)
                values[index] = "'/etc/x'"
                with self.subTest(function=function, argument=index):
                    self.assertEqual(file_change(function, 2, "%s /etc/x" % RULES.verb(function)),
                                     check("import os, shutil\n%s(%s)" % (function, ", ".join(values))))
                    self.assertEqual(file_change(function, 2, "%s /etc/x" % RULES.verb(function)),
                                     check("import os, shutil\n%s(%s='/etc/x')" % (function, keyword)))

    def test_the_verb_says_what_the_change_does(self):
        self.assertEqual(file_change("os.remove", 2, "deletes /etc/hostname"), check("import os\nos.remove('/etc/hostname')"))
        self.assertEqual(file_change("os.rename", 2, "moves /etc/group"), check("import os\nos.rename('/etc/group', '/mnt/data/g')"))
        self.assertEqual(file_change("os.makedirs", 2, "creates /srv/data"), check("import os\nos.makedirs('/srv/data')"))
        self.assertEqual(file_change("os.chmod", 2, "changes /etc/passwd"), check("import os\nos.chmod('/etc/passwd', 0o777)"))
        self.assertEqual(file_change("shutil.copy", 2, "writes to /usr/local/bin/a"),
                         check("import shutil\nshutil.copy('/mnt/data/a', '/usr/local/bin/a')"))

    def test_every_path_method_is_judged_on_its_path(self):
        for method in sorted(RULES.PATH_METHODS):
            with self.subTest(method=method):
                self.assertEqual(file_change("Path('/etc/x').%s" % method, 2, "%s /etc/x" % RULES.verb(method)),
                                 check("from pathlib import Path\nPath('/etc/x').%s()" % method))

    def test_a_path_renamed_to_outside_is_judged_at_its_target_and_a_path_opened_for_writing_too(self):
        self.assertEqual(file_change("Path('/mnt/data/x').rename", 2, "moves /opt/y"),
                         check("from pathlib import Path\nPath('/mnt/data/x').rename('/opt/y')"))
        self.assertEqual(file_change("Path('/opt/x').open", 2, "writes to /opt/x"), check("from pathlib import Path\nPath('/opt/x').open('w')"))
        self.assertEqual(file_change("(Path('/etc') / 'x').write_text", 2, "writes to /etc/x"),
                         check("from pathlib import Path\n(Path('/etc') / 'x').write_text('y')"))

    def test_every_writer_method_and_class_is_judged_by_its_first_argument_or_path_keyword(self):
        for method in sorted(RULES.WRITER_METHODS):
            with self.subTest(method=method):
                self.assertEqual(file_change("df.%s" % method, 1, "writes to /etc/x"), check("df.%s('/etc/x')" % method))
        for writer in sorted(RULES.WRITER_CLASSES):
            with self.subTest(writer=writer):
                self.assertEqual(file_change("canvas.%s" % writer, 1, "writes to /etc/x"), check("canvas.%s('/etc/x')" % writer))
        for keyword in RULES.PATH_KEYWORDS:
            with self.subTest(keyword=keyword):
                self.assertEqual(file_change("df.to_csv", 1, "writes to /etc/x"), check("df.to_csv(%s='/etc/x')" % keyword))

    def test_paths_known_only_by_their_folder_are_judged_by_it(self):
        for path in ("f'/etc/{name}.conf'", "'/etc/' + name", "'/etc/%s' % name", "'/etc/{}'.format(name)", "os.path.join('/etc', name)"):
            with self.subTest(path=path):
                self.assertEqual(file_change("open", 2, "writes to /etc/..."), check("import os\nopen(%s, 'w')" % path))
        self.assertIsNone(check("import os\nopen(os.path.join('/mnt/data', name), 'w')\nopen(f'/mnt/{name}', 'w')"))

    def test_a_path_in_a_variable_is_judged(self):
        self.assertEqual(file_change("open", 2, "writes to /etc/profile.d/x.sh"),
                         check("target = '/etc/profile.d/x.sh'\nwith open(target, 'w') as f:\n    f.write('x')"))

    def test_relative_paths_land_in_mnt_data_unless_they_climb_out(self):
        self.assertEqual(file_change("open", 1, "writes to /etc/motd"), check("open('../../etc/motd', 'x')"))
        self.assertIsNone(check("open('out/x.txt', 'w')\nopen('~/x', 'w')"))

    def test_after_a_change_of_folder_relative_paths_are_left_to_the_audit_hook(self):
        # From /mnt/data that would be /x; from /mnt/data/a/b it is /mnt/data/x.
        self.assertIsNone(check("import os\nos.chdir('/mnt/data/a/b')\nopen('../../x', 'w')"))
        self.assertEqual(file_change("open", 1, "writes to /x"), check("open('../../x', 'w')"))

    def test_mnt_data_tmp_and_the_standard_devices_are_writable_but_folders_that_only_start_alike_are_not(self):
        self.assertIsNone(check("open('/mnt/data/x', 'w')\nopen('/tmp/x', 'w')\nopen('/dev/null', 'w')\nopen('/dev/stderr', 'w')"))
        self.assertEqual(file_change("open", 1, "writes to /mnt/database.txt"), check("open('/mnt/database.txt', 'w')"))
        self.assertEqual(file_change("open", 1, "writes to /tmpfile"), check("open('/tmpfile', 'w')"))


class DownloadsTest(unittest.TestCase):
    """guard_rules.READERS and URL: reading from a literal URL."""

    def test_a_reader_given_a_url_downloads_from_the_network(self):
        self.assertEqual(network("pd.read_csv('https://example.com/d.csv')", 2, "downloads from the network"),
                         check("import pandas as pd\npd.read_csv('https://example.com/d.csv')"))
        for reader in RULES.READERS:
            with self.subTest(reader=reader):
                self.assertEqual(network("np.%s('S3://bucket/x')" % reader, 1, "downloads from the network"),
                                 check("np.%s('S3://bucket/x')" % reader))

    def test_a_reader_given_a_file_reads_it(self):
        self.assertIsNone(check("import pandas as pd\npd.read_csv('data.csv')\npd.read_json('/mnt/data/x.json')"))


class ReportTest(unittest.TestCase):
    """One error for everything found: the most telling first, then up to three others by name and line."""

    def test_the_most_telling_category_leads_and_three_others_follow_by_priority_then_line(self):
        self.assertEqual(process("subprocess", 1, " Also blocked: os.system (line 2); socket.socket (line 4); open (line 3); and 1 more."),
                         check("import subprocess, socket, os\nos.system('a')\nopen('/etc/x', 'w')\nsocket.socket()\nimport gc\n"
                               "gc.get_objects()"))

    def test_a_package_install_leads_over_a_process(self):
        found = check("import subprocess, pip")
        self.assertEqual("PackageInstallBlocked", found[0])
        self.assertTrue(found[1].startswith("pip (line 1) is not available"), found[1])
        self.assertTrue(found[1].endswith(" Also blocked: subprocess (line 1)."), found[1])

    def test_the_same_call_on_two_lines_is_listed_twice_but_once_per_line(self):
        self.assertEqual(process("os.system", 2, " Also blocked: os.system (line 3)."),
                         check("import os\nos.system('a'); os.system('a')\nos.system('a')"))

    def test_code_too_deep_to_follow_is_left_to_the_audit_hook_rather_than_failed(self):
        code = "import os\nx = " + " + ".join(["os.system('ls')"] * 1000)  # parses, but nests deeper than the recursion limit
        self.assertIsNone(HELPER.guard_static.check_tree(ast.parse(code), code, {}))


class NotPythonTest(unittest.TestCase):
    """check_magics and guard_rules.MAGIC_WORDS: IPython shell escapes and magics in code that is not Python."""

    def test_a_shell_escape_on_any_line_starts_a_process(self):
        self.assertEqual(("ProcessSpawningBlocked", "The shell escape !touch (line 2) starts a process, which is blocked here. %s" % RUN_SHELL, 2),
                         check_not_python("x = 1\n!touch /mnt/data/p29"))
        self.assertEqual(("ProcessSpawningBlocked", "The shell escape !ls (line 1) starts a process, which is blocked here. %s" % RUN_SHELL, 1),
                         check_not_python("x = !ls"))

    def test_every_process_magic_starts_a_process_as_a_line_or_a_cell(self):
        words = ("system", "sx", "sc", "bash", "sh", "script", "zsh", "perl", "ruby")
        self.assertEqual(sorted(words), sorted(w for w, category in RULES.MAGIC_WORDS.items() if category == "process"))
        for word in words:
            for sigil in ("%", "%%"):
                with self.subTest(magic=sigil + word):
                    self.assertEqual(("ProcessSpawningBlocked", "The magic %s%s (line 1) starts a process, which is blocked here. %s"
                                      % (sigil, word, RUN_SHELL), 1), check_not_python("%s%s ls\nls" % (sigil, word)))

    def test_every_package_magic_is_an_install(self):
        words = ("pip", "conda", "mamba", "micromamba")
        self.assertEqual(sorted(words), sorted(w for w, category in RULES.MAGIC_WORDS.items() if category == "package"))
        for word in words:
            with self.subTest(magic=word):
                self.assertEqual(("PackageInstallBlocked", "%%%s install (line 1) is not available: packages cannot be installed "
                                  "here. surely-absent is not installed." % word, 1),
                                 before_preinstalled(check_not_python("%%%s install surely-absent" % word)))

    def test_an_install_in_a_shell_escape_is_an_install(self):
        self.assertEqual(("PackageInstallBlocked", "!pip3 install (line 2) is not available: packages cannot be installed here. "
                          "json is already installed: import it directly.", 2),
                         before_preinstalled(check_not_python("x = 1\n!pip3 install --user json\nprint(x)")))

    def test_other_magics_and_plain_syntax_errors_stay_syntax_errors(self):
        self.assertIsNone(check_not_python("%matplotlib inline\nx = 1 +"))
        self.assertIsNone(check_not_python("x = 1 +"))


if __name__ == "__main__":
    unittest.main()
