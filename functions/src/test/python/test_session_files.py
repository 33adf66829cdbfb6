"""The session's files (session_files.py): the file tools' reading, searching and listing, each against a
fresh folder standing in for /mnt/data."""
import os
import shutil
import tempfile
import unittest

import helper_modules


class SessionFolderTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="session-files-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.files = helper_modules.load(data_folder=self.data).session_files

    def path(self, name):
        return os.path.join(self.data, name)

    def write(self, name, content="", mode="w"):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(content)
        return path


class ReadFileTest(SessionFolderTest):

    def read(self, name, **request):
        return self.files.read_file(dict(request, path=self.path(name) if not name.startswith("/") else name))

    def test_a_text_file_is_read_whole_with_its_line_counts(self):
        path = self.write("notes.txt", "one\ntwo\r\nthree")
        self.assertEqual({"status": "succeeded", "path": path, "content": "one\ntwo\r\nthree", "startLine": 1, "endLine": 3, "lineCount": 3,
                          "totalLines": 3, "size": 14, "truncated": False}, self.read("notes.txt"))

    def test_a_window_of_lines_is_read_from_start_line_and_cut_at_max_lines(self):
        self.write("n.txt", "".join("line %d\n" % n for n in range(1, 11)))
        reply = self.read("n.txt", startLine=3, maxLines=2)
        self.assertEqual(("line 3\nline 4\n", 3, 4, True, None),
                         (reply["content"], reply["startLine"], reply["endLine"], reply["truncated"], reply["totalLines"]))

    def test_reading_stops_before_the_line_that_would_pass_max_chars(self):
        self.write("n.txt", "aaaa\nbbbb\n")
        reply = self.read("n.txt", maxChars=7)
        self.assertEqual(("aaaa\n", True), (reply["content"], reply["truncated"]))

    def test_an_empty_file_has_no_lines(self):
        self.write("empty.txt")
        reply = self.read("empty.txt")
        self.assertEqual(("", 0, 0, 0), (reply["content"], reply["endLine"], reply["lineCount"], reply["totalLines"]))

    def test_a_missing_file_says_how_to_list_the_files(self):
        self.assertEqual({"status": "failed", "error": {"type": "FileNotFound", "message": "No file %s. List the session's files with "
                                                        "ListSessionFiles." % self.path("nope.txt")}}, self.read("nope.txt"))

    def test_a_folder_is_not_read(self):
        os.mkdir(self.path("sub"))
        self.assertEqual({"type": "IsADirectory", "message": "%s is a folder. List it with ListSessionFiles." % self.path("sub")},
                         self.read("sub")["error"])

    def test_a_binary_file_is_sent_to_the_download_tool(self):
        self.write("b.bin", b"\x89PNG\0\0", "wb")
        self.assertEqual({"type": "BinaryFile", "message": "%s is a binary file (6 bytes); download it with GetSessionFile instead."
                          % self.path("b.bin")}, self.read("b.bin")["error"])

    def test_a_pipe_is_not_read(self):
        os.mkfifo(self.path("pipe"))
        self.assertEqual({"type": "NotARegularFile", "message": "%s is not a regular file (a pipe, socket or device); the file tools read "
                          "regular files only." % self.path("pipe")}, self.read("pipe")["error"])

    def test_a_link_out_of_the_folder_is_refused_with_where_it_leads(self):
        os.symlink("/etc", self.path("etc"))
        self.assertEqual({"type": "PathOutsideDataFolder", "message": "%s leads outside %s through a symbolic link (to /etc/hostname); the "
                          "file tools only reach files in %s. Use the path of a file inside it." % (self.path("etc/hostname"), self.data,
                                                                                                    self.data)},
                         self.read("etc/hostname")["error"])

    def test_a_link_inside_the_folder_is_followed(self):
        self.write("real.txt", "x\n")
        os.symlink(self.path("real.txt"), self.path("alias.txt"))
        self.assertEqual("x\n", self.read("alias.txt")["content"])


class SearchFilesTest(SessionFolderTest):

    def search(self, **request):
        return self.files.search_files(request)

    def test_matching_lines_are_found_in_every_file_under_the_folder(self):
        self.write("app.log", "ERROR a\nINFO b\nERROR c\n")
        self.write("sub/other.log", "error d\n")
        self.assertEqual({"status": "succeeded", "filesSearched": 2, "truncated": False, "matches": [
            {"path": self.path("app.log"), "line": 1, "text": "ERROR a"}, {"path": self.path("app.log"), "line": 3, "text": "ERROR c"}]},
            self.search(pattern="ERROR"))
        self.assertEqual(3, len(self.search(pattern="error", ignoreCase=True)["matches"]))

    def test_a_glob_narrows_the_files_by_name_or_relative_path(self):
        self.write("a.log", "x\n")
        self.write("a.txt", "x\n")
        self.write("sub/b.log", "x\n")
        self.assertEqual([self.path("a.log"), self.path("sub/b.log")], [m["path"] for m in self.search(pattern="x", glob="*.log")["matches"]])
        self.assertEqual([self.path("sub/b.log")], [m["path"] for m in self.search(pattern="x", glob="sub/*")["matches"]])

    def test_results_stop_at_max_results_and_say_so(self):
        self.write("many.txt", "hit\n" * 5)
        reply = self.search(pattern="hit", maxResults=2)
        self.assertEqual((2, True), (len(reply["matches"]), reply["truncated"]))

    def test_a_long_matching_line_is_cut_to_500_characters(self):
        self.write("long.txt", "x" * 800 + "\n")
        self.assertEqual(500, len(self.search(pattern="x")["matches"][0]["text"]))

    def test_binary_files_hidden_folders_and_links_out_are_passed_over(self):
        self.write("b.bin", b"hit\0", "wb")
        self.write(".hidden/h.txt", "hit\n")
        os.symlink("/etc/hostname", self.path("out"))
        self.write("in.txt", "hit\n")
        reply = self.search(pattern=".")
        self.assertEqual(([self.path("in.txt")], 1), ([m["path"] for m in reply["matches"]], reply["filesSearched"]))

    def test_one_file_can_be_searched(self):
        path = self.write("one.txt", "a\nb\n")
        self.assertEqual([2], [m["line"] for m in self.search(path=path, pattern="b")["matches"]])

    def test_an_invalid_pattern_says_what_is_wrong_with_it(self):
        self.assertEqual({"type": "InvalidPattern", "message": "The pattern is not a valid regular expression: missing ), unterminated "
                          "subpattern at position 0."}, self.search(pattern="(")["error"])

    def test_a_missing_folder_and_a_link_out_are_refused(self):
        self.assertEqual({"type": "FileNotFound", "message": "No file or folder %s." % self.path("nope")},
                         self.search(path=self.path("nope"), pattern="x")["error"])
        os.symlink("/etc", self.path("etc"))
        self.assertEqual("PathOutsideDataFolder", self.search(path=self.path("etc"), pattern="x")["error"]["type"])


class ListFilesTest(SessionFolderTest):

    def names(self, reply):
        return [(os.path.relpath(f["path"], self.data), f["type"], f["size"]) for f in reply["files"]]

    def test_the_folder_is_listed_recursively_in_order_without_the_session_marker(self):
        self.write("b.txt", "bb")
        self.write("a/c.txt", "c")
        self.write(".code-interpreter/session", "1")
        reply = self.files.list_files({})
        self.assertEqual([("b.txt", "file", 2), ("a/c.txt", "file", 1)], self.names(reply))
        self.assertEqual((self.data, False), (reply["path"], reply["truncated"]))
        self.assertRegex(reply["files"][0]["lastModified"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_a_flat_listing_names_folders_as_folders(self):
        self.write("b.txt", "bb")
        self.write("a/c.txt", "c")
        self.write(".code-interpreter/session", "1")
        self.assertEqual([("a", "directory", 0), ("b.txt", "file", 2)], self.names(self.files.list_files({"recursive": False})))

    def test_a_listing_stops_at_max_entries_and_says_so(self):
        for n in range(4):
            self.write("f%d" % n)
        reply = self.files.list_files({"maxEntries": 3})
        self.assertEqual((3, True), (len(reply["files"]), reply["truncated"]))
        reply = self.files.list_files({"maxEntries": 3, "recursive": False})
        self.assertEqual((3, True), (len(reply["files"]), reply["truncated"]))

    def test_a_file_a_missing_folder_and_a_link_out_are_refused(self):
        path = self.write("f.txt")
        self.assertEqual({"type": "NotADirectory", "message": "No folder %s." % path}, self.files.list_files({"path": path})["error"])
        self.assertEqual({"type": "FileNotFound", "message": "No folder %s." % self.path("nope")},
                         self.files.list_files({"path": self.path("nope")})["error"])
        os.symlink("/etc", self.path("etc"))
        self.assertEqual("PathOutsideDataFolder", self.files.list_files({"path": self.path("etc")})["error"]["type"])


if __name__ == "__main__":
    unittest.main()
