"""``OrderedDict`` under the original module path: insertion-ordered, mutations under
a lock (one instance may be shared by threads), Python 2's ``has_key`` kept."""
import collections
import threading


def _locked(name):
    method = getattr(collections.OrderedDict, name)

    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    locked.__name__ = name
    locked.__doc__ = method.__doc__
    return locked


class OrderedDict(collections.OrderedDict):
    """A dict that remembers insertion order (``keys()``, ``values()``, ``items()``)."""

    def __init__(self, *args, **kwargs):
        self.__dict__["_lock"] = threading.RLock()
        super(OrderedDict, self).__init__(*args, **kwargs)

    __setitem__ = _locked("__setitem__")
    __delitem__ = _locked("__delitem__")
    clear = _locked("clear")
    setdefault = _locked("setdefault")
    update = _locked("update")
    pop = _locked("pop")

    def popitem(self, last=True):
        """Remove and return the last inserted ``(key, value)`` (the first with
        ``last=False``); ``KeyError('Empty')`` when empty."""
        with self._lock:
            if not self:
                raise KeyError("Empty")
            return super(OrderedDict, self).popitem(last)

    def copy(self):
        with self._lock:
            return type(self)(self)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        result = cls()
        for key in iterable:
            result[key] = value
        return result

    def has_key(self, key):
        return key in self

    def __reduce__(self):
        return (type(self), (list(self.items()),))
