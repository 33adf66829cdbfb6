"""The helper as a whole: the modules HelperCode.java installs, and the rules they all keep."""
import os
import sys
import unittest

import helper_modules


class HelperModulesTest(unittest.TestCase):

    def test_every_helper_source_is_installed_and_every_installed_module_has_its_source(self):
        sources = sorted(name for name in os.listdir(helper_modules.SOURCES) if name.endswith(".py"))
        self.assertEqual(sources, sorted(resource for resource, _ in helper_modules.install_order()))

    def test_each_module_finds_the_modules_it_uses_installed_before_it_under_the_same_prefix(self):
        helper = helper_modules.load()
        uses = {"guard": ["guard_shell"], "guard_names": ["guard_rules"], "guard_static": ["guard", "guard_shell", "guard_rules",
                                                                                           "guard_names"],
                "session_files": ["guard"], "file_read": ["session_files"], "file_search": ["guard", "session_files"],
                "changes": ["guard"], "capture": ["guard"],
                "runner": ["guard", "session_files", "file_read", "file_search", "changes", "capture"]}
        for module, used in uses.items():
            for name in used:
                with self.subTest(module=module, uses=name):
                    self.assertIs(getattr(helper, name), getattr(getattr(helper, module), name))
        self.assertIs(helper.guard_static, helper.runner.static_check)

    def test_the_session_folder_is_spelled_once_in_guard_py_and_the_others_take_it_from_there(self):
        spelled = {resource: helper_modules.source(resource).count(helper_modules.DATA_LITERAL)
                   for resource, _ in helper_modules.install_order()}
        self.assertEqual({"guard.py": 1}, {resource: n for resource, n in spelled.items() if n})
        helper = helper_modules.load(data_folder="/elsewhere")
        self.assertEqual(("/elsewhere", ("/elsewhere", "/tmp"), "/elsewhere/.code-interpreter/session", "/elsewhere/.outputs"),
                         (helper.guard.DATA, helper.guard.WRITABLE_ROOTS, helper.session_files.SESSION_MARKER,
                          helper.capture.SAVED_OUTPUT_DIR))

    def test_no_helper_file_is_over_450_lines(self):
        for resource, _ in helper_modules.install_order():
            with self.subTest(module=resource):
                self.assertLessEqual(helper_modules.source(resource).count("\n"), 450)


if __name__ == "__main__":
    unittest.main()
