"""Emit ``ovirtsdk/infrastructure/linkmodel.py``: the one link model, as plain data.

Both the brokers (``ovirtsdk.infrastructure.brokers`` builds its ``Op`` table from
``METHODS`` through ``common.ops_from_model``) and the fake engine
(``ovirtsdk.testing.model``) read it; neither imports ``codegen`` at run time. Every
fact is written once: a broker method names its link by index, a collection's
tags come from ``brokermodel.collection_tags``.

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
``METHODS``
    ``{"Class.method": (kind, link, params, result, collection, key)}`` for every
    broker method: ``kind`` get/list/add/update/delete/action, ``link`` the index in
    ``LINKS`` of the link it sends (its HTTP method and href), ``params``
    ``((python name, wire name, role), ...)``, ``result`` the broker class wrapping
    what it returns (or None), ``collection`` the collection href whose item tag and
    search support a get/list reads (or None), ``key`` the argument a get looks
    members up by (``name`` unless the collection has another).
"""
import pprint



def _param(p):
    sub = tuple(_param(s) for s in p.params)
    return (p.name, p.type, bool(p.required), sub)


def _link(link):
    url = tuple((p.name, p.context or "matrix", p.type, bool(p.required))
                for p in link.url_params)
    sets = tuple((bool(s.deprecated), tuple(_param(p) for p in s.params))
                 for s in link.body_sets)
    return (link.method, link.href, link.rel, url, link.body_type, sets, link.response_type)


def _methods(schema, brokers):
    index = {id(link): i for i, link in enumerate(schema.api.links)}
    out = {}
    for cls in brokers.classes:
        for method in cls.methods:
            link = method.link
            if method.url != "/" + link.href or method.http_method != link.method:
                raise ValueError("%s.%s does not send its link %s %s"
                                 % (cls.name, method.name, link.method, link.href))
            kind = method.kind
            result = collection = None
            key = "name"
            if kind in ("get", "list", "add"):
                result = cls.counterpart
                if kind in ("get", "list"):
                    collection = cls.href
                if kind == "get":
                    keys = [p.name for p in method.params if p.kind == "name"]
                    key = keys[0] if keys else "name"
            elif kind == "update":
                result = cls.name
            params = tuple((p.name, p.wire, p.kind) for p in method.params)
            out["%s.%s" % (cls.name, method.name)] = (
                kind, index[id(link)], params, result, collection, key)
    return out


def build_model(schema, brokers):
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
            cls.collection_tag,
            cls.item_tag,
            member,
            cls.member_tag,
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
        "METHODS": _methods(schema, brokers),
    }


_DOC = '''"""The link model of the API: every link, the collection tree, every broker method.

Read by the brokers (``brokers._OPS``, built by ``common.ops_from_model``) and by
the fake engine (``ovirtsdk.testing.model``). Layout of every table: see
``codegen/emit_linkmodel.py``.
"""
'''


def emit_linkmodel(schema, brokers, header):
    model = build_model(schema, brokers)
    out = [header, _DOC]
    for name in ("VERSION", "GENERAL_HEADERS", "TOP_LEVEL", "COLLECTIONS", "RESOURCES",
                 "COLLECTION_ACTIONS", "LINKS", "METHODS"):
        out.append("%s = %s\n" % (name, pprint.pformat(model[name], width=100, compact=True,
                                                       sort_dicts=True)))
    return "\n".join(out)
