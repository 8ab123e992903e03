"""Coverage of the translation layer over the generated brokers (a report tool)."""
from ovirtsdk.infrastructure import brokers

from . import routes, v4links


def coverage():
    """{v3 broker method name: True when translated} over every generated broker op.

    A method counts as translated when its call is routed to a handler or to an
    unchanged v4 path; it does not send anything.
    """
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
