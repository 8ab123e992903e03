"""The fake engine's state: entities, the collections holding them, and views.

Every entity lives in exactly one *home* collection: the top-level collection of its
type when there is one (``vms``, ``disks``, ``storagedomains``), otherwise the
sub-collection it was created in (``vms/{id}/nics``). Sub-collections whose member
type has a top-level home (``datacenters/{id}/storagedomains``, ``vms/{id}/disks``)
are *views*: they hold links to entities living elsewhere, each link with an
*overlay* of values that only hold in that context (the status of a storage domain
in a data center, whether a disk is active on a VM).
"""
import itertools


class Entity(object):
    """A stored resource: its params object (no id/href/links/actions rendered)."""
    __slots__ = ("id", "obj", "home", "children", "views", "__weakref__")

    def __init__(self, id_, obj, home):
        self.id = id_
        self.obj = obj
        self.home = home            # Collection
        self.children = {}          # segment -> Collection
        self.views = set()          # view Collections linking this entity

    @property
    def href(self):
        return self.home.path + "/" + self.id

    @property
    def name(self):
        return getattr(self.obj, "name", None)

    def __repr__(self):
        return "<Entity %s %s %r>" % (type(self.obj).__name__, self.id, self.name)


class Member(object):
    """An entity as seen from one collection."""
    __slots__ = ("entity", "overlay", "created_here", "seq")

    _counter = itertools.count()

    def __init__(self, entity, overlay=None, created_here=True):
        self.entity = entity
        self.overlay = overlay if overlay is not None else {}
        self.created_here = created_here
        self.seq = next(self._counter)


class Collection(object):
    """One collection instance: ``info`` (the model's CollectionInfo) under ``owner``."""
    __slots__ = ("info", "owner", "path", "members")

    def __init__(self, info, owner, path):
        self.info = info
        self.owner = owner          # Entity or None (top level)
        self.path = path            # canonical absolute path
        self.members = {}           # id -> Member (insertion ordered)

    @property
    def is_view(self):
        return self.info.is_view

    def get(self, id_):
        return self.members.get(id_)

    def __iter__(self):
        return iter(list(self.members.values()))

    def __len__(self):
        return len(self.members)

    def __repr__(self):
        return "<Collection %s>" % self.path
