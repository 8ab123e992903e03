"""URL template filling as the brokers do it."""
from ovirtsdk.infrastructure.common import fill_url


class UrlHelper(object):

    @staticmethod
    def replace(url, args):
        """Fill ``{name:id}`` placeholders of ``url`` from the dict ``args``.

        Keys are the placeholders with braces (``'{vm:id}'``), as the original took them.
        """
        for key, value in (args or {}).items():
            url = url.replace(key, str(value))
        return url

    @staticmethod
    def fill(url, ids):
        """Fill the placeholders of ``url`` in order from ``ids``."""
        return fill_url(url, ids)

    @staticmethod
    def append(url, suffix):
        return url.rstrip("/") + "/" + suffix.lstrip("/")
