"""Client-side v3 -> v4 translation: v3 scripts against engines that serve only v4.

oVirt 4.4 and later removed API v3. When ``API(...)`` finds such an engine (see
``protocol``), the context sends every broker request through a ``Translator``
instead of straight to the transport: each v3 call becomes one or more v4
requests and the replies become the v3 documents the brokers already parse.
Brokers and ``params`` stay v3.

- ``protocol``: the override (``protocol=`` keyword, ``OVIRTSDK_PROTOCOL``) and the
  detection at connect;
- ``translator``: the boundary (URL parsing, routing, v4 requests, per-API cache);
- ``routes``: the tables saying which v3 call goes where (data);
- ``xmlmap``: element-level conversion derived from the v3 schema plus its tables;
- ``handlers``: the calls whose structure differs (entry point, VM disks <-> disk
  attachments, NIC network <-> vNIC profile);
- ``v4links``: the v4 href templates and their URL parameters (generated);
- ``coverage()``: which v3 broker methods are translated.
"""
from .translator import Translator, V3Call

__all__ = ["Translator", "V3Call", "coverage"]


def coverage():
    """{v3 broker method name: True when translated} over every generated broker op.

    A method counts as translated when its call is routed to a handler or to an
    unchanged v4 path; it does not send anything.
    """
    from ovirtsdk.infrastructure import brokers
    from . import handlers, routes, v4links
    from .xmlmap import NotTranslatable
    result = {}
    for name, op in brokers._OPS.items():
        segments = [s for s in op.url.strip("/").split("/") if s]
        pattern = "/".join("{}" if s.startswith("{") else s for s in segments)
        if pattern in routes.HANDLERS:
            result[name] = True
            continue
        if pattern in routes.NOT_TRANSLATED or pattern in routes.NOT_SAME:
            result[name] = False
            continue
        if op.kind == "action":
            resource = pattern.rsplit("/", 1)[0]
            action = pattern.rsplit("/", 1)[1]
            pattern = resource + "/" + routes.ACTION_RENAMES.get(resource, {}).get(
                action, action)
        method = op.http
        result[name] = method in v4links.LINKS.get(pattern, {})
    return result
