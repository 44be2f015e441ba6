import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from words import word_count  # noqa: E402


class WordsTest(unittest.TestCase):
    def test_case_and_punctuation(self):
        self.assertEqual(dict(word_count("The cat. the CAT!")), {"the": 2, "cat": 2})

    def test_whitespace(self):
        self.assertEqual(dict(word_count("  a\nb  a ")), {"a": 2, "b": 1})

if __name__ == "__main__":
    unittest.main()
