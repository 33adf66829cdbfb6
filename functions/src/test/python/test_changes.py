"""What a call created or changed (changes.py), against a fresh folder standing in for /mnt/data: with the
inotify watch, with the full scans a session falls back to, and across the watch's overflow."""
import base64
import os
import shutil
import tempfile
import unittest

from test_session_files import SessionFolderTest


class WatchedTest(SessionFolderTest):
    """Each test runs with the watch; FullScanTest runs them again without it."""
    watch = True

    def setUp(self):
        super().setUp()
        self.changes = self.helper.changes
        self.addCleanup(self.changes.close)
        if not self.watch:
            self.changes._state["fallback"] = "the test turned the watch off"

    def call(self, work, first=None):
        """(reported files, count not reported, notes, Found) of a call that does `work`."""
        start = self.changes.begin()
        work()
        found = self.changes.finish(start)
        files, more = found.report(first=first)
        return files, more, found.notes, found

    def names(self, work):
        files, more, _, _ = self.call(work)
        return sorted(os.path.relpath(f["path"], self.data) for f in files), more

    def test_the_mode_is_the_one_tested(self):
        self.changes.begin()
        self.assertEqual(self.watch, self.changes._state["watch"] is not None, self.changes._state["fallback"])

    def test_new_and_changed_files_are_reported_and_unchanged_ones_are_not(self):
        self.write("same.txt", "a")
        self.write("changed.txt", "a")
        first = self.changes.finish(self.changes.begin()).notes
        self.assertEqual(0 if self.watch else 1, len(first), "a session that scans in full says so, once: %s" % first)

        def work():
            self.write("changed.txt", "more", mode="a")
            self.write("sub/new.csv", "x,y\n")
        files, more, notes, _ = self.call(work)
        self.assertEqual(["changed.txt", "new.csv"], sorted(f["name"] for f in files))
        entry = next(f for f in files if f["name"] == "new.csv")
        self.assertEqual({"path": self.path("sub/new.csv"), "name": "new.csv", "size": 4,
                          "base64": base64.b64encode(b"x,y\n").decode()}, entry)
        self.assertEqual((0, []), (more, notes))

    def test_files_under_dot_names_are_reported_but_not_the_helpers_own_folders_nor_links(self):
        def work():
            self.write(".env", "x")
            self.write(".results/summary.csv", "x")
            self.write(".outputs/saved.txt", "x")
            self.write(".code-interpreter/session", "x")
            os.symlink("/etc/hostname", self.path("link"))
        self.assertEqual(([".env", ".results/summary.csv"], 0), self.names(work))

    def test_changes_between_calls_are_not_the_next_calls(self):
        self.changes.finish(self.changes.begin())
        self.write("uploaded.txt", "x")
        self.write("uploaded-folder/inside.txt", "x")
        self.assertEqual((["made.txt"], 0), self.names(lambda: self.write("made.txt", "y")))

    def test_files_in_new_moved_and_renamed_folders_are_reported_with_their_new_paths(self):
        self.write("old/kept.txt", "x")
        outside = tempfile.mkdtemp(prefix="changes-outside-")
        self.addCleanup(shutil.rmtree, outside, ignore_errors=True)
        with open(os.path.join(outside, "brought.txt"), "w") as f:
            f.write("x")
        self.changes.finish(self.changes.begin())

        def work():
            self.write("a/b/c/deep.txt", "x")
            os.rename(self.path("old"), self.path("renamed"))
            shutil.move(outside, self.path("moved-in"))
        self.assertEqual((["a/b/c/deep.txt", "moved-in/brought.txt", "renamed/kept.txt"], 0), self.names(work))
        # The renamed folder is still followed under its new name.
        self.assertEqual((["renamed/later.txt"], 0), self.names(lambda: self.write("renamed/later.txt", "x")))

    def test_a_file_written_and_removed_in_the_call_is_not_reported(self):
        def work():
            self.write("gone.txt", "x")
            os.unlink(self.path("gone.txt"))
        self.assertEqual(([], 0), self.names(work))

    def test_files_too_big_to_travel_inline_are_reported_without_their_content(self):
        self.changes.INLINE_FILE_BYTES = 3
        files, _, _, _ = self.call(lambda: (self.write("big.txt", "four"), self.write("ok.txt", "abc")))
        self.assertEqual({"big.txt": False, "ok.txt": True}, {f["name"]: "base64" in f for f in files})

    def test_inline_content_stops_at_the_replys_total(self):
        self.changes.INLINE_TOTAL_BYTES = 5
        files, _, _, _ = self.call(lambda: [self.write(name, "abc") for name in ("a.txt", "b.txt", "c.txt")])
        self.assertEqual(1, sum("base64" in f for f in files))

    def test_beyond_the_reported_files_the_rest_are_counted_and_the_one_asked_for_comes_first(self):
        self.changes.MAX_FILES_REPORTED = 2
        files, more, _, _ = self.call(lambda: [self.write("f%d.txt" % n, "x") for n in range(5)], first=self.path("f0.txt"))
        self.assertEqual((2, 3, "f0.txt"), (len(files), more, files[0]["name"]))

    def test_whether_the_call_wrote_a_file_is_told_even_for_one_it_did_not_report(self):
        self.write("old.pdf", "x")
        self.changes.MAX_FILES_REPORTED = 0
        _, more, _, found = self.call(lambda: self.write("new.pdf", "x"))
        self.assertEqual((1, True, False, False), (more, found.changed(self.path("new.pdf")), found.changed(self.path("old.pdf")),
                                                   found.changed(self.path("none.pdf"))))

    def test_a_write_after_the_20000th_file_of_a_call_is_reported(self):
        os.makedirs(self.path("many"))  # an existing folder, so that the watch sees every file (and overflows)
        self.changes.finish(self.changes.begin())
        self.write("before.txt", "x")  # written just before the call: it must not count as the call's

        def work():
            for n in range(20500):
                self.write("many/f%05d" % n)
            self.write("last.txt", "x")
        files, more, notes, found = self.call(work)
        self.assertEqual(("last.txt", 20501), (files[0]["name"], len(files) + more))
        self.assertFalse(found.changed(self.path("before.txt")))
        if self.watch:
            self.assertIn("more files than the change watch could follow", " ".join(notes))
            # The watch is set up afresh and follows the next call again.
            self.assertEqual((["after.txt"], 0), self.names(lambda: self.write("after.txt", "x")))

    def test_a_scan_cut_short_says_what_it_covered(self):
        self.write("a/x.txt", "x")
        self.changes.finish(self.changes.begin())
        start = self.changes.begin()
        if self.watch:  # a watched session scans only once its watch is lost: lose it
            os.close(self.changes._state["watch"].fd)
        self.changes.SCAN_SECONDS = 0
        found = self.changes.finish(start)
        self.assertRegex(" ".join(found.notes), r"stopped after [0-9.]+ s, having checked 0 files in 0 folders; folders from %s on "
                         r"\(in name order\) were not checked" % self.data)

    def test_a_scan_after_a_call_may_use_what_is_left_of_its_timeout(self):
        start = self.changes.begin(timeout=60)
        self.changes.SCAN_SECONDS = 0
        if self.watch:
            os.close(self.changes._state["watch"].fd)
        self.write("made.txt", "x")
        found = self.changes.finish(start)
        self.assertEqual(["made.txt"], [f["name"] for f in found.report()[0]], found.notes)
        self.assertNotIn("stopped after", " ".join(found.notes))

    @unittest.skipIf(os.geteuid() == 0, "root reads any folder")
    def test_a_folder_that_cannot_be_read_is_named(self):
        self.write("locked/x.txt", "x")
        self.changes.finish(self.changes.begin())
        os.chmod(self.path("locked"), 0)
        self.addCleanup(os.chmod, self.path("locked"), 0o755)
        _, _, notes, _ = self.call(lambda: None)
        self.assertIn(self.path("locked"), " ".join(notes))


class FullScanTest(WatchedTest):
    watch = False

    def test_a_lost_watch_falls_back_to_full_scans_and_says_so_once(self):
        self.changes._state["fallback"] = None
        start = self.changes.begin()
        os.close(self.changes._state["watch"].fd)
        self.write("made.txt", "x")
        found = self.changes.finish(start)
        self.assertEqual(["made.txt"], [f["name"] for f in found.report()[0]])
        self.assertIn("Changes were found by a full scan", " ".join(found.notes))
        self.assertIsNone(self.changes._state["watch"])
        self.assertEqual(([], 0, []), self.call(lambda: None)[:3], "said once")


if __name__ == "__main__":
    unittest.main()
