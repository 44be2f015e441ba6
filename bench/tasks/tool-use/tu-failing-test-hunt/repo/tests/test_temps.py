import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from calc.temps import c_to_f  # noqa: E402


class TempsTest(unittest.TestCase):
    def test_boiling(self):
        self.assertEqual(c_to_f(100), 212)

if __name__ == "__main__":
    unittest.main()
