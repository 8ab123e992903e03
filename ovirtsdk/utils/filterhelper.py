"""Client-side filtering helpers (module name as in the original)."""
from ovirtsdk.infrastructure import errors
from ovirtsdk.utils.searchhelper import SearchHelper


class FilterHelper(object):

    @staticmethod
    def filter(collection, kwargs):
        """``SearchHelper.filterResults(collection, kwargs)``; the collection itself
        when there is nothing to filter by."""
        if kwargs:
            return SearchHelper.filterResults(collection, kwargs)
        return collection

    @staticmethod
    def getItem(result, query=None):
        """The single item of ``result``; None when it is empty;
        ``AmbiguousQueryError(query)`` when it holds more than one."""
        if not result:
            return None
        if len(result) > 1:
            raise errors.AmbiguousQueryError(query)
        return result[0]
