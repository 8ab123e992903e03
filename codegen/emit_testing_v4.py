"""Emit ``ovirtsdk/testing/dialects/v4/apimodel.py``: the v4 schema as plain data for the
fake engine's v4 dialect (it must not import ``codegen`` at run time).

``VERSION``
    the engine version ``schema/v4`` describes.
``TYPES``
    ``{type: (base, entity, members)}`` for every complex type, ``members`` the
    type's own elements in wire order, each ``(tag, type, kind, items, link)``:
    ``kind`` ``value`` (a builtin or enum value), ``values`` (a wrapper of repeated
    ``items`` elements), ``struct`` (one element of a complex type) or ``list`` (a
    wrapper of a collection type: ``items`` is its item tag, ``type`` the item
    type); ``link`` None for data, ``''`` for a link to one entity, or the
    ``<link rel>`` of a list link. ``entity``: the type extends ``BaseResource``.
``ID_VALUES``
    the types that are no entity but carry an ``id`` attribute (``LogicalUnit``).
``ENUMS``
    ``{enum type: (value, ...)}``.
``ROOTS``
    ``{document root tag: type}``.
``LINKS``
    ``(method, href, rel, url_params, body_type, response_type, action_params)``
    per link of ``schema/v4/links.schema``; ``url_params`` ``((name, type), ...)``,
    ``action_params`` ``((tag, type), ...)`` (the members of an action's body).
"""
import pprint

from .model import Element

BUILTIN_PREFIX = "xs:"


def _collections(data):
    """{collection type: (item tag, item type)}"""
    out = {}
    for ct in data.complex_types:
        if len(ct.particles) == 1 and isinstance(ct.particles[0], Element) \
                and ct.particles[0].max is None:
            out[ct.name] = (ct.particles[0].name, ct.particles[0].type)
    return out


def build_model(schema):
    data = schema.data
    enums = {st.name: tuple(st.values) for st in data.simple_types}
    colls = _collections(data)
    types = {}
    for ct in data.complex_types:
        members = []
        for p in ct.particles:
            if not isinstance(p, Element):
                raise ValueError("%s: v4 types have element particles only" % ct.name)
            if p.items:
                members.append((p.name, p.type, "values", p.items, p.link))
            elif p.type.startswith(BUILTIN_PREFIX) or p.type in enums:
                members.append((p.name, p.type, "value", None, p.link))
            elif p.type in colls and p.max == 1:
                item_tag, item_type = colls[p.type]
                members.append((p.name, item_type, "list", item_tag, p.link))
            elif p.max is None:
                members.append((p.name, p.type, "many", None, p.link))
            else:
                members.append((p.name, p.type, "struct", None, p.link))
        types[ct.name] = (ct.base, False, tuple(members))
    for name, (base, _, members) in list(types.items()):
        seen, cur = set(), base
        entity = name == "BaseResource"
        while cur and cur not in seen:
            seen.add(cur)
            if cur == "BaseResource":
                entity = True
                break
            cur = types.get(cur, (None,))[0]
        types[name] = (base, entity, members)
    links = []
    for link in schema.api.links:
        url = tuple((p.name, p.type) for p in link.url_params)
        params = tuple((p.name.split(".", 1)[1], p.type) for s in link.body_sets
                       for p in s.params if p.name.startswith("action."))
        links.append((link.method, link.href, link.rel, url, link.body_type,
                      link.response_type, tuple(dict.fromkeys(params))))
    id_values = tuple(sorted(ct.name for ct in data.complex_types
                             if not types[ct.name][1]
                             and any(a.name == "id" for a in ct.attributes)))
    return {
        "VERSION": schema.version,
        "TYPES": types,
        "ID_VALUES": id_values,
        "ENUMS": enums,
        "ROOTS": dict(data.roots),
        "LINKS": tuple(links),
    }


_DOC = '''"""The v4 schema as data, for the fake engine's v4 dialect
(``ovirtsdk.testing.dialects.v4``).

Layout of every table: see ``codegen/emit_testing_v4.py``.
"""
'''


def emit_testing_v4_model(schema, header):
    model = build_model(schema)
    out = [header, _DOC]
    for name in ("VERSION", "TYPES", "ID_VALUES", "ENUMS", "ROOTS", "LINKS"):
        out.append("%s = %s\n" % (name, pprint.pformat(model[name], width=100, compact=True,
                                                       sort_dicts=True)))
    return "\n".join(out)
