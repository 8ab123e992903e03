"""The fake engine's request handling, generic over the link model.

``Engine.handle()`` takes one HTTP request (already authenticated by the server) and
returns the reply. The URL is walked down the collection tree of ``apimodel``
(collection → id → sub-collection or action ...), the link of the method and href
template is looked up, and the request is checked and served by one of five generic
operations: list, add, get, update, delete, action. ``behaviour`` adds the engine's
defaults and state changes on top.
"""
import datetime
import itertools
import logging
import threading
import uuid
from urllib.parse import parse_qs, unquote

from lxml import etree

from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

from . import behaviour, search
from .fault import Fault
from .model import PREFIX, get_model
from .store import Collection, Entity, Member

_log = logging.getLogger("ovirtsdk.testing")

# Fields the engine computes: ignored in requests.
_READ_ONLY = ("href", "id", "actions", "link", "creation_status")

# References by name that must resolve (others are kept as sent when unknown).
STRICT_REFS = {"Cluster", "DataCenter", "Host", "Template", "InstanceType", "StorageDomain",
               "Network", "VM", "VnicProfile", "CpuProfile", "DiskProfile", "MacPool",
               "Role", "Tag", "Disk", "VmPool", "SchedulingPolicy"}


def _norm(name):
    return name.replace("_", "").lower()


def _as_bool(text):
    return str(text).strip().lower() in ("true", "1", "yes")


class Reply(object):
    __slots__ = ("status", "headers", "body")

    def __init__(self, status, body=b"", headers=None):
        self.status = status
        self.body = body
        self.headers = list(headers or ())


class Target(object):
    """Where a URL leads: the collection/resource/action and its context."""
    __slots__ = ("kind", "template", "coll", "cinfo", "member", "path", "rel")

    def __init__(self, kind, template, coll=None, cinfo=None, member=None, path=None,
                 rel=None):
        self.kind = kind
        self.template = template
        self.coll = coll
        self.cinfo = cinfo
        self.member = member
        self.path = path
        self.rel = rel

    @property
    def entity(self):
        return self.member.entity if self.member is not None else None

    @property
    def view(self):
        return self.cinfo is not None and self.cinfo.is_view


class Request(object):
    __slots__ = ("method", "segments", "matrix", "query", "headers", "body", "raw_path")

    def __init__(self, method, path, headers, body):
        self.method = method
        raw, _, qs = path.partition("?")
        self.raw_path = raw
        self.query = parse_qs(qs, keep_blank_values=True)
        self.headers = headers
        self.body = body or b""
        self.matrix = {}
        rest = raw[len(PREFIX):] if raw.startswith(PREFIX) else None
        self.segments = None
        if rest is not None and (rest == "" or rest.startswith("/") or rest.startswith(";")):
            segs = []
            for part in rest.split("/"):
                name, *matrix = part.split(";")
                for item in matrix:
                    key, _, value = item.partition("=")
                    self.matrix[unquote(key)] = unquote(value)
                if name:
                    segs.append(unquote(name))
            self.segments = segs

    def header(self, name):
        return self.headers.get(name)

    def param(self, name):
        if name in self.matrix:
            return self.matrix[name]
        values = self.query.get(name)
        return values[0] if values else None


class Engine(object):
    """State and request handling; thread-safe through ``lock``."""

    def __init__(self, users=("admin@internal",), page_size=100, iso_files=None,
                 populate=True):
        self.model = get_model()
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

    # ------------------------------------------------------------ time

    def now(self):
        now = datetime.datetime.fromtimestamp(self.time(), datetime.timezone.utc).astimezone()
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    def time(self):
        import time
        return time.time() + self.clock_offset

    # ------------------------------------------------------------ store helpers

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
        cls = cls or type(entity.obj)
        return cls(id=entity.id, href=entity.href)

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
            id_ = str(next(self._event_ids)) if type(obj).__name__ == "Event" \
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
        kind = type(obj).__name__
        parent = (view if view is not None else coll).owner
        if kind not in behaviour.NON_UNIQUE_NAMES and getattr(obj, "name", None):
            if any(m.entity.name == obj.name for m in coll):
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
        kind = type(obj).__name__
        if kind in ("StorageDomain", "Event"):
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
        obj = P.Event(code=code, description=description, severity=severity)
        for name, entity in refs.items():
            if entity is not None:
                setattr(obj, name, self.ref(entity, runtime.info(P.Event).by_name[name].cls))
        return self.create_top("events", obj)

    # ------------------------------------------------------------ normalising requests

    def resolve_ref(self, value, home_href):
        """A reference given by id or name → the stored entity (400 when unknown)."""
        home = self.top[home_href]
        kind = home.info.member_type
        ident, name = getattr(value, "id", None), getattr(value, "name", None)
        if ident:
            m = home.get(ident)
            if m is None:
                raise Fault(400, "Operation Failed", "Entity not found: %s: id=%s" % (kind, ident))
            return m.entity
        if name:
            for m in home:
                if m.entity.name == name:
                    return m.entity
            raise Fault(400, "Operation Failed", "Entity not found: %s: name=%s" % (kind, name))
        return None

    def normalize(self, obj, resource_href, keep=()):
        """Turn a request entity into what is stored: computed fields dropped,
        references resolved to ``<x id href/>``, secrets and sub-collection lists removed."""
        cls = type(obj)
        subs = {_norm(s) for s in self.model.subcollections(resource_href)}
        coll_types = {c.type for c in self.model.collections.values()}
        for f in runtime.info(cls).fields:
            if f.name in keep:
                continue
            value = obj.__dict__.get(f.name)
            if f.xml in _READ_ONLY or f.xml == "status":
                setattr(obj, f.name, [] if f.many else None)
                continue
            if value is None or f.cls is None:
                continue
            if f.type in coll_types and _norm(f.xml) in subs:
                setattr(obj, f.name, None)       # rendered as a <link> instead
                continue
            home = self.model.type_home.get(f.type) or \
                self.model.type_home.get(type(value).__name__ if not f.many else "")
            if home is not None and not f.many:
                setattr(obj, f.name, self._reference(value, home, f))
            elif f.type in self.model.member_types and not f.many:
                if getattr(value, "id", None):
                    setattr(obj, f.name, f.cls(id=value.id))
            elif not f.many:
                items = self._wrapper_items(f, value)
                if items:
                    inner = next(i for i in runtime.info(type(value)).elements
                                 if i.many and i.cls is not None
                                 and i.type in self.model.type_home)
                    ihome = self.model.type_home[inner.type]
                    setattr(value, inner.name, [self._reference(v, ihome, inner, strict=False)
                                                for v in items])
        _strip_secrets(obj)
        return obj

    def _reference(self, value, home, f, strict=True):
        ident, name = getattr(value, "id", None), getattr(value, "name", None)
        if not ident and not name:
            return value                      # an embedded value, not a reference
        strict = strict and home.member_type in STRICT_REFS
        try:
            entity = self.resolve_ref(value, home.href)
        except Fault:
            if strict:
                raise
            return value
        return self.ref(entity, f.cls)

    # ------------------------------------------------------------ request entry

    def handle(self, method, path, headers, body, user=None):
        """Serve one request; returns a ``Reply`` (faults included)."""
        if user:
            self.user = user
        req = Request(method, path, headers, body)
        try:
            return self._dispatch(req)
        except Fault as fault:
            return self.fault_reply(fault)
        except Exception as exc:
            # A bug of the fake engine: answer like an engine would, and say what broke.
            _log.exception("fake engine failed on %s %s", method, path)
            return self.fault_reply(Fault(500, "Internal Server Error", "%s: %s"
                                          % (type(exc).__name__, exc)))

    def fault_reply(self, fault):
        if fault.html:
            body = ("<html><head><title>Error report</title></head><body>"
                    "<h1>HTTP Status %d - %s</h1></body></html>"
                    % (fault.status, fault.detail or "")).encode("utf-8")
            return Reply(fault.status, body, [("Content-Type", "text/html;charset=UTF-8")]
                         + fault.headers)
        root = etree.Element("fault")
        etree.SubElement(root, "reason").text = fault.reason
        if fault.detail is not None:
            etree.SubElement(root, "detail").text = fault.detail
        return Reply(fault.status, _doc(root), [("Content-Type", "application/xml")]
                     + fault.headers)

    def _dispatch(self, req):
        if req.segments is None:
            raise Fault(404, "Not Found", html=True)
        if not req.segments:
            if req.method not in ("GET", "HEAD"):
                raise Fault(405, "Method Not Allowed", html=True)
            return self._xml(200, self.render_api())
        target = self.resolve(req.segments)
        link = self.model.link(req.method, target.template)
        if link is None:
            if any(h == target.template for (_, h) in self.model.links):
                raise Fault(405, "Method Not Allowed", html=True)
            raise Fault(404, "Not Found", html=True)
        self._check_url_params(req, link)
        kind = (target.kind, req.method)
        if kind == ("collection", "GET"):
            return self.op_list(req, target, link)
        if kind == ("collection", "POST"):
            return self.op_add(req, target, link)
        if kind == ("collection", "DELETE"):
            return self.op_delete_members(req, target, link)
        if kind == ("resource", "GET"):
            return self._xml(200, self.render_member(target.member, target.path, target.cinfo,
                                                     details=_details(req)))
        if kind == ("resource", "PUT"):
            return self.op_update(req, target, link)
        if kind == ("resource", "DELETE"):
            return self.op_delete(req, target, link)
        if target.kind in ("action", "collaction") and req.method == "POST":
            return self.op_action(req, target, link)
        raise Fault(405, "Method Not Allowed", html=True)

    def resolve(self, segments):
        """Walk the URL down the collection tree."""
        first = segments[0]
        coll = self.top.get(first)
        if coll is None:
            raise Fault(404, "Not Found", html=True)
        cinfo = coll.info
        path = PREFIX + "/" + first
        target = Target("collection", cinfo.href, coll, cinfo, path=path)
        last = len(segments) - 1
        for i, seg in enumerate(segments[1:], 1):
            if target.kind == "collection":
                actions = self.model.collection_actions.get(cinfo.href, {})
                if i == last and seg in {h.rsplit("/", 1)[1]: r for r, h in actions.items()}:
                    rel = next(r for r, h in actions.items() if h.rsplit("/", 1)[1] == seg)
                    return Target("collaction", actions[rel], coll, cinfo, path=path + "/" + seg,
                                  rel=rel)
                member = coll.get(seg)
                if member is None:
                    raise Fault(404, "Operation Failed", "Entity not found: %s" % seg)
                path = path + "/" + seg
                target = Target("resource", cinfo.resource_href, coll, cinfo, member, path)
            elif target.kind == "resource":
                res = self.model.resources.get(cinfo.resource_href)
                sub = res.subcollections.get(seg) if res else None
                if sub is not None:
                    cinfo = self.model.collections[sub]
                    coll = self.children(target.entity, seg, cinfo)
                    path = path + "/" + seg
                    target = Target("collection", sub, coll, cinfo, path=path)
                    continue
                action = None
                if res is not None and i == last:
                    action = next(((r, h) for r, h in res.actions
                                   if h.rsplit("/", 1)[1] == seg), None)
                if action is None:
                    raise Fault(404, "Not Found", html=True)
                return Target("action", action[1], coll, cinfo, target.member,
                              path + "/" + seg, rel=action[0])
        return target

    def _check_url_params(self, req, link):
        for name, value in list(req.matrix.items()) + [(k, v[0]) for k, v in req.query.items()]:
            spec = link.url_params.get(name)
            if spec is None or value is None:
                continue
            if spec[2] == "xs:int":
                try:
                    int(value)
                except ValueError:
                    raise Fault(400, "Invalid value", "'%s' is not a valid value for %s"
                                % (value, name)) from None
            elif spec[2] == "xs:boolean" and value.strip().lower() not in ("true", "false"):
                raise Fault(400, "Invalid value", "'%s' is not a valid value for %s"
                            % (value, name))

    # ------------------------------------------------------------ rendering

    def _xml(self, status, element, headers=()):
        return Reply(status, _doc(element), [("Content-Type", "application/xml")]
                     + list(headers))

    def effective(self, member):
        """The member's entity with the view's overlay applied (a copy when needed)."""
        obj = member.entity.obj
        if not member.overlay:
            return obj
        return _copy(obj, member.overlay)

    def render_member(self, member, path, cinfo, overlay=None, details=()):
        obj = self.member_obj(member, path, cinfo, overlay)
        if details:
            self._inline(obj, member.entity, path, cinfo, details)
        return runtime.to_element(obj, cinfo.item_tag)

    def _inline(self, obj, entity, path, cinfo, details):
        """``Accept: application/xml; detail=nics+disks``: sub-collections inline."""
        res = self.model.resources.get(cinfo.resource_href)
        if res is None:
            return
        fields = {_norm(f.xml): f for f in runtime.info(type(obj)).elements
                  if f.cls is not None and not f.many}
        for seg in details:
            sub, f = res.subcollections.get(seg), fields.get(_norm(seg))
            if sub is None or f is None:
                continue
            sinfo = self.model.collections[sub]
            inner = next((i for i in runtime.info(f.cls).elements if i.many and i.cls), None)
            if inner is None:
                continue
            coll = self.children(entity, seg, sinfo)
            wrapper = f.cls()
            setattr(wrapper, inner.name, [
                self.member_obj(m, path + "/" + seg + "/" + m.entity.id, sinfo) for m in coll])
            setattr(obj, f.name, wrapper)

    def member_obj(self, member, path, cinfo, overlay=None):
        """The params object rendered for a member: id, href, actions, links, overlay."""
        ent = member.entity
        obj = ent.obj
        values = dict(member.overlay)
        if overlay:
            values.update(overlay)
        fields = runtime.info(type(obj)).by_name
        if "id" in fields:
            values["id"] = ent.id
            values["href"] = path
        res = self.model.resources.get(cinfo.resource_href)
        if res is not None and "link" in fields:
            if res.actions:
                values["actions"] = P.Actions(link=[
                    P.Link(href=path + "/" + h.rsplit("/", 1)[1], rel=rel)
                    for rel, h in res.actions])
            values["link"] = [P.Link(href=path + "/" + seg, rel=seg)
                              for seg in sorted(res.subcollections)]
        return _copy(obj, values)

    def render_api(self):
        links = []
        for href in self.model.top_level:
            info = self.model.collections[href]
            links.append(P.Link(href=PREFIX + "/" + href, rel=href))
            if info.searchable:
                links.append(P.Link(href=PREFIX + "/" + href + "?search={query}",
                                    rel=href + "/search"))
        blank = self.find("templates", id_=behaviour.ZERO_ID)
        root_tag = self.find("tags", id_=behaviour.ZERO_ID)
        special = [P.Link(href=e.href, rel=rel) for rel, e in
                   (("templates/blank", blank), ("tags/root", root_tag)) if e is not None]
        vms = [m.entity.obj for m in self.top["vms"]]
        hosts = [m.entity.obj for m in self.top["hosts"]]
        sds = [m.entity.obj for m in self.top["storagedomains"]]
        major, minor, build = (int(x) for x in self.model.version.split(".")[:3])
        api = P.API(
            link=links,
            special_objects=P.SpecialObjects(link=special),
            product_info=P.ProductInfo(
                name="oVirt Engine", vendor="ovirt.org",
                version=P.Version(major=major, minor=minor, build_=build, revision=0),
                full_version="%s.2-1.el7.centos" % self.model.version),
            summary=P.ApiSummary(
                vms=P.VMs(total=len(vms), active=sum(
                    1 for v in vms if v.status is not None and v.status.state == "up")),
                hosts=P.Hosts(total=len(hosts), active=sum(
                    1 for h in hosts if h.status is not None and h.status.state == "up")),
                users=P.Users(total=len(self.top["users"]), active=1),
                storage_domains=P.StorageDomains(total=len(sds), active=sum(
                    1 for s in sds if s.data_centers is not None))),
            time=self.now())
        return runtime.to_element(api, "api")

    # ------------------------------------------------------------ body checks

    def parse_body(self, req, link, required=True):
        body = req.body
        if not body or not body.strip():
            if required:
                raise Fault(400, "Incomplete parameters",
                            "%s [%s] required for %s" % (link.body_type or "Entity", "body",
                                                         _method_name(req, link)))
            return None, None
        try:
            root = etree.fromstring(body, runtime.parser())
        except etree.XMLSyntaxError as exc:
            raise Fault(400, "Syntax error", "The request body is not valid XML: %s" % exc) \
                from None
        cls = P._rootClassMap.get(root.tag)
        expected = getattr(P, link.body_type, None) if link.body_type else None
        if cls is None or (expected is not None and not issubclass(cls, expected)):
            raise Fault(400, "Invalid value", "Expected a <%s> document, got <%s>"
                        % (runtime.root_tag(expected) if expected else "?", root.tag))
        try:
            obj = runtime.parse_node(P, root, lazy=False)
        except Exception as exc:        # ValueError, TypeError or the SDK's FormatError
            message = str(exc)
            if message.startswith("[ERROR]::"):
                message = message.split(": ", 1)[-1]
            raise Fault(400, "Invalid value", message) from None
        return root, obj

    def check_sets(self, req, link, root):
        """Indices of the parameter sets the body satisfies (400 when none)."""
        if not link.sets:
            return []
        results = []
        for deprecated, params_ in link.sets:
            results.append([m for p in params_ for m in _missing(root, p)])
        satisfied = [i for i, missing in enumerate(results) if not missing]
        if not satisfied:
            best = min(results, key=len)
            raise Fault(400, "Incomplete parameters", "%s [%s] required for %s"
                        % (link.body_type, ", ".join(best), _method_name(req, link)))
        return satisfied

    # ------------------------------------------------------------ operations

    def op_list(self, req, target, link):
        cinfo, coll = target.cinfo, target.coll
        members = list(coll)
        if cinfo.member_type == "File" and coll.owner is not None:
            sd = coll.owner.obj
            if not (sd.data_centers is not None and sd.data_centers.data_center):
                members = []      # an ISO domain's files are known once it is attached
        frm = req.param("from") if "from" in link.url_params else None
        if frm is not None:
            try:
                start = int(frm)
                members = [m for m in members if int(m.entity.id) > start]
            except ValueError:
                pass
        text = req.param("search") if link.searchable else None
        case_sensitive = True
        cs = req.param("case_sensitive") or req.param("case-sensitive")
        if cs is not None:
            case_sensitive = _as_bool(cs)
        if link.searchable:
            members = self._search(members, text, cinfo, case_sensitive)
        elif cinfo.member_type == "Event":
            members.sort(key=lambda m: -int(m.entity.id))
        mx = req.param("max")
        if mx is not None and int(mx) >= 0:
            members = members[:int(mx)]
        root = etree.Element(cinfo.tag)
        details = _details(req)
        for m in members:
            root.append(self.render_member(m, target.path + "/" + m.entity.id, cinfo,
                                           details=details))
        return self._xml(200, root)

    def _search(self, members, text, cinfo, case_sensitive):
        try:
            query = search.parse(text or "")
            cls = getattr(P, cinfo.member_type)
            for field in query.fields:
                _field_path(cls, field)
        except search.SearchError as exc:
            raise Fault(400, "Operation Failed", "[Invalid search text '%s: %s': %s.]"
                        % (cinfo.type.capitalize() if cinfo.type.isupper() else cinfo.type,
                           text, exc)) from None

        def values(member, field):
            return self._field_values(member, field)

        out = [m for m in members if search.matches(query, m, values, case_sensitive)]
        if query.sortby:
            out.sort(key=lambda m: search.sort_key(
                (values(m, query.sortby) or [None])[0], query.sortby),
                reverse=query.descending)
        elif cinfo.member_type == "Event":
            out.sort(key=lambda m: -int(m.entity.id))
        else:
            out.sort(key=lambda m: search.sort_key(m.entity.name))
        page = query.page or 1
        if self.page_size:
            out = out[(max(page, 1) - 1) * self.page_size:max(page, 1) * self.page_size]
        return out

    def _field_values(self, member, field):
        if field.lower() == "id":
            return [member.entity.id]
        path = _field_path(type(member.entity.obj), field)
        values = [member.entity.obj]
        for depth, f in enumerate(path):
            nxt = []
            for v in values:
                if v is None:
                    continue
                if depth == 0 and f.name in member.overlay:
                    val = member.overlay[f.name]
                else:
                    val = getattr(v, f.name, None)
                if f.many:
                    nxt.extend(val or [])
                else:
                    nxt.append(val)
            values = nxt
        out = []
        for v in values:
            if isinstance(v, runtime.GeneratedsSuper):
                d = runtime.info(type(v)).by_name
                if "state" in d:
                    out.append(v.state)
                elif getattr(v, "name", None):
                    out.append(v.name)
                elif "id" in d and v.id:
                    target = self.referenced(v)
                    if target is not None:
                        out.append(target.name)
                    out.append(v.id)
            else:
                out.append(v)
        return out

    def op_add(self, req, target, link):
        root, obj = self.parse_body(req, link)
        satisfied = self.check_sets(req, link, root)
        behaviour.validate_enums(obj)
        cinfo, coll = target.cinfo, target.coll
        status = 201
        if cinfo.is_view:
            attach = [i for i in satisfied if _is_attach_set(link.sets[i][1])]
            if attach:
                entity = self.resolve_ref(obj, cinfo.home.href)
                if entity is None:
                    raise Fault(400, "Incomplete parameters", "%s [id|name] required for add"
                                % link.body_type)
                if entity.id in coll.members:
                    label = behaviour.LABELS.get(cinfo.member_type, cinfo.member_type)
                    raise behaviour.cannot("attach", label,
                                           "The %s is already attached." % label)
                member = self.link(coll, entity)
                try:
                    behaviour.on_attach(self, coll, member, obj)
                except Fault:
                    self.unlink(coll, entity)
                    raise
                path = target.path + "/" + entity.id
                return self._xml(status, self.render_member(member, path, cinfo),
                                 [("Location", path)])
        existing = behaviour.before_create_child(self, coll, obj) if not cinfo.is_view else None
        if existing is not None:
            path = target.path + "/" + existing.entity.id
            self.normalize(existing.entity.obj, cinfo.resource_href, keep=("status",))
            return self._xml(status, self.render_member(existing, path, cinfo),
                             [("Location", path)])
        home = self.top[cinfo.home.href] if cinfo.is_view else coll
        view_values = behaviour.view_overlay(coll, obj) if cinfo.is_view else {}
        self.normalize(obj, home.info.resource_href)
        if cinfo.is_view and coll.owner is not None:
            _set_owner_ref(self, obj, coll.owner)
        entity = self.create(home, obj, view=coll if cinfo.is_view else None)
        member = coll.get(entity.id)
        member.overlay.update(view_values)
        path = target.path + "/" + entity.id
        overlay = None
        kind = type(obj).__name__
        expect = (req.header("Expect") or req.header("X-Ovirt-Expect") or "").lower()
        if kind in behaviour.ASYNC_CREATE and "201-created" not in expect:
            status = 202
            overlay = {"status": behaviour.status("locked")}
        return self._xml(status, self.render_member(member, path, cinfo, overlay),
                         [("Location", path)])

    def op_update(self, req, target, link):
        root, obj = self.parse_body(req, link)
        if link.sets:
            self.check_sets(req, link, root)
        behaviour.validate_enums(obj)
        entity = target.entity
        kind = type(entity.obj).__name__
        self.normalize(obj, entity.home.info.resource_href)
        new_name = getattr(obj, "name", None)
        if new_name and new_name != entity.name and kind not in behaviour.NON_UNIQUE_NAMES:
            if any(m.entity.name == new_name for m in entity.home):
                raise behaviour.cannot("edit", behaviour.LABELS.get(kind, kind),
                                       "The given name is already in use.")
        if target.view:
            # values that live in the view (a disk's 'active' on a VM) stay there
            for key in list(target.member.overlay):
                value = obj.__dict__.get(key)
                if value is not None and key != "status":
                    target.member.overlay[key] = value
                    setattr(obj, key, None)
        _merge(entity.obj, obj)
        if kind == "Disk" and obj.alias:
            entity.obj.name = obj.alias
        return self._xml(200, self.render_member(target.member, target.path, target.cinfo))

    def op_delete(self, req, target, link):
        body = None
        if req.body and req.body.strip():
            root, body = self.parse_body(req, link, required=False)
            # an empty <action/> (what the SDK sends by default) means "no options"
            if link.sets and root is not None and root.tag == "action" and len(root):
                self.check_sets(req, link, root)
        entity = target.entity
        if target.view:
            add = target.cinfo.add_link
            attach_only = add is not None and add.sets and all(
                _is_attach_set(s[1]) for s in add.sets)
            if attach_only or behaviour.detach_only(target.cinfo, body):
                behaviour.on_detach(self, target.coll, target.member)
                self.unlink(target.coll, entity)
                return Reply(200, b"", [("Content-Length", "0")])
        behaviour.before_delete(self, entity)
        self.destroy(entity)
        return Reply(200, b"", [])

    def op_delete_members(self, req, target, link):
        """DELETE on a collection (gluster bricks): removes the members the body lists."""
        root, body = self.parse_body(req, link)
        self.check_sets(req, link, root)
        coll = target.coll
        for child in root:
            ident, name = child.get("id"), child.findtext("name")
            for m in coll:
                if (ident and m.entity.id == ident) or (name and m.entity.name == name):
                    if m.entity.home is coll:
                        self.destroy(m.entity)
                    else:
                        self.unlink(coll, m.entity)
        return Reply(200, b"", [])

    def op_action(self, req, target, link):
        root, action = self.parse_body(req, link, required=False)
        if root is not None:
            self.check_sets(req, link, root)
        if action is None:
            action = P.Action()
        behaviour.validate_enums(action)
        extra = None
        if target.kind == "action":
            extra = behaviour.run_action(self, target, target.rel, action)
        response = _copy(action, extra or {})
        asynchronous = _as_bool(req.param("async") or "false") or bool(action.async_)
        response.status = behaviour.status("pending" if asynchronous else "complete")
        response.id = str(uuid.uuid4())
        response.href = target.path + "/" + response.id
        parent = target.path.rsplit("/", 1)[0]
        response.link = [P.Link(href=parent, rel="parent"),
                         P.Link(href=target.path, rel="replay")]
        response.actions = None
        return self._xml(202 if asynchronous else 200, runtime.to_element(response, "action"))


# ---------------------------------------------------------------- helpers

def _doc(element):
    return etree.tostring(element, pretty_print=True, xml_declaration=True,
                          encoding="UTF-8", standalone=True)


def _details(req):
    """The ``detail=`` parameters of the Accept header (``detail=nics+disks``)."""
    out = []
    for part in (req.header("Accept") or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "detail":
            out.extend(v for v in value.replace(" ", "+").split("+") if v)
    return out


def _copy(obj, changes):
    values = runtime.state(obj)
    values.update(changes)
    new = runtime.from_node(type(obj), None)
    new.__dict__.update(values)
    return new


def _merge(dst, src):
    """PUT semantics: what the request sets replaces; nested values merge."""
    for f in runtime.info(type(src)).fields:
        value = src.__dict__.get(f.name)
        if value is None or (f.many and not value):
            continue
        current = getattr(dst, f.name, None)
        if (f.cls is not None and not f.many and current is not None
                and type(current) is type(value) and not getattr(value, "href", None)
                and not getattr(value, "id", None)):
            _merge(current, value)
        else:
            setattr(dst, f.name, value)


def _strip_secrets(obj):
    for f in runtime.info(type(obj)).fields:
        value = obj.__dict__.get(f.name)
        if value is None:
            continue
        if f.xml in behaviour.SECRET_FIELDS:
            setattr(obj, f.name, None)
        elif f.cls is not None:
            for item in (value if f.many else [value]):
                if item is not None:
                    _strip_secrets(item)


def _set_owner_ref(engine, obj, owner):
    """An entity created through a view refers to the view's owner
    (a cluster added under a data center gets that ``data_center``)."""
    owner_type = type(owner.obj)
    for f in runtime.info(type(obj)).elements:
        if f.cls is owner_type and not f.many and obj.__dict__.get(f.name) is None:
            setattr(obj, f.name, engine.ref(owner, f.cls))
            return


def _is_attach_set(params_):
    for name, type_, required, sub in params_:
        parts = name.split(".")
        if required and len(parts) == 2 and "id" in parts[1].split("|"):
            return True
    return False


def _method_name(req, link):
    return {"POST": "add" if link.rel == "add" else link.rel, "PUT": "update",
            "DELETE": "remove"}.get(req.method, link.rel)


def _has_content(node):
    return bool((node.text or "").strip()) or len(node) > 0 or bool(node.attrib)


def _present(node, segs):
    alts = []
    for alt in segs[0].split("|"):
        alts.append(alt)
        alts.extend(behaviour.PARAM_ALIASES.get(alt, ()))
    last = len(segs) == 1
    for alt in alts:
        if last and node.get(alt) not in (None, ""):
            return True
        for child in node.iterchildren(alt):
            if (last and _has_content(child)) or (not last and _present(child, segs[1:])):
                return True
    return False


def _find_all(node, segs):
    nodes = [node]
    for seg in segs:
        nodes = [c for n in nodes for c in n.iterchildren(seg)]
    return nodes


def _missing(root, param):
    """The names of ``param`` (and its members' params) that the body lacks."""
    name, type_, required, sub = param
    segs = name.split(".")[1:]
    short = ".".join(segs)
    if type_ == "collection":
        nodes = _find_all(root, segs)
        if required and not nodes:
            return [short]
        out = []
        for node in nodes:
            for s in sub:
                if s[2] and not _present(node, s[0].split(".")[1:]):
                    if s[0] not in out:
                        out.append(s[0])
        return out
    if required and not _present(root, segs):
        return [short]
    return []


def _field_path(cls, field):
    """The fields a search field names (``status``, ``cluster``, ``cpu.topology.cores``)."""
    out = []
    current = cls
    for part in field.split("."):
        if current is None:
            raise search.SearchError("unknown field '%s'" % field)
        by_norm = {}
        for f in runtime.info(current).fields:
            by_norm.setdefault(_norm(f.xml), f)
        f = by_norm.get(_norm(part))
        if f is None or f.xml in ("link", "actions"):
            raise search.SearchError("unknown field '%s'" % field)
        out.append(f)
        current = f.cls
    return out
