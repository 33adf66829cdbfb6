"""RunShellCommand's run-time check for package installs (install_watch.py): which processes are installs,
and that an install is seen however the command spelled it."""
import os
import shutil
import tempfile
import unittest

import helper_modules

WATCH = helper_modules.load(until="install_watch.py").install_watch


class InstallerTest(unittest.TestCase):

    def test_installers_are_seen_by_what_the_process_runs(self):
        cases = {
            ("/usr/bin/python3", "/usr/bin/pip", "install", "requests"): ("pip install", ["requests"]),
            ("python3", "-m", "pip", "install", "-U", "numpy"): ("pip install", ["numpy"]),
            ("python3.11", "-mpip", "install", "x"): ("pip install", ["x"]),
            ("python3", "-m", "ensurepip"): ("ensurepip", []),
            ("python3", "-c", "import pip._internal; pip._internal.main(['install','x'])"): ("python3 -c pip", []),
            ("/usr/bin/node", "/usr/share/nodejs/npm/bin/npm-cli.js", "install", "left-pad"): ("npm-cli install", ["left-pad"]),
            ("npm", "ci"): ("npm ci", []),
            ("apt-get", "install", "-y", "curl"): ("apt-get install", ["curl"]),
            ("dpkg", "-i", "x.deb"): ("dpkg -i", ["x.deb"]),
            ("conda", "install", "numpy"): ("conda install", ["numpy"]),
            ("gem", "install", "rails"): ("gem install", ["rails"]),
        }
        for argv, expected in cases.items():
            self.assertEqual(expected, WATCH.installer(list(argv)), argv)

    def test_other_uses_of_the_same_programs_are_not_installs(self):
        for argv in (["pip", "list"], ["python3", "-m", "pip", "show", "pandas"], ["python3", "script.py", "install"],
                     ["npm", "ls"], ["apt-cache", "search", "x"], ["bash", "-c", "pip install x"], ["grep", "pip install", "notes.md"],
                     ["python3", "-m", "http.server"], []):
            self.assertIsNone(WATCH.installer(argv), argv)


class RunShellWatchTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="install-watch-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        helper = helper_modules.load(data_folder=self.data)
        self.runner = helper.runner
        self.addCleanup(helper.changes.close)
        self.addCleanup(os.chdir, os.getcwd())  # a call moves into the folder, which the cleanup then removes

    def test_an_install_is_refused_however_the_command_spells_it(self):
        # A stand-in `pip` that would write a file if it were ever let run long enough: the check must end it first.
        # It lets go of the command's output first, so its `sleep`, which outlives it, does not hold the call's pipes.
        bin_dir = os.path.join(self.data, "bin")
        os.mkdir(bin_dir)
        with open(os.path.join(bin_dir, "pip"), "w") as f:
            f.write("#!/bin/sh\nexec >/dev/null 2>&1\nsleep 3\ntouch %s/installed\n" % self.data)
        os.chmod(os.path.join(bin_dir, "pip"), 0o755)
        for command in ("X=pip; $X install requests", "eval \"$(printf 'p%sp' i) install requests\"", "a=in; pip ${a}stall requests",
                        "(setsid sh -c 'pip install requests' &); sleep 4"):
            reply = self.runner.run_shell({"command": "export PATH=%s:$PATH; %s" % (bin_dir, command), "timeoutSeconds": 20})
            self.assertEqual(("failed", "PackageInstallBlocked", None), (reply["status"], reply["error"]["type"], reply["exitCode"]),
                             command)
            self.assertIn("pip install is not available", reply["error"]["message"])
            self.assertIn("The command was stopped when it started it", reply["error"]["message"])
        self.assertFalse(os.path.exists(os.path.join(self.data, "installed")), "no installer ran to its end")

    def test_a_shell_timeout_carries_the_same_error_as_a_python_one(self):
        reply = self.runner.run_shell({"command": "sleep 5", "timeoutSeconds": 0.3})
        self.assertEqual(("timedOut", None), (reply["status"], reply["exitCode"]))
        self.assertEqual({"type": "TimeoutError", "message": "The command ran longer than timeoutSeconds (0.3 s) and was stopped, with "
                          "everything it started."}, reply["error"])


if __name__ == "__main__":
    unittest.main()
