"""The shared behaviour of every broker.

Generated broker methods (``ovirtsdk.infrastructure.brokers``) are thin: each
one calls ``call(broker, op, **arguments)`` with an ``Op`` that describes its
link (HTTP method, URL template, which argument goes where). Everything else,
URL filling, request building, response parsing and wrapping, lives here.
"""
import fnmatch
import sys
from urllib.parse import quote, urlencode

from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.context import dialect_of
from ovirtsdk.xml import runtime as _rt
from ovirtsdk.xml.runtime import EntityHolder

# Where a broker keeps its ``Context`` (the name the original's private
# ``self.__context`` mangles to).  Read only through ``context_of()``.
_CONTEXT = "_Base__context"

_PLAIN_ATTRS = ("superclass", "parentclass", _CONTEXT)


class Op(object):
    """What one broker method sends and what it returns.

    ``params``: ``(python name, wire name, role)`` for every argument, role
    being 'entity', 'action', 'matrix', 'query', 'header', 'name', 'id' or
    'kwargs'. ``result``: the broker class wrapping returned entities;
    ``item_tag``: the element of one entity inside a collection document,
    ``root_tag``: the root element of that document (``vms`` for ``vm``).
    """
    __slots__ = ("kind", "http", "url", "params", "result", "item_tag", "root_tag",
                 "searchable", "key")

    def __init__(self, kind, http, url, params, result=None, item_tag=None,
                 root_tag=None, searchable=False, key="name"):
        self.kind = kind
        self.http = http
        self.url = url
        self.params = params
        self.result = result
        self.item_tag = item_tag
        self.root_tag = root_tag
        self.searchable = searchable
        self.key = key


def ops_from_model(model):
    """``{"Class.method": Op}`` for every broker method of the link model ``model``
    (``ovirtsdk.infrastructure.linkmodel``): each method's link gives its HTTP
    method and URL, its collection the item tag and whether ``get(name=...)`` searches:
    only on a top-level collection whose link declares ``search``; on every
    sub-collection it lists and matches the name client-side, as the original did."""
    links, collections = model.LINKS, model.COLLECTIONS
    ops = {}
    for key, (kind, link, params, result, collection, name_key) in model.METHODS.items():
        http, href = links[link][0], links[link][1]
        item_tag = root_tag = searchable = None
        if collection is not None:
            entry = collections[collection]
            root_tag, item_tag = entry[1:3]
            searchable = kind == "get" and entry[5] and entry[7] is None
        ops[key] = Op(kind, http, "/" + href, params, result=result, item_tag=item_tag,
                      root_tag=root_tag, searchable=bool(searchable), key=name_key)
    return ops


class Base(EntityHolder):
    """Base of every broker.

    A resource broker holds the entity it stands for in ``superclass`` and
    its parent broker in ``parentclass``; reads and writes of entity members
    go through to the entity, sub-collections are created on first access.
    Resource brokers compare and hash as their entity (their params class comes
    first in their MRO, so ``GeneratedsSuper.__eq__`` applies); collection
    brokers by identity.
    """

    def __init__(self, context, parent=None, entity=None):
        d = _dict_of(self)
        d[_CONTEXT] = context
        if parent is not None:
            d["parentclass"] = parent
        if entity is not None:
            d["superclass"] = _rt.unwrap(entity)
            _rt.set_node(self, None)    # a broker reads its members from superclass

    def __getattr__(self, name):
        # A resource broker's entity members are read by the params class's lazy
        # member descriptors (``runtime.LazyMember``); this sees what they decline.
        d = _dict_of(self)
        subcollections = type(self).__dict__.get("_subcollections_")
        if subcollections and name in subcollections:
            broker = getattr(sys.modules[type(self).__module__], subcollections[name])(
                self, d[_CONTEXT])
            d[name] = broker
            return broker
        entity = d.get("superclass")
        if entity is None or name.startswith("__"):
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))
        return getattr(entity, name)

    def __dir__(self):
        # sub-collections are created on first access: list them for completion
        subcollections = type(self).__dict__.get("_subcollections_") or ()
        return sorted(set(object.__dir__(self)) | set(subcollections))

    def __setattr__(self, name, value):
        d = _dict_of(self)
        entity = d.get("superclass")
        if (entity is not None and name not in _PLAIN_ATTRS
                and name in _rt.info(type(entity)).by_name):
            setattr(entity, name, value)
        else:
            object.__setattr__(self, name, value)

    def __repr__(self):
        entity = _dict_of(self).get("superclass")
        if entity is None:
            return "<%s.%s collection>" % (type(self).__module__, type(self).__name__)
        return "<%s.%s id=%r name=%r>" % (type(self).__module__, type(self).__name__,
                                          getattr(entity, "id", None),
                                          getattr(entity, "name", None))

    def __reduce_ex__(self, protocol):
        raise TypeError("brokers hold a live connection and cannot be pickled; "
                        "pickle broker.superclass (the params entity) instead")


# ---------------------------------------------------------------- helpers

# A broker's own attributes as stored (``broker.__dict__`` of a resource broker also
# resolves all its sub-collections, for reflective clients).
_dict_of = _rt.holder_dict


def context_of(broker, check=True):
    """The ``Context`` of ``broker``; ``check``: raise DisconnectedError once closed."""
    ctx = _dict_of(broker)[_CONTEXT]
    if check:
        ctx.check()
    return ctx


def _chain_ids(broker):
    """Ids of the entities on the way from the API down to ``broker``."""
    ids = []
    node = broker
    while node is not None:
        d = _dict_of(node)
        entity = d.get("superclass")
        if entity is not None:
            ids.append(entity.id)
        node = d.get("parentclass")
    ids.reverse()
    return ids


def fill_url(template, ids):
    parts = template.split("/")
    values = iter(ids)
    for i, part in enumerate(parts):
        if part.startswith("{") and part.endswith("}"):
            try:
                value = next(values)
            except StopIteration:
                raise errors.MissingParametersError([part[1:-1]]) from None
            if value is None:
                raise errors.MissingParametersError([part[1:-1]])
            parts[i] = quote(str(value), safe="")
    return "/".join(parts)


def render(value):
    """URL and header values are rendered the Python way (``True``), as the original did."""
    return "%s" % (value,)


def _request_parts(op, args):
    """(matrix suffix, query string, headers) for the arguments of one call."""
    matrix, query, headers = [], [], {}
    for name, wire, role in op.params:
        value = args.get(name)
        if value is None:
            continue
        if role == "matrix":
            matrix.append(";%s=%s" % (wire, quote(render(value), safe="")))
        elif role == "query":
            query.append((wire, render(value)))
        elif role == "header":
            headers[wire] = render(value)
    return "".join(matrix), (("?" + urlencode(query)) if query else ""), headers


def _target(broker, op, ctx, args):
    """(URL with matrix parameters and query, headers) of one call on ``broker``."""
    matrix, query, headers = _request_parts(op, args)
    return ctx.url(fill_url(op.url, _chain_ids(broker))) + matrix + query, headers


def _module_of(broker):
    return sys.modules[type(broker).__module__]


def _params():
    from ovirtsdk.xml import params
    return params


def _wrap(broker, op, entity, parent):
    cls = getattr(_module_of(broker), op.result)
    expected = cls.__bases__[0]
    if not isinstance(entity, expected):
        raise errors.FormatError("expected a <%s> document, got <%s>"
                                 % (_rt.root_tag(expected), _rt.root_tag(type(entity))))
    if parent is None:
        return cls(entity, context_of(broker, check=False))
    return cls(parent, entity, context_of(broker, check=False))


def _parse(ctx, response):
    """The params object of a response body (None for an empty body)."""
    return ctx.entity(response)


def _parse_required(ctx, response, what):
    """The params object of a reply that must carry one: an empty body is a
    FormatError, never a ``None`` that reads as "not found"."""
    result = _parse(ctx, response)
    if result is None:
        raise errors.FormatError("the reply to %s has an empty body (HTTP %s)"
                                 % (what, response.status))
    return result


def _body(value, params):
    entity = _rt.unwrap(value)
    if not isinstance(entity, params.GeneratedsSuper):
        raise TypeError("expected a params object or a broker, got %s" % type(value).__name__)
    return _rt.to_xml(entity, pretty_print=False).encode("utf-8")


# ---------------------------------------------------------------- filtering

def _values(item, path):
    """The values at the dotted attribute ``path`` of ``item``: walking a list takes the
    attribute of each element; None values are dropped."""
    values = [item]
    for part in path.split("."):
        found = []
        for value in values:
            value = getattr(_rt.unwrap(value), part, None)
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


def filter_results(items, constraints):
    """The items for which every constraint holds (``SearchHelper.filterResults``):
    keys are dotted attribute paths (``'status.state'``), string values shell
    wildcards matched against ``str(value)`` (any list element may match), other
    values compared with ``==``; a missing value fails."""
    constraints = list((constraints or {}).items())
    return [item for item in items
            if all(_holds(item, key, value) for key, value in constraints)]


def filter_entities(brokers, kwargs):
    """Client-side filtering of ``list(**kwargs)`` results by ``filter_results``'s
    rules; ``a__b`` keys mean ``a.b``."""
    if not kwargs:
        return brokers
    return filter_results(
        brokers, dict((key.replace("__", "."), value) for key, value in kwargs.items()))


# ---------------------------------------------------------------- operations

def _parent_for_items(broker):
    """The parent broker resources of a collection are created with."""
    return _dict_of(broker).get("parentclass")


def _list_items(broker, op, ctx, url, headers):
    response = ctx.request("GET", url, headers=headers)
    root = ctx.root(response)
    if root is None:
        raise errors.FormatError("the reply to GET %s has an empty body (HTTP %s), "
                                 "not a <%s> document" % (url, response.status, op.root_tag))
    if root.tag != op.root_tag:
        # <hosts>, a single <vm>, a <fault>, <vms xmlns=...>, an XHTML page: all are
        # wrong answers to this list, not an empty one.
        raise errors.FormatError("expected a <%s> document, got <%s>"
                                 % (op.root_tag, _rt._tag_of(root)))
    cls = _params()._rootClassMap.get(op.item_tag)
    broker_cls = getattr(_module_of(broker), op.result)
    if cls is None or not issubclass(cls, broker_cls.__bases__[0]):
        raise errors.FormatError("no %s entities can be read from <%s> elements"
                                 % (broker_cls.__bases__[0].__name__, op.item_tag))
    context = context_of(broker, check=False)
    parent = _parent_for_items(broker)
    extra = () if parent is None else (parent,)
    lazy, subtype = _rt.from_node, _rt._subtype
    dialect = dialect_of(response)
    # The hot path of big inventories: one lazy entity and one broker per element.
    return [broker_cls(*extra, lazy(subtype(cls, child), child, dialect), context)
            for child in root.iterchildren(op.item_tag)]


def _get(broker, op, ctx, args):
    kwargs = args.get("kwargs") or {}
    _, _, headers = _request_parts(op, args)
    ident = args.get("id")
    key_value = args.get(op.key)
    base = fill_url(op.url, _chain_ids(broker))
    if ident is not None:
        url = ctx.url(base + "/" + quote(str(ident), safe=""))
        try:
            response = ctx.request("GET", url, headers=headers)
        except errors.RequestError as exc:
            if exc.status == 404:
                return None
            raise
        entity = _parse_required(ctx, response, "GET %s" % url)
        return _wrap(broker, op, entity, _parent_for_items(broker))
    if key_value is None and not kwargs:
        raise errors.MissingParametersError(["id", op.key])
    if key_value is not None and op.searchable:
        url = ctx.url(base) + "?" + urlencode({"search": "%s=%s" % (op.key, key_value)})
    else:
        url = ctx.url(base)
    found = _list_items(broker, op, ctx, url, headers)
    if key_value is not None:
        found = [b for b in found if getattr(b, op.key, None) == key_value]
    found = filter_entities(found, kwargs)
    if len(found) > 1:
        raise errors.AmbiguousQueryError(
            "%s=%s" % (op.key, key_value) if key_value is not None else kwargs)
    return found[0] if found else None


def _list(broker, op, ctx, args):
    url, headers = _target(broker, op, ctx, args)
    return filter_entities(_list_items(broker, op, ctx, url, headers), args.get("kwargs"))


def _add(broker, op, ctx, args):
    params = _params()
    entity = next((args[name] for name, _, role in op.params if role == "entity"), None)
    if entity is None:
        raise errors.MissingParametersError([op.params[0][0]])
    url, headers = _target(broker, op, ctx, args)
    response = ctx.request(op.http, url, body=_body(entity, params), headers=headers)
    result = _parse_required(ctx, response, "%s %s" % (op.http, url))
    if op.result is None:
        return result
    entity_cls = getattr(_module_of(broker), op.result).__bases__[0]
    if not isinstance(result, entity_cls) and isinstance(result, params.Action):
        return result     # an <action> describing an asynchronous creation
    return _wrap(broker, op, result, _parent_for_items(broker))


def _update(broker, op, ctx, args):
    params = _params()
    url, headers = _target(broker, op, ctx, args)
    response = ctx.request(op.http, url, body=_body(broker, params), headers=headers)
    result = _parse_required(ctx, response, "%s %s" % (op.http, url))
    return _wrap(broker, op, result, _dict_of(broker).get("parentclass"))


def _delete(broker, op, ctx, args):
    params = _params()
    url, headers = _target(broker, op, ctx, args)
    body = None
    for name, _, role in op.params:
        if role in ("action", "entity") and args.get(name) is not None:
            body = _body(args[name], params)
    response = ctx.request(op.http, url, body=body, headers=headers)
    return _parse(ctx, response)


def _action(broker, op, ctx, args):
    params = _params()
    url, headers = _target(broker, op, ctx, args)
    action = args.get("action")
    if action is None:
        action = params.Action()
    response = ctx.request(op.http, url, body=_body(action, params), headers=headers)
    return _parse_required(ctx, response, "%s %s" % (op.http, url))


_KINDS = {"get": _get, "list": _list, "add": _add, "update": _update,
          "delete": _delete, "action": _action}


def _refuse_async(broker, op):
    """``**{'async': ...}`` reaching a method's ``**kwargs``: not a filter, a Python 2 spelling."""
    raise TypeError("%s.%s() got the keyword argument 'async', which Python 3 reserves: "
                    "this SDK spells it async_ (python -m ovirtsdk.port rewrites scripts)"
                    % (type(broker).__name__, op.kind))


def call(broker, op, **args):
    """Run the operation ``op`` of ``broker`` with the method's arguments."""
    kwargs = args.get("kwargs")
    if kwargs and "async" in kwargs:
        _refuse_async(broker, op)
    ctx = context_of(broker)
    return _KINDS[op.kind](broker, op, ctx, args)
