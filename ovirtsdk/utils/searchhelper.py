"""Search helpers kept under the original module name."""
from ovirtsdk.infrastructure.common import filter_entities


class SearchHelper(object):

    @staticmethod
    def filter(collection, kwargs):
        return filter_entities(list(collection), kwargs)

    @staticmethod
    def appendQuery(url, qargs):
        """``url`` with matrix/query arguments: ``{'search:query': 'name=x', 'max:matrix': 10}``."""
        from urllib.parse import quote, urlencode
        matrix, query = "", []
        for key, value in (qargs or {}).items():
            if value is None:
                continue
            name, _, kind = key.partition(":")
            if kind == "matrix":
                matrix += ";%s=%s" % (name, quote("%s" % (value,), safe=""))
            else:
                query.append((name, "%s" % (value,)))
        return url + matrix + (("?" + urlencode(query)) if query else "")
