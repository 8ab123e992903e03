"""Client-side filtering of entities by attribute values (module name as in the original)."""
from ovirtsdk.infrastructure.common import filter_results


class SearchHelper(object):

    @staticmethod
    def filterResults(items, constraints):
        """The items for which every constraint holds: keys are dotted attribute paths
        (``'status.state'``), string values shell wildcards matched against
        ``str(value)`` (any list element may match), other values compared with ``==``;
        a missing value fails."""
        return filter_results(items, constraints)
