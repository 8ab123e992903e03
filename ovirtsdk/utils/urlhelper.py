"""URL building as the original's brokers did it."""
from urllib.parse import urlencode


def _render(value):
    return "%s" % (value,)       # booleans the Python way: True / False


class UrlHelper(object):

    @staticmethod
    def replace(url, args):
        """``url`` with each key of ``args`` (``'{vm:id}'``) replaced by its value."""
        for key, value in (args or {}).items():
            url = url.replace(key, _render(value))
        return url

    @staticmethod
    def append(url, part):
        """``url + '/' + part`` when ``part`` is given, else ``url``."""
        if part:
            return url + "/" + _render(part)
        return url

    @staticmethod
    def appendParameters(url, args):
        """``url`` with URL parameters: keys ``'name:matrix'`` become ``;name=value``,
        the others (``'search:query'``, plain ``'x'``) the query string ``?k=v&...``;
        values URL-encoded (``+`` for spaces), None values left out, matrix first."""
        matrix, query = [], []
        for key, value in (args or {}).items():
            if value is None:
                continue
            name, _, kind = str(key).partition(":")
            if kind == "matrix":
                matrix.append(";" + urlencode({name: _render(value)}))
            else:
                query.append((name, _render(value)))
        return url + "".join(matrix) + (("?" + urlencode(query)) if query else "")
