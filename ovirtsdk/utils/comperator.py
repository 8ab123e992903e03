"""Comparison of params objects and brokers (module name as in the original)."""
from ovirtsdk.xml import runtime as _rt


class Comparator(object):

    @staticmethod
    def compare(first, second):
        """True when both stand for equal entities (brokers compare as their entity)."""
        a, b = _rt.unwrap(first), _rt.unwrap(second)
        if a is None or b is None:
            return a is b
        return a == b
