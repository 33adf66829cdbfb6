"""The session's files (session_files.py): what a call created or changed, and ListSessionFiles' listing,
each against a fresh folder standing in for /mnt/data. SessionFolderTest is shared with test_file_read.py
and test_file_search.py."""
import base64
import os
import shutil
import tempfile
import unittest

import helper_modules


class SessionFolderTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="session-files-test-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.helper = helper_modules.load(data_folder=self.data)
        self.files = self.helper.session_files

    def path(self, name):
        return os.path.join(self.data, name)

    def write(self, name, content="", mode="w"):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(content)
        return path


class ChangedFilesTest(SessionFolderTest):

    def test_new_and_changed_files_are_reported_and_unchanged_ones_are_not(self):
        self.write("same.txt", "a")
        changed = self.write("changed.txt", "a")
        before = self.files.snapshot()
        self.write("changed.txt", "longer")
        self.write("sub/new.csv", "x,y\n")
        files, more = self.files.changed_files(before)
        self.assertEqual(sorted([changed, self.path("sub/new.csv")]), sorted(f["path"] for f in files))
        self.assertEqual(0, more)
        entry = next(f for f in files if f["name"] == "new.csv")
        self.assertEqual({"path": self.path("sub/new.csv"), "name": "new.csv", "size": 4, "base64": base64.b64encode(b"x,y\n").decode()},
                         entry)

    def test_hidden_files_and_folders_and_links_are_not_reported(self):
        before = self.files.snapshot()
        self.write(".hidden", "x")
        self.write(".outputs/saved.txt", "x")
        os.symlink("/etc/hostname", self.path("link"))
        self.assertEqual(([], 0), self.files.changed_files(before))

    def test_files_too_big_to_travel_inline_are_reported_without_their_content(self):
        self.files.INLINE_FILE_BYTES = 3
        before = self.files.snapshot()
        self.write("big.txt", "four")
        self.write("ok.txt", "abc")
        files, _ = self.files.changed_files(before)
        self.assertEqual({"big.txt": False, "ok.txt": True}, {f["name"]: "base64" in f for f in files})

    def test_inline_content_stops_at_the_replys_total(self):
        self.files.INLINE_TOTAL_BYTES = 5
        before = self.files.snapshot()
        for name in ("a.txt", "b.txt", "c.txt"):
            self.write(name, "abc")
        files, _ = self.files.changed_files(before)
        self.assertEqual(1, sum("base64" in f for f in files))

    def test_beyond_the_reported_files_the_rest_are_counted(self):
        self.files.MAX_FILES_REPORTED = 2
        before = self.files.snapshot()
        for n in range(5):
            self.write("f%d.txt" % n, "x")
        files, more = self.files.changed_files(before)
        self.assertEqual((2, 3), (len(files), more))


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

    def test_a_listing_stops_at_max_entries_and_says_so_with_a_cursor(self):
        for n in range(4):
            self.write("f%d" % n)
        reply = self.files.list_files({"maxEntries": 3})
        self.assertEqual((3, True, "f2"), (len(reply["files"]), reply["truncated"], reply["nextCursor"]))
        reply = self.files.list_files({"maxEntries": 3, "recursive": False})
        self.assertEqual((3, True, "f2"), (len(reply["files"]), reply["truncated"], reply["nextCursor"]))
        self.assertEqual((["f3"], False, None), self.page({"maxEntries": 3, "cursor": "f2"}))
        self.assertEqual((4, False, None), (len(self.files.list_files({"maxEntries": 4})["files"]), False, None))

    def page(self, request):
        reply = self.files.list_files(request)
        return [os.path.relpath(f["path"], self.data) for f in reply["files"]], reply["truncated"], reply["nextCursor"]

    def test_paging_with_the_cursor_lists_every_file_once_in_order(self):
        names = ["a/x", "a/y", "a/b/z", "a/c/w", "b", "c/d/e/f", "c/g", "top"]
        for name in names:
            self.write(name, "x")
        os.makedirs(self.path("empty/inner"))
        whole = self.page({})[0]
        for size in (1, 2, 3, 7):
            listed, cursor = [], None
            while True:
                files, truncated, cursor = self.page({"maxEntries": size, "cursor": cursor})
                listed += files
                self.assertEqual(truncated, cursor is not None)
                if not truncated:
                    break
            with self.subTest(page=size):
                self.assertEqual(whole, listed)
        self.assertEqual(sorted(names), sorted(whole))
        self.assertEqual(["b", "top", "a/x", "a/y", "a/b/z", "a/c/w", "c/g", "c/d/e/f"], whole, "a folder's files, then its folders")

    def test_a_cursor_whose_file_was_removed_still_resumes_after_its_name(self):
        for name in ("a", "b", "c", "d"):
            self.write("sub/" + name)
        files, _, cursor = self.page({"maxEntries": 2})
        os.remove(self.path("sub/b"))
        self.assertEqual((["sub/c", "sub/d"], "sub/b"), (self.page({"cursor": cursor})[0], cursor))

    def test_a_folder_that_cannot_be_read_is_named_in_the_answer(self):
        self.write("a.txt")
        self.write("locked/b.txt")
        entries = self.files._entries

        def no_permission(folder, own):  # as chmod 000 does to a user who is not root
            if folder.endswith("locked"):
                raise PermissionError(13, "Permission denied", folder)
            return entries(folder, own)

        self.files._entries = no_permission
        reply = self.files.list_files({})
        self.assertEqual(([("a.txt", "file", 0)], [self.path("locked")]), (self.names(reply), reply["unreadable"]))
        self.assertEqual("Unreadable", self.files.list_files({"path": self.path("locked"), "recursive": False})["error"]["type"])

    def test_a_cursor_this_listing_did_not_give_is_refused(self):
        self.write("a/b")
        for cursor in ("/etc", "../x", "a//b", "a/./b"):
            with self.subTest(cursor=cursor):
                self.assertEqual("InvalidCursor", self.files.list_files({"cursor": cursor})["error"]["type"])
        self.assertEqual("InvalidCursor", self.files.list_files({"cursor": "a/b", "recursive": False})["error"]["type"])

    def test_a_big_folder_is_paged_through_without_loss_or_repeat(self):
        folder = self.path("many")
        os.mkdir(folder)
        for n in range(2500):
            open(os.path.join(folder, "f%06d.log" % n), "w").close()
        seen, cursor, pages = [], None, 0
        while True:
            reply = self.files.list_files({"path": folder, "maxEntries": 1000, "cursor": cursor})
            seen += [f["name"] for f in reply["files"]]
            pages += 1
            cursor = reply["nextCursor"]
            if cursor is None:
                break
        self.assertEqual((["f%06d.log" % n for n in range(2500)], 3), (seen, pages))

    def test_a_file_a_missing_folder_and_a_link_out_are_refused(self):
        path = self.write("f.txt")
        self.assertEqual({"type": "NotADirectory", "message": "No folder %s." % path}, self.files.list_files({"path": path})["error"])
        self.assertEqual({"type": "FileNotFound", "message": "No folder %s." % self.path("nope")},
                         self.files.list_files({"path": self.path("nope")})["error"])
        os.symlink("/etc", self.path("etc"))
        self.assertEqual("PathOutsideDataFolder", self.files.list_files({"path": self.path("etc")})["error"]["type"])


if __name__ == "__main__":
    unittest.main()
