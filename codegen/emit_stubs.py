"""Emit the type stubs (``.pyi``) of the generated modules, for mypy, pyright and IDEs.

- ``ovirtsdk/xml/params.pyi``: each params class with its constructor keywords,
  member attributes and ``get_x``/``set_x``/``add_x``/``insert_x`` typed from
  the schema (``xs:string`` -> ``str``, an element of class type -> that class,
  lists -> ``List[...]``), so ``params.VM(nmae=...)`` is an error.
- ``ovirtsdk/infrastructure/brokers.pyi``: each broker with its methods
  (``VMs.get`` -> ``Optional[VM]``, ``VMs.list`` -> ``List[VM]``, ``add`` ->
  the resource broker) and its sub-collections as read-only properties
  (``VM.nics`` -> ``VMNICs``).
- ``ovirtsdk/infrastructure/apicollections.pyi``: ``api.vms`` -> ``VMs``.
- ``ovirtsdk/xml/runtime.pyi`` and ``ovirtsdk/infrastructure/common.pyi``: the
  base classes as type checkers should see them.  The runtime builds members
  lazily (class-level descriptors; the brokers' ``__getattr__`` for
  sub-collections); a ``__getattr__`` declared in a stub would make every
  attribute ``Any`` and hide misspellings, so these stubs leave it out.

``ovirtsdk/api.py`` is hand-written and annotated in place.
"""
from .paramsmodel import GENERATEDS_SUPER

_PY = {"xs:string": "str", "xs:boolean": "bool", "xs:dateTime": "datetime.datetime",
       "xs:decimal": "float", "xs:double": "float", "xs:float": "float"}
for _t in ("xs:int", "xs:long", "xs:short", "xs:byte", "xs:integer", "xs:unsignedShort",
           "xs:unsignedInt", "xs:unsignedLong", "xs:unsignedByte", "xs:nonNegativeInteger",
           "xs:positiveInteger"):
    _PY[_t] = "int"

STUB_HEADER = "# Type stubs; see codegen/emit_stubs.py.\n"


def _value_type(member, simple_types, classes):
    if member.type_kind == "class" or member.type in classes:
        return member.type
    if member.type_kind == "simple" or member.type in simple_types:
        return "str"
    return _PY.get(member.type, "Any")


def _params_class(pc, simple_types, classes, out):
    base = "GeneratedsSuper" if pc.base == GENERATEDS_SUPER else pc.base
    out.append("")
    out.append("class %s(%s):" % (pc.name, base))
    types = {}
    for member in pc.members:
        value = _value_type(member, simple_types, classes)
        types[member.name] = "List[%s]" % value if member.is_list else "Optional[%s]" % value
        out.append("    %s: %s" % (member.name, types[member.name]))
    if pc.has_extensiontype:
        out.append("    extensiontype_: Optional[str]")
    # the constructor takes the inherited members too: look them up the base chain
    args = []
    for arg in pc.ctor_args:
        kind = _member_type(pc, arg, simple_types, classes)
        if kind.startswith("List["):
            kind = "Optional[%s]" % kind
        args.append("%s: %s = ..." % (arg, kind))
    out.append("    def __init__(self%s) -> None: ..." % "".join(", " + a for a in args))
    out.append("    @classmethod")
    out.append("    def factory(cls, *args: Any, **kwargs: Any) -> %s: ..." % pc.name)
    by_accessor = {m.accessor: m for m in pc.members}
    for name in pc.methods:
        if name == "factory":
            continue
        if name in ("get_extensiontype_", "set_extensiontype_"):
            if name.startswith("get"):
                out.append("    def get_extensiontype_(self) -> Optional[str]: ...")
            else:
                out.append("    def set_extensiontype_(self, extensiontype_: Optional[str])"
                           " -> None: ...")
            continue
        if name.startswith("validate_"):
            out.append("    def %s(self, value: Any) -> Any: ..." % name)
            continue
        prefix, _, accessor = name.partition("_")
        member = by_accessor.get(accessor)
        if member is None:
            continue
        kind = types[member.name]
        item = kind[len("List["):-1] if member.is_list else None
        if prefix == "get":
            out.append("    def %s(self) -> %s: ..." % (name, kind))
        elif prefix == "set":
            setter = "Optional[%s]" % kind if member.is_list else kind
            out.append("    def %s(self, %s: %s) -> None: ..." % (name, member.name, setter))
        elif prefix == "add":
            out.append("    def %s(self, value: %s) -> None: ..." % (name, item))
        elif prefix == "insert":
            out.append("    def %s(self, index: int, value: %s) -> None: ..." % (name, item))


def _member_type(pc, name, simple_types, classes):
    klass = pc
    while klass is not None:
        for member in klass.members:
            if member.name == name:
                value = _value_type(member, simple_types, classes)
                return "List[%s]" % value if member.is_list else "Optional[%s]" % value
        klass = classes.get(klass.base)
    if name == "extensiontype_":
        return "Optional[str]"
    return "Any"


def emit_params_stub(classes, data_model, header):
    simple_types = {st.name for st in data_model.simple_types}
    by_name = {pc.name: pc for pc in classes}
    out = [header.rstrip("\n"), STUB_HEADER.rstrip("\n"),
           "import datetime",
           "from typing import Any, Dict, List, Optional, Type, Union",
           "",
           "from ovirtsdk.xml.runtime import GeneratedsSuper as GeneratedsSuper",
           ""]
    for pc in classes:
        _params_class(pc, simple_types, by_name, out)
    out.append("")
    out.append("GDSClassesMapping: Dict[str, Type[GeneratedsSuper]]")
    out.append("_rootClassMap: Dict[str, Type[GeneratedsSuper]]")
    out.append("_tag_for_type: Dict[str, str]")
    out.append("def findRootClass(tag: str) -> Optional[Type[GeneratedsSuper]]: ...")
    out.append("def parseString(inString: Union[str, bytes], silence: bool = ...)"
               " -> GeneratedsSuper: ...")
    out.append("def parse(inFileName: str, silence: bool = ...) -> GeneratedsSuper: ...")
    out.append("def parseClass(inString: Union[str, bytes], cls: Type[GeneratedsSuper])"
               " -> GeneratedsSuper: ...")
    out.append("def __getattr__(name: str) -> Any: ...   # the rest of generateDS's module API")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- brokers

def _url_param_type(link, wire, default):
    for up in link.url_params:
        if up.name == wire:
            return _PY.get(up.type, "str")
    return "str"


def _param(cls, method, p):
    link = method.link
    if p.kind == "kwargs":
        return "**kwargs: Any"
    if p.kind == "entity":
        kind = "params.%s" % link.body_type if link.body_type else "Any"
    elif p.kind == "action":
        kind = "params.Action"
    elif p.kind in ("matrix", "query"):
        kind = "Optional[%s]" % _url_param_type(link, p.wire, p.default)
    elif p.kind in ("name", "id", "header"):
        kind = "Optional[str]"
    else:
        kind = "Any"
    if p.default is None:
        return "%s: %s" % (p.name, kind)
    return "%s: %s = ..." % (p.name, kind)


def _returns(cls, method):
    if method.kind == "get":
        return "Optional[%s]" % cls.counterpart if cls.counterpart else "Any"
    if method.kind == "list":
        return "List[%s]" % cls.counterpart if cls.counterpart else "List[Any]"
    if method.kind == "add":
        return cls.counterpart or "Any"
    if method.kind == "update":
        return cls.name
    if method.kind == "action":
        return "params.Action"
    return "Any"


def emit_brokers_stub(model, params_classes, header):
    members = {pc.name: {m.name for m in pc.members} for pc in params_classes}
    bases = {pc.name: pc.base for pc in params_classes}

    def params_members(name):
        found = set()
        while name in members:
            found |= members[name]
            name = bases[name]
        return found

    out = [header.rstrip("\n"), STUB_HEADER.rstrip("\n"),
           "from typing import Any, List, Optional",
           "",
           "from ovirtsdk.xml import params",
           "from ovirtsdk.infrastructure.common import Base as Base",
           ""]
    for cls in model.classes:
        bases_text = ", ".join(("params." + b[len("params."):]) if b.startswith("params.") else b
                               for b in cls.bases)
        out.append("")
        out.append("class %s(%s):" % (cls.name, bases_text))
        shadowed = params_members(cls.params_type) if cls.params_type else set()
        for attr, target in cls.subcollections:
            out.append("    @property")
            ignore = "  # type: ignore[override]" if attr in shadowed else ""
            out.append("    def %s(self) -> %s: ...%s" % (attr, target, ignore))
        ctor = []
        if cls.parent:
            ctor.append("%s: %s" % (cls.parent_param, cls.parent))
        if not cls.is_collection:
            ctor.append("%s: params.%s" % (cls.entity_param, cls.params_type))
        ctor.append("context: Any")
        out.append("    def __init__(self, %s) -> None: ..." % ", ".join(ctor))
        for method in cls.methods:
            args = ", ".join(["self"] + [_param(cls, method, p) for p in method.params])
            out.append("    def %s(%s) -> %s: ..." % (method.name, args, _returns(cls, method)))
    return "\n".join(out) + "\n"


def emit_api_collections_stub(model, header):
    out = [header.rstrip("\n"), STUB_HEADER.rstrip("\n"),
           "from typing import Tuple",
           "",
           "from ovirtsdk.infrastructure import brokers",
           "",
           "",
           "class APICollections:",
           "    COLLECTIONS: Tuple[str, ...]"]
    for attr, cls_name in model.api_collections:
        out.append("    @property")
        out.append("    def %s(self) -> brokers.%s: ..." % (attr, cls_name))
    return "\n".join(out) + "\n"


RUNTIME_STUB = STUB_HEADER + '''"""Types of ``ovirtsdk.xml.runtime`` as the params classes need them."""
from typing import Any, Optional, TextIO


class EntityHolder: ...


class GeneratedsSuper:
    subclass: Any
    superclass: Any
    def export_(self, outfile: TextIO, level: int, namespace_: str = ..., name_: str = ...,
                namespacedef_: str = ..., pretty_print: bool = ...) -> None: ...
    def exportLiteral(self, outfile: TextIO, level: int, name_: str = ...) -> None: ...
    def build(self, node: Any) -> Any: ...
    def hasContent_(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...


def to_xml(obj: GeneratedsSuper, tag: Optional[str] = ..., pretty_print: bool = ...) -> str: ...
def __getattr__(name: str) -> Any: ...   # internal helpers
'''

COMMON_STUB = STUB_HEADER + '''"""Types of ``ovirtsdk.infrastructure.common`` as the brokers need them."""
from typing import Any

from ovirtsdk.xml.runtime import EntityHolder


class Base(EntityHolder):
    parentclass: Any
    def __init__(self, context: Any, parent: Any = ..., entity: Any = ...) -> None: ...


def __getattr__(name: str) -> Any: ...   # internal helpers
'''
