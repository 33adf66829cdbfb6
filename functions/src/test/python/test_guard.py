"""The guardrails' errors and messages (guard.py), RunShellCommand's check for package installs
(guard_shell.py), and the runtime guard: guard.py's audit hook.

An audit hook can never be removed, so the hook is tested in one child process per run: the child
installs it, runs every case below as user code (compiled under the "<code-N>" name the runner gives
user code) and, where a case says so, kernel code after it, and reports each outcome as JSON."""
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback
import unittest

import helper_modules

HELPER = helper_modules.load()
GUARD = HELPER.guard
RUN_SHELL = "Run shell commands with the RunShellCommand tool."
NO_NETWORK = "The sandbox has no network access: upload the data the code needs with UploadFileToSession."
SAVE_IN_DATA = "Save files in /mnt/data (the working folder, where relative paths land) or /tmp."
CALL_BY_NAME = "Call the functions you need by their names."
LIST_PACKAGES = "import importlib.metadata as m; sorted(d.metadata['Name'] for d in m.distributions())"


def before_preinstalled(message):
    return message.split(" Preinstalled: ")[0]


class MessagesTest(unittest.TestCase):

    def test_each_category_has_its_error_type_and_advice(self):
        expected = {"process": ("ProcessSpawningBlocked", RUN_SHELL), "network": ("NetworkAccessBlocked", NO_NETWORK),
                    "file": ("FileAccessBlocked", SAVE_IN_DATA), "internals": ("BlockedOperation", CALL_BY_NAME)}
        self.assertEqual(sorted(expected), sorted(GUARD.ADVICE))
        for category, (error_type, advice) in expected.items():
            with self.subTest(category=category):
                error = GUARD.blocked(category, "x.y", 4, "does a thing")
                self.assertEqual(error_type, error.error_type)
                self.assertEqual("x.y (line 4) does a thing, which is blocked here. " + advice, str(error))
                self.assertEqual(4, error.line)

    def test_a_message_without_a_line_says_no_line_and_own_advice_replaces_the_default(self):
        self.assertEqual("x does a thing, which is blocked here. Do this.", str(GUARD.blocked("process", "x", None, "does a thing", "Do this.")))

    def test_refusals_are_permission_errors_named_as_the_answer_names_them(self):
        error = GUARD.blocked("network", "socket.socket", 1, "opens a network connection")
        self.assertIsInstance(error, PermissionError)
        self.assertEqual("NetworkAccessBlocked: socket.socket (line 1) opens a network connection, which is blocked here. %s\n" % NO_NETWORK,
                         "".join(traceback.format_exception_only(type(error), error)))

    def test_a_package_refusal_says_which_wanted_packages_are_installed_and_which_are_not(self):
        self.assertEqual("pip install (line 2) is not available: packages cannot be installed here. json is already installed: import it "
                         "directly. surely-absent is not installed.",
                         before_preinstalled(str(GUARD.package_blocked("pip install", 2, ["json", "surely-absent", "--user"]))))
        self.assertEqual("pip install is not available: packages cannot be installed here. json, csv are already installed: import them "
                         "directly. surely-absent, also-absent==1.0 are not installed.",
                         before_preinstalled(str(GUARD.package_blocked("pip install", None, ["json", "csv", "surely-absent",
                                                                                             "also-absent==1.0"]))))

    def test_a_package_refusal_lists_the_well_known_packages_this_python_has(self):
        have = [package for package, module in GUARD._WELL_KNOWN if importlib.util.find_spec(module) is not None]
        message = str(GUARD.package_blocked("pip", 1))
        self.assertEqual("pip (line 1) is not available: packages cannot be installed here. Preinstalled: %s; list them all with `%s`."
                         % (", ".join(have), LIST_PACKAGES), message)
        self.assertEqual("PackageInstallBlocked", GUARD.package_blocked("pip", 1).error_type)

    def test_the_refusal_behind_a_wrapped_exception_is_found_and_other_errors_have_none(self):
        refusal = GUARD.blocked("process", "os.system", 2, "starts a process")
        try:
            try:
                raise refusal
            except PermissionError as e:
                raise RuntimeError("could not run it") from e
        except RuntimeError as wrapped:
            self.assertIs(refusal, GUARD.blocked_cause(wrapped))
        try:
            try:
                raise refusal
            except PermissionError:
                raise ValueError("while handling")
        except ValueError as context:
            self.assertIs(refusal, GUARD.blocked_cause(context))
        self.assertIsNone(GUARD.blocked_cause(ValueError("plain")))
        self.assertIsNone(GUARD.blocked_cause(None))

    def test_a_cycle_of_causes_ends_the_search(self):
        a, b = ValueError("a"), ValueError("b")
        a.__cause__, b.__cause__ = b, a
        self.assertIsNone(GUARD.blocked_cause(a))


class ShellInstallsTest(unittest.TestCase):
    """guard_shell.package_install: the package install a shell command would run, wherever it is in it."""

    def assertInstall(self, expected, command):
        self.assertEqual(expected, HELPER.guard_shell.package_install(command), command)

    def test_installers_and_the_packages_they_name(self):
        self.assertInstall(("pip install", ["requests"]), "pip install requests")
        self.assertInstall(("pip3 install", ["pandas", "numpy==1.0"]), "pip3 install pandas numpy==1.0")
        self.assertInstall(("pip3.11 install", ["x"]), "pip3.11 install x")
        self.assertInstall(("pipx install", ["black"]), "pipx install black")
        self.assertInstall(("uv pip install", ["x"]), "uv pip install x")
        self.assertInstall(("easy_install", ["x"]), "easy_install x")
        self.assertInstall(("conda install", ["numpy"]), "conda install -y numpy")
        self.assertInstall(("mamba create", ["polars"]), "mamba create polars")
        self.assertInstall(("apt-get install", ["curl"]), "apt-get install -y curl")
        self.assertInstall(("apk add", ["curl"]), "apk add curl")

    def test_python_running_pip_or_ensurepip(self):
        self.assertInstall(("python -m pip install", ["seaborn"]), "python3 -m pip install seaborn")
        self.assertInstall(("python -m pip install", ["pip"]), "python -m pip install --upgrade pip")
        self.assertInstall(("python -m pip install", ["x"]), "python -mpip install x")
        self.assertInstall(("python -m ensurepip", []), "python3 -m ensurepip")
        self.assertInstall(("python -c pip install", []), "python -c \"import pip; pip.main(['install', 'x'])\"")
        self.assertInstall(None, "python3 -c 'print(1)'")
        self.assertInstall(None, "python3 -m http.server")
        self.assertInstall(None, "python3 script.py install")

    def test_options_with_values_and_files_are_not_packages(self):
        self.assertInstall(("pip install", ["x"]), "pip install -r requirements.txt -i http://mirror/simple --target /tmp/t x ./local "
                                                   "wheel.whl dist/y.tar.gz")
        self.assertInstall(("pip install", ["x"]), "pip install --prefix prefixdir -c constraints --index-url mirror -e editable x")

    def test_every_simple_command_is_looked_at_past_wrappers_assignments_and_nested_shells(self):
        for command in ("ls; pip install requests", "echo start && pip install requests", "false || pip install requests",
                        "cat requirements.txt | xargs pip install requests", "bash -c \"pip install requests\"",
                        "sh -lc 'pip install requests'", "sudo -E pip install requests", "PIP_INDEX_URL=http://mirror pip install requests",
                        "env A=1 nohup timeout 10s pip install requests", "(cd /tmp && pip install requests)", "eval pip install requests",
                        "if true; then pip install requests; fi", "ls\npip install requests", "/usr/bin/pip install requests"):
            with self.subTest(command=command):
                self.assertInstall(("pip install", ["requests"]), command)

    def test_mentions_of_installs_are_not_installs(self):
        for command in ("echo pip install x", "grep \"pip install\" notes.md", "pip list", "pip show pandas", "conda list",
                        "apt-get update", "ls -la", "bash script.sh", ""):
            with self.subTest(command=command):
                self.assertInstall(None, command)

    def test_a_command_with_unbalanced_quotes_is_still_read_word_by_word(self):
        self.assertInstall(("pip install", ["requests", "'unclosed"]), "pip install requests 'unclosed")

    def test_nesting_beyond_five_shells_is_not_followed(self):
        command = "pip install x"
        for _ in range(7):
            command = "bash -c %s" % shlex.quote(command)
        self.assertInstall(None, command)

    def test_run_shell_command_gets_a_package_refusal_or_nothing(self):
        refusal = GUARD.check_shell("touch before; pip install surely-absent")
        self.assertEqual("PackageInstallBlocked", refusal.error_type)
        self.assertEqual("pip install is not available: packages cannot be installed here. surely-absent is not installed.",
                         before_preinstalled(str(refusal)))
        self.assertIsNone(refusal.line)
        self.assertIsNone(GUARD.check_shell("grep -c ERROR app.log"))


CHILD = r'''
import json, sys
import helper_modules

guard = helper_modules.load(until="guard.py").guard


def kernel_guarded(function, *args):
    """A function of the helper that the hook is told to guard, as runner.py's run_python is."""
    return function(*args)


def attempt(function, *args):
    try:
        function(*args)
        return "ran"
    except guard.BlockedOperationError as e:
        return "%s: %s" % (e.error_type, e)


def record(box, function, *args):
    box.append(attempt(function, *args))


guard.install(kernel_guarded)
results = {}
for number, (name, case) in enumerate(sorted(json.load(sys.stdin).items()), 1):
    scope = {"__name__": "__main__", "attempt": attempt, "record": record, "kernel_guarded": kernel_guarded}
    try:
        exec(compile(case["user"], "<code-%d>" % number, "exec"), scope)
        if case.get("kernel"):
            exec(compile(case["kernel"], "<kernel>", "exec"), scope)
        results[name] = {"ran": scope.get("result")}
    except Exception as e:
        refusal = guard.blocked_cause(e)
        results[name] = ({"refused": [refusal.error_type, str(refusal), refusal.line]} if refusal is not None
                         else {"failed": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(results))
'''


class AuditHookTest(unittest.TestCase):
    """guard.install: the hook refuses blocked operations while user code runs, and only then."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = os.path.realpath(tempfile.mkdtemp(prefix="guard-test-"))
        # Outside /mnt/data and /tmp, but harmless should the hook fail to refuse a write there.
        cls.outside = os.path.realpath(tempfile.mkdtemp(prefix="guard-test-", dir="/var/tmp"))
        with open(os.path.join(cls.outside, "keep.txt"), "w") as f:
            f.write("kept")
        os.chmod(os.path.join(cls.outside, "keep.txt"), 0o644)  # whatever the umask, so that a change would show
        paths = "TMP, OUTSIDE = %r, %r\n" % (cls.tmp, cls.outside)
        cases = {name: {"user": paths + case["user"], "kernel": case.get("kernel")} for name, case in CASES.items()}
        child = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.insert(0, %r)\n" % helper_modules.HERE + CHILD],
                               input=json.dumps(cases), capture_output=True, text=True, timeout=60)
        if child.returncode != 0:
            raise AssertionError("the hook's child process failed:\n" + child.stderr)
        cls.results = json.loads(child.stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        shutil.rmtree(cls.outside, ignore_errors=True)

    def refused(self, case):
        """(error type, message, line) of a case's refusal; user code starts at line 2, after the paths."""
        outcome = self.results[case]
        self.assertIn("refused", outcome, outcome)
        return tuple(outcome["refused"])

    def ran(self, case):
        outcome = self.results[case]
        self.assertIn("ran", outcome, outcome)
        return outcome["ran"]

    def outside_message(self, what, effect, path):
        return "%s %s %s, outside /mnt/data and /tmp, which is blocked here. %s" % (what, effect, path, SAVE_IN_DATA)

    def test_a_shell_command_is_refused_with_the_command_and_the_users_line(self):
        self.assertEqual(("ProcessSpawningBlocked", "os.system (line 3) starts a process (true), which is blocked here. " + RUN_SHELL, 3),
                         self.refused("system"))

    def test_a_subprocess_is_refused_with_its_argument_list(self):
        self.assertEqual(("ProcessSpawningBlocked", "subprocess.Popen (line 3) starts a process (true an argument), which is blocked "
                          "here. " + RUN_SHELL, 3), self.refused("popen"))

    def test_exec_and_spawn_functions_are_refused(self):
        self.assertEqual("os.exec* (line 3) starts a process (true)", self.refused("execv")[1].split(",")[0])
        self.assertEqual("os.posix_spawn (line 3) starts a process (true)", self.refused("posix_spawn")[1].split(",")[0])

    def test_a_long_command_is_shown_cut_short(self):
        self.assertEqual("os.system (line 3) starts a process (echo %s...)" % ("x" * 72), self.refused("long_command")[1].split(",")[0])

    def test_a_process_that_installs_packages_is_refused_as_the_install(self):
        error_type, message, line = self.refused("pip_in_system")
        self.assertEqual(("PackageInstallBlocked", "pip install (line 3) is not available: packages cannot be installed here. "
                          "surely-absent is not installed.", 3), (error_type, before_preinstalled(message), line))

    def test_importing_pip_is_refused(self):
        error_type, message, line = self.refused("import_pip")
        self.assertEqual(("PackageInstallBlocked", "import pip (line 2) is not available: packages cannot be installed here.", 2),
                         (error_type, before_preinstalled(message), line))

    def test_a_write_outside_is_refused_before_the_file_exists(self):
        target = self.outside + "/new.txt"
        self.assertEqual(("FileAccessBlocked", self.outside_message("open(%r, 'w') (line 2)" % target, "writes to", target), 2),
                         self.refused("write_outside"))
        self.assertFalse(os.path.exists(target))

    def test_writes_under_tmp_and_to_dev_null_run(self):
        self.assertEqual("written", self.ran("write_tmp"))

    def test_a_symbolic_link_out_of_tmp_is_judged_where_it_leads(self):
        self.assertEqual(("FileAccessBlocked", self.outside_message("open(%r, 'w') (line 4)" % (self.tmp + "/link/y"), "writes to",
                                                                    self.outside + "/y"), 4), self.refused("through_a_link"))
        self.assertFalse(os.path.exists(self.outside + "/y"))

    def test_deleting_moving_creating_and_changing_outside_are_refused_and_do_not_happen(self):
        keep = self.outside + "/keep.txt"
        self.assertEqual(self.outside_message("os.remove(%r) (line 3)" % keep, "deletes", keep), self.refused("remove")[1])
        self.assertEqual(self.outside_message("os.rename(%r, %r) (line 4)" % (self.tmp + "/m", self.outside + "/m"), "moves",
                                              self.outside + "/m"), self.refused("rename")[1])
        self.assertEqual(self.outside_message("os.mkdir(%r) (line 3)" % (self.outside + "/d"), "creates", self.outside + "/d"),
                         self.refused("mkdir")[1])
        self.assertEqual(self.outside_message("os.chmod(%r) (line 3)" % keep, "changes", keep), self.refused("chmod")[1])
        self.assertEqual(self.outside_message("shutil.copyfile(%r) (line 4)" % (self.outside + "/c"), "writes to", self.outside + "/c"),
                         self.refused("copyfile")[1])
        self.assertEqual(["keep.txt"], os.listdir(self.outside))
        self.assertEqual(0o644, os.stat(keep).st_mode & 0o777)

    def test_a_path_relative_to_a_folder_descriptor_is_judged_in_that_folder(self):
        self.assertEqual(self.outside_message("os.mkdir('d') (line 4)", "creates", self.outside + "/d"), self.refused("dir_fd")[1])
        self.assertFalse(os.path.exists(self.outside + "/d"))

    def test_a_path_is_read_as_what_it_is_not_as_what_its_methods_say(self):
        target = self.outside + "/s"
        self.assertEqual(self.outside_message("open(%r, 'w') (line 5)" % target, "writes to", target), self.refused("str_subclass")[1])

    def test_network_sockets_and_name_lookups_are_refused_but_local_sockets_run(self):
        self.assertEqual(("NetworkAccessBlocked", "socket.socket (line 3) opens a network connection, which is blocked here. " + NO_NETWORK,
                          3), self.refused("inet_socket"))
        self.assertEqual("socket.getaddrinfo('example.com') (line 3) opens a network connection",
                         self.refused("getaddrinfo")[1].split(",")[0])
        self.assertEqual(b"hi", eval(self.ran("local_sockets")))

    def test_loading_libc_and_its_process_functions_through_ctypes_are_refused(self):
        self.assertEqual(("ProcessSpawningBlocked", "ctypes.CDLL('libc.so.6') (line 3) loads the C library, whose functions (system, fork, "
                          "execve) start processes outside these checks, which is blocked here. " + RUN_SHELL, 3), self.refused("libc"))
        self.assertEqual(("ProcessSpawningBlocked", "the C function system through ctypes (line 3) starts processes or opens connections "
                          "outside these checks, which is blocked here. " + RUN_SHELL, 3), self.refused("libc_symbol"))

    def test_the_interpreters_internals_are_refused(self):
        self.assertEqual(("BlockedOperation", "gc.get_objects (line 3) reaches into the interpreter's internals, which is blocked here. "
                          + CALL_BY_NAME, 3), self.refused("gc"))
        self.assertEqual(("BlockedOperation", "sys.settrace (line 3) installs a trace function, which would run outside these checks, "
                          "which is blocked here. " + CALL_BY_NAME, 3), self.refused("settrace"))

    def test_a_refusal_the_user_swallows_still_stops_the_operation(self):
        self.assertEqual(["ProcessSpawningBlocked", False], self.ran("swallowed"))

    def test_the_kernels_own_code_is_not_guarded(self):
        self.assertEqual(0, self.ran("kernel_code"))

    def test_a_function_the_user_wrote_stays_guarded_when_the_kernel_calls_it_later(self):
        self.assertEqual("ProcessSpawningBlocked: os.system (line 4) starts a process (true), which is blocked here. " + RUN_SHELL,
                         self.ran("user_function_later"))

    def test_a_guarded_helper_function_is_guarded_while_it_runs(self):
        self.assertEqual("ProcessSpawningBlocked: os.system starts a process (true), which is blocked here. " + RUN_SHELL,
                         self.ran("guarded_helper"))

    def test_a_thread_started_after_the_hook_is_guarded_for_its_whole_life(self):
        self.assertEqual("ProcessSpawningBlocked: os.system starts a process (true), which is blocked here. " + RUN_SHELL,
                         self.ran("new_thread"))


# Each case's user code starts at line 2: line 1 defines TMP and OUTSIDE.
CASES = {
    "system": {"user": "import os\nos.system('true')"},
    "popen": {"user": "import subprocess\nsubprocess.run(['true', 'an argument'])"},
    "execv": {"user": "import os\nos.execv('/bin/true', ['true'])"},
    "posix_spawn": {"user": "import os\nos.posix_spawn('/bin/true', ['true'], {})"},
    "long_command": {"user": "import os\nos.system('echo ' + 'x' * 100)"},
    "pip_in_system": {"user": "import os\nos.system('pip install surely-absent')"},
    "import_pip": {"user": "__import__('pip')"},
    "write_outside": {"user": "open(OUTSIDE + '/new.txt', 'w')"},
    "write_tmp": {"user": "open(TMP + '/x', 'w').write('a')\nopen('/dev/null', 'w').write('b')\nresult = 'written'"},
    "through_a_link": {"user": "import os\nos.symlink(OUTSIDE, TMP + '/link')\nopen(TMP + '/link/y', 'w')"},
    "remove": {"user": "import os\nos.remove(OUTSIDE + '/keep.txt')"},
    "rename": {"user": "import os\nopen(TMP + '/m', 'w').close()\nos.rename(TMP + '/m', OUTSIDE + '/m')"},
    "mkdir": {"user": "import os\nos.mkdir(OUTSIDE + '/d')"},
    "chmod": {"user": "import os\nos.chmod(OUTSIDE + '/keep.txt', 0o600)"},
    "copyfile": {"user": "import shutil\nopen(TMP + '/c', 'w').close()\nshutil.copyfile(TMP + '/c', OUTSIDE + '/c')"},
    "dir_fd": {"user": "import os\nfolder = os.open(OUTSIDE, os.O_RDONLY)\nos.mkdir('d', dir_fd=folder)"},
    "str_subclass": {"user": "class Lying(str):\n    def __str__(self):\n        return TMP + '/s'\nopen(Lying(OUTSIDE + '/s'), 'w')"},
    "inet_socket": {"user": "import socket\nsocket.socket()"},
    "getaddrinfo": {"user": "import socket\nsocket.getaddrinfo('example.com', 80)"},
    "local_sockets": {"user": "import socket\na, b = socket.socketpair()\na.sendall(b'hi')\nsocket.socket(socket.AF_UNIX).close()\n"
                              "result = repr(b.recv(2))"},
    "libc": {"user": "import ctypes\nctypes.CDLL('libc.so.6')"},
    "libc_symbol": {"user": "import ctypes\nctypes.CDLL(None).system"},
    "gc": {"user": "import gc\ngc.get_objects()"},
    "settrace": {"user": "import sys\nsys.settrace(None)"},
    "swallowed": {"user": "import os\ntry:\n    os.system('touch ' + TMP + '/swallowed')\nexcept PermissionError as e:\n"
                          "    result = [type(e).__name__, os.path.exists(TMP + '/swallowed')]",
                  "kernel": "result = [result[0], os.path.exists(TMP + '/swallowed')]"},
    "kernel_code": {"user": "", "kernel": "import os\nresult = os.system('true')"},
    "user_function_later": {"user": "import os\ndef later():\n    return os.system('true')", "kernel": "result = attempt(later)"},
    "guarded_helper": {"user": "", "kernel": "import os\nresult = attempt(kernel_guarded, os.system, 'true')"},
    "new_thread": {"user": "", "kernel": "import os, threading\nbox = []\nthread = threading.Thread(target=record, args=(box, os.system, "
                                         "'true'))\nthread.start()\nthread.join()\nresult = box[0]"},
}


if __name__ == "__main__":
    unittest.main()
