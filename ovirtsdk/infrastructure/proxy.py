"""``Proxy``: the object brokers hold to talk to the engine.

It is deliberately thin: brokers call ``proxy.request(method, url, body, headers)`` and
the ``ConnectionsPool`` behind it does the work (headers, auth, TLS, errors). Keeping a
separate name lets scripts that import ``ovirtsdk.infrastructure.proxy.Proxy`` work and
keeps brokers unaware of how the transport is built.
"""

__all__ = ['Proxy']


class Proxy(object):
    """Forwards requests to one ``ConnectionsPool``."""

    __slots__ = ('_pool',)

    def __init__(self, connections_pool):
        self._pool = connections_pool

    def get_connections_pool(self):
        return self._pool

    def request(self, method, url=None, body=None, headers=None, last=False):
        """See ``ConnectionsPool.request``; returns its ``Response``."""
        return self._pool.request(method, url, body=body, headers=headers, last=last)

    def __repr__(self):
        return '<Proxy %r>' % (self._pool,)
