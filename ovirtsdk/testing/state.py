"""The fake engine's state and what every dialect does with it.

``State`` holds the store (``store.py``: entities, their home collections and the
views linking them), the clock and the event ids, and creates, links, finds and
destroys entities; ``behaviour`` adds the engine's rules on top.  Nothing here
knows about URLs or documents: the routing (``routing.py``) and the dialects
(``dialects/v3``, ``dialects/v4``) sit above it.  It serves both dialects: what
differs is the link model (``model_factory``) and how an object is read, made and
referenced (``access``, a dialect's ``Access``: params objects for v3, ``Obj``
values for v4).
"""
import datetime
import itertools
import threading
import time
import uuid

from . import behaviour
from .fault import Fault
from .model import PREFIX, get_model
from .store import Collection, Entity, Member


class State(object):
    """Entities, collections and views of one engine; thread-safe through ``lock``."""

    #: The link model the engine routes on and builds its collections from (the
    #: v3 one); an engine of another dialect sets its own.
    model_factory = staticmethod(get_model)
    #: The dialect's object access (``dialects/v3/access.py``, ``dialects/v4/access.py``):
    #: set by the engine of each dialect.
    access = None
    #: The rules (``behaviour``): defaults, what follows a creation, the default
    #: environment.
    rules = behaviour
    #: True while seeding: no events are logged (the inventory was there already).
    quiet = False
    #: While seeding: {collection path: names} so that a name is checked in O(1).
    name_index = None
    #: While an add request creates its entity: what it listed for the rules to make
    #: (``behaviour.take_requested``: a VM's template disk choices, a volume's bricks).
    requested = None

    def __init__(self, users=("admin@internal",), page_size=100, iso_files=None,
                 populate=True):
        self.model = self.model_factory()
        self.lock = threading.RLock()
        self.page_size = page_size
        self.iso_files = tuple(self.rules.DEFAULT_ISO_FILES if iso_files is None else iso_files)
        self.user_names = list(users)
        self.user = self.user_names[0] if self.user_names else "admin@internal"
        self.clock_offset = 0.0
        self._event_ids = itertools.count(1)
        self.by_href = {}
        #: what no document shows: the file in a running VM's CD-ROM {cdrom id: file}
        self.running_cdroms = {}
        self.top = {}
        for href in self.model.top_level:
            self.top[href] = Collection(self.model.collections[href], None, PREFIX + "/" + href)
        if populate:
            self.rules.populate(self)

    def is_view(self, info):
        """True when the collection ``info`` lists entities that live elsewhere."""
        return info.is_view

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
        """The minimal reference the engine stores and renders (``<cluster id=…/>``)."""
        if entity is None:
            return None
        return self.access.ref(self, entity, cls)

    def referenced(self, ref):
        """The entity a reference (id/href, else name) points to, or None."""
        type_name = self.access.type_name(ref)
        if type_name is None:
            return None
        href = self.access.get(ref, "href")
        if href and href in self.by_href:
            return self.by_href[href]
        home = self.model.type_home.get(type_name)
        if home is None:
            return None
        ident = self.access.get(ref, "id")
        if ident:
            return self.find(home.href, id_=ident)
        name = self.access.get(ref, "name")
        if name:
            return self.find(home.href, name=name)
        return None

    def clone(self, value):
        """A deep copy of a stored value (what a template hands down to a VM)."""
        return self.access.clone(value)

    def children(self, entity, segment, cinfo=None):
        """The sub-collection ``segment`` of ``entity`` (made on first use)."""
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
            id_ = str(next(self._event_ids)) \
                if self.access.kind(obj) in self.rules.SEQUENTIAL_IDS else str(uuid.uuid4())
        entity = Entity(id_, obj, home)
        home.members[id_] = Member(entity)
        self.by_href[entity.href] = entity
        self.access.stored(entity)
        return entity

    def store(self, coll, obj, id_=None):
        """Keep ``obj`` in ``coll`` as it is: no defaults, rules or links (a copy the
        engine holds elsewhere, such as a VM exported to an export domain)."""
        return self._store(coll, obj, id_)

    def create_top(self, href, obj, id_=None, keep_status=False):
        """Create an entity in a top-level collection (no request checks)."""
        return self.create(self.top[href], obj, id_=id_, keep_status=keep_status)

    def create_child(self, entity, segment, obj, id_=None):
        return self.create(self.children(entity, segment), obj, id_=id_)

    def create(self, coll, obj, id_=None, keep_status=False, view=None):
        """Store a new entity in ``coll`` (its home); link it into ``view`` if given."""
        access = self.access
        kind = access.kind(obj)
        parent = (view if view is not None else coll).owner
        name = access.get(obj, "name") if self.rules.unique_name(kind) else None
        if name:
            index = self.name_index
            if index is not None:
                names = index.get(coll.path)
                if names is None:
                    names = index[coll.path] = {access.get(m.entity.obj, "name")
                                                for m in coll.members.values()}
                taken = name in names
                names.add(name)
            else:
                taken = any(access.get(m.entity.obj, "name") == name
                            for m in coll.members.values())
            if taken:
                raise self.rules.cannot("add", self.rules.LABELS.get(kind, kind),
                                        "The given name is already in use.")
        kept = access.state(obj) if keep_status else None
        self.rules.apply_defaults(self, obj, parent)
        if keep_status:
            access.set_state(obj, kept)
        entity = self._store(coll, obj, id_)
        if view is not None:
            self.link(view, entity, created_here=True)
        self._auto_link(entity)
        self.rules.after_create(self, entity, parent)
        return entity

    def _auto_link(self, entity):
        """Link a new entity into the views of the entities it references
        (a disk on storage domain X appears in ``storagedomains/X/disks``)."""
        obj = entity.obj
        if self.access.kind(obj) in self.rules.NOT_AUTO_LINKED:
            return      # attaching a storage domain is an explicit request
        for ref in self.access.references(self, obj):
            target = self.referenced(ref)
            if target is None or target is entity:
                continue
            subs = self.model.subcollections(target.home.info.resource_href)
            for seg, href in subs.items():
                if self.access.fits_view(self, self.model.collections[href], obj):
                    view = self.children(target, seg)
                    if entity.id not in view.members:
                        self.link(view, entity, created_here=False)

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

    def remove_members(self, coll, items):
        """A DELETE on a collection (a gluster volume's bricks): each member ``items``
        names by (id, name) is destroyed, or unlinked from a view; 400 for one the
        collection does not hold, before anything is removed."""
        found = []
        for ident, name in items:
            match = [m for m in coll if (ident and m.entity.id == ident) or
                     (not ident and name and m.entity.name == name)]
            if not match:
                raise Fault(400, "Operation Failed", "Entity not found: %s: %s"
                            % (coll.info.member_type, ident or name))
            found.extend(match)
        if not found:
            raise Fault(400, "Incomplete parameters",
                        "%s [id|name] required for remove" % coll.info.member_type)
        for m in found:
            if m.entity.home is coll:
                self.destroy(m.entity)
            else:
                self.unlink(coll, m.entity)

    def event(self, code, description, severity="normal", **refs):
        if self.quiet:
            return None
        obj = self.access.new("Event", code=code, description=description,
                              severity=severity)
        for name, entity in refs.items():
            if entity is not None:
                self.access.set_ref(self, obj, name, entity)
        return self.create_top("events", obj)
