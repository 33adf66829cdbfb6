"""ReadSessionFile's reading (file_read.py): pages of lines, long lines in parts, the end of a file, and the
checks that refuse what is not a text file in /mnt/data."""
import os
import unittest

from test_session_files import SessionFolderTest


class ReadFileTest(SessionFolderTest):

    def read(self, name, **request):
        return self.helper.file_read.read_file(dict(request, path=self.path(name) if not name.startswith("/") else name))

    def test_a_text_file_is_read_whole_with_its_line_counts(self):
        path = self.write("notes.txt", "one\ntwo\r\nthree")
        self.assertEqual({"status": "succeeded", "path": path, "content": "one\ntwo\r\nthree", "startLine": 1, "endLine": 3, "lineCount": 3,
                          "totalLines": 3, "size": 14, "truncated": False, "nextColumn": None}, self.read("notes.txt"))

    def test_lines_end_at_line_feeds_only_as_grep_counts_them(self):
        self.write("cr.txt", "a\rb\nc\n")
        self.assertEqual(("c\n", 2), (self.read("cr.txt", startLine=2)["content"], self.read("cr.txt")["totalLines"]))

    def test_a_window_of_lines_is_read_from_start_line_and_cut_at_max_lines_with_the_total_when_cheap(self):
        self.write("n.txt", "".join("line %d\n" % n for n in range(1, 11)))
        reply = self.read("n.txt", startLine=3, maxLines=2)
        self.assertEqual(("line 3\nline 4\n", 3, 4, True, 10),
                         (reply["content"], reply["startLine"], reply["endLine"], reply["truncated"], reply["totalLines"]))

    def test_the_total_is_not_counted_when_the_rest_of_a_big_file_would_cost_too_much(self):
        self.helper.file_read.COUNT_BYTES = 10
        self.write("n.txt", "".join("line %d\n" % n for n in range(1, 11)))
        self.assertIsNone(self.read("n.txt", maxLines=2)["totalLines"])
        self.assertEqual(10, self.read("n.txt", startLine=9)["totalLines"], "the read reached the end: counted on the way")

    def test_reading_stops_before_the_line_that_would_pass_max_chars(self):
        self.write("n.txt", "aaaa\nbbbb\n")
        reply = self.read("n.txt", maxChars=7)
        self.assertEqual(("aaaa\n", True, None), (reply["content"], reply["truncated"], reply["nextColumn"]))

    def test_a_line_longer_than_the_page_comes_back_in_parts_that_each_name_the_next_column(self):
        self.write("wide.txt", "abcdefgh\nnext\n")
        parts, column = [], 1
        while True:
            reply = self.read("wide.txt", startColumn=column, maxChars=3)
            parts.append(reply["content"])
            self.assertEqual((1, 1), (reply["startLine"], reply["endLine"]))
            if reply["nextColumn"] is None:
                break
            column = reply["nextColumn"]
        self.assertEqual(["abc", "def", "gh\n"], parts)
        self.assertEqual("next\n", self.read("wide.txt", startLine=2)["content"])

    def test_a_five_million_character_first_line_is_read_in_parts(self):
        self.write("one-line.json", "[" + "7," * 2500000 + "0]")
        first = self.read("one-line.json", maxChars=200000)
        self.assertEqual((200000, 200001, True), (len(first["content"]), first["nextColumn"], first["truncated"]))
        last = self.read("one-line.json", startColumn=4800004, maxChars=200000)  # the line has 5,000,003 characters
        self.assertEqual(("7,0]", None, False, 1), (last["content"][-4:], last["nextColumn"], last["truncated"], last["totalLines"]))

    def test_columns_count_characters_not_bytes(self):
        self.write("u.txt", "é" * 5 + "\n", "w")
        self.assertEqual(("éé", 4), (self.read("u.txt", maxChars=2, startColumn=2)["content"],
                                     self.read("u.txt", maxChars=2, startColumn=2)["nextColumn"]))

    def test_a_column_past_the_lines_end_is_refused_with_its_length(self):
        self.write("s.txt", "abc\n")
        self.assertEqual({"type": "InvalidColumn", "message": "That line of %s has 3 characters; startColumn must be at most 4."
                          % self.path("s.txt")}, self.read("s.txt", startColumn=9)["error"])
        self.assertEqual("\n", self.read("s.txt", startColumn=4)["content"])

    def test_the_last_lines_are_read_from_the_end_with_their_numbers(self):
        self.write("log.txt", "".join("line %d\n" % n for n in range(1, 101)))
        reply = self.read("log.txt", tailLines=3)
        self.assertEqual(("line 98\nline 99\nline 100\n", 98, 100, 100, False),
                         (reply["content"], reply["startLine"], reply["endLine"], reply["totalLines"], reply["truncated"]))
        self.assertEqual("line 1\n", self.read("log.txt", tailLines=500)["content"][:7])

    def test_the_end_of_a_file_without_a_final_line_feed_and_of_an_empty_one(self):
        self.write("nofinal.txt", "a\nb\nc")
        self.assertEqual("b\nc", self.read("nofinal.txt", tailLines=2)["content"])
        self.write("empty.txt")
        self.assertEqual(("", 0, 0), (self.read("empty.txt", tailLines=5)["content"], self.read("empty.txt", tailLines=5)["lineCount"],
                                      self.read("empty.txt", tailLines=5)["totalLines"]))

    def test_the_end_of_a_big_file_is_read_without_counting_its_lines(self):
        self.helper.file_read.COUNT_BYTES = 10
        path = self.write("big.log", "".join("line %d\n" % n for n in range(1, 1001)))
        reads = []
        real_newlines = self.helper.file_read._newlines
        self.helper.file_read._newlines = lambda f, start, end: reads.append(end - start) or real_newlines(f, start, end)
        reply = self.read("big.log", tailLines=2)
        self.assertEqual(("line 999\nline 1000\n", None, None, None, os.path.getsize(path)),
                         (reply["content"], reply["startLine"], reply["endLine"], reply["totalLines"], reply["size"]))
        self.assertEqual([], reads, "nothing was counted from the start")

    def test_the_end_of_a_file_whose_last_lines_pass_the_page_comes_in_parts(self):
        self.write("t.txt", "x\n" + "y" * 10 + "\nz\n")
        reply = self.read("t.txt", tailLines=2, maxChars=4)
        self.assertEqual(("yyyy", 2, 5, True), (reply["content"], reply["startLine"], reply["nextColumn"], reply["truncated"]))

    def test_a_start_line_past_the_end_returns_nothing_and_the_total(self):
        self.write("n.txt", "a\nb\n")
        reply = self.read("n.txt", startLine=9)
        self.assertEqual(("", 0, 2, False), (reply["content"], reply["lineCount"], reply["totalLines"], reply["truncated"]))

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


if __name__ == "__main__":
    unittest.main()
