"""Render the data model as an XML Schema document.

Used to feed generateDS and to validate documents in tests. The output is
deterministic and structurally equivalent to the schema the model was read
from; ``attribute_order`` lets the caller choose the order attributes are
declared in (XSD gives that order no meaning, generateDS keeps it).
"""
from lxml import etree

from . import model as m

XS_NS = "http://www.w3.org/2001/XMLSchema"


def _xs(parent, tag, **attrs):
    node = etree.SubElement(parent, "{%s}%s" % (XS_NS, tag))
    for key, value in attrs.items():
        if value is not None:
            node.set(key, str(value))
    return node


def _occurs(node, lo, hi):
    if lo != 1:
        node.set("minOccurs", str(lo))
    if hi != 1:
        node.set("maxOccurs", "unbounded" if hi is None else str(hi))


def _particles(parent, particles):
    for p in particles:
        if isinstance(p, m.Element):
            if p.ref:
                node = _xs(parent, "element", ref=p.name)
            elif p.items:
                # (v4) a wrapper of repeated values: <usages><usage>vm</usage>...</usages>
                node = _xs(parent, "element", name=p.name)
                inner = _xs(_xs(node, "complexType"), "sequence")
                _xs(inner, "element", name=p.items, type=p.type, minOccurs="0",
                    maxOccurs="unbounded")
            else:
                node = _xs(parent, "element", name=p.name, type=p.type)
            _occurs(node, p.min, p.max)
        elif isinstance(p, m.GroupRef):
            node = _xs(parent, "group", ref=p.name)
            _occurs(node, p.min, 1)
        else:
            node = _xs(parent, "choice")
            _occurs(node, p.min, 1)
            for option in p.options:
                if len(option) == 1:
                    _particles(node, option)
                else:
                    _particles(_xs(node, "sequence"), option)


def render_xsd(data, attribute_order=None):
    """The XSD text for ``data``.

    ``attribute_order(complex_type) -> list of Attribute`` overrides the order
    of attribute declarations.
    """
    root = etree.Element("{%s}schema" % XS_NS, nsmap={"xs": XS_NS})
    root.set("version", "1.0")
    for name, type_ in data.roots:
        _xs(root, "element", name=name, type=type_)
    for st in data.simple_types:
        node = _xs(root, "simpleType", name=st.name)
        restriction = _xs(node, "restriction", base=st.base)
        for value in st.values:
            _xs(restriction, "enumeration", value=value)
    for g in data.groups:
        node = _xs(root, "group", name=g.name)
        _particles(_xs(node, "sequence"), g.particles)
    for ct in data.complex_types:
        node = _xs(root, "complexType", name=ct.name)
        if ct.text:
            body = _xs(_xs(node, "simpleContent"), "extension", base=ct.text)
        elif ct.base:
            body = _xs(_xs(node, "complexContent"), "extension", base=ct.base)
        else:
            body = node
        if ct.particles:
            _particles(_xs(body, "sequence"), ct.particles)
        attributes = attribute_order(ct) if attribute_order else ct.attributes
        for a in attributes:
            _xs(body, "attribute", name=a.name, type=a.type,
                use="required" if a.required else None)
    return etree.tostring(root, pretty_print=True, xml_declaration=True,
                          encoding="UTF-8").decode("utf-8")


def emit_schema_module(xsd, header, engine):
    """A module holding ``xsd`` as ``XSD``: the document the fake ``engine``
    (``"oVirt 3.6"``, ``"oVirt 4.5"``) serves at ``GET /ovirt-engine/api?schema``.
    Kept as the lines of a string so that the package carries no data files."""
    lines = [header,
             '"""The XML schema the fake %s engine serves at ``GET /ovirt-engine/api?schema``.'
             % engine, "",
             "``XSD`` is rendered by ``codegen.xsdwriter`` from the project's schema: every",
             "complex type (elements in wire order with their cardinality, attributes), every",
             "enumerated simple type and every document root element of the model the fake",
             "engine serves; nothing else (no documentation, no JAXB bindings).",
             '"""', "", "XSD = ("]
    lines.extend("    %r" % line for line in xsd.splitlines(True))
    lines.append(")")
    return "\n".join(lines) + "\n"
