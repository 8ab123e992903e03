"""Run generateDS on an XSD and read back its mapping of the schema to Python.

generateDS writes a module of classes; we never keep that module.  Instead the
generator runs the pinned generateDS on the XSD it renders, imports the output
in-process (without registering it in ``sys.modules``) and reads, per class,
what generateDS decided: class names, superclass, member Python names
(including its keyword renames), data types, list-ness, which members are XML
attributes / child elements / simple content, its ``validate_*`` methods and
whether it carries ``extensiontype_``.  The result is plain data
(:class:`GdsModel`); ``codegen.paramsmodel`` turns it into the params model.

generateDS's bookkeeping members (``gds_collector_``, ``ns_prefix_``,
``original_tagname_``, ``parent_object_``, ``*_nsprefix_``) are not recorded.
"""
import hashlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

GENERATEDS_VERSION = "2.44.3"

# Options giving a deterministic module that carries member specifications.
GENERATEDS_OPTIONS = ("--no-dates", "--no-versions", "--member-specs=list",
                      "--silence", "-f")

# Constructor parameters generateDS adds for its own machinery.
_BOOKKEEPING_PARAMS = {"self", "gds_collector_"}


@dataclass
class GdsMember:
    name: str                   # Python name chosen by generateDS ('type_', 'build_', 'range_')
    kind: str                   # 'attr' | 'element' | 'text' (simple content, 'valueOf_')
    xml_name: Optional[str]     # attribute / element name on the wire; None for 'text'
    accessor: str               # suffix of its get_/set_ methods ('type' for 'type_')
    data_type: str              # generateDS's data type (last of its chain)
    type_chain: Tuple[str, ...] = ()   # e.g. ('StatisticType', 'xs:string')
    declared_type: Optional[str] = None  # the type named in the declaration (elements)
    ref: bool = False           # element declared by reference to a global element
    is_list: bool = False
    optional: bool = False
    min: int = 1                # elements only (attributes: 0 or 1 from 'use')
    max: Optional[int] = 1      # None: unbounded


@dataclass
class GdsClass:
    name: str
    superclass: Optional[str]   # None for roots of the hierarchy
    ctor_args: List[str]        # generateDS's own constructor order (inherited first)
    members: List[GdsMember]    # own members, generateDS's order
    validators: List[str]       # 'validate_<SimpleType>' methods the class defines
    has_extensiontype: bool     # carries 'extensiontype_' (xsi:type of subclasses)


@dataclass
class GdsModel:
    version: str
    classes: List[GdsClass] = field(default_factory=list)      # module order
    enums: Dict[str, List[str]] = field(default_factory=dict)  # simple type -> values

    def by_name(self):
        return {c.name: c for c in self.classes}


# ---------------------------------------------------------------- running

def generateds_script():
    """Path of the generateDS script installed with the running interpreter."""
    here = Path(sys.executable).parent
    for candidate in (here / "generateDS.py", here / "generateDS"):
        if candidate.is_file():
            return candidate
    raise RuntimeError("generateDS %s is not installed next to %s"
                       % (GENERATEDS_VERSION, sys.executable))


def _run(args, cwd):
    proc = subprocess.run([sys.executable, str(generateds_script())] + list(args),
                          cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("generateDS failed (%d):\n%s%s"
                           % (proc.returncode, proc.stdout, proc.stderr))
    return proc.stdout + proc.stderr


def generateds_version():
    out = _run(["--version"], cwd=None)
    found = re.search(r"(\d+\.\d+[\w.]*)", out)
    return found.group(1) if found else out.strip()


def generate_module(xsd_path, out_path):
    """Run generateDS on ``xsd_path`` writing the module to ``out_path``."""
    xsd_path = os.path.abspath(str(xsd_path))
    out_path = os.path.abspath(str(out_path))
    _run(list(GENERATEDS_OPTIONS) + ["-o", out_path, xsd_path],
         cwd=os.path.dirname(out_path))


def _import_file(path):
    name = "_gds_output_%s" % hashlib.sha1(str(path).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)     # not put in sys.modules
    return module


_cache = {}


def run_generateds(xsd_path, check_version=True):
    """Run the pinned generateDS on ``xsd_path`` and return its mapping.

    Results are cached per XSD content for the life of the process.
    """
    data = Path(xsd_path).read_bytes()
    key = hashlib.sha256(data).hexdigest()
    if key in _cache:
        return _cache[key]
    if check_version:
        version = generateds_version()
        if version != GENERATEDS_VERSION:
            raise RuntimeError("generateDS %s is pinned, found %s"
                               % (GENERATEDS_VERSION, version))
    with tempfile.TemporaryDirectory(prefix="gds-") as tmp:
        xsd = Path(tmp, "schema.xsd")
        xsd.write_bytes(data)
        out = Path(tmp, "gdsout.py")
        generate_module(xsd, out)
        module = _import_file(out)
    model = read_module(module)
    _cache[key] = model
    return model


# ---------------------------------------------------------------- reading

class _RecordingAttrs(dict):
    """``node.attrib`` stand-in recording the attribute names asked for."""

    def __init__(self):
        super().__init__()
        self.asked = []

    def get(self, key, default=None):
        self.asked.append(key)
        return default


class _ProbeNode:
    def __init__(self):
        self.attrib = _RecordingAttrs()
        self.nsmap = {}


def _attribute_xml_names(cls):
    """XML names read by the class's attribute builder, in its order.

    The member specs only carry the Python name of an attribute; the builder
    looks each one up by its XML name, own attributes first (then those of
    the superclass, then ``xsi:type``).
    """
    node = _ProbeNode()
    cls._buildAttributes(cls.__new__(cls), node, node.attrib, set())
    return node.attrib.asked


def _occurs(attrs, key):
    value = attrs.get(key, "1")
    return None if value == "unbounded" else int(value)


def _same_name(python_name, xml_name):
    """generateDS derives Python names by replacing [-:.] and maybe adding '_'."""
    return python_name.rstrip("_") == re.sub(r"[-:.]", "_", xml_name).rstrip("_")


def _accessor(cls, python_name, xml_name):
    candidates = []
    if xml_name is not None:
        candidates.append(re.sub(r"[-:.]", "_", xml_name))
    candidates.append(python_name)
    for suffix in candidates:
        if callable(vars(cls).get("get_" + suffix)):
            return suffix
    raise ValueError("%s.%s: no getter found" % (cls.__name__, python_name))


def _read_class(cls):
    specs = vars(cls).get("member_data_items_", [])
    if isinstance(specs, dict):
        specs = list(specs.values())
    attr_specs = [s for s in specs if s.child_attrs is not None and "use" in s.child_attrs]
    attr_names = _attribute_xml_names(cls)[:len(attr_specs)] if attr_specs else []
    attr_xml = dict(zip((s.name for s in attr_specs), attr_names))
    members = []
    for spec in specs:
        attrs = spec.child_attrs
        chain = spec.get_data_type_chain()
        chain = tuple(chain) if isinstance(chain, list) else (chain,)
        common = dict(name=spec.name, data_type=spec.get_data_type(), type_chain=chain,
                      is_list=bool(spec.container), optional=bool(spec.optional))
        if attrs is None:
            if spec.name != "valueOf_":
                raise ValueError("%s: unexpected member %s" % (cls.__name__, spec.name))
            members.append(GdsMember(kind="text", xml_name=None,
                                     accessor=_accessor(cls, spec.name, None), **common))
        elif "use" in attrs:
            xml = attr_xml[spec.name]
            if not _same_name(spec.name, xml):
                raise ValueError("%s: attribute %s read as %r"
                                 % (cls.__name__, spec.name, xml))
            required = attrs.get("use") == "required"
            members.append(GdsMember(kind="attr", xml_name=xml,
                                     accessor=_accessor(cls, spec.name, xml),
                                     min=1 if required else 0, max=1, **common))
        elif "type" in attrs:
            xml = attrs["name"]
            members.append(GdsMember(kind="element", xml_name=xml,
                                     accessor=_accessor(cls, spec.name, xml),
                                     declared_type=attrs.get("type"),
                                     ref="ref" in attrs,
                                     min=_occurs(attrs, "minOccurs"),
                                     max=_occurs(attrs, "maxOccurs"), **common))
        else:
            raise ValueError("%s: cannot classify member %s (%r)"
                             % (cls.__name__, spec.name, attrs))
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
              and p.name not in _BOOKKEEPING_PARAMS]
    ctor_args = [p.name for p in params]
    validators = [n for n, v in vars(cls).items()
                  if n.startswith("validate_") and callable(v)]
    superclass = cls.superclass.__name__ if cls.superclass is not None else None
    return GdsClass(name=cls.__name__, superclass=superclass, ctor_args=ctor_args,
                    members=members, validators=validators,
                    has_extensiontype="extensiontype_" in ctor_args)


def read_module(module):
    """The :class:`GdsModel` of an imported generateDS output module."""
    import enum
    base = module.GeneratedsSuper
    model = GdsModel(version=GENERATEDS_VERSION)
    for name, value in list(vars(module).items()):
        if not inspect.isclass(value) or value.__module__ != module.__name__:
            continue
        if issubclass(value, enum.Enum):
            model.enums[name] = [m.value for m in value]
        elif issubclass(value, base) and value is not base:
            model.classes.append(_read_class(value))
    return model
