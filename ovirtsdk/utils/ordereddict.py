"""``OrderedDict`` under the original module path (with Python 2's ``has_key``)."""
import collections


class OrderedDict(collections.OrderedDict):

    def has_key(self, key):
        return key in self
