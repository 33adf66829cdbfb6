"""Output capture (capture.py): the answer carries the first characters of a call's output, and output
beyond that cap is saved whole to a file in the session, for a link."""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from unittest import mock

import helper_modules


class CaptureTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="capture-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.capture = helper_modules.load(data_folder=self.data).capture
        self.saved_dir = os.path.join(self.data, ".outputs")
        # What the kernel would have sent on as the call's output.
        self.kernel_out, self.kernel_err = io.StringIO(), io.StringIO()
        streams = mock.patch.multiple(sys, stdout=self.kernel_out, stderr=self.kernel_err)
        streams.start()
        self.addCleanup(streams.stop)

    def saved(self, report):
        with open(report["path"], "rb") as f:
            return f.read()


class CappedStreamsTest(CaptureTest):

    def test_output_below_the_cap_passes_through_and_nothing_is_saved(self):
        restore = self.capture.cap_streams(100, 1)
        print("hello")
        sys.stderr.write("warn\n")
        self.assertEqual([], restore())
        self.assertEqual(("hello\n", "warn\n"), (self.kernel_out.getvalue(), self.kernel_err.getvalue()))
        self.assertIs(self.kernel_out, sys.stdout)
        self.assertFalse(os.path.exists(self.saved_dir))

    def test_output_past_the_cap_stops_at_the_cap_and_is_saved_whole(self):
        restore = self.capture.cap_streams(10, 7)
        sys.stdout.write("0123456")
        sys.stdout.writelines(["789abc", "def"])
        [report] = restore()
        self.assertEqual("0123456789", self.kernel_out.getvalue())
        self.assertEqual(b"0123456789abcdef", self.saved(report))
        self.assertRegex(report["name"], r"^\d{8}-\d{6}-7-stdout\.txt$")
        self.assertEqual({"stream": "stdout", "path": os.path.join(self.saved_dir, report["name"]), "name": report["name"], "size": 16,
                          "total": 16, "unit": "characters", "complete": True, "error": None}, report)

    def test_saving_stops_at_the_saved_output_limit_and_says_the_file_is_incomplete(self):
        self.capture.SAVED_OUTPUT_BYTES = 12
        restore = self.capture.cap_streams(4, 1)
        for _ in range(5):
            sys.stderr.write("abcde")
        [report] = restore()
        self.assertEqual(("abcd", b"abcdeabcdeab", 12, 25, False),
                         (self.kernel_err.getvalue(), self.saved(report), report["size"], report["total"], report["complete"]))

    def test_a_failure_to_save_is_reported_not_raised(self):
        with open(self.saved_dir, "w"):  # a file where the folder should be
            pass
        restore = self.capture.cap_streams(2, 1)
        print("overflowing")
        self.assertEqual([], restore(), "no file was opened, so there is nothing to link")
        self.assertEqual("ov", self.kernel_out.getvalue())

    def test_what_is_not_text_goes_to_the_kernels_stream_as_it_is_and_does_not_count(self):
        written = []

        class AnyStream:
            def write(self, data):
                written.append(data)

        with mock.patch.object(sys, "stdout", AnyStream()):
            restore = self.capture.cap_streams(3, 1)
            sys.stdout.write(b"bytes beyond the cap")
            sys.stdout.write("abc")
            self.assertEqual([], restore())
        self.assertEqual([b"bytes beyond the cap", "abc"], written)

    def test_a_wrapper_left_by_an_earlier_call_is_taken_away_first(self):
        self.capture.cap_streams(100, 1)  # a call that never returned
        restore = self.capture.cap_streams(100, 2)
        self.assertIs(self.kernel_out, sys.stdout._stream)
        restore()
        self.assertIs(self.kernel_out, sys.stdout)

    def test_a_stream_kept_after_its_call_writes_where_output_goes_now(self):
        restore = self.capture.cap_streams(100, 1)
        kept = sys.stdout
        restore()
        later = io.StringIO()
        with mock.patch.object(sys, "stdout", later):
            kept.write("from a logging handler\n")
        self.assertEqual("from a logging handler\n", later.getvalue())
        kept.write("once restored\n")
        self.assertEqual("once restored\n", self.kernel_out.getvalue())

    def test_only_the_newest_saved_outputs_are_kept(self):
        os.makedirs(self.saved_dir)
        for n in range(self.capture.SAVED_OUTPUT_KEEP + 3):
            path = os.path.join(self.saved_dir, "old-%02d.txt" % n)
            open(path, "w").close()
            os.utime(path, (n, n))
        restore = self.capture.cap_streams(1, 1)
        print("xx")
        [report] = restore()
        kept = sorted(os.listdir(self.saved_dir))
        self.assertEqual(self.capture.SAVED_OUTPUT_KEEP, len(kept))
        self.assertIn(report["name"], kept)
        self.assertNotIn("old-03.txt", kept)
        self.assertIn("old-04.txt", kept)

    def test_saved_outputs_travel_with_the_calls_files(self):
        reply = {"files": [{"path": "/mnt/data/a.csv", "name": "a.csv", "size": 1}],
                 "savedOutputs": [{"path": "/p/x-stdout.txt", "name": "x-stdout.txt", "size": 9, "total": 9}]}
        self.capture.list_saved_outputs(reply)
        self.assertEqual([{"path": "/mnt/data/a.csv", "name": "a.csv", "size": 1}, {"path": "/p/x-stdout.txt", "name": "x-stdout.txt",
                                                                                    "size": 9}], reply["files"])
        empty = {"status": "failed"}
        self.capture.list_saved_outputs(empty)
        self.assertEqual({"status": "failed"}, empty)


class PipeCaptureTest(CaptureTest):

    def pipe(self, data, limit):
        process = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        capture = self.capture.PipeCapture(process.stdout, limit, "stdout", 3)
        process.stdin.write(data)
        process.stdin.close()
        process.wait()
        return capture

    def test_a_stream_within_the_limit_is_kept_whole(self):
        capture = self.pipe(b"hello\n", 100)
        self.assertEqual(("hello\n", False), capture.text())
        self.assertEqual((6, None), (capture.total, capture.saved()))

    def test_a_stream_past_the_limit_keeps_its_head_counts_the_rest_and_is_saved_whole(self):
        data = b"x" * 70000 + b"tail"
        capture = self.pipe(data, 10)
        self.assertEqual(("x" * 10, True), capture.text())
        report = capture.saved()
        self.assertEqual(data, self.saved(report))
        self.assertEqual(("stdout", len(data), len(data), "bytes", True),
                         (report["stream"], report["size"], report["total"], report["unit"], report["complete"]))

    def test_a_stream_cut_inside_a_character_is_decoded_with_a_replacement(self):
        self.assertEqual(("a\ufffd", True), self.pipe("aé".encode(), 2).text())



class ProgressTest(CaptureTest):
    """A running call's output so far, in PROGRESS_FILE, for GetExecutionResult."""

    def setUp(self):
        super().setUp()
        self.capture.PROGRESS_INTERVAL = 0.2
        self.file = self.capture.PROGRESS_FILE

    def wait_for_file(self, containing):
        def snapshot_showing():
            try:
                with open(self.file, encoding="utf-8") as f:
                    snapshot = json.load(f)
            except (OSError, ValueError):
                return None
            return snapshot if containing in snapshot["stdout"] else None
        return self.wait_until(snapshot_showing, "%s never showed %r" % (self.file, containing))

    def wait_until(self, find, what):
        """What `find` returns once it is truthy, looking for up to 5 s; else the test fails saying `what`."""
        deadline = time.monotonic() + 5
        while True:
            found = find()
            if found:
                return found
            if time.monotonic() > deadline:
                self.fail(what)
            time.sleep(0.02)

    def test_the_file_shows_the_latest_output_while_the_call_runs_and_is_removed_when_it_ends(self):
        restore = self.capture.cap_streams(100, 1)
        print("line 1")
        first = self.wait_for_file("line 1")
        print("line 2")
        second = self.wait_for_file("line 2")
        self.assertEqual("line 1\nline 2\n", second["stdout"])
        self.assertFalse(second["stdoutCut"])
        self.assertGreaterEqual(second["elapsedMs"], first["elapsedMs"])
        self.assertEqual(first["startedAt"], second["startedAt"])
        restore()
        self.assertFalse(os.path.exists(self.file), "a finished call leaves no output so far behind")

    def test_only_the_tail_is_kept_and_it_starts_at_a_line(self):
        restore = self.capture.cap_streams(10 ** 9, 1)
        for i in range(2000):
            print("line %d" % i)
        snapshot = self.wait_for_file("line 1999")
        restore()
        self.assertTrue(snapshot["stdoutCut"])
        self.assertLessEqual(len(snapshot["stdout"]), self.capture.PROGRESS_TAIL_CHARS)
        self.assertTrue(snapshot["stdout"].startswith("line "), snapshot["stdout"][:20])
        self.assertTrue(snapshot["stdout"].endswith("line 1999\n"))

    def test_a_shell_commands_output_shows_as_it_is_printed(self):
        self.capture.progress.begin()
        process = subprocess.Popen(["/bin/sh", "-c", "echo first; sleep 0.6; echo second"], stdout=subprocess.PIPE)
        out = self.capture.PipeCapture(process.stdout, 1000, "stdout", 1)
        snapshot = self.wait_for_file("first")
        self.assertNotIn("second", snapshot["stdout"], "seen while the command still sleeps")
        process.wait()
        self.assertEqual(("first\nsecond\n", False), out.text())
        self.capture.progress.end()
        self.assertFalse(os.path.exists(self.file))

    def test_a_flusher_that_ended_is_started_again_by_the_next_call(self):
        progress = self.capture.progress
        progress._flush_forever = lambda: sys.exit()  # ends its thread quietly, as an unexpected error would end it
        restore = self.capture.cap_streams(100, 1)
        self.wait_until(lambda: not progress.flushing, "the ended flusher is known to be gone")
        restore()
        del progress._flush_forever
        restore = self.capture.cap_streams(100, 1)
        print("after")
        snapshot = self.wait_for_file("after")
        restore()
        self.assertEqual("after\n", snapshot["stdout"])


if __name__ == "__main__":
    unittest.main()
