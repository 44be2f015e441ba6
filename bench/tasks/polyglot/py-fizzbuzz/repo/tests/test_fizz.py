import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from fizz import fizzbuzz  # noqa: E402


class FizzTest(unittest.TestCase):
    def test_values(self):
        self.assertEqual([fizzbuzz(i) for i in (1, 3, 5, 15, 30)], ["1", "Fizz", "Buzz", "FizzBuzz", "FizzBuzz"])


if __name__ == "__main__":
    unittest.main()
