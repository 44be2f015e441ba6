import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import pathlib  # noqa: E402


ROOT = pathlib.Path(__file__).resolve().parent.parent / "pkg"
HEADER = "# SPDX-License-Identifier: MIT"


class HeaderTest(unittest.TestCase):
    def test_every_file(self):
        files = sorted(ROOT.rglob("*.py"))
        self.assertEqual(len(files), 4)
        for f in files:
            lines = f.read_text().splitlines()
            self.assertTrue(lines and lines[0] == HEADER, f)
            self.assertEqual(sum(1 for line in lines if line == HEADER), 1, f)

    def test_code_kept(self):
        sys.path.insert(0, str(ROOT.parent))
        from pkg.core import core
        from pkg.util.strings import up

        self.assertEqual(core(), 1)
        self.assertEqual(up("a"), "A")

if __name__ == "__main__":
    unittest.main()
