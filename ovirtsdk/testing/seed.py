"""Bulk inventory for the fake engine: ``FakeEngine.seed(inventory)`` and ``load(file)``.

An inventory maps top-level collections (the URL segment: ``vms``, ``hosts``,
``storagedomains`` ...) to lists of entities, each a ``params`` object or a dict of
its members (by XML name, ``type`` or ``type_`` alike)::

    engine.seed({
        "datacenters": [{"name": "dc1"}],
        "clusters": [{"name": "c1", "data_center": "dc1",
                      "cpu": {"id": "Intel Conroe Family"}}],
        "hosts": [{"name": "host{n}", "count": 2, "address": "host{n}.example.com",
                   "cluster": "c1", "status": "up"}],
        "vms": [{"name": "web{n}", "count": 500, "cluster": "c1", "template": "Blank",
                 "memory": 2147483648, "status": "up",
                 "nics": [{"name": "nic1", "network": "ovirtmgmt"}]}],
    })

- a string where a reference is expected names an existing entity (``"cluster":
  "c1"``; also one seeded earlier in the same inventory); a dict may give its ``id``;
- ``"status": "up"`` sets the state (otherwise the engine's default: a new VM is down);
- ``count: N`` makes N entities, ``{n}`` (1 … N) in any string of the entry;
- a key naming a sub-collection (``nics``, ``disks``, ``labels`` …) lists entities
  created under each one;
- the engine's defaults are filled as for an add through the API, but no event is
  logged (the inventory was there already) and no request checks run;
- collections are created in dependency order (data centers, clusters, networks,
  templates, hosts, storage domains, VMs, …), the rest in the order written.

The inventory is written in the 3.6 API's terms for both engines.  A 4.5 engine
(``FakeEngine(api_version=4)``) gets the same inventory expressed the v4 way: each
entity is added as a v3 script adds it through the SDK's v3 -> v4 translation (in
process, no socket), so a VM's disks become disk attachments, a NIC's network its
vNIC profile, and a v3 script reads through translation what it reads from a 3.6
engine seeded alike; ``status`` and a given ``id`` are kept there too.

``load(path)`` reads the same inventory from a JSON file (a YAML file too, when
PyYAML is installed); ``python -m ovirtsdk.testing --seed FILE`` does it for the CLI.
Errors name the entry: ``ValueError: vms[3]: unknown member 'colour' of VM``.
"""
import datetime
import json
import os

from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

from . import behaviour
from .fault import Fault
from .httpserver import Headers
from .model import PREFIX, get_model

ORDER = ("domains", "macpools", "datacenters", "clusters", "networks", "vnicprofiles",
         "templates", "hosts", "storagedomains", "vms", "disks", "vmpools", "tags")


def load_file(path):
    """The inventory in a JSON (or, with PyYAML, YAML) file."""
    with open(path, "rb") as f:
        data = f.read()
    if os.path.splitext(path)[1].lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise ValueError("%s: reading YAML needs PyYAML (pip install pyyaml); "
                             "or write the inventory as JSON" % path) from None
        inventory = yaml.safe_load(data)
    else:
        try:
            inventory = json.loads(data.decode("utf-8"))
        except ValueError as exc:
            raise ValueError("%s: not a JSON inventory: %s" % (path, exc)) from None
    if not isinstance(inventory, dict):
        raise ValueError("%s: an inventory is a mapping of collection names to lists"
                         % path)
    return inventory


def seed(engine, inventory):
    """Create ``inventory`` in ``engine`` (an ``engine.Engine``, or the v4 dialect's);
    returns the entities created at the top level, {collection: [Entity, ...]}."""
    if not isinstance(inventory, dict):
        raise TypeError("inventory must be a dict of collection name -> list, not %s"
                        % type(inventory).__name__)
    target = _Translated(engine) if getattr(engine, "api_version", 3) == 4 \
        else _Direct(engine)
    model = get_model()
    unknown = [k for k in inventory if k not in model.top_level]
    if unknown:
        raise ValueError("unknown collection %r (known: %s)"
                         % (unknown[0], ", ".join(sorted(model.top_level))))
    names = sorted(inventory, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER),
                                             list(inventory).index(k)))
    out = {}
    quiet, engine.quiet = engine.quiet, True
    engine.name_index = {}
    try:
        for href in names:
            items = inventory[href]
            if not isinstance(items, (list, tuple)):
                raise ValueError("%s: a list of entities is expected, not %s"
                                 % (href, type(items).__name__))
            out[href] = []
            for i, item in enumerate(items):
                out[href].extend(_seed_item(target, target.top(href), item,
                                            "%s[%d]" % (href, i)))
    finally:
        engine.quiet = quiet
        engine.name_index = None
    return out


class _Direct(object):
    """Seeding the 3.6 engine: params objects stored as they are (``coll``: the
    state's ``Collection``)."""

    def __init__(self, engine):
        self.engine = engine

    def top(self, href):
        return self.engine.top[href]

    def children(self, entity, coll, segment):
        return self.engine.children(entity, segment)

    def create(self, coll, obj, where):
        engine = self.engine
        keep_status = getattr(obj, "status", None) is not None
        status = obj.status if keep_status else None
        given_id = getattr(obj, "id", None)
        engine.normalize(obj, coll.info.resource_href)
        if keep_status:
            obj.status = status
        home = engine.top[coll.info.home.href] if coll.is_view else coll
        if given_id is not None and home.get(given_id) is not None:
            raise ValueError("%s: id %s is taken" % (where, given_id))
        if coll.is_view and coll.owner is not None:
            from .operations import _set_owner_ref
            _set_owner_ref(engine, obj, coll.owner)
        view_values = behaviour.view_overlay(coll, obj) if coll.is_view else {}
        entity = engine.create(home, obj, id_=given_id, keep_status=keep_status,
                               view=coll if coll.is_view else None)
        if view_values:
            coll.get(entity.id).overlay.update(view_values)
        return entity


class _V3Collection(object):
    """A v3 collection by its URL: what seeding a v4 engine adds to."""
    __slots__ = ("info", "path")

    def __init__(self, info, path):
        self.info = info
        self.path = path


class _Translated(object):
    """Seeding the 4.5 engine: each entity is added as a v3 script adds it through
    the SDK's v3 -> v4 translation (``infrastructure.translation``), in process (no
    socket); what the engine stores is what those adds make (a VM's disks as disk
    attachments, a NIC's network as its vNIC profile).  A given status and id are
    kept, as in the 3.6 engine."""

    def __init__(self, engine):
        from ovirtsdk.infrastructure.translation.translator import Translator
        self.engine = engine
        self.model = get_model()
        self.translator = Translator(_LocalPool(engine), PREFIX)

    def top(self, href):
        return _V3Collection(self.model.collections[href], href)

    def children(self, entity, coll, segment):
        href = self.model.subcollections(coll.info.resource_href)[segment]
        return _V3Collection(self.model.collections[href],
                             "%s/%s/%s" % (coll.path, entity.id, segment))

    def create(self, coll, obj, where):
        from ovirtsdk.infrastructure import errors
        status = getattr(obj, "status", None)
        if status is not None:
            obj.status = None
        body = runtime.to_xml(obj, pretty_print=False).encode("utf-8")
        try:
            reply = self.translator.request("POST", PREFIX + "/" + coll.path, body,
                                            {"Content-Type": "application/xml"})
        except errors.RequestError as exc:
            raise ValueError("%s: %s" % (where, exc.detail or exc.reason)) from None
        except errors.NotTranslatedError as exc:
            raise ValueError("%s: %s" % (where, exc)) from None
        entity = self._stored(coll, reply.root.get("id"))
        state = getattr(status, "state", None)
        if state:
            self.engine.access.set_state(entity.obj, state)
        return entity

    def _stored(self, coll, ident):
        engine = self.engine
        entity = engine.by_href.get("%s/%s/%s" % (PREFIX, coll.path, ident))
        if entity is None:          # stored elsewhere (a VM's disk is a disk)
            entity = next(m.entity for c in engine.top.values() for m in [c.get(ident)]
                          if m is not None)
        return entity


class _LocalPool(object):
    """The transport of ``_Translated``: requests served by the engine in process."""

    def __init__(self, engine):
        self.engine = engine

    def request(self, method, url=None, body=None, headers=None, last=False, parse=False):
        from ovirtsdk.infrastructure import errors
        from ovirtsdk.infrastructure.connectionspool import Response
        if isinstance(body, str):
            body = body.encode("utf-8")
        reply = self.engine.handle(method, url, Headers(headers or {}), body)
        names = {k.lower(): v for k, v in reply.headers}
        return errors.raise_from_response(Response(reply.status, reply.reason or "",
                                                   names, reply.body))


def _seed_item(target, coll, item, where):
    cls = getattr(P, coll.info.member_type)
    if isinstance(item, runtime.GeneratedsSuper):
        return [_create(target, coll, item, {}, where)]
    if not isinstance(item, dict):
        raise ValueError("%s: an entity is a dict or a params.%s, not %s"
                         % (where, cls.__name__, type(item).__name__))
    item = dict(item)
    count = item.pop("count", None)
    if count is None:
        return [_create_from(target, coll, cls, item, where)]
    if not isinstance(count, int) or count < 0:
        raise ValueError("%s: count must be a number >= 0, not %r" % (where, count))
    return [_create_from(target, coll, cls, _numbered(item, n), "%s#%d" % (where, n))
            for n in range(1, count + 1)]


def _numbered(value, n):
    if isinstance(value, str):
        return value.replace("{n}", str(n))
    if isinstance(value, dict):
        return {k: _numbered(v, n) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbered(v, n) for v in value]
    return value


def _create_from(target, coll, cls, data, where):
    subs = get_model().subcollections(coll.info.resource_href)
    children = {k: data.pop(k) for k in list(data) if k in subs}
    obj = build(target.engine, cls, data, where)
    return _create(target, coll, obj, children, where)


def _create(target, coll, obj, children, where):
    try:
        entity = target.create(coll, obj, where)
    except Fault as fault:
        raise ValueError("%s: %s" % (where, fault.detail or fault.reason)) from None
    for seg, items in children.items():
        sub = target.children(entity, coll, seg)
        if not isinstance(items, (list, tuple)):
            raise ValueError("%s.%s: a list of entities is expected" % (where, seg))
        for i, item in enumerate(items):
            _seed_item(target, sub, item, "%s.%s[%d]" % (where, seg, i))
    return entity


def build(engine, cls, data, where):
    """A params object of ``cls`` from a dict (see the module docstring)."""
    info = runtime.info(cls)
    by_key = {}
    for f in info.fields:
        by_key.setdefault(f.xml, f)
        by_key.setdefault(f.name, f)
    values = {}
    for key, value in data.items():
        f = by_key.get(key)
        if f is None:
            raise ValueError("%s: unknown member %r of %s" % (where, key, cls.__name__))
        values[f.name] = _value(engine, f, value, "%s.%s" % (where, key))
    from .dialects.v3.access import _blank
    obj = _blank(cls)
    for name, value in values.items():
        try:
            setattr(obj, name, value)
        except (TypeError, ValueError) as exc:
            raise ValueError("%s.%s: %s" % (where, name, exc)) from None
    return obj


_SCALARS = (str, int, float, bool, datetime.date)


def _value(engine, f, value, where):
    if f.cls is None:
        items = value if f.many and isinstance(value, (list, tuple)) else [value]
        if any(v is not None and not isinstance(v, _SCALARS) for v in items):
            raise ValueError("%s: %r is not a value of %s" % (where, value, f.type))
        return list(items) if f.many else value
    if value is None or isinstance(value, runtime.GeneratedsSuper):
        return value
    if f.many:
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [_one(engine, f.cls, v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]
    if isinstance(value, (list, tuple)):
        # a wrapper (``storage_domains``) given as the list of what it holds
        inner = next((i for i in runtime.info(f.cls).elements if i.many and i.cls), None)
        if inner is None:
            raise ValueError("%s: a list is not a %s" % (where, f.cls.__name__))
        wrapper = f.cls()
        setattr(wrapper, inner.name, [_one(engine, inner.cls, v, "%s[%d]" % (where, i))
                                      for i, v in enumerate(value)])
        return wrapper
    return _one(engine, f.cls, value, where)


def _one(engine, cls, value, where):
    if isinstance(value, runtime.GeneratedsSuper):
        return value
    if isinstance(value, dict):
        return build(engine, cls, value, where)
    if isinstance(value, str):
        fields = runtime.info(cls).by_name
        if cls.__name__ in get_model().type_home or "name" in fields:
            return cls(name=value)          # a reference by name
        if "state" in fields:
            return cls(state=value)         # "status": "up"
    raise ValueError("%s: %r is not a %s (give a dict of its members)"
                     % (where, value, cls.__name__))
