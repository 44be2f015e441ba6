import math


def circle_area(r):
    return math.pi * r * r


def rect_perimeter(w, h):
    return 2 * w + h
