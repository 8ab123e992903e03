"""Coverage of the translation layer over the generated brokers (a report tool)."""
from ovirtsdk.infrastructure import brokers

from . import routes, translator, v4links


def coverage():
    """{v3 broker method name: True when translated} over every generated broker op.

    A method counts as translated when its call is routed to a handler or to a v4
    path (unchanged, or renamed by ``routes.PATH_RENAMES``); it does not send anything.
    """
    result = {}
    for name, op in brokers._OPS.items():
        segments = [s for s in op.url.strip("/").split("/") if s]
        pattern = _pattern(segments)
        if pattern in routes.HANDLERS:
            result[name] = True
            continue
        if pattern in routes.NOT_TRANSLATED:
            result[name] = False
            continue
        v4 = _pattern(translator.renamed_segments(segments))
        if v4 == pattern and pattern in routes.NOT_SAME:
            result[name] = False
            continue
        if op.kind == "action":
            resource, action = v4.rsplit("/", 1)
            v4 = resource + "/" + routes.ACTION_RENAMES.get(resource, {}).get(
                action, action)
        result[name] = op.http in v4links.LINKS.get(v4, {})
    return result


def _pattern(segments):
    return "/".join("{}" if s.startswith("{") else s for s in segments)
