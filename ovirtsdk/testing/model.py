"""Run-time index over the generated link model (``infrastructure.linkmodel``).

Everything the fake engine knows about URLs, collections, actions and parameter
sets comes from here; nothing is written per collection.  It reads the same
generated model as the brokers do.
"""
from ovirtsdk.infrastructure import linkmodel

PREFIX = "/ovirt-engine/api"
# The entry point of 3.0-3.5 engines, still served by 3.6 (hrefs then start with it).
LEGACY_PREFIX = "/api"
PREFIXES = (PREFIX, LEGACY_PREFIX)


def api_prefix(path):
    """The API prefix ``path`` starts with (PREFIX or LEGACY_PREFIX), or None."""
    raw = path.split("?", 1)[0]
    for prefix in PREFIXES:
        if raw == prefix or raw.startswith(prefix + "/") or raw.startswith(prefix + ";"):
            return prefix
    return None


class Link(object):
    __slots__ = ("method", "href", "rel", "url_params", "body_type", "sets", "response_type")

    def __init__(self, method, href, rel, url_params, body_type, sets, response_type):
        self.method = method
        self.href = href
        self.rel = rel
        self.url_params = {p[0]: p for p in url_params}
        self.body_type = body_type
        self.sets = sets
        self.response_type = response_type

    @property
    def searchable(self):
        p = self.url_params.get("search")
        return p is not None and p[1] == "query"


class CollectionInfo(object):
    """One collection href of the tree (``vms``, ``vms/{vm:id}/nics``)."""
    __slots__ = ("href", "segment", "type", "tag", "item_tag", "member_type", "member_tag",
                 "searchable", "resource_href", "parent_href", "home", "add_link")

    def __init__(self, href, data):
        self.href = href
        self.segment = href.rsplit("/", 1)[-1]
        (self.type, self.tag, self.item_tag, self.member_type, self.member_tag,
         self.searchable, self.resource_href, self.parent_href) = data
        self.home = None        # top-level collection holding the members (views)
        self.add_link = None

    @property
    def top_level(self):
        return self.parent_href is None

    @property
    def is_view(self):
        """A sub-collection listing entities that live in a top-level collection."""
        return self.home is not None and self.home is not self


class ResourceInfo(object):
    __slots__ = ("href", "collection", "subcollections", "actions")

    def __init__(self, href, data):
        self.href = href
        collection, subs, actions = data
        self.collection = collection
        self.subcollections = dict(subs)
        self.actions = actions      # ((rel, href), ...)


class Model(object):
    """Lookup tables built once from the link model."""

    def __init__(self):
        self.version = linkmodel.VERSION
        self.links = {}
        for raw in linkmodel.LINKS:
            link = Link(*raw)
            # A link listed twice (with and without a body): keep the first.
            self.links.setdefault((link.method, link.href), link)
        self.collections = {h: CollectionInfo(h, d) for h, d in linkmodel.COLLECTIONS.items()}
        self.resources = {h: ResourceInfo(h, d) for h, d in linkmodel.RESOURCES.items()}
        self.collection_actions = {h: dict(a) for h, a in linkmodel.COLLECTION_ACTIONS.items()}
        self.top_level = tuple(linkmodel.TOP_LEVEL)
        # member type -> top-level collection (the home of every entity of that type)
        self.type_home = {}
        for href in self.top_level:
            info = self.collections[href]
            self.type_home.setdefault(info.member_type, info)
        # every member type that some collection holds
        self.member_types = {c.member_type for c in self.collections.values()}
        for info in self.collections.values():
            home = self.type_home.get(info.member_type)
            info.home = home if home is not None else info
            info.add_link = self.links.get(("POST", href_of(info)))

    def link(self, method, href):
        return self.links.get((method, href))

    def methods(self, href):
        return sorted(m for (m, h) in self.links if h == href)

    def subcollections(self, resource_href):
        res = self.resources.get(resource_href)
        return res.subcollections if res else {}

    def resource_of(self, collection_href):
        return self.collections[collection_href].resource_href


def href_of(info):
    return info.href


_MODEL = None


def get_model():
    global _MODEL
    if _MODEL is None:
        _MODEL = Model()
    return _MODEL
