"""Emit ``ovirtsdk/xml/params.py`` from the params model.

Each class is data (``_members_``, ``_ctor_args_``) plus thin generateDS-style
methods; the behaviour behind them is ``ovirtsdk.xml.runtime``.
"""
import textwrap

from .paramsmodel import GENERATEDS_SUPER, SERIALIZATION_METHODS

_KIND = {"attr": "_A", "element": "_E", "text": "_T"}

# Constructor casts of attribute values (generateDS casts attributes, not elements).
_CAST = {"xs:int": "int", "xs:long": "int", "xs:short": "int", "xs:unsignedShort": "int",
         "xs:unsignedInt": "int", "xs:integer": "int", "xs:boolean": "bool",
         "xs:decimal": "float", "xs:double": "float", "xs:float": "float"}

# Shared implementations bound into every class under the original names.
_SHARED = {
    "hasContent_": "_rt.hasContent_",
    "export_": "_rt.export_",
    "exportAttributes": "_rt.exportAttributes",
    "exportChildren": "_rt.exportChildren",
    "exportLiteral": "_rt.exportLiteral",
    "exportLiteralAttributes": "_rt.exportLiteralAttributes",
    "exportLiteralChildren": "_rt.exportLiteralChildren",
    "build": "_rt.build",
    "buildAttributes": "_rt.buildAttributes",
    "buildChildren": "_rt.buildChildren",
}
assert set(_SHARED) == set(SERIALIZATION_METHODS)


def _occurs(member):
    if member.kind == "attr":
        return "required" if member.min else "optional"
    hi = "n" if member.max is None else str(member.max)
    return "%d..%s" % (member.min, hi)


def _type_doc(member):
    t = member.type
    return t[3:] if t.startswith("xs:") else t


def _class_doc(pc, simple_types):
    lines = []
    head = "%s: complex type ``%s``" % (pc.name, pc.name)
    if pc.base != GENERATEDS_SUPER:
        head += " (extends ``%s``)" % pc.base
    lines.append(head + ".")
    if pc.root_tags:
        lines.append("")
        lines.append("XML root element%s: %s." % (
            "s" if len(pc.root_tags) > 1 else "",
            ", ".join("<%s>" % t for t in pc.root_tags)))
    if pc.members:
        lines.append("")
        lines.append("Members defined here (constructor keyword: type, occurrences):")
        lines.append("")
        for member in pc.members:
            where = {"attr": "attribute", "element": "element", "text": "text"}[member.kind]
            extra = ""
            if member.type_kind == "simple":
                extra = " one of %s" % ", ".join(simple_types[member.type])
            lines.append("    %s: %s, %s %s%s" % (member.name, _type_doc(member), where,
                                                 _occurs(member), extra))
    return lines


def _emit_class(pc, simple_types, out):
    out.append("")
    out.append("")
    out.append("class %s(%s):" % (pc.name, pc.base))
    doc = _class_doc(pc, simple_types)
    out.append('    """' + doc[0])
    out.extend(("    " + line) if line else "" for line in doc[1:])
    out.append('    """')
    out.append("    subclass = None")
    out.append("    superclass = %s" % (pc.base if pc.base != GENERATEDS_SUPER else "None"))
    out.append("    _members_ = (")
    for member in pc.members:
        out.append("        (%r, %r, %s, %r, %s)," % (
            member.name, member.xml_name, _KIND[member.kind], member.type, member.is_list))
    out.append("    )")
    out.append("    _ctor_args_ = (%s)" % "".join("%r, " % a for a in pc.ctor_args).rstrip())
    # constructor
    args = ", ".join("%s=None" % a for a in pc.ctor_args)
    out.append("")
    out.append("    def __init__(self%s):" % ((", " + args) if args else ""))
    own = {m.name for m in pc.members}
    inherited = [a for a in pc.ctor_args if a not in own and a != "extensiontype_"]
    if pc.base != GENERATEDS_SUPER:
        base_args = inherited[:]
        out.append("        %s.__init__(self%s)" % (
            pc.base, "".join(", %s" % a for a in base_args)))
    for member in pc.members:
        if member.is_list:
            out.append("        self.%s = [] if %s is None else %s" % (
                member.name, member.name, member.name))
        elif member.kind == "attr" and member.type in _CAST:
            out.append("        self.%s = _cast(%s, %s)" % (member.name, _CAST[member.type],
                                                          member.name))
        else:
            out.append("        self.%s = %s" % (member.name, member.name))
    if pc.has_extensiontype:
        out.append("        self.extensiontype_ = extensiontype_")
    if not pc.members and not pc.has_extensiontype and pc.base == GENERATEDS_SUPER:
        out.append("        pass")
    out.append("")
    out.append("    factory = classmethod(_rt.factory)")
    # accessors in the order of the method table
    by_accessor = {}
    for member in pc.members:
        by_accessor[member.accessor] = member
    emitted = set()
    for name in pc.methods:
        if name in ("factory",) or name in _SHARED or name in emitted:
            continue
        emitted.add(name)
        if name in ("get_extensiontype_", "set_extensiontype_"):
            if name.startswith("get"):
                out.append("    def get_extensiontype_(self): return self.extensiontype_")
            else:
                out.append("    def set_extensiontype_(self, extensiontype_): "
                           "self.extensiontype_ = extensiontype_")
            continue
        if name.startswith("validate_"):
            out.append("    def %s(self, value): return _rt.validate_enum(%r, value)"
                       % (name, name[len("validate_"):]))
            continue
        prefix, _, accessor = name.partition("_")
        member = by_accessor[accessor]
        attr = member.name
        if prefix == "get":
            out.append("    def %s(self): return self.%s" % (name, attr))
        elif prefix == "set":
            out.append("    def %s(self, %s): self.%s = %s" % (name, attr, attr, attr))
        elif prefix == "add":
            out.append("    def %s(self, value): self.%s.append(_unwrap(value))" % (name, attr))
        elif prefix == "insert":
            out.append("    def %s(self, index, value): self.%s.insert(index, _unwrap(value))"
                       % (name, attr))
        else:
            raise ValueError("%s: unknown method %s" % (pc.name, name))
    for name in SERIALIZATION_METHODS:
        out.append("    %s = %s" % (name, _SHARED[name]))


def emit_params(classes, data_model, header):
    simple_types = {st.name: st.values for st in data_model.simple_types}
    simple_bases = {st.name: st.base for st in data_model.simple_types}
    out = [header.rstrip("\n"), '''"""The data classes of the oVirt REST API, one per complex type of the schema.

Constructor keyword arguments are the members (XML attributes first, then
elements in schema order); ``get_x``/``set_x`` read and write them, ``add_x``
and ``insert_x`` extend list members, ``export_`` writes the XML and
``parseString`` reads it. The behaviour shared by all classes lives in
``ovirtsdk.xml.runtime``.
"""''', "",
           "import sys as _sys",
           "",
           "from lxml import etree as etree_",
           "",
           "from ovirtsdk.xml import runtime as _rt",
           "from ovirtsdk.xml.runtime import (  # noqa: F401  (generateDS module API)",
           "    GeneratedsSuper, ExternalEncoding, Tag_pattern_, String_cleanup_pat_,",
           "    Namespace_extract_pat_, Verbose_import_, XMLParser_import_library,",
           "    parsexml_, showIndent, quote_xml, quote_attrib, quote_python,",
           "    get_all_text_, find_attr_value_, raise_parse_error, usage, USAGE_TEXT,",
           ")",
           "",
           "_cast = _rt.cast",
           "_unwrap = _rt.unwrap_value",
           "_A, _E, _T = _rt.ATTRIBUTE, _rt.ELEMENT, _rt.TEXT",
           "_simple_types_ = {%s}" % ", ".join("%r: %r" % kv for kv in simple_bases.items()),
           "_rt.register_enums({%s})" % ", ".join(
               "%r: %r" % (k, tuple(v)) for k, v in simple_types.items()),
           ]
    for pc in classes:
        _emit_class(pc, simple_types, out)
    out.append("")
    out.append("")
    out.append("GDSClassesMapping = {}")
    out.append("")
    out.append("# root element -> class")
    out.append("_rootClassMap = {")
    roots = []
    for pc in classes:
        for tag in pc.root_tags:
            roots.append((tag, pc.name))
    for tag, name in sorted(roots):
        out.append("    %r: %s," % (tag, name))
    out.append("}")
    out.append("")
    out.append("# class name -> the root element it is written as")
    out.append("_tag_for_type = {")
    for pc in classes:
        if pc.root_tags:
            out.append("    %r: %r," % (pc.name, pc.root_tags[0]))
    out.append("}")
    out.append('''

def get_root_tag(node):
    tag = _rt.Tag_pattern_.match(node.tag).groups()[-1]
    return tag, _rootClassMap.get(tag)


def findRootClass(tag):
    """The params class of the root element ``tag`` (None if unknown)."""
    return _rootClassMap.get(tag)


def parseString(inString, silence=False):
    """Parse an XML document (str or bytes) into its params object."""
    return _rt.parse_string(_module, inString)


def parse(inFileName, silence=False):
    """Parse an XML file into its params object."""
    return _rt.parse_file(_module, inFileName)


def parseEtree(inFileName, silence=False):
    obj = parse(inFileName, silence)
    return obj, _rt.to_element(obj, _rt.root_tag(type(obj)))


def parseLiteral(inFileName, silence=False):
    return parse(inFileName, silence)


def parseClass(inString, cls):
    """Parse an XML document into an instance of ``cls`` whatever its root tag."""
    return _rt.parse_string_as(_module, inString, cls)


def main():
    import sys
    args = sys.argv[1:]
    if len(args) == 1:
        parse(args[0]).export_(sys.stdout, 0)
    else:
        usage()


_module = _sys.modules[__name__]

__all__ = [
%s
]
''' % textwrap.fill(", ".join(repr(pc.name) for pc in classes), 79,
                     initial_indent="    ", subsequent_indent="    "))
    return "\n".join(out)
