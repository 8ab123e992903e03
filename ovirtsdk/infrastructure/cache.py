"""Compatibility names: the original cached entry-point data in these classes."""


class Mode(object):
    R = "r"
    W = "w"


class Cache(object):
    """A tiny value holder (kept for scripts that import it)."""

    def __init__(self):
        self.__value = None

    def get(self):
        return self.__value

    def set(self, value):
        self.__value = value
        return value

    def clear(self):
        self.__value = None
