import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from calc.geometry import circle_area, rect_perimeter  # noqa: E402


class GeometryTest(unittest.TestCase):
    def test_circle(self):
        self.assertAlmostEqual(circle_area(1), 3.14159, places=4)

    def test_perimeter(self):
        self.assertEqual(rect_perimeter(2, 3), 10)

if __name__ == "__main__":
    unittest.main()
