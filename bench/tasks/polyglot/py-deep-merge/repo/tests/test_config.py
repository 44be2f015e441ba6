import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from config import deep_merge  # noqa: E402


class MergeTest(unittest.TestCase):
    def test_nested(self):
        a = {"db": {"host": "x", "port": 1}, "debug": False}
        b = {"db": {"port": 2}, "debug": True}
        self.assertEqual(deep_merge(a, b), {"db": {"host": "x", "port": 2}, "debug": True})
        self.assertEqual(a["db"], {"host": "x", "port": 1})

    def test_replace_non_dict(self):
        self.assertEqual(deep_merge({"a": {"b": 1}}, {"a": 3}), {"a": 3})

if __name__ == "__main__":
    unittest.main()
