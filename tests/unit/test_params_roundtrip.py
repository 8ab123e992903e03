"""Every root element: a sample with every member set survives XML and back,
and its XML validates against the XSD rendered from schema/."""
import datetime
import io
from pathlib import Path

import pytest
from lxml import etree

from ovirtsdk.xml import params, runtime

REPO = Path(__file__).resolve().parents[2]

_TZ = datetime.timezone(datetime.timedelta(hours=2))
_VALUES = {
    "xs:string": "text",
    "xs:int": 7, "xs:long": 2 ** 33, "xs:unsignedShort": 5, "xs:unsignedInt": 9,
    "xs:boolean": True, "xs:double": 1.5, "xs:decimal": 2.25,
    "xs:dateTime": datetime.datetime(2016, 5, 3, 10, 20, 30, 123000, _TZ),
}


def _schema():
    codegen = pytest.importorskip("codegen.schemafile")
    return codegen.load_schema(REPO / "schema")


@pytest.fixture(scope="module")
def schema():
    return _schema()


@pytest.fixture(scope="module")
def xsd(schema):
    from codegen.xsdwriter import render_xsd
    return etree.XMLSchema(etree.fromstring(render_xsd(schema.data).encode()))


def _excluded_by_choice(schema):
    """Per type, the elements of the second and later options of its choices:
    a valid document carries only one option."""
    groups = {g.name: g for g in schema.data.groups}

    def names(particles):
        out = set()
        for p in particles:
            if hasattr(p, "options"):
                for option in p.options:
                    out |= names(option)
            elif hasattr(p, "type"):
                out.add(p.name)
            else:
                out |= names(groups[p.name].particles)
        return out

    def walk(particles, excluded):
        for p in particles:
            if hasattr(p, "options"):
                first = names(p.options[0])
                for option in p.options[1:]:
                    excluded |= names(option) - first
                walk(p.options[0], excluded)
            elif not hasattr(p, "type"):
                walk(groups[p.name].particles, excluded)
        return excluded

    result = {}
    for ct in schema.data.complex_types:
        result[ct.name] = walk(ct.particles, set())
    return result


def _required_elements(schema):
    """Per type (with inherited members), the elements a valid document must carry."""
    groups = {g.name: g for g in schema.data.groups}
    types = {ct.name: ct for ct in schema.data.complex_types}

    def walk(particles, out):
        for p in particles:
            if hasattr(p, "options"):
                if p.min:
                    walk(p.options[0], out)
            elif hasattr(p, "type"):
                if p.min:
                    out.add(p.name)
            elif p.min:
                walk(groups[p.name].particles, out)
        return out

    result = {}
    for name, ct in types.items():
        out, t = set(), ct
        while t is not None:
            walk(t.particles, out)
            t = types.get(t.base)
        result[name] = out
    return result


def _sample(cls, depth, excluded, enums, required):
    obj = cls()
    for f in runtime.info(cls).fields:
        if f.xml in excluded.get(cls.__name__, ()):
            continue
        if f.cls is not None:
            if depth >= 2 and f.xml not in required.get(cls.__name__, ()):
                continue
            value = _sample(f.cls, depth + 1, excluded, enums, required)
        elif f.type in enums:
            value = enums[f.type][0]
        else:
            value = _VALUES.get(f.type, "text")
        setattr(obj, f.name, [value] if f.many else value)
    return obj


ROOTS = sorted(params._rootClassMap.items())


def test_every_root_class_round_trips(schema, xsd):
    excluded = _excluded_by_choice(schema)
    enums = {st.name: st.values for st in schema.data.simple_types}
    required = _required_elements(schema)
    failures = []
    for tag, cls in ROOTS:
        sample = _sample(cls, 0, excluded, enums, required)
        xml = runtime.to_xml(sample, tag)
        doc = etree.fromstring(xml.encode())
        if not xsd.validate(doc):
            failures.append("%s: %s" % (tag, xsd.error_log.last_error))
            continue
        back = params.parseString(xml)
        if type(back) is not cls or back != sample:
            failures.append("%s: round trip differs" % tag)
    print("\n%d/%d root elements round-trip and validate" % (len(ROOTS) - len(failures),
                                                             len(ROOTS)))
    assert not failures, "\n".join(failures[:20])


def test_export_writes_the_schema_root_tag():
    out = io.StringIO()
    params.VM(name="vm1").export_(out, 0)
    assert out.getvalue().startswith("<vm>")
    assert params.findRootClass("storage_domain") is params.StorageDomain
    out = io.StringIO()
    params.StorageDomain(name="sd").export_(out, 0)
    assert out.getvalue().startswith("<storage_domain>")


def test_done_when_example_serialises_as_the_engine_expects():
    vm = params.VM(name="vm1", memory=512 * 1024 ** 2,
                   os=params.OperatingSystem(boot=[params.Boot(dev="hd")]))
    assert runtime.to_xml(vm, pretty_print=False) == (
        '<vm><name>vm1</name><memory>536870912</memory>'
        '<os><boot dev="hd"/></os></vm>')


def test_members_are_serialised_in_schema_order_with_attributes():
    vm = params.VM(memory=1, name="n", id="i1", href="/h", cpu=params.CPU(
        topology=params.CpuTopology(cores=2, sockets=1)), stateless=False)
    xml = runtime.to_xml(vm, pretty_print=False)
    assert xml.startswith('<vm href="/h" id="i1"><name>n</name>')
    assert xml.index("<memory>") < xml.index("<cpu>") < xml.index("<stateless>")
    assert '<topology sockets="1" cores="2"/>' in xml or '<topology cores="2" sockets="1"/>' in xml
    assert "<stateless>false</stateless>" in xml


def test_lazy_and_eager_parse_agree():
    xml = ('<vm id="1"><name>a</name><cpu><topology sockets="2"/></cpu>'
           '<os><boot dev="hd"/><boot dev="cdrom"/></os></vm>')
    lazy = runtime.parse_string(params, xml, lazy=True)
    eager = params.parseString(xml)
    # lazy: nothing built until looked at; __dict__ then lists every member
    assert "name" not in runtime.instance_dict(lazy) and "name" in eager.__dict__
    assert lazy == eager
    assert lazy.__dict__ == eager.__dict__
    assert [b.dev for b in lazy.os.boot] == ["hd", "cdrom"]
    built = params.VM()
    built.build(etree.fromstring(xml))
    assert built == eager


def test_attribute_values_are_cast_in_constructors():
    assert params.Version(major="3").major == 3
    assert params.CpuTopology(cores="4").cores == 4
    assert params.Usages(["migration"]).usage == ["migration"]


def test_xsi_type_selects_the_subclass():
    xml = ('<link xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:type="DetailedLink" href="/x" rel="y"><description>d</description></link>')
    obj = params.parseString(xml)
    assert type(obj) is params.DetailedLink and obj.description == "d"
