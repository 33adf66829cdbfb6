"""The session's files (session_files.py): ListSessionFiles' listing, against a fresh folder standing in
for /mnt/data. SessionFolderTest is shared with test_file_read.py and test_file_search.py (what a call
changed is test_changes.py's)."""
import os
import shutil
import tempfile
import unittest

import helper_modules


class SessionFolderTest(unittest.TestCase):

    def setUp(self):
        self.data = os.path.realpath(tempfile.mkdtemp(prefix="session-files-test-", dir=helper_modules.SCRATCH))
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
