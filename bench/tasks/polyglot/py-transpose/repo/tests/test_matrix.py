import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from matrix import transpose  # noqa: E402


class MatrixTest(unittest.TestCase):
    def test_square(self):
        self.assertEqual(transpose([[1, 2], [3, 4]]), [[1, 3], [2, 4]])

    def test_rect(self):
        self.assertEqual(transpose([[1, 2, 3]]), [[1], [2], [3]])

    def test_empty(self):
        self.assertEqual(transpose([]), [])

if __name__ == "__main__":
    unittest.main()
