"""The helper's runner (runner.py), through its functions rather than its dispatch (whose request and reply
schema is the protocol, tested from the Java side): running Python (output, the trailing expression,
timeouts, errors and their tracebacks, files and figures) and shell commands.

In this process the runtime guard is not installed (an audit hook cannot be removed); one test runs the
whole helper, hook and all, in a child process."""
import base64
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

import helper_modules

RUN_SHELL = "Run shell commands with the RunShellCommand tool."


def python_request(code, timeout=None, max_output=None):
    """run_python's request: the one place these tests spell it."""
    request = {"op": "python", "pythonCode": code}
    if timeout is not None:
        request["timeoutSeconds"] = timeout
    if max_output is not None:
        request["maxOutput"] = max_output
    return request


def shell_request(command, timeout=None, max_output=None):
    request = {"op": "shell", "command": command}
    if timeout is not None:
        request["timeoutSeconds"] = timeout
    if max_output is not None:
        request["maxOutput"] = max_output
    return request


class RunnerTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="runner-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.helper = helper_modules.load(data_folder=self.data)
        self.runner = self.helper.runner
        self.addCleanup(self.helper.changes.close)
        self.addCleanup(os.chdir, os.getcwd())  # each call moves into the folder
        self.user_globals = {"__name__": "__main__", "DATA": self.data}
        self.kernel_out, self.kernel_err = io.StringIO(), io.StringIO()
        streams = mock.patch.multiple(sys, stdout=self.kernel_out, stderr=self.kernel_err)
        streams.start()
        self.addCleanup(streams.stop)

    def run_python(self, code, **options):
        self.runner._state["runs"] += 1  # as dispatch counts calls, which name the code "<code-N>"
        return self.runner.run_python(self.user_globals, python_request(code, **options))


class RunPythonTest(RunnerTest):

    def test_the_trailing_expression_is_the_result_and_prints_are_the_output(self):
        reply = self.run_python("x = 6\nprint('working')\nx * 7")
        self.assertEqual(("succeeded", "42", False, None), (reply["status"], reply["result"], reply["resultTruncated"], reply["error"]))
        self.assertEqual("working\n", self.kernel_out.getvalue())

    def test_code_without_a_trailing_value_has_no_result(self):
        for code in ("x = 1", "None", "print('a')", ""):
            with self.subTest(code=code):
                self.assertIsNone(self.run_python(code)["result"])

    def test_variables_live_on_into_the_next_call(self):
        self.run_python("total = 40")
        self.assertEqual("42", self.run_python("total + 2")["result"])

    def test_a_long_result_is_cut_and_says_so(self):
        self.runner.RESULT_REPR_CHARS = 5
        reply = self.run_python("'x' * 10")
        self.assertEqual(("'xxxx", True), (reply["result"], reply["resultTruncated"]))

    def test_output_beyond_max_output_is_saved_to_a_file(self):
        reply = self.run_python("print('x' * 20)", max_output=5)
        self.assertEqual("xxxxx", self.kernel_out.getvalue())
        [saved] = reply["savedOutputs"]
        self.assertEqual(("stdout", 21, "characters"), (saved["stream"], saved["total"], saved["unit"]))
        self.assertEqual(os.path.join(self.data, ".outputs"), os.path.dirname(saved["path"]))

    def test_a_syntax_error_says_what_and_where(self):
        reply = self.run_python("x = 1\ny = (")
        self.assertEqual(("failed", {"type": "SyntaxError", "message": "'(' was never closed (line 2)", "line": 2}),
                         (reply["status"], reply["error"]))
        self.assertTrue(self.kernel_err.getvalue().endswith("SyntaxError: '(' was never closed\n"), self.kernel_err.getvalue())

    def test_a_blocked_operation_is_refused_before_anything_runs_with_no_traceback(self):
        reply = self.run_python("open(DATA + '/before.txt', 'w').write('x')\nimport os\nos.system('true')")
        message = "os.system (line 3) starts a process, which is blocked here. " + RUN_SHELL
        self.assertEqual(("failed", {"type": "ProcessSpawningBlocked", "message": message, "line": 3}), (reply["status"], reply["error"]))
        self.assertEqual("ProcessSpawningBlocked: %s\n" % message, self.kernel_err.getvalue())
        self.assertFalse(os.path.exists(os.path.join(self.data, "before.txt")))

    def test_a_shell_escape_is_refused_instead_of_a_syntax_error(self):
        reply = self.run_python("x = 1\n!ls")
        self.assertEqual({"type": "ProcessSpawningBlocked", "message": "The shell escape !ls (line 2) starts a process, which is blocked "
                          "here. " + RUN_SHELL, "line": 2}, reply["error"])

    def test_an_exception_names_its_type_and_its_traceback_starts_in_the_users_code(self):
        reply = self.run_python("def divide():\n    return 1 / 0\ndivide()")
        self.assertEqual(("failed", {"type": "ZeroDivisionError", "message": "division by zero"}), (reply["status"], reply["error"]))
        traceback = self.kernel_err.getvalue()
        self.assertTrue(traceback.startswith('Traceback (most recent call last):\n  File "<code-1>", line 3, in <module>\n    divide()\n'),
                        traceback)
        self.assertIn('  File "<code-1>", line 2, in divide\n    return 1 / 0\n', traceback)
        self.assertNotIn("runner.py", traceback)
        self.assertTrue(traceback.endswith("ZeroDivisionError: division by zero\n"), traceback)

    def test_a_refusal_wrapped_by_user_code_keeps_its_type(self):
        self.user_globals["Refusal"] = self.helper.guard.ProcessSpawningBlocked
        reply = self.run_python("try:\n    raise Refusal('os.system (line 2) starts a process', 2)\nexcept PermissionError as e:\n"
                                "    raise RuntimeError('could not run it') from e")
        self.assertEqual({"type": "ProcessSpawningBlocked", "message": "os.system (line 2) starts a process", "line": 2}, reply["error"])
        self.assertIn("RuntimeError: could not run it", self.kernel_err.getvalue())

    def test_sys_exit_fails_the_call_without_ending_the_kernel(self):
        reply = self.run_python("import sys\nsys.exit(3)")
        self.assertEqual(("failed", {"type": "SystemExit", "message": "3"}), (reply["status"], reply["error"]))

    def test_code_past_its_timeout_is_stopped_even_when_it_catches_exceptions(self):
        reply = self.run_python("import time\nwhile True:\n    try:\n        time.sleep(1)\n    except Exception:\n        pass", timeout=0.2)
        self.assertEqual(("timedOut", {"type": "TimeoutError", "message": "The code ran longer than timeoutSeconds (0.2 s) and was stopped."}),
                         (reply["status"], reply["error"]))
        self.assertEqual((signal.SIG_DFL, (0.0, 0.0)), (signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)),
                         "the alarm is put back as it was")

    def test_files_written_under_the_folder_are_reported_with_their_content(self):
        reply = self.run_python("open(DATA + '/out.csv', 'w').write('a,b\\n')")
        self.assertEqual([{"path": os.path.join(self.data, "out.csv"), "name": "out.csv", "size": 4,
                           "base64": base64.b64encode(b"a,b\n").decode()}], reply["files"])
        self.assertEqual((0, None), (reply["filesNotReported"], self.runner._state["pending"]))

    @unittest.skipUnless(importlib.util.find_spec("matplotlib"), "matplotlib is not installed")
    def test_open_figures_are_captured_once_and_a_saved_figure_is_not_captured_again(self):
        reply = self.run_python("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])")
        [figure] = reply["figures"]
        self.assertEqual("figure-1.png", figure["name"])
        self.assertTrue(base64.b64decode(figure["base64"]).startswith(b"\x89PNG"))
        self.assertEqual([], self.run_python("1")["figures"], "figures are closed after they are captured")
        reply = self.run_python("plt.bar(['a'], [1])\nplt.savefig(DATA + '/chart.png')")
        self.assertEqual(([], ["chart.png"]), (reply["figures"], [f["name"] for f in reply["files"]]))


    def test_every_call_starts_in_the_folder_whatever_the_last_one_did_with_chdir(self):
        outside = os.path.realpath(tempfile.mkdtemp(prefix="runner-elsewhere-"))
        self.addCleanup(shutil.rmtree, outside, ignore_errors=True)
        self.run_python("import os\nos.chdir(%r)" % outside)
        reply = self.run_python("open('relative.txt', 'w').write('x')\nos.getcwd()")
        self.assertEqual((repr(self.data), ["relative.txt"]), (reply["result"], [f["name"] for f in reply["files"]]))
        self.assertFalse(os.path.exists(os.path.join(outside, "relative.txt")))

    @unittest.skipUnless(importlib.util.find_spec("matplotlib"), "matplotlib is not installed")
    def test_a_figure_with_nothing_drawn_is_not_returned_and_the_answer_says_so(self):
        reply = self.run_python("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
                                "ax.set_title('never drawn')\n1 / 0")
        self.assertEqual(("failed", [], ["Figure 1 was left open with nothing drawn on it, so it is not returned."]),
                         (reply["status"], reply["figures"], reply["notes"]))
        self.assertEqual([], self.run_python("1")["figures"], "and it is closed")
        reply = self.run_python("plt.plot([1, 2])\n1 / 0")
        self.assertEqual(["figure-1.png"], [f["name"] for f in reply["figures"]], "a figure drawn before the failure is returned")

    def test_the_expected_file_says_whether_this_call_wrote_it_and_whether_it_is_a_pdf(self):
        pdf = os.path.join(self.data, "report.pdf")

        def expected(code):
            request = python_request(code)
            request["echo"] = {"pdf": {"expected": pdf, "saveAs": "summary.pdf"}}
            self.runner._state["runs"] += 1
            reply = self.runner.run_python(self.user_globals, request)
            return reply["expectedFile"], [f["name"] for f in reply["files"]]

        self.assertEqual(({"path": pdf, "exists": False, "changed": False, "isPdf": False, "head": ""}, []), expected("1"))
        self.assertEqual(({"path": pdf, "exists": True, "changed": True, "isPdf": False, "head": "Weekly report.."}, ["report.pdf"]),
                         expected("open(%r, 'w').write('Weekly report\\n\\n')" % pdf))
        for n in range(3):
            with open(os.path.join(self.data, "other%d.txt" % n), "w") as f:
                f.write("x")
        self.runner.changes.MAX_FILES_REPORTED = 1
        written, files = expected("open(%r, 'wb').write(b'%%PDF-1.4 ...')\nfor n in range(3): open(DATA + '/other%%d.txt' %% n, 'a')"
                                  ".write('y')" % pdf)
        self.assertEqual(((True, True, "%PDF-1.4 ..."), ["report.pdf"]), ((written["changed"], written["isPdf"], written["head"]), files),
                         "the expected file is reported first")
        self.assertEqual({"path": pdf, "exists": True, "changed": False, "isPdf": True, "head": "%PDF-1.4 ..."}, expected("1")[0],
                         "a PDF from an earlier call is not this call's")


class SessionStateTest(RunnerTest):

    def test_a_new_folder_is_marked_and_a_marked_one_is_a_restart(self):
        self.assertEqual("new", self.runner._session_state())
        self.assertTrue(os.path.exists(os.path.join(self.data, ".code-interpreter", "session")))
        self.assertEqual("restarted", helper_modules.load(data_folder=self.data).runner._session_state())

    def test_a_call_stopped_from_outside_reports_what_it_changed_when_collected(self):
        self.assertEqual({"status": "succeeded", "files": [], "filesNotReported": 0, "figures": []}, self.runner.collect_pending())
        self.runner._state["pending"] = self.helper.changes.begin()
        with open(os.path.join(self.data, "partial.txt"), "w") as f:
            f.write("half")
        reply = self.runner.collect_pending()
        self.assertEqual((["partial.txt"], None), ([f["name"] for f in reply["files"]], self.runner._state["pending"]))


class RunShellTest(RunnerTest):

    def test_a_command_runs_in_the_folder_with_its_output_and_exit_code(self):
        reply = self.runner.run_shell(shell_request("pwd; echo oops >&2; exit 3"))
        self.assertEqual(("succeeded", 3, self.data + "\n", "oops\n", False, False),
                         (reply["status"], reply["exitCode"], reply["stdout"], reply["stderr"], reply["stdoutTruncated"],
                          reply["stderrTruncated"]))

    def test_a_package_install_runs_none_of_the_command(self):
        reply = self.runner.run_shell(shell_request("touch before; pip install surely-absent"))
        message = reply["error"]["message"]
        self.assertEqual({"status": "failed", "exitCode": None, "stdout": "", "stderr": "PackageInstallBlocked: %s\n" % message,
                          "error": {"type": "PackageInstallBlocked", "message": message}, "files": [], "filesNotReported": 0,
                          "figures": []}, reply)
        self.assertTrue(message.startswith("pip install is not available: packages cannot be installed here. surely-absent is not "
                                           "installed. Preinstalled: "), message)
        self.assertFalse(os.path.exists(os.path.join(self.data, "before")))

    def test_a_command_past_its_timeout_is_stopped_with_no_exit_code(self):
        reply = self.runner.run_shell(shell_request("echo started; sleep 5", timeout=0.3))
        self.assertEqual(("timedOut", None, "started\n"), (reply["status"], reply["exitCode"], reply["stdout"]))

    def test_output_past_max_output_is_cut_counted_and_saved(self):
        reply = self.runner.run_shell(shell_request("printf 123456789", max_output=4))
        self.assertEqual(("1234", True, 9), (reply["stdout"], reply["stdoutTruncated"], reply["stdoutBytes"]))
        [saved] = reply["savedOutputs"]
        with open(saved["path"], "rb") as f:
            self.assertEqual(b"123456789", f.read())

    def test_files_the_command_writes_are_reported(self):
        reply = self.runner.run_shell(shell_request("echo x > made.txt"))
        self.assertEqual(["made.txt"], [f["name"] for f in reply["files"]])


CHILD = r'''
import json, sys
import helper_modules

runner = helper_modules.load(data_folder=sys.argv[1], audit_hook=True).runner
runner._state["runs"] = 1
reply = runner.run_python({"__name__": "__main__"}, json.loads(sys.stdin.read()))
print(json.dumps({"status": reply["status"], "error": reply["error"]}))
'''


class GuardedRunTest(unittest.TestCase):

    def test_code_that_hides_a_blocked_call_from_the_static_check_is_refused_while_it_runs(self):
        data = os.path.realpath(tempfile.mkdtemp(prefix="runner-test-"))
        self.addCleanup(shutil.rmtree, data, ignore_errors=True)
        code = "name = ''.join(map(chr, [111, 115]))\ngetattr(__import__(name), 'system')('touch ' + %r)" % (data + "/ran")
        child = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.insert(0, %r)\n" % helper_modules.HERE + CHILD, data],
                               input=json.dumps(python_request(code)), capture_output=True, text=True, timeout=60)
        self.assertEqual(0, child.returncode, child.stderr)
        self.assertEqual({"status": "failed", "error": {"type": "ProcessSpawningBlocked", "message": "os.system (line 2) starts a process "
                          "(touch %s/ran), which is blocked here. %s" % (data, RUN_SHELL), "line": 2}}, json.loads(child.stdout))
        self.assertFalse(os.path.exists(data + "/ran"))


if __name__ == "__main__":
    unittest.main()


class TracebackTest(RunnerTest):
    """A user's traceback shows the user's code only: no frame of the helper, whatever the exception."""

    def test_a_keyboard_interrupt_is_a_failed_call_with_the_users_frames_only(self):
        reply = self.run_python("def stop():\n    raise KeyboardInterrupt\nstop()")
        self.assertEqual(("failed", "KeyboardInterrupt"), (reply["status"], reply["error"]["type"]))
        traceback = self.kernel_err.getvalue()
        self.assertTrue(traceback.startswith('Traceback (most recent call last):\n  File "<code-1>", line 3'), traceback)
        self.assertNotIn("<code interpreter", traceback)

    def test_frames_of_the_helper_inside_the_users_stack_are_left_out(self):
        helper_code = compile("def refuse(what):\n    raise PermissionError(what + ' is refused')\n", "<code interpreter guard.py>", "exec")
        exec(helper_code, self.user_globals)
        reply = self.run_python("def work():\n    refuse('this')\ntry:\n    work()\nexcept PermissionError as e:\n"
                                "    raise RuntimeError('wrapped') from e")
        traceback = self.kernel_err.getvalue()
        self.assertEqual("RuntimeError", reply["error"]["type"])
        self.assertIn('File "<code-1>", line 2, in work', traceback)
        self.assertIn("PermissionError: this is refused", traceback)
        self.assertNotIn("<code interpreter", traceback, "neither in the exception nor in the one it was raised from")
