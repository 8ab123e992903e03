"""``Proxy``: a compatibility shim, kept for scripts that import it.

The original SDK's brokers talked to the engine through a ``Proxy``; here they
hold a ``context.Context`` and nothing in the SDK creates or uses a ``Proxy``.
The class stays so that ``from ovirtsdk.infrastructure.proxy import Proxy`` and
code wrapping a ``ConnectionsPool`` in one keep working: it forwards
``request(method, url, body, headers)`` to the pool it was given.
"""

__all__ = ['Proxy']


class Proxy(object):
    """Compatibility shim: forwards requests to one ``ConnectionsPool``."""

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
