import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from shop.pricing import apply_discount, apply_tax  # noqa: E402


class PricingTest(unittest.TestCase):
    def test_discount(self):
        self.assertEqual(apply_discount(10, 3), 7)
        self.assertEqual(apply_discount(5, 8), 0)

    def test_tax(self):
        self.assertEqual(apply_tax(10, 0.5), 15)

if __name__ == "__main__":
    unittest.main()
