"""Client-side filtering of entities by attribute values (``list(**kwargs)``)."""
import fnmatch


def _values(item, path):
    """The values at the dotted attribute ``path`` of ``item``: walking a list takes the
    attribute of each element; None values are dropped."""
    from ovirtsdk.xml.runtime import unwrap
    values = [item]
    for part in path.split("."):
        found = []
        for value in values:
            value = getattr(unwrap(value), part, None)
            if isinstance(value, list):
                found.extend(v for v in value if v is not None)
            elif value is not None:
                found.append(value)
        values = found
    return values


def _holds(item, path, expected):
    values = _values(item, path)
    if not values:
        return False                    # a missing value fails the constraint
    if isinstance(expected, bytes):
        expected = expected.decode("utf-8", "replace")
    if isinstance(expected, str):       # a shell wildcard, against str(value)
        return any(fnmatch.fnmatch(str(v), expected) for v in values)
    return any(v == expected for v in values)


class SearchHelper(object):

    @staticmethod
    def filterResults(items, constraints):
        """The items for which every constraint holds: keys are dotted attribute paths
        (``'status.state'``), string values shell wildcards matched against
        ``str(value)`` (any list element may match), other values compared with ``==``;
        a missing value fails."""
        constraints = list((constraints or {}).items())
        return [item for item in items
                if all(_holds(item, key, value) for key, value in constraints)]
