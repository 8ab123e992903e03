"""Every link of the schema is served by the fake engine (functional tier).

For each link of the generated link model a fresh chain of entities is put in the
store, the link's URL is filled with their ids and the request is sent to the
engine core. The engine must route it (no 404/405) and answer it with one of the
replies the engine gives for that kind of request.
"""
import itertools

import pytest
from lxml import etree

from ovirtsdk.infrastructure import brokers, linkmodel
from ovirtsdk.testing.engine import Engine
from ovirtsdk.testing.model import PREFIX, get_model
from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

_COUNTER = itertools.count()
LINKS = [link for link in linkmodel.LINKS]


@pytest.fixture(scope="module")
def engine():
    return Engine()


class _Headers(dict):
    def get(self, name, default=None):
        return dict.get(self, name.lower(), default)


def _entity_in(engine, coll):
    """A new entity in collection ``coll`` (created in its home for views)."""
    info = coll.info
    cls = getattr(P, info.member_type)
    obj = cls()
    if "name" in runtime.info(cls).by_name:
        obj.name = "e%d" % next(_COUNTER)
    if info.is_view:
        home = engine.top[info.home.href]
        entity = engine.create(home, obj)
        if entity.id not in coll.members:
            engine.link(coll, entity)
        return entity
    return engine.create(coll, obj)


def _fill(engine, href):
    """The absolute URL of ``href`` with every placeholder bound to a new entity."""
    model = get_model()
    segs = href.split("/")
    coll = engine.top[segs[0]]
    path = PREFIX + "/" + segs[0]
    for seg in segs[1:]:
        if seg.startswith("{"):
            entity = _entity_in(engine, coll)
            path += "/" + entity.id
            current = entity
        else:
            path += "/" + seg
            sub = model.subcollections(coll.info.resource_href).get(seg)
            if sub is not None:
                coll = engine.children(current, seg, model.collections[sub])
    return path


def _body(link):
    method, href, rel, url, body_type, sets, response = link
    if body_type is None and method != "POST":
        return b""
    cls = getattr(P, body_type) if body_type else P.Action
    tag = runtime.root_tag(cls)
    if method == "POST" and rel == "add":
        obj = cls()
        if "name" in runtime.info(cls).by_name:
            obj.name = "n%d" % next(_COUNTER)
        return runtime.to_xml(obj, tag).encode()
    if method == "PUT":
        obj = cls()
        if "description" in runtime.info(cls).by_name:
            obj.description = "changed"
        return runtime.to_xml(obj, tag).encode()
    return ("<%s/>" % tag).encode()


# The replies each kind of request may get: success, or the engine's refusal of an
# incomplete body (400) or of a state that does not allow it (409).
EXPECTED = {
    ("GET", False): {200},
    ("POST", True): {201, 202, 400, 409},
    ("POST", False): {200, 202, 400, 409},
    ("PUT", False): {200, 400, 409},
    ("DELETE", False): {200, 400, 409},
}


@pytest.mark.parametrize("link", LINKS, ids=["%s %s" % (l[0], l[1]) for l in LINKS])
def test_every_link_is_served(engine, link):
    method, href, rel = link[:3]
    path = _fill(engine, href)
    reply = engine.handle(method, path, _Headers({"content-type": "application/xml"}),
                          _body(link))
    assert reply.status in EXPECTED[(method, rel == "add")], (path, reply.status, reply.body)
    if reply.body:
        root = etree.fromstring(reply.body)
        if reply.status < 300:
            response = link[6]
            if response:
                expected_cls = getattr(P, response)
                tag = runtime.root_tag(expected_cls)
                assert root.tag in (tag, "action") or P._rootClassMap[root.tag] is not None
        else:
            assert root.tag == "fault"
            assert root.findtext("reason")


def test_every_collection_lists_as_its_type(engine):
    model = get_model()
    for href, info in sorted(model.collections.items()):
        path = _fill(engine, href)
        reply = engine.handle("GET", path, _Headers(), b"")
        assert reply.status == 200, (path, reply.body)
        root = etree.fromstring(reply.body)
        assert root.tag == info.tag
        for child in root:
            assert child.tag == info.item_tag


def test_linkmodel_matches_the_schema(codegen):
    """The shipped link model is what ``python -m codegen`` makes of ``schema/``."""
    import importlib
    from pathlib import Path
    generate = importlib.import_module("codegen.generate")
    schemafile = importlib.import_module("codegen.schemafile")
    brokermodel = importlib.import_module("codegen.brokermodel")
    emit = importlib.import_module("codegen.emit_linkmodel")
    schema_dir = Path(codegen.__file__).resolve().parent.parent / "schema"
    if not schema_dir.is_dir():
        pytest.skip("schema/ not available")
    schema = schemafile.load_schema(schema_dir)
    header = generate.header(schema_dir, [schemafile.VERSION_FILE, schemafile.TYPES_FILE,
                                          schemafile.LINKS_FILE])
    text = emit.emit_linkmodel(schema, brokermodel.derive_brokers(schema), header)
    with open(linkmodel.__file__, encoding="utf-8") as f:
        assert f.read() == text, "run `python -m codegen`"


def test_brokers_and_fake_engine_read_one_model():
    """Every broker method sends a link the fake engine routes, with the item tag
    the fake engine renders for that collection."""
    model = get_model()
    for key, op in brokers._OPS.items():
        assert model.link(op.http, op.url[1:]) is not None, key
        if op.kind in ("get", "list"):     # sent to the collection's own href
            assert model.collections[op.url[1:]].item_tag == op.item_tag, key
