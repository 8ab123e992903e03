"""Run-time index over the generated v4 table (``apimodel``): types with their
members in wire order, and the collection tree of the v4 services.

Everything the v4 dialect knows about element names, types, URLs, collections,
actions and URL parameters comes from here; nothing is written per collection.
"""
from . import apimodel

PREFIX = "/ovirt-engine/api"


class Member(object):
    """One element of a type: ``<tag>`` of ``type``, see ``codegen/emit_testing_v4.py``."""
    __slots__ = ("tag", "type", "kind", "items", "link")

    def __init__(self, tag, type_, kind, items, link):
        self.tag, self.type, self.kind, self.items, self.link = tag, type_, kind, items, link

    @property
    def list_link(self):
        """A list served as a sub-collection (rendered as ``<link rel>``)."""
        return bool(self.link) and self.kind == "list"

    def __repr__(self):
        return "<Member %s %s %s>" % (self.tag, self.type, self.kind)


class TypeInfo(object):
    __slots__ = ("name", "base", "entity", "members", "by_tag", "bases", "has_id")

    def __init__(self, name, base, entity, members, bases, has_id=False):
        self.name = name
        self.base = base
        self.entity = entity
        self.has_id = entity or has_id  # an ``id`` attribute (entities, LogicalUnit ...)
        self.members = members          # every member, inherited first, in wire order
        self.by_tag = {m.tag: m for m in members}
        self.bases = bases              # the type and its bases, nearest first

    def is_a(self, name):
        return name in self.bases


class Link(object):
    __slots__ = ("method", "href", "rel", "url_params", "body_type", "response_type",
                 "action_params")

    def __init__(self, method, href, rel, url_params, body_type, response_type, action_params):
        self.method = method
        self.href = href
        self.rel = rel
        self.url_params = dict(url_params)
        self.body_type = body_type
        self.response_type = response_type
        self.action_params = dict(action_params)


class CollectionInfo(object):
    """One collection href of the tree (``vms``, ``vms/{vm:id}/diskattachments``)."""
    __slots__ = ("href", "segment", "type", "tag", "member_type", "member_tag",
                 "resource_href", "parent_href", "home")

    def __init__(self, href, type_, tag, member_type, member_tag, resource_href, parent_href):
        self.href = href
        self.segment = href.rsplit("/", 1)[-1]
        self.type = type_
        self.tag = tag
        self.member_type = member_type
        self.member_tag = member_tag
        self.resource_href = resource_href
        self.parent_href = parent_href
        self.home = None                # the top-level collection of the member type

    @property
    def top_level(self):
        return self.parent_href is None

    @property
    def is_view(self):
        """Lists entities that live in a top-level collection (``clusters/{id}/networks``)."""
        return self.home is not None and self.home is not self


class ResourceInfo(object):
    __slots__ = ("href", "collection", "subcollections", "actions", "singletons")

    def __init__(self, href, collection):
        self.href = href
        self.collection = collection
        self.subcollections = {}        # segment -> collection href
        self.actions = {}               # segment -> Link (POST)
        self.singletons = {}            # segment -> href of a resource without id


class Model(object):
    """Lookup tables built once from ``apimodel``."""

    def __init__(self):
        self.version = apimodel.VERSION
        self.enums = dict(apimodel.ENUMS)
        self.roots = dict(apimodel.ROOTS)
        self.root_of = {}
        for tag, name in sorted(apimodel.ROOTS.items()):
            self.root_of.setdefault(name, tag)
        self.types = {}
        for name in apimodel.TYPES:
            self.types[name] = self._type(name)
        self.links = {}
        for raw in apimodel.LINKS:
            link = Link(*raw)
            self.links[(link.method, link.href)] = link
        self.collections, self.resources = {}, {}
        self._tree()
        self.top_level = tuple(sorted(h for h, c in self.collections.items() if c.top_level))
        self.type_home = {}
        for href in self.top_level:
            info = self.collections[href]
            self.type_home.setdefault(info.member_type, info)
        for info in self.collections.values():
            home = self.type_home.get(info.member_type)
            info.home = home if home is not None else info

    def _type(self, name):
        chain, cur = [], name
        while cur is not None and cur in apimodel.TYPES and cur not in chain:
            chain.append(cur)
            cur = apimodel.TYPES[cur][0]
        members = []
        for t in reversed(chain):
            members.extend(Member(*raw) for raw in apimodel.TYPES[t][2])
        base, entity, _ = apimodel.TYPES[name]
        return TypeInfo(name, base, entity, members, tuple(chain),
                        name in apimodel.ID_VALUES)

    def _collection_member(self, type_name):
        """(member type, member tag) of a collection type, or None."""
        info = self.types.get(type_name)
        if info is None:
            return None
        own = [m for m in info.members if m.kind == "many"]
        if len(info.members) == 1 and own:
            return own[0].type, own[0].tag
        return None

    def _tree(self):
        gets = {href: link for (method, href), link in self.links.items() if method == "GET"}
        for href, link in gets.items():
            member = self._collection_member(link.response_type or "")
            if member is None:
                continue
            parent = href.rsplit("/", 1)[0] if "/" in href else None
            self.collections[href] = CollectionInfo(
                href, link.response_type, self.root_of.get(link.response_type, ""),
                member[0], member[1], None, parent)
        all_hrefs = {href for (_, href) in self.links}
        for href, info in self.collections.items():
            children = sorted({h for h in all_hrefs if h.startswith(href + "/{")
                               and "/" not in h[len(href) + 1:]})
            if children:
                info.resource_href = children[0]
                self.resources[children[0]] = ResourceInfo(children[0], href)
        for (method, href), link in self.links.items():
            owner, _, seg = href.rpartition("/")
            if owner in self.resources:
                res = self.resources[owner]
                if href in self.collections:
                    res.subcollections[seg] = href
                elif method == "POST" and not seg.startswith("{"):
                    res.actions[seg] = link
                elif not seg.startswith("{") and href not in self.resources:
                    res.singletons[seg] = href

    def link(self, method, href):
        return self.links.get((method, href))

    def subcollections(self, resource_href):
        """{segment: collection href} of a resource (empty for an unknown one)."""
        res = self.resources.get(resource_href)
        return res.subcollections if res is not None else {}

    def methods(self, href):
        return sorted(m for (m, h) in self.links if h == href)

    def type(self, name):
        return self.types[name]

    def tag(self, type_name):
        return self.root_of.get(type_name)


_MODEL = None


def get_model():
    global _MODEL
    if _MODEL is None:
        _MODEL = Model()
    return _MODEL
