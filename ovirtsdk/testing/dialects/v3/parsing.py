"""The v3 dialect's request bodies: parsing and the parameter-set checks (parsing).

A body is an XML document of the 3.6 API; it becomes a params object, and the
link's parameter sets (``link.sets``) are checked on the document itself, as the
engine does ("Incomplete parameters").
"""
import functools

from ovirtsdk.infrastructure import errors
from ovirtsdk.xml import params as P
from ovirtsdk.xml import parser as xmlparser
from ovirtsdk.xml import runtime

from ... import behaviour
from ...fault import Fault


class Body(object):
    """A parsed request body: what the operations need from it.

    ``obj`` the params object; ``satisfied`` the indices of the link's parameter
    sets it fills; ``items`` the (id, name) of each member it lists (for a DELETE
    on a collection).
    """
    __slots__ = ("root", "obj", "satisfied")

    def __init__(self, root, obj, satisfied):
        self.root = root
        self.obj = obj
        self.satisfied = satisfied

    @property
    def items(self):
        return [(child.get("id"), child.findtext("name")) for child in self.root]


def read(engine, req, link):
    """The required body of an add, an update or a DELETE on a collection."""
    root, obj = parse_body(engine, req, link)
    return Body(root, obj, check_sets(engine, req, link, root))


def read_optional(engine, req, link):
    """An action's body: may be absent (None); checked when present."""
    root, obj = parse_body(engine, req, link, required=False)
    if root is None:
        return None
    return Body(root, obj, check_sets(engine, req, link, root))


def read_delete(engine, req, link):
    """A DELETE's optional options; an empty ``<action/>`` (what the SDK sends by
    default) means "no options" and is not checked against the parameter sets."""
    if not (req.body and req.body.strip()):
        return None
    root, obj = parse_body(engine, req, link, required=False)
    satisfied = []
    if link.sets and root is not None and root.tag == "action" and len(root):
        satisfied = check_sets(engine, req, link, root)
    return Body(root, obj, satisfied)


def parse_body(engine, req, link, required=True):
    body = req.body
    if not body or not body.strip():
        if required:
            raise Fault(400, "Incomplete parameters",
                        "%s [%s] required for %s" % (link.body_type or "Entity", "body",
                                                     _method_name(req, link)))
        return None, None
    try:
        root = xmlparser.fromstring(body)
    except ValueError as exc:
        raise Fault(400, "Syntax error", "The request body is not valid XML: %s" % exc) \
            from None
    except errors.FormatError as exc:
        raise Fault(400, "Syntax error", "The request body is not valid XML: %s"
                    % str(exc)[len(errors.PREFIX):]) from None
    cls = P._rootClassMap.get(root.tag)
    expected = getattr(P, link.body_type, None) if link.body_type else None
    if cls is None or (expected is not None and not issubclass(cls, expected)):
        raise Fault(400, "Invalid value", "Expected a <%s> document, got <%s>"
                    % (runtime.root_tag(expected) if expected else "?", root.tag))
    try:
        obj = runtime.parse_node(P, root, lazy=False)
    except Exception as exc:        # ValueError, TypeError or the SDK's FormatError
        message = str(exc)
        if message.startswith("[ERROR]::"):
            message = message.split(": ", 1)[-1]
        raise Fault(400, "Invalid value", message) from None
    return root, obj


def check_sets(engine, req, link, root):
    """Indices of the parameter sets the body satisfies (400 when none)."""
    if not link.sets:
        return []
    results = []
    for deprecated, params_ in link.sets:
        results.append([m for p in params_ for m in _missing(root, p)])
    satisfied = [i for i, missing in enumerate(results) if not missing]
    if not satisfied:
        satisfied = behaviour.accepted_sets(req.method, link, root)
    if not satisfied:
        best = min(results, key=len)
        raise Fault(400, "Incomplete parameters", "%s [%s] required for %s"
                    % (link.body_type, ", ".join(best), _method_name(req, link)))
    return satisfied


def _method_name(req, link):
    return {"POST": "add" if link.rel == "add" else link.rel, "PUT": "update",
            "DELETE": "remove"}.get(req.method, link.rel)


def _has_content(node):
    return bool((node.text or "").strip()) or len(node) > 0 or bool(node.attrib)


def _present(node, segs):
    alts = []
    for alt in segs[0].split("|"):
        alts.append(alt)
        alts.extend(behaviour.PARAM_ALIASES.get(alt, ()))
    last = len(segs) == 1
    for alt in alts:
        if last and node.get(alt) not in (None, ""):
            return True
        for child in node.iterchildren(alt):
            if (last and _has_content(child)) or (not last and _present(child, segs[1:])):
                return True
    return False


def _find_all(node, segs):
    nodes = [node]
    for seg in segs:
        nodes = [c for n in nodes for c in n.iterchildren(seg)]
    return nodes


def _body_path(root, name):
    """The members ``name`` names below the body's root. The RSDL writes an action
    body's parameters below ``action.``; a few links (a disk's move, copy and export)
    write ``storagedomain.id|name`` instead, which the engine checks as the action's
    ``storageDomain.id|name``: there the first name is the member's type."""
    head, _, rest = name.partition(".")
    segs = rest.split(".") if rest else []
    if root.tag == "action" and head != "action":
        return [_member_tag(head)] + segs
    return segs


@functools.lru_cache(maxsize=None)
def _member_tag(type_name):
    """The XML tag of the params type named ``type_name`` in lower case."""
    for name, cls in vars(P).items():
        if name.lower() == type_name and isinstance(cls, type):
            return runtime.root_tag(cls)
    return type_name


def _missing(root, param):
    """The names of ``param`` (and its members' params) that the body lacks."""
    name, type_, required, sub = param
    segs = _body_path(root, name)
    short = ".".join(segs)
    if type_ == "collection":
        nodes = _find_all(root, segs)
        if required and not nodes:
            return [short]
        out = []
        for node in nodes:
            for s in sub:
                if not s[2]:
                    continue
                # a member's param names the item first (``brick.id``); the collection
                # names the items (``bricks.brick``) or their wrapper (``bricks``)
                item, *rest = s[0].split(".")
                items = [node] if node.tag == item else list(node.iterchildren(item))
                if (required and not items) or any(not _present(i, rest) for i in items):
                    if s[0] not in out:
                        out.append(s[0])
        return out
    if required and not _present(root, segs):
        return [short]
    return []

