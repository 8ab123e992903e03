"""Shared behaviour of the generated classes in ``ovirtsdk.xml.params``.

The generated classes carry data (their members, XML names and types) and thin
generateDS-style methods; everything that works on that data lives here once:
parsing, serialising, equality, pickling and the lazy materialisation that
keeps large lists cheap.

Lazy objects: ``from_node(cls, node)`` makes an instance that holds the parsed
lxml element and builds each member on first access (``__getattr__`` only runs
for names missing from the instance dict). Instances made by calling the
constructor are ordinary eager objects. Both behave the same: getters, setters,
export, equality and pickling materialise what they need, and ``obj.__dict__`` /
``vars(obj)`` (what reflective clients such as ovirt-shell read) builds every
member at once, so it always lists all members of the class, absent ones None
(lists []), in the constructor's order. Internally the dict as stored is read
with ``instance_dict(obj)`` (brokers: ``holder_dict``), which builds nothing.
"""
import base64
import datetime
import decimal
import math
import numbers
import re
import sys

from lxml import etree

from . import failures
from . import parser as _parser

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

# Member kinds in the generated ``_members_`` tables.
ATTRIBUTE = "a"
ELEMENT = "e"
TEXT = "t"


# ---------------------------------------------------------------- values

_DATETIME = re.compile(
    r"(-?\d{4,})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?"
    r"(Z|[+-]\d\d:?\d\d)?$")


def parse_datetime(text):
    """``xs:dateTime`` text to a ``datetime`` (timezone-aware when the text has a zone)."""
    match = _DATETIME.match(text.strip())
    if match is None:
        raise ValueError("invalid xs:dateTime value %r" % text)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz = None
    if zone:
        if zone == "Z":
            tz = datetime.timezone.utc
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = datetime.timezone(sign * datetime.timedelta(
                hours=int(digits[:2]), minutes=int(digits[2:])))
    return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute),
                             int(second), micro, tz)


def format_datetime(value):
    """``xs:dateTime`` text as the original wrote it: a 4-digit year, six-digit
    microseconds when not zero, ``Z`` for UTC, ``+hh:mm`` for another offset."""
    if isinstance(value, datetime.datetime):
        text = "%04d-%02d-%02dT%02d:%02d:%02d" % (
            value.year, value.month, value.day, value.hour, value.minute, value.second)
        if value.microsecond:
            text += ".%06d" % value.microsecond
        offset = value.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            if minutes == 0:
                return text + "Z"
            sign = "-" if minutes < 0 else "+"
            minutes = abs(minutes)
            text += "%s%02d:%02d" % (sign, minutes // 60, minutes % 60)
        return text
    if isinstance(value, datetime.date):
        raise TypeError("expected a datetime.datetime, got a datetime.date "
                        "(xs:dateTime needs a time of day)")
    if isinstance(value, str):
        text = value.strip()
        if _XS_DATETIME.match(text) is None:
            raise ValueError("%r is not an xs:dateTime (YYYY-MM-DDThh:mm:ss[.f][Z|+hh:mm])"
                             % (value,))
        parse_datetime(text)        # a real date: no month 13
        return text
    raise TypeError("expected a datetime.datetime, got %s" % type(value).__name__)


_XS_DATETIME = re.compile(
    r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def parse_boolean(text):
    text = text.strip()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError("invalid xs:boolean value %r" % text)


def format_boolean(value):
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "false", "0"):
            return "true" if lowered in ("true", "1") else "false"
        raise ValueError("invalid boolean value %r (expected True or False)" % value)
    if isinstance(value, numbers.Integral):
        if value in (0, 1):
            return "true" if value else "false"
        raise ValueError("invalid boolean value %r (expected True or False)" % value)
    raise TypeError("expected a bool, got %s" % type(value).__name__)


def _number(value, what):
    """``value`` itself when it is a real number (not a bool); TypeError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise TypeError("expected a number for %s, got %s" % (what, type(value).__name__))
    return value


def format_integer(value):
    if isinstance(value, bool):
        raise TypeError("expected an integer, got a boolean %r" % value)
    if isinstance(value, str):
        return "%d" % int(value.strip())
    if isinstance(value, numbers.Integral):
        return "%d" % value
    if isinstance(value, numbers.Real):
        if not math.isfinite(value) or value != int(value):
            raise ValueError("expected an integer, got %r" % value)
        return "%d" % value
    raise TypeError("expected an integer, got %s" % type(value).__name__)


_XS_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)$")
_XS_DOUBLE = re.compile(r"([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$")


def format_decimal(value):
    """``xs:decimal`` as the original wrote it: ``'%.15f'`` without trailing zeros
    (``2000`` → ``2000.``, ``2.5`` → ``2.5``); no NaN or infinity."""
    if isinstance(value, str):
        text = value.strip()
        if _XS_DECIMAL.match(text) is None:
            raise ValueError("%r is not an xs:decimal" % (value,))
        return text
    _number(value, "xs:decimal")
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError("xs:decimal cannot carry %s" % value)
        return format(value, ".15f").rstrip("0")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("xs:decimal cannot carry %r" % value)
    return ("%.15f" % value).rstrip("0")


def format_double(value):
    """``xs:double`` as the original wrote it: ``'%e'`` (``10000`` →
    ``1.000000e+04``); NaN and infinity spelled ``NaN``, ``INF``, ``-INF``."""
    if isinstance(value, str):
        text = value.strip()
        if _XS_DOUBLE.match(text) is None:
            raise ValueError("%r is not an xs:double" % (value,))
        return text
    value = float(_number(value, "xs:double"))
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return "%e" % value


format_float = format_double    # the generateDS helper name


def format_string(value):
    """Text members: str as is, numbers and other scalars as ``str()`` renders them;
    bytes are refused (they would go out as ``b'...'``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError("expected str, got %s (decode it first)" % type(value).__name__)
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        raise TypeError("expected a single value, got %s" % type(value).__name__)
    return str(value)


def _parse_string(text):
    return text


_INTEGER_TYPES = ("xs:int", "xs:long", "xs:short", "xs:byte", "xs:integer",
                  "xs:unsignedShort", "xs:unsignedInt", "xs:unsignedLong",
                  "xs:unsignedByte", "xs:nonNegativeInteger", "xs:positiveInteger")

# xs type -> (parse text, format value, python type for error messages)
SIMPLE = {"xs:boolean": (parse_boolean, format_boolean),
          "xs:dateTime": (parse_datetime, format_datetime),
          "xs:decimal": (float, format_decimal),
          "xs:double": (float, format_double),
          "xs:float": (float, format_double)}
for _t in _INTEGER_TYPES:
    SIMPLE[_t] = (int, format_integer)
STRING = (_parse_string, format_string)


def cast(type_, value):
    """Constructor cast of attribute values, as generateDS does (``Version(major='3')``)."""
    if value is None or type_ is None:
        return value
    if type_ is bool and isinstance(value, str):
        return parse_boolean(value)
    return type_(value)


# ---------------------------------------------------------------- members

class Field(object):
    """One member of a generated class, resolved for fast parsing and export."""
    __slots__ = ("name", "xml", "kind", "type", "many", "cls", "parse", "format", "read",
                 "value")

    def __init__(self, name, xml, kind, type_, many, module):
        self.name = name
        self.xml = xml
        self.kind = kind
        self.type = type_
        self.many = many
        self.cls = None
        if type_ in SIMPLE:
            self.parse, self.format = SIMPLE[type_]
        elif type_.startswith("xs:"):
            self.parse, self.format = STRING
        else:
            target = getattr(module, type_, None)
            if isinstance(target, type) and issubclass(target, GeneratedsSuper):
                self.cls = target
                self.parse = self.format = None
            else:
                # A simple type of the schema: text with a restricted vocabulary.
                base = getattr(module, "_simple_types_", {}).get(type_, "xs:string")
                self.parse, self.format = SIMPLE.get(base, STRING)
        self.value = _child_value(self)
        self.read = _reader(self)


class ClassInfo(object):
    """Members of a generated class including inherited ones, built once per class."""
    __slots__ = ("fields", "by_name", "attributes", "elements", "by_tag", "text", "readers",
                 "order", "ext", "lists", "children")

    def __init__(self, cls):
        module = sys.modules[cls.__module__]
        chain = [c for c in reversed(cls.__mro__) if "_members_" in c.__dict__]
        attributes, elements, text = [], [], None
        for klass in chain:
            for name, xml, kind, type_, many in klass.__dict__["_members_"]:
                f = Field(name, xml, kind, type_, many, module)
                if kind == ATTRIBUTE:
                    attributes.append(f)
                elif kind == ELEMENT:
                    elements.append(f)
                else:
                    text = f
        self.attributes = tuple(attributes)
        self.elements = tuple(elements)
        self.text = text
        self.fields = self.attributes + self.elements + ((text,) if text else ())
        self.by_name = {f.name: f for f in self.fields}
        self.by_tag = {f.xml: f for f in self.elements}
        # name -> read(node): what a lazy instance calls on first access of a member
        self.readers = {f.name: f.read for f in self.fields}
        # generateDS keeps xsi:type in ``extensiontype_`` where a class of the chain
        # takes one (its constructor sets it, for the subclasses too)
        self.ext = any("extensiontype_" in c.__dict__.get("_ctor_args_", ())
                       for c in cls.__mro__)
        if self.ext:
            self.readers["extensiontype_"] = _no_value
        self.lists = tuple(f.name for f in self.elements if f.many)
        self.order = None

    def finish(self, cls):
        """The keys of a constructor-made instance, in the order its constructor sets
        them: a parsed instance's dict lists its members the same way."""
        try:
            order = tuple(_DICT(cls()))
        except Exception:       # a hand-written subclass with required arguments
            order = ()
        names = set(order)
        expected = set(self.by_name) | ({"extensiontype_"} if self.ext else set())
        if names != expected:
            order = tuple(n for n in order if n in expected) + tuple(
                f.name for f in self.fields if f.name not in names)
            if self.ext and "extensiontype_" not in names:
                order += ("extensiontype_",)
        self.order = order
        # child tag -> (member name, many, how, arg): one pass builds them all
        self.children = {f.xml: (f.name, f.many) + _how(f) for f in self.elements}


_INFO = {}


def info(cls):
    try:
        return _INFO[cls]
    except KeyError:
        result = _INFO[cls] = ClassInfo(cls)
        result.finish(cls)
        return result


# ---------------------------------------------------------------- building
#
# Each member gets two functions, specialised once per class member so that a lazy
# read does no more than the lookup and the conversion:
#   value(child)  the member's value from its own element (elements only),
#   read(node)    the member's value from the parent element ``node``.
# Element members typed with a params class become lazy objects over their child.

def _convert(field, text, node):
    try:
        return field.parse(text)
    except (TypeError, ValueError):
        raise failures.error("invalid %s value %r for '%s' in <%s> (line %s)"
                             % (field.type, text[:80], field.xml, _tag_of(node),
                                node.sourceline)) from None


def _tag_of(node):
    tag = node.tag
    return tag if isinstance(tag, str) else "?"


def _subtype(cls, node):
    """The class for ``node``: ``cls`` or the subclass its xsi:type names."""
    name = node.get(XSI_TYPE)
    if name:
        target = getattr(sys.modules[cls.__module__], name.rpartition(":")[2], None)
        if isinstance(target, type) and issubclass(target, cls):
            return target
    return cls


_POLYMORPHIC = {}


def _polymorphic(cls):
    """True when the module of ``cls`` has subclasses of it (an xsi:type may name one)."""
    try:
        return _POLYMORPHIC[cls]
    except KeyError:
        result = _POLYMORPHIC[cls] = any(
            sub.__module__ == cls.__module__ for sub in cls.__subclasses__())
        return result


def _no_value(node):
    return None


def _child_value(field):
    if field.kind != ELEMENT:
        return None
    if field.cls is not None:
        cls = field.cls
        if _polymorphic(cls):
            def lazy_subtype(child):
                obj = _NEW(_subtype(cls, child))
                _NODE_SET(obj, child)
                return obj
            return lazy_subtype

        def lazy(child):
            obj = _NEW(cls)
            _NODE_SET(obj, child)
            return obj
        return lazy
    if field.parse is _parse_string:
        def text_value(child):
            text = child.text
            return "" if text is None else text
        return text_value

    def parsed_value(child):
        text = child.text
        return None if text is None else _convert(field, text, child)
    return parsed_value


_LAZY, _LAZY_SUBTYPE, _TEXT, _VALUE = range(4)


def _how(field):
    """How ``_all_members`` builds the value of an element member from its child."""
    if field.cls is not None:
        return (_LAZY_SUBTYPE if _polymorphic(field.cls) else _LAZY), field.cls
    if field.parse is _parse_string:
        return _TEXT, None
    return _VALUE, field.parse


def _path(xml):
    # lxml's ObjectPath finds the first child of that name (no namespace) in C,
    # without the tag matcher and iterator ``iterchildren(tag)`` builds per call.
    from lxml import objectify
    return objectify.ObjectPath(".{}" + xml)


def _reader(field):
    xml, parse = field.xml, field.parse
    if field.kind == ATTRIBUTE:
        if parse is _parse_string:
            return lambda node: node.get(xml)

        def read_attribute(node):
            text = node.get(xml)
            if text is None:
                return None
            try:
                return parse(text)
            except (TypeError, ValueError):
                return _convert(field, text, node)
        return read_attribute
    if field.kind == TEXT:
        def read_text(node):
            text = node.text
            return None if text is None else _convert(field, text, node)
        return read_text
    value = field.value
    if field.many:
        def read_list(node):
            return [value(child) for child in node.iterchildren(xml)]
        return read_list
    path = _path(xml)
    how, arg = _how(field)
    # One function per kind, the value built inline: a lazy read is one call.
    if how == _LAZY:
        new, set_node = _NEW, _NODE_SET

        def read_object(node):
            child = path(node, None)
            if child is None:
                return None
            obj = new(arg)
            set_node(obj, child)
            return obj
        return read_object
    if how == _TEXT:
        def read_string(node):
            child = path(node, None)
            if child is None:
                return None
            text = child.text
            return "" if text is None else text
        return read_string

    if how == _VALUE:
        def read_value(node):
            child = path(node, None)
            if child is None:
                return None
            text = child.text
            if text is None:
                return None
            try:
                return arg(text)
            except (TypeError, ValueError):
                return _convert(field, text, child)
        return read_value

    def read_element(node):
        child = path(node, None)
        return None if child is None else value(child)
    return read_element


def from_node(cls, node, dialect=None):
    """A lazy instance of ``cls`` backed by the lxml element ``node``; with a
    ``dialect`` (see ``Pending``), ``node`` is in another dialect's form and each
    member is put into this module's form when first read."""
    obj = _NEW(cls)
    _NODE_SET(obj, node if dialect is None or not dialect.needs(cls)
              else Pending(node, dialect))
    return obj


# ---------------------------------------------------------------- other dialects

class Pending(object):
    """The ``_node_`` of a lazy object whose element is still in another dialect's
    form (a v4 reply read through the v3->v4 translation). The dialect, an object
    supplied by the caller (the translation layer; nothing here imports it), puts
    the element into this module's form piece by piece, in place, as members are
    read: ``dialect.reader(cls, name, read)`` gives the ``read(pending)`` of member
    ``name`` (``read(node)`` is this module's), which converts what that member
    needs first and makes the lazy objects it returns pending too (``pend``);
    ``dialect.level(cls, pending)`` converts all of an element before every member
    is built (``__dict__``, ``materialize``); ``dialect.needs(cls)`` is False for
    a class whose elements are the same in both forms. ``done`` is the dialect's
    record of what it has converted on this object's element, so that nothing runs
    twice for one object."""

    __slots__ = ("node", "dialect", "done")

    def __init__(self, node, dialect):
        self.node = node
        self.dialect = dialect
        self.done = 0


def pend(value, dialect):
    """Make the lazy objects in a member value read from a pending element pending
    too (a lazy object, or a list of them); returns ``value``."""
    if isinstance(value, GeneratedsSuper):
        node = _node_of(value)
        if node is not None and dialect.needs(type(value)):
            _NODE_SET(value, Pending(node, dialect))
    elif type(value) is list:
        for item in value:
            pend(item, dialect)
    return value


def _element_of(obj, node):
    """The element to build every member of ``obj`` from (converted when pending),
    and the dialect of the lazy objects made from it (None: none)."""
    if type(node) is Pending:
        node.dialect.level(type(obj), node)
        return node.node, node.dialect
    return node, None


def set_node(obj, node):
    """Back ``obj`` by the element ``node`` (None: nothing left to read from a node)."""
    _NODE_SET(obj, node)


def _all_members(ci, node, known):
    """A new dict of every member of ``ci`` in the constructor's order: those in
    ``known`` (already read or set) as they are, the others read from ``node`` in
    one pass over its children (a single-valued element given twice: the first)."""
    d = dict.fromkeys(ci.order)
    for f in ci.attributes:
        d[f.name] = f.read(node)
    children = ci.children
    new, set_node = _NEW, _NODE_SET
    lists = None
    # Backwards, so that the first of repeated single-valued elements is the one
    # kept; lists are filled backwards too and turned round at the end.
    for child in reversed(node):
        entry = children.get(child.tag)
        if entry is None:
            continue
        name, many, how, arg = entry
        # the value() of the member, inlined: this loop runs for every child
        if how == _LAZY:
            value = new(arg)
            set_node(value, child)
        elif how == _TEXT:
            value = child.text
            if value is None:
                value = ""
        elif how == _LAZY_SUBTYPE:
            value = new(_subtype(arg, child) if child.get(XSI_TYPE) else arg)
            set_node(value, child)
        else:
            value = child.text
            if value is not None:
                try:
                    value = arg(value)
                except (TypeError, ValueError):
                    _convert(ci.by_name[name], value, child)
        if many:
            if lists is None:
                lists = {}
            items = lists.get(name)
            if items is None:
                items = lists[name] = []
            items.append(value)
        else:
            d[name] = value
    for name in ci.lists:
        items = lists.get(name) if lists else None
        if items is None:
            d[name] = []
        else:
            items.reverse()
            d[name] = items
    if ci.text is not None:
        d[ci.text.name] = ci.text.read(node)
    d.update(known)
    return d


def materialize(obj):
    """Build every member of a lazy object; afterwards it no longer needs its node."""
    node = _node_of(obj)
    if node is None:
        return obj
    node, dialect = _element_of(obj, node)
    d = _all_members(info(type(obj)), node, _DICT(obj))
    if dialect is not None:
        for value in d.values():
            pend(value, dialect)
    _DICT_SET(obj, d)
    _NODE_SET(obj, None)
    return obj


def _node_of(obj):
    """The lxml element a lazy object still reads from (None once built or when eager)."""
    try:
        return _NODE_GET(obj)
    except AttributeError:
        return None


def build_eager(obj, node):
    """generateDS-style eager build: every member of the whole subtree at once."""
    ci = info(type(obj))
    known = {k: v for k, v in _DICT(obj).items() if k not in ci.by_name}
    node, dialect = _element_of(obj, node)
    d = _all_members(ci, node, known)
    if dialect is not None:
        for value in d.values():
            pend(value, dialect)
    _DICT_SET(obj, d)
    for f in ci.elements:
        if f.cls is not None:
            value = d[f.name]
            for item in (value if f.many else (value,)):
                if item is not None:
                    materialize_deep(item)
    return obj


def materialize_deep(obj):
    node = _node_of(obj)
    if node is not None:
        _NODE_SET(obj, None)
        build_eager(obj, node)
    return obj


# ---------------------------------------------------------------- serialising

def to_element(obj, tag, parent=None):
    """The lxml element for ``obj`` under ``tag`` (appended to ``parent`` if given)."""
    obj = unwrap(obj)
    klass = type(obj)
    ci = info(klass)
    node = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)

    for f in ci.attributes:
        value = getattr(obj, f.name)
        if value is not None:
            text = _format(f, value, klass)
            try:
                node.set(f.xml, text)
            except ValueError:
                _refuse_text(f, klass, text)
    ext = _DICT(obj).get("extensiontype_") if ci.ext else None
    if ext:
        node.set(XSI_TYPE, ext)
    for f in ci.elements:
        value = getattr(obj, f.name)
        if value is None:
            continue
        if f.many:
            if not isinstance(value, (list, tuple)):
                value = [value]
            for item in value:
                _export_child(f, item, node, klass)
        else:
            _export_child(f, value, node, klass)
    if ci.text is not None:
        value = getattr(obj, ci.text.name)
        if value is not None:
            text = _format(ci.text, value, klass)
            try:
                node.text = text
            except ValueError:
                _refuse_text(ci.text, klass, text)
    return node


def _member(field, klass):
    return "%s.%s" % (_class_name(klass), field.name) if klass is not None else field.name


def _class_name(klass):
    return ("params." if klass.__module__.endswith(".params") else "") + klass.__name__


class InvalidValueError(TypeError, ValueError):
    """A member value that cannot be sent as its XML type (both a TypeError and a
    ValueError, so scripts catching either see it); the message names the member."""


def _format(field, value, klass=None):
    """The wire text of one value; ``InvalidValueError`` naming the member otherwise."""
    try:
        return field.format(value)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise InvalidValueError("%s: cannot send %r as %s: %s"
                                % (_member(field, klass), value, field.type, exc)) from None


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_text(field, klass, text):
    """lxml refused ``text``: say which member and which character (XML 1.0 has no
    control characters other than tab, newline and carriage return)."""
    bad = _NOT_XML.search(text)
    where = ("U+%04X at index %d" % (ord(bad.group()), bad.start())) if bad else "a character"
    raise InvalidValueError("%s: %s cannot be sent: XML cannot carry it (%r)"
                     % (_member(field, klass), where, text[:80])) from None


def _export_child(field, value, parent, klass=None):
    if value is None:
        return
    if field.cls is not None:
        value = unwrap(value)
        if not isinstance(value, field.cls):
            raise TypeError("%s: expected a params.%s, got %s"
                            % (_member(field, klass), field.cls.__name__, _type_name(value)))
        to_element(value, field.xml, parent)
    else:
        if isinstance(value, (list, tuple, dict, set, GeneratedsSuper)):
            raise TypeError("%s: expected a single %s value, got %s"
                            % (_member(field, klass), field.type, _type_name(value)))
        text = _format(field, value, klass)
        try:
            etree.SubElement(parent, field.xml).text = text
        except ValueError:
            _refuse_text(field, klass, text)


def _type_name(value):
    cls = type(value)
    return ("params." if cls.__module__.endswith(".params") else "") + cls.__name__


def to_xml(obj, tag=None, pretty_print=True):
    """The XML document (str) for ``obj``."""
    obj = unwrap(obj)
    tag = tag or root_tag(type(obj))
    return etree.tostring(to_element(obj, tag), pretty_print=pretty_print,
                          encoding="unicode")


def root_tag(cls):
    module = sys.modules[cls.__module__]
    for klass in cls.__mro__:
        tag = module._tag_for_type.get(klass.__name__)
        if tag:
            return tag
    return cls.__name__


def has_content(obj):
    obj = unwrap(obj)
    ci = info(type(obj))
    for f in ci.fields:
        if f.kind == ATTRIBUTE:
            continue
        value = getattr(obj, f.name)
        if value is not None and value != []:
            return True
    return False


def _literal(obj, level, out):
    obj = unwrap(obj)
    pad = "    " * level
    ci = info(type(obj))
    for f in ci.fields:
        value = getattr(obj, f.name)
        if value is None or value == []:
            continue
        if f.cls is None:
            out.append("%s%s=%r,\n" % (pad, f.name, value))
        elif f.many:
            out.append("%s%s=[\n" % (pad, f.name))
            for item in value:
                out.append("%s    model_.%s(\n" % (pad, type(unwrap(item)).__name__))
                _literal(item, level + 2, out)
                out.append("%s    ),\n" % pad)
            out.append("%s],\n" % pad)
        else:
            out.append("%s%s=model_.%s(\n" % (pad, f.name, type(unwrap(value)).__name__))
            _literal(value, level + 1, out)
            out.append("%s),\n" % pad)


def export_literal(obj, outfile, level, name_):
    out = []
    _literal(obj, level, out)
    outfile.write("".join(out))


# ---------------------------------------------------------------- brokers as values

class EntityHolder(object):
    """Base of objects that stand for a params entity (the SDK's resource brokers).

    Wherever a params object is expected, an ``EntityHolder`` is replaced by
    the entity it holds in ``superclass``.

    Reads: a class deriving from both a params class and ``EntityHolder`` (params
    class first) reads its entity's members (``superclass``) in one step, through
    the lazy member descriptors (see ``LazyMember``): the entity's dict, else its
    node. What they decline, the names listed in the holder's ``_subcollections_``
    (they hide the entity's members of the same name), names that are no member,
    and every name when it holds no entity, goes to the holder's own
    ``__getattr__`` (the brokers: ``common.Base``, their sub-collections).
    """
    _subcollections_ = {}


_HOLDER_DICT = EntityHolder.__dict__["__dict__"].__get__


def holder_dict(holder):
    """The instance dict of a holder as stored (a broker's own attributes)."""
    return _HOLDER_DICT(holder)


def unwrap(value):
    while isinstance(value, EntityHolder):
        value = _HOLDER_DICT(value)["superclass"]
    return value


def unwrap_value(value):
    if isinstance(value, EntityHolder):
        return unwrap(value)
    if type(value) is list:
        if any(isinstance(v, EntityHolder) for v in value):
            return [unwrap(v) for v in value]
    return value


_MISSING = object()


def _complete_holder(holder):
    """Resolve every sub-collection of a holder, so its dict lists them."""
    d = _HOLDER_DICT(holder)
    for name in type(holder)._subcollections_:
        if name not in d:
            getattr(holder, name)
    return d


# ---------------------------------------------------------------- the base class

_SETTABLE = frozenset(("extensiontype_", "subclass", "superclass", "original_tagname_"))


class _InstanceStorage(object):
    """Where a params object keeps its state: the member dict, and the lxml
    element a lazy object still reads its members from (``_node_``). The lazy
    member descriptors (``LazyMember``) are set on this class, one per member name
    of any params class, so that the generated classes' own ``__dict__`` stays as
    generated."""

    __slots__ = ("_node_", "__dict__", "__weakref__")


_DICT = _InstanceStorage.__dict__["__dict__"].__get__      # the dict as stored
_DICT_SET = _InstanceStorage.__dict__["__dict__"].__set__
_NODE = _InstanceStorage.__dict__["_node_"]
_NODE_GET = _NODE.__get__
_NODE_SET = _NODE.__set__
_NEW = object.__new__


def instance_dict(obj):
    """The member dict of a params object as stored: without materialising a lazy one."""
    return _DICT(obj)


class LazyMember(object):
    """The class-level reader of one member name, shared by every params class that
    has a member of that name.

    A non-data descriptor: Python looks in the instance dict first, so a member
    already read or set costs nothing here. Otherwise a lazy object builds the
    member from its node and stores it in its dict (later reads are dict hits); a
    resource broker (``EntityHolder``) answers it from its entity, its dict, else
    its node, without storing anything in its own dict. Anything else (a name that
    is no member of the object's class, a sub-collection of the broker) is an
    AttributeError here, which Python hands to the class's ``__getattr__`` if it has
    one (the brokers').
    """
    __slots__ = ("name", "readers", "pending")

    def __init__(self, name):
        self.name = name
        self.readers = {}       # class -> its read(node) of this name, None if no member
        self.pending = {}       # class -> (dialect, its read(pending)), see Pending

    def pending_reader(self, cls, pending, read):
        """The ``read(pending)`` of this member of ``cls`` for a pending element."""
        entry = self.pending.get(cls)
        if entry is None or entry[0] is not pending.dialect:
            dialect = pending.dialect
            entry = self.pending[cls] = (dialect, dialect.reader(cls, self.name, read))
        return entry[1]

    def __get__(self, obj, cls=None):
        try:
            node = obj._node_
        except AttributeError:      # the class itself, or made by the constructor
            node = None
        if node is not None:
            try:
                read = self.readers[type(obj)]
            except KeyError:
                read = self.reader(type(obj))
            if read is not None:
                if type(node) is Pending:
                    value = self.pending_reader(type(obj), node, read)(node)
                else:
                    value = read(node)
                _DICT(obj)[self.name] = value
                return value
        elif isinstance(obj, EntityHolder):
            name = self.name
            if name not in type(obj)._subcollections_:
                entity = _HOLDER_DICT(obj).get("superclass")
                if entity is not None:
                    d = _DICT(entity)
                    value = d.get(name, _MISSING)
                    if value is not _MISSING:
                        return value
                    try:
                        node = entity._node_
                    except AttributeError:
                        node = None
                    if node is not None:
                        try:
                            read = self.readers[type(entity)]
                        except KeyError:
                            read = self.reader(type(entity))
                        if read is not None:
                            if type(node) is Pending:
                                value = self.pending_reader(type(entity), node,
                                                            read)(node)
                            else:
                                value = read(node)
                            d[name] = value
                            return value
        if obj is None:
            raise AttributeError("type object %r has no attribute %r"
                                 % (cls.__name__, self.name))
        raise AttributeError("%r object has no attribute %r"
                             % (type(obj).__name__, self.name))

    def reader(self, cls):
        read = self.readers[cls] = (info(cls).readers.get(self.name)
                                    if issubclass(cls, GeneratedsSuper) else None)
        return read


_LAZY_MEMBERS = {}  # member name -> its LazyMember on _InstanceStorage
_RESERVED = frozenset(dir(object()))
# The classes after _InstanceStorage in the MRO of a params class or a resource
# broker (common.Base, EntityHolder): a LazyMember would hide their attributes.
_AFTER_STORAGE = set()


def _lazy_members(cls):
    """Set a ``LazyMember`` on ``_InstanceStorage`` for each member name ``cls``
    declares that has none yet; refuse a name that would hide an attribute of a
    class after ``_InstanceStorage`` in its MRO (a broker base)."""
    mro = cls.__mro__
    for klass in mro[mro.index(_InstanceStorage) + 1:]:
        if klass is not object and klass not in _AFTER_STORAGE:
            _refuse_clash(klass, set(klass.__dict__) & set(_LAZY_MEMBERS))
            _AFTER_STORAGE.add(klass)
    d = cls.__dict__
    names = [m[0] for m in d.get("_members_", ())]
    if "extensiontype_" in d.get("_ctor_args_", ()):
        names.append("extensiontype_")
    for name in names:
        if name in _LAZY_MEMBERS or name in _RESERVED or name in _InstanceStorage.__dict__:
            continue
        for klass in _AFTER_STORAGE:
            _refuse_clash(klass, {name} & set(klass.__dict__))
        _LAZY_MEMBERS[name] = descriptor = LazyMember(name)
        setattr(_InstanceStorage, name, descriptor)


def _refuse_clash(klass, names):
    if names:
        raise TypeError("%s.%s would be hidden by the params member of that name"
                        % (klass.__name__, sorted(names)[0]))


def _visible(names, obj, mro):
    """``names`` without the LazyMember names that ``obj`` (an instance or a class)
    has neither in its dict as stored nor in one of its classes: they are other
    classes' members."""
    own = _DICT(obj) if isinstance(obj, _InstanceStorage) else {}
    return [n for n in names
            if n not in _LAZY_MEMBERS or n in own
            or any(n in k.__dict__ for k in mro if k is not _InstanceStorage)]


class ParamsType(type):
    """The type of the params classes: a new class gets the ``LazyMember`` of each of
    its member names; ``dir()`` of a class lists its own attributes only (not the
    LazyMember names of other classes)."""

    def __init__(cls, name, bases, namespace, **kwargs):
        super().__init__(name, bases, namespace, **kwargs)
        _lazy_members(cls)

    def __dir__(cls):
        """The class's attributes, as ``type.__dir__`` lists them (no LazyMember)."""
        return _visible(type.__dir__(cls), cls, cls.__mro__)


class GeneratedsSuper(_InstanceStorage, metaclass=ParamsType):
    """Base of every class in ``ovirtsdk.xml.params``."""

    __slots__ = ()
    _members_ = ()
    _ctor_args_ = ()

    @property
    def __dict__(self):
        """The instance's members: every member of its class, the absent ones None
        (lists ``[]``), as the constructor makes them; a lazily parsed object builds
        them all on this first look. A broker's dict lists its sub-collections too."""
        try:
            node = _NODE_GET(self)
        except AttributeError:
            node = None
        if node is not None:
            materialize(self)
        elif isinstance(self, EntityHolder):
            return _complete_holder(self)
        return _DICT(self)

    def __dir__(self):
        """The instance's attributes, as ``object.__dir__`` lists them: its members
        (from its complete ``__dict__``) and its class's attributes."""
        return _visible(super().__dir__(), self, type(self).__mro__)

    def __setattr__(self, name, value):
        if (name not in info(type(self)).by_name and name not in _SETTABLE
                and name[:1] != "_" and not isinstance(self, EntityHolder)):
            # A misspelt member would otherwise be silently left out of the XML.
            raise AttributeError("params.%s has no member %r" % (type(self).__name__, name))
        super(GeneratedsSuper, self).__setattr__(name, unwrap_value(value))

    def __eq__(self, other):
        a, b = unwrap(self), unwrap(other)
        if a is b:
            return True
        if type(a) is not type(b) or not isinstance(a, GeneratedsSuper):
            return NotImplemented if not isinstance(b, GeneratedsSuper) else False
        return state(a) == state(b)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        # Consistent with __eq__: equal objects have the same type and id.
        entity = unwrap(self)
        key = getattr(entity, "id", None) if "id" in info(type(entity)).by_name else None
        return hash((type(entity).__name__, key))

    def __getstate__(self):
        return state(self)

    def __setstate__(self, values):
        _NODE_SET(self, None)
        _DICT(self).update(values)

    def __reduce_ex__(self, protocol):
        if isinstance(self, EntityHolder):     # a broker: its own rules apply
            return super(GeneratedsSuper, self).__reduce_ex__(protocol)
        return (_rebuild, (type(self), state(self)))

    # generateDS-compatible helpers ------------------------------------------------

    def gds_format_string(self, input_data, input_name=""):
        return input_data

    def gds_validate_string(self, input_data, node=None, input_name=""):
        return input_data if input_data is not None else ""

    def gds_format_base64(self, input_data, input_name=""):
        return base64.b64encode(input_data).decode("ascii")

    def gds_validate_base64(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_integer(self, input_data, input_name=""):
        return format_integer(input_data)

    def gds_validate_integer(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_integer_list(self, input_data, input_name=""):
        return " ".join(format_integer(v) for v in input_data)

    def gds_validate_integer_list(self, input_data, node=None, input_name=""):
        return " ".join(str(int(v)) for v in input_data.split())

    def gds_format_float(self, input_data, input_name=""):
        return format_float(input_data)

    def gds_validate_float(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_float_list(self, input_data, input_name=""):
        return " ".join(format_float(v) for v in input_data)

    def gds_validate_float_list(self, input_data, node=None, input_name=""):
        return " ".join(str(float(v)) for v in input_data.split())

    gds_format_double = gds_format_float
    gds_validate_double = gds_validate_float
    gds_format_double_list = gds_format_float_list
    gds_validate_double_list = gds_validate_float_list

    def gds_format_boolean(self, input_data, input_name=""):
        return format_boolean(input_data)

    def gds_validate_boolean(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_boolean_list(self, input_data, input_name=""):
        return " ".join(format_boolean(v) for v in input_data)

    def gds_validate_boolean_list(self, input_data, node=None, input_name=""):
        return " ".join(format_boolean(parse_boolean(v)) for v in input_data.split())

    def gds_format_datetime(self, input_data, input_name=""):
        return format_datetime(input_data)

    def gds_validate_datetime(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_date(self, input_data, input_name=""):
        return input_data.isoformat()

    def gds_validate_date(self, input_data, node=None, input_name=""):
        return input_data

    def gds_format_time(self, input_data, input_name=""):
        return input_data.isoformat()

    def gds_validate_time(self, input_data, node=None, input_name=""):
        return input_data

    @classmethod
    def gds_parse_datetime(cls, input_data):
        return parse_datetime(input_data)

    @classmethod
    def gds_parse_date(cls, input_data):
        return datetime.date.fromisoformat(input_data.strip()[:10])

    @classmethod
    def gds_parse_time(cls, input_data):
        return datetime.time.fromisoformat(input_data.strip()[:8])

    def gds_str_lower(self, instring):
        return instring.lower()

    def get_path_(self, node):
        return "/".join(reversed(self.get_path_list_(node, [])))

    def get_path_list_(self, node, path_list):
        while node is not None:
            path_list.append(Tag_pattern_.match(node.tag).groups()[-1])
            node = node.getparent()
        return path_list

    def get_class_obj_(self, node, default_class=None):
        return _subtype(default_class or type(self), node)

    def gds_build_any(self, node, type_name=None):
        return None

    @classmethod
    def gds_reverse_node_mapping(cls, mapping):
        return dict((v, k) for k, v in mapping.items())


def state(obj):
    """The member values of ``obj`` (materialising a lazy object)."""
    obj = unwrap(obj)
    materialize(obj)
    d = _DICT(obj)
    return {k: d.get(k) for k in info(type(obj)).order}


def _rebuild(cls, values):
    obj = _NEW(cls)
    _NODE_SET(obj, None)
    _DICT(obj).update(values)
    return obj


# ---------------------------------------------------------------- methods bound into every class

def factory(cls, *args_, **kwargs_):
    """generateDS ``factory``: an instance of the class (or its registered subclass)."""
    return (cls.subclass or cls)(*args_, **kwargs_)


def hasContent_(self):
    return has_content(self)


def export_(self, outfile, level, namespace_="", name_=None, namespacedef_="",
            pretty_print=True):
    """Write the XML of this object to ``outfile`` (indented by ``level``)."""
    text = to_xml(self, name_, pretty_print)
    if pretty_print and level:
        text = "".join("    " * level + line + "\n" for line in text.splitlines())
    outfile.write(text)


def exportAttributes(self, outfile, level, already_processed=None, namespace_="",
                     name_=None):
    element = to_element(self, name_ or root_tag(type(unwrap(self))))
    outfile.write("".join(' %s=%s' % (k, quote_attrib(v)) for k, v in element.attrib.items()))


def exportChildren(self, outfile, level, namespace_="", name_=None, fromsubclass_=False,
                   pretty_print=True):
    element = to_element(self, name_ or root_tag(type(unwrap(self))))
    for child in element:
        outfile.write(etree.tostring(child, pretty_print=pretty_print, encoding="unicode"))


def exportLiteral(self, outfile, level, name_=None):
    """Write this object as Python constructor calls (generateDS's literal form)."""
    export_literal(self, outfile, level, name_)


def exportLiteralAttributes(self, outfile, level, already_processed=None, name_=None):
    entity = unwrap(self)
    for f in info(type(entity)).attributes:
        value = getattr(entity, f.name)
        if value is not None:
            outfile.write("%s%s=%r,\n" % ("    " * level, f.name, value))


def exportLiteralChildren(self, outfile, level, name_=None):
    entity = unwrap(self)
    out = []
    _literal(entity, level, out)
    attrs = {f.name for f in info(type(entity)).attributes}
    outfile.write("".join(line for line in out
                          if line.strip().split("=", 1)[0] not in attrs))


def build(self, node):
    """generateDS ``build(node)``: fill this object from an lxml element, eagerly."""
    _NODE_SET(self, None)
    return build_eager(self, node)


def buildAttributes(self, node, attrs, already_processed):
    for f in info(type(self)).attributes:
        _DICT(self)[f.name] = f.read(node)


def buildChildren(self, child_, node, nodeName_, fromsubclass_=False):
    f = info(type(self)).by_tag.get(nodeName_)
    if f is None:
        return
    value = f.value(child_)
    if f.cls is not None and value is not None:
        materialize_deep(value)
    if f.many:
        _DICT(self).setdefault(f.name, []).append(value)
    else:
        _DICT(self)[f.name] = value


_ENUMS = {}


def register_enums(enums):
    _ENUMS.update(enums)


def validate_enum(type_name, value):
    """True when ``value`` is one of the values of the simple type ``type_name``."""
    return value is None or value in _ENUMS.get(type_name, (value,))


# ---------------------------------------------------------------- generateDS module API

ExternalEncoding = "utf-8"
Tag_pattern_ = re.compile(r"({.*})?(.*)")
String_cleanup_pat_ = re.compile(r"[\n\r\s]+")
Namespace_extract_pat_ = re.compile(r"{(.*)}(.*)")
Verbose_import_ = False
XMLParser_import_library = "lxml"
USAGE_TEXT = """
Usage: python <Parser>.py <in_xml_file>
"""


def usage():
    sys.stdout.write(USAGE_TEXT)
    sys.exit(1)


def parser():
    """The XML parser for untrusted documents (``ovirtsdk.xml.parser``'s policy)."""
    return _parser.new_parser()


def parsexml_(infile, parser_=None, **kwargs):
    """generateDS's file parser: ``ovirtsdk.xml.parser.parse`` (DOCTYPE refused)."""
    return _parser.parse(infile, parser_)


def showIndent(outfile, level, pretty_print=True):
    if pretty_print:
        outfile.write("    " * level)


def quote_xml(inStr):
    if not inStr:
        return ""
    text = inStr if isinstance(inStr, str) else "%s" % inStr
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote_attrib(inStr):
    text = quote_xml(inStr).replace('"', "&quot;")
    return '"%s"' % text


def quote_python(inStr):
    return repr(inStr)


def get_all_text_(node):
    return "".join(node.itertext())


def find_attr_value_(attr_name, node):
    return node.attrib.get(attr_name)


def raise_parse_error(node, msg):
    raise ValueError("%s (element %s, line %s)" % (msg, node.tag, node.sourceline))


# ---------------------------------------------------------------- parsing documents

def parse_node(module, node, lazy=True, dialect=None):
    """The params object for the element ``node``, chosen by its tag (``dialect``:
    see ``from_node``)."""
    tag = node.tag
    if not isinstance(tag, str):
        raise ValueError("not an element")
    cls = module._rootClassMap.get(tag)
    if cls is None:
        raise ValueError("unknown root element <%s>" % tag)
    obj = from_node(_subtype(cls, node), node, dialect)
    return obj if lazy else materialize_deep(obj)


def _root(text):
    return _parser.fromstring(text)


def parse_string(module, text, lazy=False):
    return parse_node(module, _root(text), lazy)


def parse_string_as(module, text, cls):
    return materialize_deep(from_node(cls, _root(text)))


def parse_file(module, path):
    return parse_node(module, parsexml_(path).getroot(), lazy=False)
