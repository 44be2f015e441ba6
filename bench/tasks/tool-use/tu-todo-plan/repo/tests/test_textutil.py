import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from textutil import initials, shout, truncate  # noqa: E402


class TextTest(unittest.TestCase):
    def test_shout(self):
        self.assertEqual(shout("hi"), "HI!")

    def test_initials(self):
        self.assertEqual(initials("Ada Lovelace"), "A.L.")
        self.assertEqual(initials("plato"), "P.")

    def test_truncate(self):
        self.assertEqual(truncate("hello", 10), "hello")
        self.assertEqual(truncate("hello world", 5), "hell…")
        self.assertEqual(len(truncate("hello world", 5)), 5)

if __name__ == "__main__":
    unittest.main()
