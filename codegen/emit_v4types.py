"""Emit ``ovirtsdk/infrastructure/translation/v4types.py``: the element names of every
v4 type, the table the translation layer checks translated request bodies against
(the runtime must not import ``codegen`` nor the fake engine's ``apimodel``).

``VERSION``
    the engine version ``schema/v4`` describes.
``TYPES``
    ``{type: (base, entity, attributes, members)}``; ``base`` the v4 base type (None
    at the top), ``entity`` True when the type extends ``BaseResource``,
    ``attributes`` the type's own XML attribute names, ``members`` ``{tag: spec}`` for
    the type's own
    elements: ``None`` for a value, a type name for one (or a repeated) element of
    that complex type, ``(item tag, item type or None)`` for a wrapper of repeated
    items (a list of entities, or of values when the item type is None).
``ROOTS``
    ``{document root tag: type}`` where the type is not the tag in CamelCase
    (``vm_pool`` is ``VmPool``; ``nic`` is ``Nic``, not listed); see ``root_type``.
"""
from .emit_testing_v4 import build_model


def camel(tag):
    """The type name a root tag has by default: ``vm_pool`` -> ``VmPool``."""
    return "".join(part[:1].upper() + part[1:] for part in tag.split("_"))


def build_types(schema):
    model = build_model(schema)
    attributes = {ct.name: tuple(a.name for a in ct.attributes)
                  for ct in schema.data.complex_types}
    enums = model["ENUMS"]
    out = {}
    for name, (base, entity, members) in model["TYPES"].items():
        specs = {}
        for tag, type_, kind, items, _link in members:
            if kind == "value":
                specs[tag] = None
            elif kind in ("values", "list"):
                item_type = None if type_.startswith("xs:") or type_ in enums else type_
                specs[tag] = (items, item_type)
            else:
                specs[tag] = type_
        out[name] = (base, entity, attributes.get(name, ()), specs)
    roots = {tag: name for tag, name in model["ROOTS"].items() if camel(tag) != name}
    return {"VERSION": model["VERSION"], "TYPES": out, "ROOTS": roots}


_DOC = '''"""The v4 types' element names, for checking translated request bodies.

Layout of every table: see ``codegen/emit_v4types.py``.
"""
'''


def _render_members(specs):
    return "{" + ", ".join("%r: %r" % (tag, specs[tag]) for tag in sorted(specs)) + "}"


def emit_v4types(schema, header):
    model = build_types(schema)
    out = [header, _DOC, "VERSION = %r\n" % model["VERSION"], "TYPES = {"]
    for name in sorted(model["TYPES"]):
        base, entity, attrs, specs = model["TYPES"][name]
        out.append("    %r: (%r, %r, %r, %s)," % (name, base, entity, attrs,
                                                 _render_members(specs)))
    out.append("}\n")
    out.append("ROOTS = {")
    for tag in sorted(model["ROOTS"]):
        out.append("    %r: %r," % (tag, model["ROOTS"][tag]))
    out.append("}")
    return "\n".join(out) + "\n"
