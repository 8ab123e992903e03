"""v4 documents ↔ stored values, generic over the v4 model.

A stored value is a ``Obj`` (a dict of tag → value, plus its type name): a builtin
or enum value is its text (``'true'``, ``'1024'``, ``'up'``), a list of values a
list of texts, a struct an ``Obj``, a list of structs a list of ``Obj``. Entities
keep their ``id`` under ``'id'``; ``href``, ``actions`` and ``<link>`` are computed
when rendering, never stored.
"""
import datetime
import re

from lxml import etree

from ovirtsdk.xml import parser as xml_parser

from ...fault import Fault

_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_INT_TYPES = ("xs:int", "xs:long", "xs:unsignedInt", "xs:short", "xs:byte")
_DEC_TYPES = ("xs:decimal", "xs:double", "xs:float")


class Obj(dict):
    """A stored struct: tag → value, ``type`` its v4 type name."""
    __slots__ = ("type",)

    def __init__(self, type_, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = type_

    @property
    def name(self):
        return self.get("name")

    def copy(self):
        return Obj(self.type, self)

    def __repr__(self):
        return "Obj(%s, %s)" % (self.type, dict.__repr__(self))


def deep_copy(value):
    if isinstance(value, Obj):
        return Obj(value.type, {k: deep_copy(v) for k, v in value.items()})
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


def bad(detail):
    return Fault(400, "Bad Request", detail)


def parse_document(model, body, expected=None):
    """(root tag, Obj) of a request body; ``expected`` the link's body type."""
    try:
        root = xml_parser.fromstring(body)
    except Exception as exc:            # the SDK's FormatError: not XML, DOCTYPE, ...
        raise bad("The request body is not valid XML: %s" % exc) from None
    type_name = model.roots.get(root.tag)
    if type_name is None or (expected and type_name != expected and
                             not model.types[type_name].is_a(expected)):
        raise bad("Expected a <%s> document, got <%s>"
                  % (model.tag(expected) if expected else "?", root.tag))
    return root.tag, parse(model, root, type_name)


def parse(model, node, type_name):
    info = model.types[type_name]
    obj = Obj(type_name)
    for attr in ("id",):
        if node.get(attr) is not None:
            obj[attr] = node.get(attr)
    for child in node:
        if not isinstance(child.tag, str):
            continue
        member = info.by_tag.get(child.tag)
        if member is None or child.tag in ("actions", "link"):
            if child.tag in ("actions", "link"):
                continue            # computed by the engine; what clients echo back
            raise bad("<%s> has no element <%s>" % (model.tag(type_name) or type_name,
                                                     child.tag))
        value = _parse_member(model, member, child, type_name)
        if member.kind == "many":           # a repeated element: one item per occurrence
            obj.setdefault(child.tag, []).extend(value)
        else:
            obj[child.tag] = value
    return obj


def _parse_member(model, member, node, owner):
    if member.kind == "value":
        return check_value(model, member.type, (node.text or "").strip(), member.tag)
    if member.kind == "values":
        return [check_value(model, member.type, (c.text or "").strip(), member.items)
                for c in node if isinstance(c.tag, str)]
    if member.kind == "struct":
        return parse(model, node, member.type)
    items = []
    tag = member.items if member.kind == "list" else member.tag
    nodes = [c for c in node if isinstance(c.tag, str)] if member.kind == "list" else [node]
    for c in nodes:
        if c.tag != tag:
            raise bad("<%s> holds <%s> elements, not <%s>" % (member.tag, tag, c.tag))
        items.append(parse(model, c, member.type))
    return items


def check_value(model, type_name, text, tag):
    """The canonical text of a value; 400 for a value its type does not allow."""
    if type_name == "xs:boolean":
        low = text.lower()
        if low not in ("true", "false", "1", "0"):
            raise bad("Value '%s' of <%s> is not a boolean" % (text, tag))
        return "true" if low in ("true", "1") else "false"
    if type_name in _INT_TYPES:
        if not _INT.match(text):
            raise bad("Value '%s' of <%s> is not an integer" % (text, tag))
        return str(int(text))
    if type_name in _DEC_TYPES:
        if not _DECIMAL.match(text):
            raise bad("Value '%s' of <%s> is not a number" % (text, tag))
        return text
    values = model.enums.get(type_name)
    if values is not None:
        low = text.lower()
        if low not in values:
            raise bad("Invalid value '%s' for <%s>; possible values for %s are: %s"
                      % (text, tag, type_name, ", ".join(values)))
        return low
    return text


def text_of(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="milliseconds")
    return str(value)


def render(model, obj, tag, hooks=None, href=None):
    """``<tag>`` for a stored Obj, members in the type's wire order.

    ``hooks(obj, member)`` may return a replacement list of elements for a member
    (links, actions, references); returning None renders the stored value.
    """
    info = model.types[obj.type]
    el = etree.Element(tag)
    if href is not None:
        el.set("href", href)
    if obj.get("id") is not None and info.has_id:
        el.set("id", str(obj["id"]))
    for member in info.members:
        if hooks is not None:
            special = hooks(obj, member)
            if special is not None:
                el.extend(special)
                continue
        value = obj.get(member.tag)
        if value is None:
            continue
        el.append(render_member(model, member, value, hooks))
    return el


def render_member(model, member, value, hooks=None):
    if member.kind == "value":
        child = etree.Element(member.tag)
        child.text = text_of(value)
        return child
    if member.kind == "values":
        child = etree.Element(member.tag)
        for v in value:
            etree.SubElement(child, member.items).text = text_of(v)
        return child
    if member.kind == "struct":
        return render(model, value, member.tag, hooks)
    child = etree.Element(member.tag)
    for item in value:
        child.append(render(model, item, member.items, hooks))
    return child


def document(element):
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True,
                          pretty_print=True)
