"""The fake engine's state and what every dialect does with it.

``State`` holds the store (``store.py``: entities, their home collections and the
views linking them), the clock and the event ids, and creates, links, finds and
destroys entities; ``behaviour`` adds the engine's rules on top.  Nothing here
knows about URLs or documents: the routing (``routing.py``) and the dialects
(``dialects/v3``, later v4) sit above it.
"""
import datetime
import itertools
import threading
import time
import uuid

from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

from . import behaviour
from .model import PREFIX, get_model
from .store import Collection, Entity, Member


class State(object):
    """Entities, collections and views of one engine; thread-safe through ``lock``."""

    #: The link model the engine routes on and builds its collections from (the
    #: v3 one); an engine of another dialect sets its own.
    model_factory = staticmethod(get_model)
    #: True while seeding: no events are logged (the inventory was there already).
    quiet = False
    #: While seeding: {collection path: names} so that a name is checked in O(1).
    name_index = None

    def __init__(self, users=("admin@internal",), page_size=100, iso_files=None,
                 populate=True):
        self.model = self.model_factory()
        self.lock = threading.RLock()
        self.page_size = page_size
        self.iso_files = tuple(behaviour.DEFAULT_ISO_FILES if iso_files is None else iso_files)
        self.user_names = list(users)
        self.user = self.user_names[0] if self.user_names else "admin@internal"
        self.clock_offset = 0.0
        self._event_ids = itertools.count(1)
        self.by_href = {}
        self.top = {}
        for href in self.model.top_level:
            self.top[href] = Collection(self.model.collections[href], None, PREFIX + "/" + href)
        if populate:
            behaviour.populate(self)

    def now(self):
        now = datetime.datetime.fromtimestamp(self.time(), datetime.timezone.utc).astimezone()
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    def time(self):
        return time.time() + self.clock_offset

    def find(self, top_href, name=None, id_=None):
        coll = self.top[top_href]
        if id_ is not None:
            m = coll.get(id_)
            return m.entity if m else None
        for m in coll:
            if m.entity.name == name:
                return m.entity
        return None

    def ref(self, entity, cls=None):
        """The minimal reference the engine renders: ``<cluster id=… href=…/>``."""
        if entity is None:
            return None
        return _blank(cls or type(entity.obj), id=entity.id, href=entity.href)

    def referenced(self, ref):
        """The entity a reference (id/href) points to, or None."""
        if ref is None:
            return None
        href = getattr(ref, "href", None)
        if href and href in self.by_href:
            return self.by_href[href]
        home = self.model.type_home.get(type(ref).__name__)
        if home is not None and getattr(ref, "id", None):
            return self.find(home.href, id_=ref.id)
        if home is not None and getattr(ref, "name", None):
            return self.find(home.href, name=ref.name)
        return None

    def clone(self, value):
        if isinstance(value, runtime.GeneratedsSuper):
            node = runtime.to_element(value, "x")
            return runtime.materialize_deep(runtime.from_node(type(value), node))
        if isinstance(value, list):
            return [self.clone(v) for v in value]
        return value

    def children(self, entity, segment, cinfo=None):
        coll = entity.children.get(segment)
        if coll is None:
            href = self.model.subcollections(entity.home.info.resource_href).get(segment)
            info = self.model.collections[href] if href else cinfo
            coll = Collection(info, entity, entity.href + "/" + segment)
            entity.children[segment] = coll
        return coll

    def link(self, view, entity, overlay=None, created_here=False):
        member = Member(entity, overlay, created_here)
        view.members[entity.id] = member
        entity.views.add(view)
        return member

    def unlink(self, view, entity):
        view.members.pop(entity.id, None)
        entity.views.discard(view)

    def _store(self, home, obj, id_):
        if id_ is None:
            id_ = str(next(self._event_ids)) if behaviour.kind(obj) in behaviour.SEQUENTIAL_IDS \
                else str(uuid.uuid4())
        entity = Entity(id_, obj, home)
        home.members[id_] = Member(entity)
        self.by_href[entity.href] = entity
        return entity

    def create_top(self, href, obj, id_=None, keep_status=False):
        """Create an entity in a top-level collection (no request checks)."""
        return self.create(self.top[href], obj, id_=id_, keep_status=keep_status)

    def create_child(self, entity, segment, obj, id_=None):
        return self.create(self.children(entity, segment), obj, id_=id_)

    def create(self, coll, obj, id_=None, keep_status=False, view=None):
        """Store a new entity in ``coll`` (its home); link it into ``view`` if given."""
        kind = behaviour.kind(obj)
        parent = (view if view is not None else coll).owner
        name = obj.__dict__.get("name") if kind not in behaviour.NON_UNIQUE_NAMES else None
        if name:
            index = self.name_index
            if index is not None:
                names = index.get(coll.path)
                if names is None:
                    names = index[coll.path] = {m.entity.obj.__dict__.get("name")
                                                for m in coll.members.values()}
                taken = name in names
                names.add(name)
            else:
                taken = any(m.entity.obj.__dict__.get("name") == name
                            for m in coll.members.values())
            if taken:
                raise behaviour.cannot("add", behaviour.LABELS.get(kind, kind),
                                       "The given name is already in use.")
        kept = obj.status if keep_status else None
        behaviour.apply_defaults(self, obj, parent)
        if keep_status:
            obj.status = kept
        entity = self._store(coll, obj, id_)
        if view is not None:
            self.link(view, entity, created_here=True)
        self._auto_link(entity)
        behaviour.after_create(self, entity, parent)
        return entity

    def _auto_link(self, entity):
        """Link a new entity into the views of the entities it references
        (a disk on storage domain X appears in ``storagedomains/X/disks``)."""
        obj = entity.obj
        kind = behaviour.kind(obj)
        if kind in behaviour.NOT_AUTO_LINKED:
            return      # attaching a storage domain is an explicit request
        for f in runtime.info(type(obj)).elements:
            value = obj.__dict__.get(f.name)
            if value is None or f.cls is None or f.name in ("link", "actions"):
                continue
            refs = [value]
            if not f.many and f.type not in self.model.type_home:
                item = self._wrapper_items(f, value)
                refs = item if item is not None else []
            elif f.many:
                refs = value
            for ref in refs:
                target = self.referenced(ref) if getattr(ref, "href", None) else None
                if target is None:
                    continue
                subs = self.model.subcollections(target.home.info.resource_href)
                for seg, href in subs.items():
                    info = self.model.collections[href]
                    if info.is_view and info.member_type == kind:
                        view = self.children(target, seg)
                        if entity.id not in view.members:
                            self.link(view, entity, created_here=False)

    def _wrapper_items(self, f, value):
        """Items of a collection-typed field (``<storage_domains><storage_domain/>``)."""
        info = runtime.info(type(value))
        for inner in info.elements:
            if inner.many and inner.cls is not None and inner.type in self.model.type_home:
                return list(getattr(value, inner.name) or [])
        return None

    def destroy(self, entity):
        for view in list(entity.views):
            self.unlink(view, entity)
        entity.home.members.pop(entity.id, None)
        self.by_href.pop(entity.href, None)
        for coll in entity.children.values():
            for m in coll:
                if m.entity.home is coll:
                    self.destroy(m.entity)
                else:
                    self.unlink(coll, m.entity)

    def event(self, code, description, severity="normal", **refs):
        if self.quiet:
            return None
        obj = P.Event(code=code, description=description, severity=severity)
        for name, entity in refs.items():
            if entity is not None:
                setattr(obj, name, self.ref(entity, runtime.info(P.Event).by_name[name].cls))
        return self.create_top("events", obj)


_PROTOTYPES = {}


def _blank(cls, **values):
    """``cls(**values)`` without running its generated constructor over every member
    (references are made by the thousand when seeding)."""
    proto = _PROTOTYPES.get(cls)
    if proto is None:
        proto = _PROTOTYPES[cls] = dict(cls().__dict__)
    obj = runtime.from_node(cls, None)
    d = obj.__dict__
    for key, value in proto.items():
        d[key] = list(value) if isinstance(value, list) else value
    d.update(values)
    return obj
