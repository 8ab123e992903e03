"""Comparison of params objects and brokers (module name as in the original)."""
import types

from ovirtsdk.xml import runtime as _rt


class Comparator(object):

    @staticmethod
    def compare(first, second, callback=None):
        """True when ``second`` is a ``type(first)`` with an equal ``__dict__`` (a
        broker compares as the entity it holds). With ``callback``, walks the members
        of ``first`` and calls ``callback(name)`` for the first one that ``second``
        lacks or holds differently, then returns False."""
        a, b = _rt.unwrap(first), _rt.unwrap(second)
        if callback is None:
            return isinstance(b, type(a)) and vars(a) == vars(b)
        mine, theirs = vars(a), getattr(b, "__dict__", {})
        for key, value in mine.items():
            if key.startswith("__") or isinstance(value, types.FunctionType):
                continue
            if key not in theirs or theirs[key] != value:
                callback(key)
                return False
        return True
