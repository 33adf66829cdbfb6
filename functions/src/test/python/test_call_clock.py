"""A call's time inside the session (call_clock.py): the budget left after waiting for the session, the
running marker a queued call reads, and the alarm that ends code which ignores its interrupt."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import helper_modules

HERE = os.path.dirname(os.path.abspath(__file__))


class BudgetTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="call-clock-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.helper = helper_modules.load(data_folder=self.data)
        self.clock = self.helper.call_clock
        self.addCleanup(self.helper.changes.close)
        self.addCleanup(os.chdir, os.getcwd())  # a call moves into the folder, which the cleanup then removes

    def test_time_waited_for_the_session_is_taken_off_the_timeout(self):
        deadline = int((time.time() + 4) * 1000)  # a 10 s call that waited 6 s
        seconds, waited = self.clock.budget({"timeoutSeconds": 10, "deadline": deadline})
        self.assertAlmostEqual(4, seconds, delta=0.5)
        self.assertAlmostEqual(6, waited, delta=0.5)

    def test_without_a_deadline_the_budget_is_the_timeout(self):
        self.assertEqual((30.0, 0.0), self.clock.budget({"timeoutSeconds": 30}))

    def test_a_call_that_starts_after_its_deadline_runs_nothing_and_says_the_session_was_busy(self):
        request = {"op": "python", "pythonCode": "open(DATA + '/ran.txt', 'w').write('x')", "timeoutSeconds": 5,
                   "deadline": int((time.time() - 1) * 1000), "executionId": "late"}
        self.assertEqual((None, 6.0), tuple(round(v) if v else v for v in self.clock.budget(request)))
        reply = self.helper.runner.run_python({"DATA": self.data}, request)
        self.assertEqual(("timedOut", "SessionBusy"), (reply["status"], reply["error"]["type"]))
        self.assertIn("timeoutSeconds (5 s)", reply["error"]["message"])
        self.assertFalse(os.path.exists(os.path.join(self.data, "ran.txt")))
        shell = self.helper.runner.run_shell({"command": "touch ran.txt", "timeoutSeconds": 5, "deadline": request["deadline"]})
        self.assertEqual(("timedOut", "SessionBusy", None), (shell["status"], shell["error"]["type"], shell["exitCode"]))
        self.assertFalse(os.path.exists(os.path.join(self.data, "ran.txt")))

    def test_the_running_marker_names_the_call_while_it_runs_and_says_when_it_finished(self):
        seen = {}
        deadline = int((time.time() + 30) * 1000)
        # An id the record must escape: the marker is written by hand, not by json.dumps.
        execution_id = 'exec-1 "\\ \u00e9'
        self.helper.runner.run_python({"seen": seen, "path": self.clock.RUNNING_FILE, "json": json},
                                      {"pythonCode": "with open(path) as f:\n    seen.update(json.load(f))", "timeoutSeconds": 30,
                                       "executionId": execution_id, "deadline": deadline})
        self.assertEqual((execution_id, "python", 30, deadline, None),
                         (seen["executionId"], seen["op"], seen["timeoutSeconds"], seen["deadline"], seen.get("finishedAt")))
        with open(self.clock.RUNNING_FILE) as f:
            after = json.load(f)
        self.assertEqual((execution_id, seen["startedAt"]), (after["executionId"], after["startedAt"]))
        self.assertGreaterEqual(after["finishedAt"], after["startedAt"])

    def test_a_timeout_message_says_how_long_the_call_waited(self):
        reply = self.helper.runner.run_python({}, {"pythonCode": "import time\ntime.sleep(5)", "timeoutSeconds": 3,
                                                   "deadline": int((time.time() + 0.3) * 1000)})
        self.assertEqual("timedOut", reply["status"])
        self.assertRegex(reply["error"]["message"], r"^The code ran longer than timeoutSeconds \(3 s\) and was stopped\. It waited 2\.\d s")


class AlarmTest(unittest.TestCase):

    def run_child(self, code, setup="", wrap=None):
        """Runs user code under a 0.1 s alarm in a child process (the alarm may end it), after `setup` (run with the
        helper's call_clock as `clock`); answers (exit code, seconds, stdout). `wrap` is the command line around it.
        The kill timer's grace is cut from 2 s to 0.2 s there, so the cases that need it take a fraction of a second."""
        program = ("import sys; sys.path.insert(0, %r)\nimport helper_modules\n"
                   "clock = helper_modules.load(until='call_clock.py').call_clock\nclock.KILL_GRACE_SECONDS = 0.2\n%s\n"
                   "try:\n    with clock.Alarm(0.1):\n        exec(%r)\nexcept clock.UserTimeout:\n    print('interrupted')\n"
                   % (HERE, setup, code))
        started = time.monotonic()
        done = subprocess.run((wrap or []) + [sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
        return done.returncode, time.monotonic() - started, done.stdout

    def test_code_that_stops_when_interrupted_ends_with_user_timeout(self):
        self.assertEqual((0, "interrupted\n"), self.run_child("import time\ntime.sleep(10)")[::2])

    def test_code_that_ignores_the_interrupt_ends_the_interpreter_after_the_grace(self):
        code, seconds, _ = self.run_child("import time\nwhile True:\n    try:\n        time.sleep(10)\n    except BaseException:\n        pass")
        self.assertEqual(1, code, "the kill timer ends the process")
        self.assertLess(seconds, 5, "ended after 0.1 s + the 0.2 s grace, not when the sleep would have")

    def test_code_stuck_in_c_is_ended_too(self):
        code, _, out = self.run_child("sum(range(10 ** 12))")  # a C loop: Python's signal handler never runs
        self.assertEqual((1, ""), (code, out))

    def test_the_kill_timer_is_what_ends_code_here_not_the_fallback(self):
        # glibc on 64-bit Linux has POSIX timers: the cheap watchdog is the one in use, not faulthandler's.
        self.assertEqual("_KillTimer", type(helper_modules.load().call_clock.watchdog()).__name__)

    def test_a_disarmed_kill_timer_leaves_the_interpreter_running(self):
        code, _, out = self.run_child("pass", setup="clock.watchdog().arm(0.1)\nclock.watchdog().disarm()\nimport time\ntime.sleep(0.4)")
        self.assertEqual((0, ""), (code, out))

    def test_without_posix_timers_faulthandler_ends_code_stuck_in_c(self):
        code, _, out = self.run_child("sum(range(10 ** 12))", setup="clock._watchdog.append(clock._FaulthandlerWatchdog())")
        self.assertEqual((1, ""), (code, out))

    @unittest.skipUnless(shutil.which("unshare") and os.geteuid() == 0, "needs root to start a pid namespace")
    def test_code_stuck_in_c_is_ended_in_an_interpreter_that_is_pid_1(self):
        # The local pool's kernels are pid 1 of their namespace, where a signal's default action never ends them.
        code, _, out = self.run_child("sum(range(10 ** 12))", setup="import os\nassert os.getpid() == 1",
                                      wrap=["unshare", "--pid", "--fork"])
        self.assertEqual((1, ""), (code, out))


if __name__ == "__main__":
    unittest.main()
