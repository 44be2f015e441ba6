import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from calc.money import cents  # noqa: E402


class MoneyTest(unittest.TestCase):
    def test_cents(self):
        self.assertEqual(cents(1.25), 125)

if __name__ == "__main__":
    unittest.main()
