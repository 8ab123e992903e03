"""Import the oVirt v4 API (data model and services) into ``schema/v4/``.

The source is the v4 Python SDK's sdist (``ovirt-engine-sdk-python`` 4.x on PyPI):
its generated modules ``lib/ovirtsdk4/types.py``, ``readers.py``, ``writers.py``
and ``services.py`` state, in machine-readable form, every element name, type,
list wrapper, link rel, service path, method and parameter of the v4 wire format.
They are *read* here with :mod:`ast` (never imported, never copied):

``types.py``
    the struct classes and their bases (``class Vm(VmBase)``), the members of each
    (constructor arguments), the enums and their values.
``readers.py``
    per struct, the XML tag of each member and how it is read (string, boolean,
    integer, decimal, date, enum, one struct, a list of structs or of values); the
    XML attributes (``id``, ``href``); the ``<link rel>`` of each list link; the
    document root tags (``Reader.register('vm', ...)``).
``writers.py``
    the item tag of every list, and the two sorted runs every struct is written
    in: first its *attributes*, then its *links* (references to other entities).
``services.py``
    the service tree from ``SystemService``: sub-services and their path segments,
    locators (``{vm:id}``), and the methods of each service (``get``/``list``,
    ``add``, ``update``, ``remove``, actions) with their query parameters, action
    parameters and the member an action returns.

The XML schema the engine serves is laid out from the model by fixed rules (facts of
the model's schema generator): every entity type extends ``BaseResource`` (``href``
and ``id`` attributes; ``actions``, ``name``, ``description``, ``comment``, ``link*``
elements); a type's *declared* members follow its base's, attributes sorted by name,
then links sorted by name, each ``0..1``; a list of structs is a wrapper element of
the plural collection type, a list of values a wrapper of repeated singular elements;
an entity's collection type extends ``BaseResources`` and repeats the entity element.

``python -m codegen import-v4 --sdk SDIST`` writes ``schema/v4/``; the result depends
on the sdist only (``tests/functional/test_v4_schema_import.py`` re-runs it).
"""
import ast
import re
import tarfile
from pathlib import Path

from . import model as m
from .schemafile import load_types

SDK_FILES = ("types.py", "readers.py", "writers.py", "services.py")

# Members the model's schema declares with a wider XML type than its integer or
# decimal default (facts of the v4 schema; the SDK reads them all as integers).
_WIDER_TYPES = {
    ("Disk", "actual_size"): "xs:long", ("Disk", "provisioned_size"): "xs:long",
    ("Disk", "initial_size"): "xs:long",
    ("GlusterClient", "bytes_read"): "xs:long", ("GlusterClient", "bytes_written"): "xs:long",
    ("Host", "max_scheduling_memory"): "xs:long", ("Host", "memory"): "xs:long",
    ("HostNic", "speed"): "xs:long", ("LogicalUnit", "size"): "xs:long",
    ("MemoryPolicy", "guaranteed"): "xs:long", ("NumaNode", "memory"): "xs:long",
    ("QuotaClusterLimit", "memory_limit"): "xs:double",
    ("QuotaClusterLimit", "memory_usage"): "xs:double",
    ("QuotaStorageLimit", "limit"): "xs:long", ("QuotaStorageLimit", "usage"): "xs:double",
    ("StorageDomain", "available"): "xs:long", ("StorageDomain", "used"): "xs:long",
    ("StorageDomain", "committed"): "xs:long", ("Ticket", "expiry"): "xs:unsignedInt",
    ("VmBase", "memory"): "xs:long",
}

_PRIMITIVES = {"read_string": "xs:string", "read_boolean": "xs:boolean",
               "read_integer": "xs:int", "read_decimal": "xs:decimal",
               "read_date": "xs:dateTime"}
_PRIMITIVE_LISTS = {"read_strings": "xs:string", "read_booleans": "xs:boolean",
                    "read_integers": "xs:int", "read_decimals": "xs:decimal",
                    "read_dates": "xs:dateTime"}

# Hand-written part of the v4 schema (the model's base schema, not generated).
_BASE_TYPES = """\
complex BaseResource
  attr href xs:string
  attr id xs:string
  elem actions Actions ?
  elem name xs:string ?
  elem description xs:string ?
  elem comment xs:string ?
  elem link Link * ref

complex BaseResources

complex Actions
  elem link Link * ref

complex Link
  attr href xs:string
  attr rel xs:string
"""


class ImportError_(ValueError):
    """The SDK sources do not have the shape this importer reads."""


# ---------------------------------------------------------------- reading the sdist

def read_sources(source):
    """{file name: text} of the four generated modules, from an sdist (.tar.gz),
    an unpacked sdist directory or the ``ovirtsdk4`` package directory."""
    source = Path(source)
    out = {}
    if source.is_file():
        with tarfile.open(source) as tar:
            for member in tar.getmembers():
                parts = member.name.split("/")
                if len(parts) >= 2 and parts[-2] == "ovirtsdk4" and parts[-1] in SDK_FILES \
                        and "lib" in parts:
                    out[parts[-1]] = tar.extractfile(member).read().decode("utf-8")
    else:
        for candidate in (source, source / "ovirtsdk4", source / "lib" / "ovirtsdk4"):
            if all((candidate / f).is_file() for f in SDK_FILES):
                out = {f: (candidate / f).read_text(encoding="utf-8") for f in SDK_FILES}
                break
    missing = [f for f in SDK_FILES if f not in out]
    if missing:
        raise ImportError_("%s: no ovirtsdk4/%s" % (source, ", ".join(missing)))
    return out


def sdk_version(source):
    """The version of the sdist (from its ``PKG-INFO``/``version.py``), or None."""
    source = Path(source)
    text = None
    if source.is_file():
        with tarfile.open(source) as tar:
            for member in tar.getmembers():
                if member.name.endswith("ovirtsdk4/version.py"):
                    text = tar.extractfile(member).read().decode("utf-8")
    else:
        for candidate in (source / "version.py", source / "ovirtsdk4" / "version.py",
                          source / "lib" / "ovirtsdk4" / "version.py"):
            if candidate.is_file():
                text = candidate.read_text(encoding="utf-8")
    if text:
        found = re.search(r"VERSION\s*=\s*['\"]([^'\"]+)['\"]", text)
        if found:
            return found.group(1)
    return None


def _classes(tree):
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _method(cls, name):
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


def _call_name(call):
    """'Reader.read_string' / 'VmReader.read_one' for a call node."""
    f = call.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        return f.value.id, f.attr
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute):
        return ast.unparse(f.value), f.attr
    return None, None


# ---------------------------------------------------------------- types.py

class _Struct(object):
    def __init__(self, name, base, members):
        self.name = name
        self.base = base            # python base class name
        self.members = members      # constructor argument names (all, incl. inherited)
        self.tags = {}              # member -> xml tag
        self.kinds = {}             # member -> (kind, type)  kind: one|many|value|values
        self.attributes = []        # xml attribute members
        self.link_rels = {}         # member -> rel of its <link>
        self.written = []           # (member, tag) in writer order
        self.item_tags = {}         # member -> item tag of a list


def _read_types(tree):
    structs, enums = {}, {}
    for name, cls in _classes(tree).items():
        bases = [b.id for b in cls.bases if isinstance(b, ast.Name)]
        if not bases:
            continue
        if bases[0] == "Enum":
            values = []
            for node in cls.body:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                    values.append(node.value.value)
            enums[name] = values
            continue
        init = _method(cls, "__init__")
        if init is None:
            continue
        members = [a.arg for a in init.args.args[1:]]
        structs[name] = _Struct(name, bases[0], members)
    return structs, enums


# ---------------------------------------------------------------- readers.py

def _read_readers(tree, structs):
    classes = _classes(tree)
    for name, st in structs.items():
        cls = classes.get(name + "Reader")
        if cls is None:
            continue
        read_one = _method(cls, "read_one")
        for node in ast.walk(read_one):
            # obj.href = reader.get_attribute('href') / value = reader.get_attribute('id')
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "get_attribute" and node.args:
                attr = _const(node.args[0])
                if attr and attr not in st.attributes:
                    st.attributes.append(attr)
            if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
                    and isinstance(node.test.left, ast.Name) and node.test.left.id == "tag":
                tag = _const(node.test.comparators[0])
                stmt = node.body[0]
                if tag == "link" or not isinstance(stmt, ast.Assign):
                    continue
                target = stmt.targets[0]
                if not (isinstance(target, ast.Attribute) and isinstance(stmt.value, ast.Call)):
                    continue
                member = target.attr
                owner, fn = _call_name(stmt.value)
                if owner == "Reader" and fn in _PRIMITIVES:
                    kind = ("value", _PRIMITIVES[fn])
                elif owner == "Reader" and fn in _PRIMITIVE_LISTS:
                    kind = ("values", _PRIMITIVE_LISTS[fn])
                elif owner == "Reader" and fn in ("read_enum", "read_enums"):
                    enum = ast.unparse(stmt.value.args[0]).split(".")[-1]
                    kind = ("value" if fn == "read_enum" else "values", enum)
                elif owner and owner.endswith("Reader") and fn in ("read_one", "read_many"):
                    kind = ("one" if fn == "read_one" else "many", owner[:-len("Reader")])
                else:
                    raise ImportError_("%sReader: cannot read member %r" % (name, member))
                st.tags[member] = tag
                st.kinds[member] = kind
        process = _method(cls, "_process_link")
        if process is not None:
            for node in ast.walk(process):
                if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
                        and isinstance(node.test.left, ast.Name) and node.test.left.id == "rel":
                    rel = _const(node.test.comparators[0])
                    for inner in ast.walk(node.body[0]):
                        if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) \
                                and inner.value.id == "obj":
                            st.link_rels[inner.attr] = rel
                            break
    roots = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            owner, fn = _call_name(node.value)
            if owner == "Reader" and fn == "register":
                tag = _const(node.value.args[0])
                reader_owner, how = _call_name(ast.Call(func=node.value.args[1], args=[],
                                                        keywords=[]))
                roots.append((tag, reader_owner[:-len("Reader")], how == "read_many"))
    return roots


# ---------------------------------------------------------------- writers.py

def _read_writers(tree, structs):
    classes = _classes(tree)
    for name, st in structs.items():
        cls = classes.get(name + "Writer")
        if cls is None:
            continue
        write_one = _method(cls, "write_one")
        for node in write_one.body:
            if not (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)):
                continue
            left = node.test.left
            if not (isinstance(left, ast.Attribute) and isinstance(left.value, ast.Name)
                    and left.value.id == "obj"):
                continue
            member = left.attr
            if member in ("href", "id"):
                continue
            tag, item = None, None
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Call):
                    continue
                owner, fn = _call_name(inner)
                consts = [_const(a) for a in inner.args if _const(a) is not None]
                if fn == "write_start" and tag is None:
                    tag = consts[0]
                elif fn == "write_many":
                    item, tag = consts[0], consts[1]
                elif fn in ("write_one",) and tag is None:
                    tag = consts[0]
                elif owner == "Writer" and fn.startswith("write_"):
                    if tag is None:
                        tag = consts[0]
                    else:
                        item = consts[0]
            st.written.append((member, tag))
            if item is not None:
                st.item_tags[member] = item


def _split_runs(st):
    """The writer writes attributes sorted, then links sorted: split at the descent.

    Members named in ``<link rel>`` are links whatever the order says; when the
    order does not descend, every member before the first known link is an attribute.
    """
    names = [st.tags.get(mem, mem) for mem, _ in st.written]
    members = [mem for mem, _ in st.written]
    cut = len(names)
    for i in range(1, len(names)):
        if names[i] < names[i - 1]:
            cut = i
            break
    else:
        for i, mem in enumerate(members):
            if mem in st.link_rels:
                cut = i
                break
    return set(members[:cut]), set(members[cut:])


# ---------------------------------------------------------------- building the data model

def _camel(tag):
    return "".join(p[:1].upper() + p[1:] for p in tag.split("_"))


def build_types(structs, enums, roots):
    data = m.DataModel()
    base_data = load_types(_BASE_TYPES, "v4 base types")
    identified = "Identified"
    plural_of = {}          # struct -> (plural tag, collection type name)
    singular_tag = {}
    for tag, struct, many in roots:
        if many:
            plural_of.setdefault(struct, (tag, _camel(tag)))
        else:
            singular_tag.setdefault(struct, tag)

    def is_entity(name):
        seen = set()
        while name in structs and name not in seen:
            seen.add(name)
            if name == identified:
                return True
            name = structs[name].base
        return False

    def declared(st):
        base = structs.get(st.base)
        inherited = set(base.members) if base is not None else set()
        return [mem for mem in st.members if mem not in inherited]

    def xml_type(st_name, member, kind, type_):
        if kind in ("value", "values"):
            return _WIDER_TYPES.get((st_name, member), type_)
        return type_

    data.roots.append(("link", "Link"))
    for name in sorted(structs):
        st = structs[name]
        if name == identified:
            continue
        attributes, links = _split_runs(st)
        ct = m.ComplexType(name)
        if st.base in structs and st.base != identified:
            ct.base = st.base
        elif is_entity(name) or name == "Api":
            ct.base = "BaseResource"
        else:
            # a value type (not a resource) that still carries XML attributes
            # (a logical unit's id): the reader reads them by name
            for attr in sorted(a for a in st.attributes if a == "id"):
                ct.attributes.append(m.Attribute(attr, "xs:string"))
        # attributes/links declared by this type, each run sorted by tag
        own = [mem for mem in declared(st) if mem in st.kinds]
        if ct.base == "BaseResource":
            own = [mem for mem in own if mem not in ("comment", "description", "name")]
        firsts = sorted((st.tags[mem], mem) for mem in own if mem not in links)
        seconds = sorted((st.tags[mem], mem) for mem in own if mem in links)
        for tag, mem in firsts + seconds:
            kind, type_ = st.kinds[mem]
            link = (st.link_rels.get(mem, "") if mem in links else None)
            if kind == "value":
                ct.particles.append(m.Element(tag, xml_type(name, mem, kind, type_), 0, 1))
            elif kind == "values":
                item = st.item_tags.get(mem) or (tag[:-1] if tag.endswith("s") else tag)
                ct.particles.append(m.Element(tag, xml_type(name, mem, kind, type_), 0, 1,
                                              items=item))
            elif kind == "one":
                ct.particles.append(m.Element(tag, type_, 0, 1, link=link))
            else:
                coll = plural_of.get(type_, (None, type_ + "s"))[1]
                ct.particles.append(m.Element(tag, coll, 0, 1, link=link))
        data.complex_types.append(ct)
        if name in singular_tag:
            data.roots.append((singular_tag[name], name))
        if name in plural_of and name != "Action":
            ptag, pname = plural_of[name]
            coll = m.ComplexType(pname, base="BaseResources" if is_entity(name) else None)
            coll.particles.append(m.Element(singular_tag.get(name, name.lower()), name, 0,
                                            None, ref=True))
            data.complex_types.append(coll)
            data.roots.append((ptag, pname))
    data.complex_types = base_data.complex_types + data.complex_types
    for name in sorted(enums):
        data.simple_types.append(m.SimpleType(name, "xs:string", sorted(enums[name])))
    return data


# ---------------------------------------------------------------- services.py

_PY_TYPES = {"bool": "xs:boolean", "int": "xs:int", "str": "xs:string", "float": "xs:decimal"}


def _check_types(func):
    """{python argument: xml type} from ``Service._check_types([...])``."""
    out = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and _call_name(node) == ("Service", "_check_types"):
            for item in node.args[0].elts:
                arg = _const(item.elts[0])
                typ = ast.unparse(item.elts[2])
                out[arg] = _PY_TYPES.get(typ, typ.split(".")[-1])
    return out


def _query_params(func):
    """[(wire name, python argument)] from ``query['max'] = max``."""
    out = []
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            sub = node.targets[0]
            if isinstance(sub.value, ast.Name) and sub.value.id == "query":
                key = _const(sub.slice)
                if key and isinstance(node.value, ast.Name):
                    out.append((key, node.value.id))
    return out


def _internal(func):
    """(kind, call node) of the ``self._internal_*`` call a method makes."""
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "self" \
                and node.func.attr.startswith("_internal_"):
            return node.func.attr[len("_internal_"):], node
    return None, None


def _subservice(func):
    """(service class, path segment or None for a locator) of a ``*_service`` method."""
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name):
            fmt = node.value.args[1] if len(node.value.args) > 1 else None
            if isinstance(fmt, ast.BinOp) and isinstance(fmt.left, ast.Constant):
                tail = fmt.left.value.split("/", 1)[1]
                seg = None if tail == "%s" else tail
                return node.value.func.id, seg
    return None, None


def _action_keywords(func):
    """The keywords of the ``action = types.Action(...)`` an action method builds."""
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "types.Action":
            return node.keywords
    return []


class _Service(object):
    def __init__(self, name, base=None):
        self.name = name
        self.base = base        # a service class it extends (MeasurableService ...)
        self.methods = []       # (method name, kind, func, call)
        self.subs = []          # (segment, service)
        self.locator = None     # (placeholder, service)


def _read_services(tree):
    services = {}
    for name, cls in _classes(tree).items():
        if not name.endswith("Service") or name == "Service":
            continue
        bases = [b.id for b in cls.bases if isinstance(b, ast.Name)]
        svc = _Service(name, bases[0] if bases and bases[0] != "Service" else None)
        for node in cls.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") \
                    or node.name == "service":
                continue
            if node.name.endswith("_service"):
                target, seg = _subservice(node)
                if target is None:
                    continue
                if seg is None:
                    svc.locator = (node.name[:-len("_service")], target)
                else:
                    svc.subs.append((seg, target))
                continue
            kind, call = _internal(node)
            if kind is not None:
                svc.methods.append((node.name, kind, node, call))
        services[name] = svc
    for svc in services.values():        # what a service inherits from its base services
        seen, base = {svc.name}, svc.base
        while base in services and base not in seen:
            seen.add(base)
            parent = services[base]
            names = {meth for meth, _, _, _ in svc.methods}
            svc.methods.extend(x for x in parent.methods if x[0] not in names)
            segs = {seg for seg, _ in svc.subs}
            svc.subs.extend(x for x in parent.subs if x[0] not in segs)
            if svc.locator is None:
                svc.locator = parent.locator
            base = parent.base
    return services


def _entity_types(services, structs, root="SystemService"):
    """{service name: type it serves} for every service reachable from the root."""
    types_of = {}

    def body_type(svc):
        for name, kind, func, call in svc.methods:
            if kind in ("add", "update"):
                arg = call.args[0].id if isinstance(call.args[0], ast.Name) else None
                typ = _check_types(func).get(arg)
                if typ in structs:
                    return typ
        return None

    def guess(name):
        """The type a service's name says (``TagsService`` -> ``Tag``), else the type
        its name ends with (``VmCheckpointsService`` -> ``Checkpoint``,
        ``StorageDomainContentDisksService`` -> ``Disk``), else the one type whose
        name starts with it (``LinkLayerDiscoveryProtocolService`` ->
        ``LinkLayerDiscoveryProtocolElement``)."""
        stem = name[:-len("Service")]
        words = re.findall(r"[A-Z][a-z0-9]*", stem)
        for start in range(len(words)):
            tail = "".join(words[start:])
            for cand in (tail, tail[:-1] if tail.endswith("s") else None,
                         tail[:-3] + "y" if tail.endswith("ies") else None):
                if cand and cand in structs:
                    return cand
        longer = [t for t in structs if t.startswith(stem)]
        return longer[0] if len(longer) == 1 else None

    # parent link members: (parent type, segment) -> element type
    def from_parent(ptype, seg):
        st = structs.get(ptype)
        while st is not None:
            for mem, rel in st.link_rels.items():
                if rel == seg and st.kinds.get(mem, (None,))[0] == "many":
                    return st.kinds[mem][1]
            st = structs.get(st.base)
        return None

    order = [(root, None, None)]
    seen = set()
    while order:
        name, ptype, seg = order.pop(0)
        if name in seen or name not in services:
            continue
        seen.add(name)
        svc = services[name]
        typ = body_type(svc)
        if typ is None and svc.locator is not None:
            typ = body_type(services[svc.locator[1]])
        if typ is None and ptype is not None and seg is not None:
            typ = from_parent(ptype, seg)
        if typ is None and ptype is not None and seg is None:
            typ = ptype         # the resource a collection's locator leads to
        if typ is None and svc.locator is not None:
            typ = guess(svc.locator[1])      # KatelloErrataService -> KatelloErratumService
        if typ is None:
            typ = guess(name) if name != root else "Api"
        types_of[name] = typ
        for sub_seg, target in svc.subs:
            order.append((target, typ, sub_seg))
        if svc.locator is not None:
            order.append((svc.locator[1], typ, None))
    return types_of


def build_links(services, structs, data):
    types_of = _entity_types(services, structs)
    collection_types = {}
    for ct in data.complex_types:
        if len(ct.particles) == 1 and isinstance(ct.particles[0], m.Element) \
                and ct.particles[0].max is None and ct.base in ("BaseResources", None):
            collection_types.setdefault(ct.particles[0].type, ct.name)
    action = structs["Action"]
    api = m.LinkModel()
    api.general_headers = [m.Header("Version", "4", False), m.Header("All-Content", "true|false",
                                                                      False)]

    def walk(name, href, is_collection):
        svc = services[name]
        typ = types_of.get(name)
        for meth, kind, func, call in svc.methods:
            checks = _check_types(func)
            query = _query_params(func)
            url = [m.Parameter(wire, checks.get(arg, "xs:string"), False, "query")
                   for wire, arg in query]
            link = None
            if kind == "get":
                response = collection_types.get(typ, typ) if is_collection else typ
                link = m.Link(href, meth, "GET", url_params=url, response_type=response)
            elif kind == "add":
                link = m.Link(href, "add", "POST", url_params=url, body_type=typ,
                              response_type=typ)
                if meth != "add":
                    link.body_sets.append(m.ParameterSet([], description=meth))
            elif kind == "update":
                link = m.Link(href, meth, "PUT", url_params=url, body_type=typ,
                              response_type=typ)
            elif kind == "remove":
                link = m.Link(href, meth, "DELETE", url_params=url)
            elif kind == "action":
                seg = _const(call.args[1])
                member = _const(call.args[2]) if len(call.args) > 2 else None
                params = []
                for kw in _action_keywords(func):
                    tag = action.tags.get(kw.arg, kw.arg)
                    params.append(m.Parameter("action." + tag, checks.get(
                        kw.value.id if isinstance(kw.value, ast.Name) else kw.arg,
                        "xs:string"), False))
                link = m.Link((href + "/" if href else "") + seg, meth, "POST",
                              url_params=url, body_type="Action", response_type="Action")
                link.body_sets.append(m.ParameterSet(params, description=(
                    "returns action.%s" % action.tags.get(member, member)) if member else None))
            if link is not None:
                links.append(link)
        for seg, target in sorted(svc.subs):
            walk(target, (href + "/" if href else "") + seg, _is_collection(services[target]))
        if svc.locator is not None:
            placeholder = "{%s:id}" % svc.locator[0]
            walk(svc.locator[1], href + "/" + placeholder, False)

    def _is_collection(svc):
        # the SDK's convention: a collection is listed (``list``), an entity got (``get``)
        if any(meth == "list" for meth, _, _, _ in svc.methods):
            return True
        return svc.locator is not None or any(k == "add" for _, k, _, _ in svc.methods) \
            and not any(k == "update" for _, k, _, _ in svc.methods)

    links = []
    walk("SystemService", "", False)
    merged = {}
    for link in links:
        key = (link.method, link.href)
        if key in merged:
            first = merged[key]
            first.body_sets.extend(link.body_sets)
            names = {p.name for p in first.url_params}
            first.url_params.extend(p for p in link.url_params if p.name not in names)
            continue
        merged[key] = link
    api.links = sorted((link for link in merged.values() if link.href),
                       key=lambda link: (link.href, link.method))
    return api, types_of


def import_sdk(source, version):
    texts = read_sources(source)
    trees = {name: ast.parse(text, name) for name, text in texts.items()}
    structs, enums = _read_types(trees["types.py"])
    roots = _read_readers(trees["readers.py"], structs)
    _read_writers(trees["writers.py"], structs)
    data = build_types(structs, enums, roots)
    services = _read_services(trees["services.py"])
    api, _ = build_links(services, structs, data)
    return m.Schema(version=version, data=data, api=api)


def write_schema(schema, directory, source_version):
    from .schemafile import dump_schema
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    note = "# Imported by `python -m codegen import-v4` from ovirt-engine-sdk-python %s.\n" \
        % source_version
    for name, text in dump_schema(schema).items():
        if name.endswith(".schema"):
            first, _, rest = text.partition("\n")
            text = first + "\n" + note + rest
        (directory / name).write_text(text, encoding="utf-8")


def render(source, version):
    """{file name: text} of schema/v4 for an sdist (what import-v4 writes)."""
    import tempfile
    schema = import_sdk(source, version)
    with tempfile.TemporaryDirectory() as tmp:
        write_schema(schema, tmp, sdk_version(source) or "?")
        return {p.name: p.read_text(encoding="utf-8") for p in Path(tmp).iterdir()}


__all__ = ["import_sdk", "read_sources", "render", "sdk_version", "write_schema"]
