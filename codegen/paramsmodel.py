"""The params model: what ``ovirtsdk/xml/params.py`` defines, class by class.

``derive_params(data_model, gds_model)`` combines the schema (types, XML
names, cardinality, attribute order as declared) with generateDS's mapping of
it to Python (``codegen.gds``: class order, Python names, list-ness,
validators, ``extensiontype_``) and applies the rules by which the original
SDK's classes differ from what today's generateDS writes:

* Constructor: the base class's arguments (without its ``extensiontype_``),
  then the class's own XML attributes in the order a Python 2 dict keyed by
  their XML names iterates them (the original generator kept attributes in
  such a dict; XML gives attribute order no meaning, so only the Python
  surface depends on it), then its own elements in schema order (groups
  spliced in place, choice options in order), then the simple-content value
  ``valueOf_``, then ``extensiontype_`` if the class has subclasses.
* Methods the class itself defines: ``factory``; ``get_x``/``set_x`` (plus
  ``add_x``/``insert_x`` for lists) for the elements, then for the
  attributes (same order as in the constructor), then ``valueOf_``, then
  ``extensiontype_``; one ``validate_<SimpleType>`` per distinct simple type
  among those members, in the same order; then the fixed serialisation and
  parsing methods (``SERIALIZATION_METHODS``).  The accessor name is the XML
  name, not the Python name: member ``type_`` has ``get_type``.
* Python names are generateDS's (keywords and ``type``/``float``/``build`` get
  a trailing ``_``; ``async`` is ``async_`` as Python 3 requires), except the
  builtins this generateDS version renames and the original did not
  (``GDS_ONLY_RENAMES``).
"""
from dataclasses import dataclass, field
from typing import List, Optional

from . import model as m

# Methods every generated class defines after its accessors and validators.
SERIALIZATION_METHODS = (
    "hasContent_", "export_", "exportAttributes", "exportChildren",
    "exportLiteral", "exportLiteralAttributes", "exportLiteralChildren",
    "build", "buildAttributes", "buildChildren",
)

# The shared base class of every params class and what it defines itself.
GENERATEDS_SUPER = "GeneratedsSuper"
_GDS_VALUE_KINDS = ("string", "base64", "integer", "integer_list", "float",
                    "float_list", "double", "double_list", "boolean",
                    "boolean_list", "datetime", "date", "time")
GENERATEDS_SUPER_METHODS = tuple(
    ["gds_%s_%s" % (op, kind) for kind in _GDS_VALUE_KINDS
     for op in ("format", "validate")]
    + ["gds_parse_datetime", "gds_parse_date", "gds_parse_time",   # classmethods
       "gds_str_lower", "get_path_", "get_path_list_", "get_class_obj_",
       "gds_build_any", "gds_reverse_node_mapping",                  # classmethod
       "__setattr__", "__eq__", "__ne__"])

# Exception table: names generateDS 2.44.3 renames (Python builtins in its
# NameTable) but the original generator left alone.  Keyed by XML name.
GDS_ONLY_RENAMES = {"range", "set"}


@dataclass
class ParamsMember:
    name: str                   # Python name: constructor keyword and instance attribute
    xml_name: Optional[str]     # None for the simple-content value ('valueOf_')
    kind: str                   # 'attr' | 'element' | 'text'
    type: str                   # xs builtin ('xs:int'), simple type or class name
    type_kind: str              # 'builtin' | 'simple' | 'class'
    accessor: str               # get_<accessor>/set_<accessor>
    is_list: bool = False
    min: int = 1                # effective: 0 inside an optional group or a choice
    max: Optional[int] = 1      # None: unbounded
    ref: bool = False           # element declared by reference to a global element


@dataclass
class ParamsClass:
    name: str
    base: str                   # GENERATEDS_SUPER for roots of the hierarchy
    ctor_args: List[str]        # all keyword arguments in order, inherited ones first
    members: List[ParamsMember] # own members in constructor order
    root_tags: List[str] = field(default_factory=list)  # global elements of this type
    methods: List[str] = field(default_factory=list)    # public methods defined by the class
    has_extensiontype: bool = False
    subclasses: List[str] = field(default_factory=list)

    def member(self, name):
        for mem in self.members:
            if mem.name == name:
                return mem
        raise KeyError(name)


# ---------------------------------------------------------------- Python 2 dict

_MASK64 = (1 << 64) - 1


def _py2_str_hash(text):
    """hash(str) of 64-bit CPython 2 (no hash randomisation), as unsigned."""
    if not text:
        return 0
    x = ord(text[0]) << 7
    for ch in text:
        x = ((1000003 * x) ^ ord(ch)) & _MASK64
    x ^= len(text)
    if x == _MASK64:        # -1 is reserved for errors
        x = _MASK64 - 1
    return x


def _py2_insert(table, key):
    mask = len(table) - 1
    perturb = _py2_str_hash(key)
    i = perturb & mask
    while table[i & mask] is not None:
        i = ((i << 2) + i + perturb + 1) & _MASK64
        perturb >>= 5
    table[i & mask] = key


def py2_dict_order(keys):
    """Iteration order of a CPython 2.7 dict after inserting ``keys`` (str)."""
    table = [None] * 8
    used = 0
    for key in keys:
        if key in table:
            continue
        _py2_insert(table, key)
        used += 1
        if used * 3 >= len(table) * 2:      # fill >= 2/3: resize to > 4*used
            size = 8
            while size <= used * 4:
                size <<= 1
            old = [k for k in table if k is not None]
            table = [None] * size
            for k in old:
                _py2_insert(table, k)
    return [k for k in table if k is not None]


# ---------------------------------------------------------------- schema side

def _flatten(particles, groups, optional=False, out=None):
    """Element particles in document order as (Element, effective min)."""
    out = [] if out is None else out
    for p in particles:
        if isinstance(p, m.Element):
            out.append((p, 0 if optional else p.min))
        elif isinstance(p, m.GroupRef):
            _flatten(groups[p.name].particles, groups, optional or p.min == 0, out)
        elif isinstance(p, m.Choice):
            several = len(p.options) > 1
            for option in p.options:
                _flatten(option, groups, optional or several or p.min == 0, out)
        else:
            raise TypeError("unknown particle %r" % (p,))
    return out


def _type_kind(type_name, simple, complex_):
    if type_name in complex_:
        return "class"
    if type_name in simple:
        return "simple"
    return "builtin"


def _python_name(gds_member):
    if gds_member.xml_name in GDS_ONLY_RENAMES and gds_member.name == gds_member.xml_name + "_":
        return gds_member.xml_name
    return gds_member.name


def _accessors(member):
    names = ["get_" + member.accessor, "set_" + member.accessor]
    if member.is_list:
        names += ["add_" + member.accessor, "insert_" + member.accessor]
    return names


# ---------------------------------------------------------------- derivation

def derive_params(data_model, gds_model):
    """The params classes, in the order the module defines them."""
    complex_ = {ct.name: ct for ct in data_model.complex_types}
    simple = {st.name: st for st in data_model.simple_types}
    groups = {g.name: g for g in data_model.groups}
    gds_classes = gds_model.classes
    if {c.name for c in gds_classes} != set(complex_):
        raise ValueError("generateDS classes differ from the schema's complex types: %s"
                         % sorted({c.name for c in gds_classes} ^ set(complex_)))

    subclasses = {}
    for gc in gds_classes:
        if gc.superclass:
            subclasses.setdefault(gc.superclass, []).append(gc.name)

    done = {}
    result = []
    for gc in gds_classes:          # generateDS's order: every base before its subclasses
        ct = complex_[gc.name]
        if gc.superclass != ct.base:
            raise ValueError("%s: generateDS base %s, schema base %s"
                             % (gc.name, gc.superclass, ct.base))
        if ct.base and ct.base not in done:
            raise ValueError("%s defined before its base %s" % (gc.name, ct.base))
        if gc.has_extensiontype != (gc.name in subclasses):
            raise ValueError("%s: extensiontype_ without subclasses or vice versa" % gc.name)

        gds_attrs = {g.xml_name: g for g in gc.members if g.kind == "attr"}
        gds_elems = [g for g in gc.members if g.kind == "element"]
        gds_text = [g for g in gc.members if g.kind == "text"]

        # attributes: Python 2 dict order of the declared XML names
        if sorted(gds_attrs) != sorted(a.name for a in ct.attributes):
            raise ValueError("%s: attributes differ from generateDS's" % gc.name)
        declared = {a.name: a for a in ct.attributes}
        attrs = []
        for xml in py2_dict_order([a.name for a in ct.attributes]):
            g, a = gds_attrs[xml], declared[xml]
            attrs.append(ParamsMember(
                name=_python_name(g), xml_name=xml, kind="attr", type=a.type,
                type_kind=_type_kind(a.type, simple, complex_), accessor=g.accessor,
                min=1 if a.required else 0, max=1))

        # elements: schema order, as generateDS flattens groups and choices
        flat, seen = [], set()
        for el, lo in _flatten(ct.particles, groups):
            if el.name not in seen:
                seen.add(el.name)
                flat.append((el, lo))
        if [el.name for el, _ in flat] != [g.xml_name for g in gds_elems]:
            raise ValueError("%s: element order differs from generateDS's:\n  %s\n  %s"
                             % (gc.name, [el.name for el, _ in flat],
                                [g.xml_name for g in gds_elems]))
        elems = []
        for (el, lo), g in zip(flat, gds_elems):
            is_list = el.max is None or el.max > 1
            if is_list != g.is_list:
                raise ValueError("%s.%s: list-ness differs from generateDS's"
                                 % (gc.name, el.name))
            elems.append(ParamsMember(
                name=_python_name(g), xml_name=el.name, kind="element", type=el.type,
                type_kind=_type_kind(el.type, simple, complex_), accessor=g.accessor,
                is_list=is_list, min=lo, max=el.max, ref=el.ref))

        texts = []
        if ct.text:
            if len(gds_text) != 1:
                raise ValueError("%s: simple content not mapped by generateDS" % gc.name)
            texts.append(ParamsMember(
                name=gds_text[0].name, xml_name=None, kind="text", type=ct.text,
                type_kind=_type_kind(ct.text, simple, complex_),
                accessor=gds_text[0].accessor))
        elif gds_text:
            raise ValueError("%s: unexpected simple content" % gc.name)

        inherited = [a for a in done[ct.base].ctor_args if a != "extensiontype_"] \
            if ct.base else []
        has_ext = gc.name in subclasses
        ctor = inherited + [p.name for p in attrs + elems + texts]
        if has_ext:
            ctor.append("extensiontype_")

        methods = ["factory"]
        for p in elems + attrs + texts:
            methods += _accessors(p)
        if has_ext:
            methods += ["get_extensiontype_", "set_extensiontype_"]
        validated = []
        for p in elems + attrs + texts:
            if p.type_kind == "simple" and p.type not in validated:
                validated.append(p.type)
        validators = ["validate_" + t for t in validated]
        if sorted(validators) != sorted(gc.validators):
            raise ValueError("%s: validators %s, generateDS has %s"
                             % (gc.name, validators, gc.validators))
        methods += validators
        methods += SERIALIZATION_METHODS

        pc = ParamsClass(
            name=gc.name, base=ct.base or GENERATEDS_SUPER, ctor_args=ctor,
            members=attrs + elems + texts,
            root_tags=[tag for tag, type_ in data_model.roots if type_ == gc.name],
            methods=methods, has_extensiontype=has_ext,
            subclasses=list(subclasses.get(gc.name, [])))
        done[gc.name] = pc
        result.append(pc)
    return result
