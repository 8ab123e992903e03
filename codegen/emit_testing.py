"""Emit ``ovirtsdk/testing/apimodel.py``: the link model as plain data for the fake engine.

The fake engine (``ovirtsdk.testing``) serves every link of the schema generically;
it must not import ``codegen`` at run time, so everything it needs about the links
and the collection tree is written out here as literals:

``LINKS``
    one tuple per link of ``schema/links.schema``, in schema order:
    ``(method, href, rel, url_params, body_type, sets, response_type)`` where
    ``url_params`` is ``((name, context, type, required), ...)`` and ``sets`` is
    ``((deprecated, params), ...)`` with ``params`` ``((path, type, required, sub), ...)``
    (``sub``: the member parameters of a ``collection`` parameter, same form).
``COLLECTIONS``
    ``{href: (collection_type, root_tag, item_tag, member_type, member_tag,
    searchable, resource_href, parent_resource_href)}`` for every collection href
    (``parent_resource_href`` None for top-level collections).
``RESOURCES``
    ``{resource_href: (collection_href, subcollections, actions)}`` with
    ``subcollections`` ``((segment, collection_href), ...)`` and ``actions``
    ``((rel, href), ...)`` — the action links rendered in an entity's ``<actions>``.
``TOP_LEVEL``
    ``(collection_href, ...)`` the collections linked from the entry point.
``COLLECTION_ACTIONS``
    ``{collection_href: ((rel, href), ...)}`` actions posted on a collection href.
``GENERAL_HEADERS``
    ``((name, required), ...)`` headers every link accepts (``Session-TTL``).
"""
import pprint

from .brokermodel import _root_element
from .model import Element


def _param(p):
    sub = tuple(_param(s) for s in p.params)
    return (p.name, p.type, bool(p.required), sub)


def _link(link):
    url = tuple((p.name, p.context or "matrix", p.type, bool(p.required))
                for p in link.url_params)
    sets = tuple((bool(s.deprecated), tuple(_param(p) for p in s.params))
                 for s in link.body_sets)
    return (link.method, link.href, link.rel, url, link.body_type, sets, link.response_type)


def _item_tag(data, coll_type, member):
    """Element name of the repeated member element of a collection type."""
    types = {t.name: t for t in data.complex_types}
    name, seen = coll_type, set()
    while name in types and name not in seen:
        seen.add(name)
        for p in types[name].particles:
            if isinstance(p, Element) and p.max is None:
                return p.name
        name = types[name].base
    return _root_element(data, member) or member.lower()


def build_model(schema, brokers):
    data = schema.data
    collections, resources, top_level, coll_actions = {}, {}, [], {}
    coll_classes = [c for c in brokers.classes if c.is_collection]
    for cls in coll_classes:
        res = brokers[cls.counterpart]
        member = cls.member_type
        parent_href = None
        if cls.parent:
            parent_href = brokers[cls.parent].href
        collections[cls.href] = (
            cls.collection_type,
            _root_element(data, cls.collection_type) or cls.collection_type.lower(),
            _item_tag(data, cls.collection_type, member),
            member,
            _root_element(data, member) or member.lower(),
            bool(cls.searchable),
            res.href,
            parent_href,
        )
        if parent_href is None:
            top_level.append(cls.href)
    for cls in coll_classes:
        res = brokers[cls.counterpart]
        subs = tuple(sorted((h.rsplit("/", 1)[1], h) for h, v in collections.items()
                            if v[7] == res.href))
        resources[res.href] = (cls.href, subs, [])
    for link in schema.api.links:
        if link.method != "POST" or link.href in collections:
            continue
        owner, _, rel_seg = link.href.rpartition("/")
        if owner in resources and not rel_seg.startswith("{"):
            resources[owner][2].append((link.rel, link.href))
        elif owner in collections and link.rel != "add":
            coll_actions.setdefault(owner, []).append((link.rel, link.href))
    resources = {k: (v[0], v[1], tuple(v[2])) for k, v in resources.items()}
    coll_actions = {k: tuple(v) for k, v in coll_actions.items()}
    return {
        "VERSION": schema.version,
        "GENERAL_HEADERS": tuple((h.name, bool(h.required))
                                 for h in schema.api.general_headers),
        "TOP_LEVEL": tuple(sorted(top_level)),
        "COLLECTIONS": collections,
        "RESOURCES": resources,
        "COLLECTION_ACTIONS": coll_actions,
        "LINKS": tuple(_link(link) for link in schema.api.links),
    }


_DOC = '''"""The schema's link model as data, for the fake engine (``ovirtsdk.testing``).

Layout of every table: see ``codegen/emit_testing.py``.
"""
'''


def emit_testing_model(schema, brokers, header):
    model = build_model(schema, brokers)
    out = [header, _DOC]
    for name in ("VERSION", "GENERAL_HEADERS", "TOP_LEVEL", "COLLECTIONS", "RESOURCES",
                 "COLLECTION_ACTIONS", "LINKS"):
        out.append("%s = %s\n" % (name, pprint.pformat(model[name], width=100, compact=True,
                                                       sort_dicts=True)))
    return "\n".join(out)
