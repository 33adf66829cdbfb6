"""SearchSessionFiles' search (file_search.py): grep -E semantics, files of any size, what is passed over and
why, and the time bound that says how far it got."""
import os
import unittest

from test_session_files import SessionFolderTest


class SearchFilesTest(SessionFolderTest):

    def search(self, **request):
        return self.helper.file_search.search_files(request)

    def found(self, **request):
        return [(os.path.relpath(m["path"], self.data), m["line"]) for m in self.search(**request)["matches"]]

    def test_matching_lines_are_found_in_every_file_under_the_folder(self):
        self.write("app.log", "ERROR a\nINFO b\nERROR c\n")
        self.write("sub/other.log", "error d\n")
        self.assertEqual({"status": "succeeded", "filesSearched": 2, "truncated": False, "timedOut": False, "filesSkipped": 0,
                          "skipped": [], "patternWarning": None, "matches": [{"path": self.path("app.log"), "line": 1, "text": "ERROR a"},
                                                     {"path": self.path("app.log"), "line": 3, "text": "ERROR c"}]},
                         self.search(pattern="ERROR"))
        self.assertEqual(3, len(self.search(pattern="error", ignoreCase=True)["matches"]))

    def test_patterns_mean_what_they_mean_to_grep_e(self):
        self.write("p.txt", "id 42\nname bob\nERROR x\nWARN y\n  indented\nÉCHEC z\n(literal)\n")
        self.assertEqual([("p.txt", 1)], self.found(pattern="[[:digit:]]+"))
        self.assertEqual([("p.txt", 3), ("p.txt", 4)], self.found(pattern="^(ERROR|WARN) "))
        self.assertEqual([("p.txt", 5)], self.found(pattern="^[[:space:]]+indented$"))
        self.assertEqual([("p.txt", 6)], self.found(pattern="échec", ignoreCase=True))
        self.assertEqual([("p.txt", 7)], self.found(pattern="\\(literal\\)"))
        self.assertEqual([("p.txt", 2)], self.found(pattern="b.b$"))
        self.assertEqual([("p.txt", 1), ("p.txt", 5)], self.found(pattern="\\d"), "\\d is not grep -E: it matches a d")

    def test_a_glob_narrows_the_files_by_name_or_relative_path(self):
        self.write("a.log", "x\n")
        self.write("a.txt", "x\n")
        self.write("sub/b.log", "x\n")
        self.assertEqual([("a.log", 1), ("sub/b.log", 1)], self.found(pattern="x", glob="*.log"))
        self.assertEqual([("sub/b.log", 1)], self.found(pattern="x", glob="sub/*"))

    def test_results_stop_at_max_results_and_say_so(self):
        self.write("many.txt", "hit\n" * 5)
        reply = self.search(pattern="hit", maxResults=2)
        self.assertEqual((2, True), (len(reply["matches"]), reply["truncated"]))
        self.assertFalse(self.search(pattern="hit", maxResults=5)["truncated"])

    def test_a_long_matching_line_is_cut_to_500_characters(self):
        self.write("long.txt", "x" * 800 + "\n" + "y" * 5000000 + "\nx\n")
        reply = self.search(pattern="x|y")
        self.assertEqual([(1, 500), (2, 500), (3, 1)], [(m["line"], len(m["text"])) for m in reply["matches"]])

    def test_what_is_passed_over_is_listed_with_the_reason(self):
        self.write("b.bin", b"hit\0", "wb")
        self.write(".hidden/h.txt", "hit\n")
        self.write(".code-interpreter/session", "hit\n")
        os.symlink("/etc/hostname", self.path("out"))
        os.symlink("/etc", self.path("etc"))
        os.mkfifo(self.path("pipe"))
        self.write("in.txt", "hit\n")
        self.write("sub/in.txt", "hit\n")
        os.symlink(self.path("sub"), self.path("again"))
        reply = self.search(pattern=".")
        self.assertEqual(([self.path("in.txt"), self.path("sub/in.txt")], 2, 6),
                         ([m["path"] for m in reply["matches"]], reply["filesSearched"], reply["filesSkipped"]))
        reasons = {os.path.relpath(s["path"], self.data): s["reason"].split(" (")[0].split(":")[0] for s in reply["skipped"]}
        self.assertEqual({"b.bin": "a binary file", ".hidden": "a hidden folder", "out": "a symbolic link out of %s" % self.data,
                          "etc": "a symbolic link out of %s" % self.data, "again": "a symbolic link to a folder, not followed",
                          "pipe": "not a regular file"}, reasons)

    def test_a_file_whose_name_has_a_line_break_is_listed_not_misread(self):
        self.write("odd\nname.log", "hit\n")
        self.write("ok.log", "hit\n")
        reply = self.search(pattern="hit")
        self.assertEqual(([self.path("ok.log")], [self.path("odd\nname.log")]),
                         ([m["path"] for m in reply["matches"]], [s["path"] for s in reply["skipped"]]))

    def test_an_unreadable_file_is_listed(self):
        if os.geteuid() == 0:
            self.skipTest("root reads every file")
        path = self.write("secret.txt", "hit\n")
        os.chmod(path, 0)
        self.assertEqual([{"path": path, "reason": "unreadable: Permission denied"}], self.search(pattern="hit")["skipped"])

    def test_a_file_grep_cannot_read_after_all_is_listed_not_counted(self):
        self.write("a.log", "hit\n")
        self.write("gone.log", "hit\n")
        checked = self.helper.file_search._why_not_searched

        def removed_once_checked(path):  # as if the user's code removed it between the check and grep
            reason = checked(path)
            if path.endswith("gone.log"):
                os.remove(path)
            return reason

        self.helper.file_search._why_not_searched = removed_once_checked
        reply = self.search(pattern="hit")
        self.assertEqual((1, 1, [{"path": self.path("gone.log"), "reason": "unreadable: No such file or directory"}]),
                         (len(reply["matches"]), reply["filesSearched"], reply["skipped"]))

    def test_one_file_can_be_searched_and_a_binary_one_named_as_path_says_why_not(self):
        path = self.write("one.txt", "a\nb\n")
        self.assertEqual([("one.txt", 2)], self.found(path=path, pattern="b"))
        binary = self.write("b.bin", b"b\0", "wb")
        self.assertEqual(("b.bin", 0), (os.path.basename(self.search(path=binary, pattern="b")["skipped"][0]["path"]),
                                        self.search(path=binary, pattern="b")["filesSearched"]))

    def test_a_file_over_100_mb_is_searched_to_its_end(self):
        with open(self.path("big.log"), "wb") as f:
            block = b"INFO all is well\n" * 65536
            blocks = 120 * 1024 * 1024 // len(block)  # 125 MB: the old search passed over files of 100 MB and more
            for _ in range(blocks):
                f.write(block)
            f.write(b"FATAL the rare line\n")
        reply = self.search(pattern="^FATAL")
        self.assertEqual(([("big.log", blocks * 65536 + 1)], 1),
                         ([(os.path.basename(m["path"]), m["line"]) for m in reply["matches"]], reply["filesSearched"]))

    def test_many_files_are_searched_in_batches_in_order(self):
        self.helper.file_search.BATCH_FILES = 3
        for n in range(10):
            self.write("f%02d.log" % n, "hit %d\n" % n)
        reply = self.search(pattern="hit")
        self.assertEqual(([("f%02d.log" % n, 1) for n in range(10)], 10),
                         ([(os.path.relpath(m["path"], self.data), m["line"]) for m in reply["matches"]], reply["filesSearched"]))

    def test_the_time_bound_stops_the_search_and_names_the_file_and_byte_it_reached(self):
        self.helper.file_search.BATCH_FILES = 1
        self.write("a.log", "aa\n")
        # Back-references make grep backtrack: on lines of 3,000 characters this pattern takes minutes.
        slow = self.write("slow.log", ("a" * 2999 + "b\n") * 100)
        self.write("z.log", "aa\n")
        reply = self.search(pattern="^(a*)(a*)\\2\\1$", maxSeconds=0.3)
        self.assertEqual((True, 1, slow, [("a.log", 1)]), (reply["timedOut"], reply["filesSearched"], reply["stoppedIn"],
                                                          [(os.path.basename(m["path"]), m["line"]) for m in reply["matches"]]))
        self.assertTrue(0 < reply["stoppedAtByte"] <= os.path.getsize(slow), "grep had read into the file: %s" % reply["stoppedAtByte"])

    def test_a_search_that_runs_out_of_time_between_files_names_the_next_one(self):
        self.write("a.log", "x\n")
        self.write("b.log", "x\n")
        self.helper.file_search.BATCH_FILES = 1
        reply = self.search(pattern="x", maxSeconds=0.000001)
        self.assertEqual((True, 0, self.path("a.log"), 0, []),
                         (reply["timedOut"], reply["filesSearched"], reply["stoppedIn"], reply["stoppedAtByte"], reply["matches"]))

    def test_an_invalid_pattern_says_what_grep_finds_wrong_with_it(self):
        self.assertEqual({"type": "InvalidPattern", "message": "The pattern is not a valid grep -E regular expression: Unmatched ( or \\(."},
                         self.search(pattern="(")["error"])

    def test_greps_warning_about_a_pattern_comes_with_the_answer(self):
        warning = self.search(pattern="^id \\d+")["patternWarning"]
        self.assertTrue(warning in ("grep: warning: stray \\ before d",
                                    "grep -E reads \\d as the letter d (and \\D as D): for a digit write [[:digit:]] or [0-9]"), warning)
        self.assertIsNone(self.search(pattern="[[:digit:]]|\\\\d")["patternWarning"], "an escaped backslash before d is no \\d")

    def test_a_pattern_that_looks_like_an_option_is_a_pattern(self):
        self.write("o.txt", "a -v b\n")
        self.assertEqual([("o.txt", 1)], self.found(pattern="-v"))

    def test_a_missing_folder_and_a_link_out_are_refused(self):
        self.assertEqual({"type": "FileNotFound", "message": "No file or folder %s." % self.path("nope")},
                         self.search(path=self.path("nope"), pattern="x")["error"])
        os.symlink("/etc", self.path("etc"))
        self.assertEqual("PathOutsideDataFolder", self.search(path=self.path("etc"), pattern="x")["error"]["type"])


if __name__ == "__main__":
    unittest.main()
