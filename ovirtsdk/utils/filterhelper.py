"""Client-side filtering of lists by attribute values."""
from ovirtsdk.infrastructure.common import filter_entities


class FilterHelper(object):

    @staticmethod
    def filter(collection, kwargs):
        """Entities of ``collection`` whose attributes match ``kwargs``
        (dotted paths or ``a__b`` keys; shell-style wildcards for strings)."""
        return filter_entities(list(collection), kwargs)

    @staticmethod
    def getItem(result):
        """The single item of ``result`` (None when empty)."""
        if not result:
            return None
        return result[0]
