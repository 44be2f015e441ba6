"""Small text helpers."""


def shout(s):
    raise NotImplementedError


def initials(name):
    raise NotImplementedError


def truncate(s, n):
    raise NotImplementedError
