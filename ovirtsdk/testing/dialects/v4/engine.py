"""The v4 dialect's request handling: an oVirt 4.5 engine, generic over the v4 model.

``Engine.handle()`` takes one HTTP request (authenticated by the shared HTTP layer,
``ovirtsdk.testing.server``) and returns the reply. The URL is walked down the
collection tree of the v4 services (collection → id → sub-collection, action or
sub-resource), the link of the method and href is looked up, its URL parameters
are checked, and one of six generic operations serves it: list, add, get, update,
remove, action. ``behaviour`` adds the engine's defaults and state changes. The
state (``ovirtsdk.testing.state``: store, clock, events, creating, linking and
destroying entities), the search language (``ovirtsdk.testing.search``) and the
HTTP layer are the ones the v3 dialect uses, reading v4 values through
``access.Access``; the model and the rendering are v4's own.
"""
import logging
from urllib.parse import parse_qs, unquote

from lxml import etree

from ovirtsdk.xml import parser as xml_parser

from ... import behaviour as common
from ... import flows
from ...fault import Fault
from ...httpserver import Reply
from .. import schema_reply, wants_schema
from ...routing import Target
from ...state import State
from ...store import Member
from . import behaviour
from .access import Access, is_view
from .model import PREFIX, get_model
from .xmlio import Obj, bad, deep_copy, document, parse_document, render

_log = logging.getLogger("ovirtsdk.testing")

# Never taken from a request: computed by the engine.
READ_ONLY = ("id", "href", "actions", "link", "status", "creation_time")


class Request(object):
    __slots__ = ("method", "segments", "query", "headers", "body", "version")

    def __init__(self, method, path, headers, body):
        self.method = method
        raw, _, qs = path.partition("?")
        self.query = parse_qs(qs, keep_blank_values=True)
        self.headers = headers
        self.body = body or b""
        self.segments = None
        self.version = None
        rest = raw[len(PREFIX):] if raw.startswith(PREFIX) else None
        if rest is not None and (rest == "" or rest.startswith("/") or rest.startswith(";")):
            segs = []
            for part in rest.split("/"):
                # matrix parameters (``vms/123;force=true``) count as query parameters
                name, *matrix = part.split(";")
                for item in matrix:
                    key, _, value = item.partition("=")
                    self.query.setdefault(unquote(key), []).append(unquote(value) or "true")
                if name:
                    segs.append(unquote(name))
            if segs and len(segs[0]) > 1 and segs[0][0] == "v" and segs[0][1:].isdigit():
                self.version = segs.pop(0)[1:]
            self.segments = segs

    def param(self, name):
        values = self.query.get(name)
        return values[0] if values else None

    def flag(self, name, default=False):
        value = self.param(name)
        if value is None:
            return default
        return value.strip().lower() == "true"


def _follow(text):
    """``follow=disk_attachments.disk,nics`` → {'disk_attachments': {'disk': {}}, 'nics': {}}"""
    tree = {}
    for item in (text or "").split(","):
        node = tree
        for part in item.strip().split("."):
            if part:
                node = node.setdefault(part, {})
    return tree


class Engine(State):
    """The v4 dialect: the shared state (``state.State``) with the v4 model, object
    access and rules, and the v4 request handling and rendering below."""

    api_version = 4
    model_factory = staticmethod(get_model)
    access = Access()
    rules = behaviour

    def home_of(self, type_name):
        """The top-level collection of a type (a snapshot, although a ``Vm`` in the
        model, is no VM: homes go by the exact type)."""
        return self.model.type_home.get(type_name)

    def is_view(self, info):
        return is_view(info)

    # ------------------------------------------------------------ normalising requests

    def resolve_ref(self, value, type_name=None, strict=True):
        """A sent reference (id or name) → the stored entity; 400 when unknown."""
        type_name = type_name or value.type
        home = self.home_of(type_name)
        if home is None:
            return None
        ident, name = value.get("id"), value.get("name")
        coll = self.top[home.href]
        if ident:
            m = coll.get(ident)
            if m is None and strict:
                raise Fault(404, "Operation Failed", "Entity not found: %s: id=%s"
                            % (type_name, ident))
            return m.entity if m else None
        if name:
            for m in coll:
                if m.entity.name == name:
                    return m.entity
            if strict:
                raise Fault(404, "Operation Failed", "Entity not found: %s: name=%s"
                            % (type_name, name))
        return None

    def normalize(self, obj, top=True):
        """A request entity → what is stored: computed members dropped, references to
        entities resolved to ``Obj(type, id=…)``."""
        info = self.model.types[obj.type]
        for member in info.members:
            if member.tag not in obj:
                continue
            value = obj[member.tag]
            if top and member.tag in READ_ONLY and member.tag != "id":
                del obj[member.tag]
                continue
            if member.kind == "struct":
                obj[member.tag] = self._normalize_one(value, member)
            elif member.kind in ("list", "many"):
                obj[member.tag] = [self._normalize_one(v, member) for v in value]
        return obj

    def _normalize_one(self, value, member):
        tinfo = self.model.types[value.type]
        home = self.home_of(value.type) if tinfo.entity else None
        if home is not None and (value.get("id") or value.get("name")) and \
                set(value) <= {"id", "name"} | ({"href"} if "href" in value else set()):
            entity = self.resolve_ref(value, strict=value.type in behaviour.STRICT_REFS)
            if entity is not None:
                return self.ref(entity)
            return value
        if home is not None and value.get("id") and member.link is not None:
            entity = self.resolve_ref(value, strict=value.type in behaviour.STRICT_REFS)
            if entity is not None:
                return self.ref(entity)
        return self.normalize(value, top=False)

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
            _log.exception("fake engine (v4) failed on %s %s", method, path)
            return self.fault_reply(Fault(500, "Internal Server Error", "%s: %s"
                                          % (type(exc).__name__, exc)))

    def fault_reply(self, fault):
        if fault.html:
            body = ("<html><head><title>Error</title></head><body>%s</body></html>"
                    % (fault.detail or fault.reason or "Not Found")).encode("utf-8")
            return Reply(fault.status, body, [("Content-Type", "text/html;charset=UTF-8")]
                         + fault.headers)
        root = etree.Element("fault")
        if fault.detail is not None:
            etree.SubElement(root, "detail").text = fault.detail
        etree.SubElement(root, "reason").text = fault.reason
        return Reply(fault.status, document(root), [("Content-Type", "application/xml")]
                     + fault.headers)

    def _xml(self, status, element, headers=()):
        return Reply(status, document(element), [("Content-Type", "application/xml")]
                     + list(headers))

    def _dispatch(self, req):
        version = req.version or (req.headers.get("Version") or "").strip() or "4"
        if req.segments is None or version != "4":
            # 4.4+ engines serve no other version: the path does not exist.
            raise Fault(404, "Not Found", html=True)
        if not req.segments:
            if req.method not in ("GET", "HEAD"):
                raise Fault(405, "Method Not Allowed", html=True)
            if wants_schema(req.param):
                from .apischema import XSD
                return schema_reply(XSD)
            return self._xml(200, self.render_api(req))
        target = self.resolve(req.segments)
        link = self.model.link(req.method, target.template)
        if link is None:
            if self.model.methods(target.template):
                raise Fault(405, "Method Not Allowed", html=True)
            raise Fault(404, "Not Found", html=True)
        self._check_query(req, link)
        if target.kind == "collection":
            if req.method == "GET":
                return self.op_list(req, target, link)
            if req.method == "DELETE":
                return self.op_remove_members(req, target, link)
            return self.op_add(req, target, link)
        if target.kind in ("action", "collaction"):
            return self.op_action(req, target, link)
        if target.kind == "serviceadd":
            return self.op_service_add(req, target, link)
        if target.kind == "serviceget":
            return self.op_service_get(req, target, link)
        if req.method == "GET":
            return self.op_get(req, target, link)
        if req.method == "PUT":
            return self.op_update(req, target, link)
        return self.op_remove(req, target, link)

    def _system_service(self, segments):
        """A service at the top that is no collection: an action of the system
        (``reloadconfigurations``), an add-only service (``externalvmimports``) or a
        resource got by name (``options/{name}``)."""
        seg, path = segments[0], PREFIX + "/" + "/".join(segments)
        link = self.model.links.get(("POST", seg))
        if len(segments) == 1 and link is not None:
            kind = "action" if link.body_type == "Action" else "serviceadd"
            return Target(kind, seg, path=path, rel=seg)
        if len(segments) == 2:
            template = next((h for (m, h) in self.model.links
                             if m == "GET" and h.startswith(seg + "/{") and h.count("/") == 1),
                            None)
            if template is not None:
                return Target("serviceget", template, path=path, rel=segments[1])
        raise Fault(404, "Not Found", html=True)

    def resolve(self, segments):
        """Walk the URL down the collection tree."""
        coll = self.top.get(segments[0])
        if coll is None:
            return self._system_service(segments)
        cinfo = coll.info
        path = PREFIX + "/" + segments[0]
        target = Target("collection", cinfo.href, coll, cinfo, path=path)
        for seg in segments[1:]:
            if target.kind == "collection" and ("POST", cinfo.href + "/" + seg) in \
                    self.model.links:
                # an action on the collection (events/undelete, glusterbricks/migrate)
                target = Target("collaction", cinfo.href + "/" + seg, coll, cinfo,
                                path=path + "/" + seg, rel=seg)
            elif target.kind == "collection":
                member = coll.get(seg)
                if member is None:
                    raise Fault(404, "Operation Failed", "Entity not found: %s" % seg)
                path = path + "/" + seg
                target = Target("resource", cinfo.resource_href, coll, cinfo, member, path)
            elif target.kind == "resource":
                res = self.model.resources.get(cinfo.resource_href)
                if res is not None and seg in res.subcollections:
                    cinfo = self.model.collections[res.subcollections[seg]]
                    coll = self.children(target.entity, seg)
                    path = path + "/" + seg
                    target = Target("collection", cinfo.href, coll, cinfo, path=path)
                elif res is not None and seg in res.actions:
                    target = Target("action", res.actions[seg].href, coll, cinfo,
                                    target.member, path + "/" + seg, rel=seg)
                else:
                    raise Fault(404, "Not Found", html=True)
            else:
                raise Fault(404, "Not Found", html=True)
        return target

    def routable(self, method, href):
        """True when a link (method, href template) is served by one of the operations."""
        if href in self.model.collections:
            return method in ("GET", "POST", "DELETE")
        if href in self.model.resources:
            return method in ("GET", "PUT", "DELETE")
        owner, _, seg = href.rpartition("/")
        res = self.model.resources.get(owner)
        if method == "POST" and owner in self.model.collections:
            return True                 # an action on a collection
        link = self.model.links.get((method, href))
        if link is None:
            return False
        if not owner and method == "POST":      # a service of the system
            return link.body_type == "Action" or link.body_type in behaviour.SERVICE_ADDS
        if method == "GET" and "/" not in owner and owner not in self.model.collections:
            return link.response_type in behaviour.SERVICE_GETS
        return method == "POST" and res is not None and seg in res.actions

    def _check_query(self, req, link):
        for name, values in req.query.items():
            spec = link.url_params.get(name)
            if spec is None or not values:
                continue
            value = values[0].strip()
            if spec == "xs:int":
                try:
                    int(value)
                except ValueError:
                    raise bad("Value '%s' of parameter '%s' is not an integer"
                              % (value, name)) from None
            elif spec == "xs:boolean" and value.lower() not in ("true", "false"):
                raise bad("Value '%s' of parameter '%s' is not a boolean" % (value, name))

    # ------------------------------------------------------------ rendering

    def href_of(self, entity):
        return entity.href

    def render_entity(self, member, path, cinfo, follow=None, tag=None):
        entity = member.entity
        obj = entity.obj
        if member.overlay:
            obj = obj.copy()
            obj.update(member.overlay)
        res = self.model.resources.get(cinfo.resource_href) if cinfo is not None else None
        follow = follow or {}

        def hooks(o, m):
            if o is obj:
                if m.tag == "actions":
                    if not res or not res.actions:
                        return []
                    actions = etree.Element("actions")
                    for seg in sorted(res.actions):
                        etree.SubElement(actions, "link", href=path + "/" + seg, rel=seg)
                    return [actions]
                if m.tag == "link":
                    if not res:
                        return []
                    return [etree.Element("link", href=path + "/" + seg, rel=seg)
                            for seg in sorted(res.subcollections)]
                if m.list_link and res is not None and m.link in res.subcollections:
                    # served as a sub-collection: a <link>, inline only when followed
                    sub = follow.get(m.tag)
                    if sub is None:
                        return []
                    return [self._inline_collection(entity, m, sub)]
            return self._reference(o, m, follow if o is obj else None)

        return render(self.model, obj, tag or cinfo.member_tag, hooks, href=path)

    def _reference(self, owner, m, follow):
        """``<cluster href id/>`` for a stored reference (or the entity, followed)."""
        if m.kind == "struct":
            value = owner.get(m.tag)
            if not (isinstance(value, Obj) and set(value) == {"id"}):
                return None
            target = self.referenced(value)
            if target is None:
                el = etree.Element(m.tag, id=value["id"])
                return [el]
            if follow is not None and m.tag in follow:
                cinfo = target.home.info
                return [self.render_entity(target.home.get(target.id), target.href, cinfo,
                                           follow[m.tag], tag=m.tag)]
            return [etree.Element(m.tag, href=target.href, id=target.id)]
        if m.kind in ("list", "many") and not m.list_link:
            value = owner.get(m.tag)
            if not value or not all(isinstance(v, Obj) and set(v) == {"id"} for v in value):
                return None
            wrapper = etree.Element(m.tag)
            for v in value:
                target = self.referenced(v)
                if target is None:
                    etree.SubElement(wrapper, m.items, id=v["id"])
                else:
                    etree.SubElement(wrapper, m.items, href=target.href, id=target.id)
            return [wrapper]
        return None

    def _inline_collection(self, entity, m, follow):
        coll = self.children(entity, m.link)
        wrapper = etree.Element(m.tag)
        for member in self.visible(coll):
            wrapper.append(self.render_entity(member, coll.path + "/" + member.entity.id,
                                              coll.info, follow, tag=m.items))
        return wrapper

    def visible(self, coll):
        return behaviour.visible(self, coll, list(coll))

    def render_api(self, req):
        api = behaviour.api_summary(self)
        links = []
        for href in self.model.top_level:
            links.append(etree.Element("link", href=PREFIX + "/" + href, rel=href))
            link = self.model.link("GET", href)
            if link is not None and "search" in link.url_params:
                links.append(etree.Element("link", href=PREFIX + "/" + href + "?search={query}",
                                           rel=href + "/search"))

        def hooks(o, m):
            if o is api and m.tag == "link":
                return links
            if o is api and m.tag == "actions":
                return []
            return self._reference(o, m, None)

        return render(self.model, api, "api", hooks)

    # ------------------------------------------------------------ operations

    def parse_body(self, req, link):
        if not req.body.strip():
            raise Fault(400, "Incomplete parameters", "%s [body] required for %s"
                        % (link.body_type or "Entity", link.rel))
        return parse_document(self.model, req.body, link.body_type)

    def op_list(self, req, target, link):
        cinfo = target.cinfo
        members = flows.listed(self, req, target, link)
        follow = _follow(req.param("follow"))
        root = etree.Element(cinfo.tag)
        everything = self.wants_all_content(req)
        for m in members:
            if everything:
                m = self._with_all_content(m)
            root.append(self.render_entity(m, target.path + "/" + m.entity.id, cinfo, follow))
        return self._xml(200, root)

    def wants_all_content(self, req):
        return common.wants_all_content(req.headers.get("All-Content"),
                                        req.param("all_content"))

    def _with_all_content(self, member, extra=None):
        """The member with what ``All-Content`` adds (``behaviour.all_content``)."""
        values = dict(member.overlay)
        values.update(common.all_content(self, member.entity))
        values.update(extra or {})
        return Member(member.entity, values, member.created_here)

    # how the shared listing (``flows.listed``) reads v4 objects

    def check_search_field(self, member_type, field):
        behaviour.check_search_field(self, member_type, field)

    def field_values(self, member, field):
        return behaviour.field_values(self, member, field)

    def search_fault(self, cinfo, text, exc):
        return bad("Invalid search text '%s': %s" % (text, exc))

    def op_get(self, req, target, link):
        """The entity as the request's parameters show it (``current``, ``follow``);
        an update answers the same way (the engine's update returns its get())."""
        member = target.member
        extra = common.get_overlay(self, target.entity, req.flag("current"))
        if self.wants_all_content(req):
            member = self._with_all_content(member, extra)
        elif extra:
            member = Member(member.entity, dict(member.overlay, **extra), member.created_here)
        return self._xml(200, self.render_entity(member, target.path, target.cinfo,
                                                 _follow(req.param("follow"))))

    def op_add(self, req, target, link):
        tag, obj = self.parse_body(req, link)
        cinfo, coll = target.cinfo, target.coll
        behaviour.check_required(self, obj, cinfo)
        label = behaviour.LABELS.get(obj.type, obj.type)
        if self.is_view(cinfo):
            entity = self.resolve_ref(obj, cinfo.member_type, strict=False) \
                if (obj.get("id") or obj.get("name")) else None
            if entity is not None:
                member = flows.attach(self, coll, entity, obj, label)
                path = target.path + "/" + entity.id
                return self._xml(201, self.render_entity(member, path, cinfo),
                                 [("Location", path)])
        existing = common.before_create_child(self, coll, obj)
        if existing is not None:
            path = target.path + "/" + existing.entity.id
            return self._xml(201, self.render_entity(existing, path, cinfo),
                             [("Location", path)])
        behaviour.before_normalize(self, obj, coll, req)
        requested = common.take_requested(self, obj)
        self.normalize(obj)
        if coll.owner is not None:
            common.set_owner(self, obj, coll.owner)
        # the client chooses these ids; so does an inventory (seeding: ``quiet``)
        given_id = obj.get("id") if obj.type in behaviour.CLIENT_IDS or self.quiet \
            else None
        member = flows.create(self, target, obj, given_id, requested, label)
        path = target.path + "/" + member.entity.id
        return self._xml(201, self.render_entity(member, path, cinfo),
                         [("Location", path)])

    def op_update(self, req, target, link):
        tag, obj = self.parse_body(req, link)
        entity = target.entity
        if behaviour.on_update(self, target, obj, req):
            return self.op_get(req, target, link)
        for key in READ_ONLY:
            obj.pop(key, None)
        self.normalize(obj, top=False)
        flows.update(self, target, obj, behaviour.LABELS.get(entity.obj.type, entity.obj.type))
        return self.op_get(req, target, link)

    def merge(self, dst, src):
        """PUT semantics on v4 values (``_merge``)."""
        _merge(dst, src)

    def op_remove(self, req, target, link):
        cinfo, entity = target.cinfo, target.entity
        if self.is_view(cinfo) and target.coll.members.get(entity.id) is not None \
                and entity.home is not target.coll:
            flows.remove(self, target, detach=True)
            return Reply(200, b"", [])
        context = behaviour.before_delete(self, entity, req)
        flows.remove(self, target, force=req.flag("force"),
                     keep_disks=req.flag("detach_only"))
        behaviour.after_delete(self, entity, req, context)
        return Reply(200, b"", [])

    def op_service_add(self, req, target, link):
        """POST to an add-only service (``externalvmimports``): the body's entity is
        checked, its references resolved, and the service's rule answers what it made."""
        tag, obj = self.parse_body(req, link)
        behaviour.check_required(self, obj, None)
        names, fn = behaviour.SERVICE_ADDS[obj.type]
        new = {k: obj.pop(k) for k in names if k in obj}     # named, not resolved
        self.normalize(obj, top=False)
        reply = fn(self, obj, new)
        return self._xml(200, render(self.model, reply, tag,
                                     lambda o, m: [] if m.tag in ("actions", "link")
                                     else self._reference(o, m, None)))

    def op_service_get(self, req, target, link):
        """GET of a resource named in the URL under a service that lists nothing
        (``options/{name}``): the service's rule answers it."""
        fn = behaviour.SERVICE_GETS[link.response_type]
        return self._xml(200, render(self.model, fn(self, target.rel, req),
                                     self.model.tag(link.response_type),
                                     lambda o, m: [] if m.tag in ("actions", "link")
                                     else self._reference(o, m, None), href=target.path))

    def op_remove_members(self, req, target, link):
        """DELETE on a collection (a gluster volume's bricks): the body lists the
        members to remove (``<bricks><brick><name>…``)."""
        if not req.body.strip():
            raise bad("The members to remove are required: <%s><%s>…"
                      % (target.cinfo.tag, target.cinfo.member_tag))
        try:
            root = xml_parser.fromstring(req.body)
        except Exception as exc:
            raise bad("The request body is not valid XML: %s" % exc) from None
        self.remove_members(target.coll, [(c.get("id") or c.findtext("id"),
                                           c.findtext("name")) for c in root])
        return Reply(200, b"", [])

    def op_action(self, req, target, link):
        if req.body.strip():
            tag, action = parse_document(self.model, req.body, "Action")
        else:
            action = Obj("Action")
        new = {k: action.pop(k) for k in common.ACTION_NEW_ENTITIES.get(target.rel, ())
               if k in action}              # named by the action, not resolved
        self.normalize(action, top=False)
        action.update(new)
        result = behaviour.run_action(self, target, target.rel, action) or {}
        reply = Obj("Action", {k: v for k, v in action.items() if k != "id"})
        reply.update(result)
        code, reply["status"] = common.action_answer(self, action, req.param("async"))
        return self._xml(code, render(self.model, reply, "action",
                                     lambda o, m: [] if m.tag in ("actions", "link")
                                     else self._reference(o, m, None)))


def _merge(dst, src):
    for key, value in src.items():
        cur = dst.get(key)
        if isinstance(value, Obj) and isinstance(cur, Obj) and set(value) != {"id"} \
                and set(cur) != {"id"}:
            _merge(cur, value)
        else:
            dst[key] = deep_copy(value)
