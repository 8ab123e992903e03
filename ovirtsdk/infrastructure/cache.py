"""Compatibility shims: the original cached entry-point data in these classes.

Nothing in the SDK uses ``Mode`` or ``Cache``; they stay so that scripts that
import them keep working.
"""


class Mode(object):
    R = "r"
    W = "w"


class Cache(object):
    """Compatibility shim: a tiny value holder (kept for scripts that import it)."""

    def __init__(self):
        self.__value = None

    def get(self):
        return self.__value

    def set(self, value):
        self.__value = value
        return value

    def clear(self):
        self.__value = None
