"""From a request line to an operation: URL parsing and the walk down the link model.

``Router.handle()`` takes one HTTP request (already authenticated by the server),
walks its URL down the collection tree of the model (collection → id →
sub-collection or action ...), looks up the link of the method and href template,
checks the URL parameters and calls one of the generic ``operations``; the
engine's dialect (``self.dialect``) parses the body and renders the reply.
"""
import logging
import re
from urllib.parse import parse_qs, unquote

from .fault import Fault
from .model import PREFIX, api_prefix

_log = logging.getLogger("ovirtsdk.testing")


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
    __slots__ = ("method", "segments", "matrix", "query", "headers", "body", "raw_path",
                 "prefix")

    def __init__(self, method, path, headers, body):
        self.method = method
        raw, _, qs = path.partition("?")
        self.raw_path = raw
        self.query = parse_qs(qs, keep_blank_values=True)
        self.headers = headers
        self.body = body or b""
        self.matrix = {}
        self.prefix = api_prefix(raw)
        rest = raw[len(self.prefix):] if self.prefix else None
        self.segments = None
        if rest is not None:
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

    def flag(self, name):
        """A boolean URL parameter (``;current``, ``current=true``)."""
        value = self.param(name)
        return value is not None and value.strip().lower() in ("", "true")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _has_control_characters(req):
    texts = list(req.segments) + list(req.matrix) + list(req.matrix.values())
    for key, values in req.query.items():
        texts.append(key)
        texts.extend(values)
    return any(_CONTROL.search(t) for t in texts)


class Router(object):
    """Mixed into the engine: request → routed ``Target`` → operation → ``Reply``."""

    def handle(self, method, path, headers, body, user=None):
        """Serve one request; returns a ``Reply`` (faults included)."""
        if user:
            self.user = user
        req = Request(method, path, headers, body)
        try:
            reply = self._dispatch(req)
        except Fault as fault:
            reply = self.fault_reply(fault)
        except Exception as exc:
            # A bug of the fake engine: answer like an engine would, and say what broke.
            _log.exception("fake engine failed on %s %s", method, path)
            reply = self.fault_reply(Fault(500, "Internal Server Error", "%s: %s"
                                           % (type(exc).__name__, exc)))
        if req.prefix is not None and req.prefix != PREFIX:
            _rebase(reply, req.prefix)
        return reply

    def fault_reply(self, fault):
        """The dialect's error reply for ``fault``."""
        return self.dialect.fault_reply(self, fault)

    def _dispatch(self, req):
        if req.segments is None:
            raise Fault(404, "Not Found", html=True)
        if _has_control_characters(req):
            # No id, name or parameter of the engine holds one (%00 and friends).
            raise Fault(400, "Bad Request", html=True)
        if not req.segments:
            if req.method not in ("GET", "HEAD"):
                raise Fault(405, "Method Not Allowed", html=True)
            return self.dialect.entry_point(self, req)
        target = self.resolve(req.segments)
        link = self.model.link(req.method, target.template)
        if link is None:
            if any(h == target.template for (_, h) in self.model.links):
                raise Fault(405, "Method Not Allowed", html=True)
            raise Fault(404, "Not Found", html=True)
        self._check_url_params(req, link)
        route = ROUTES.get((target.kind, req.method))
        if route is None:
            raise Fault(405, "Method Not Allowed", html=True)
        return route(self, req, target, link)

    # One function per (what the URL names, method): read the body, run the
    # operation, render the answer.

    def _list(self, req, target, link):
        d = self.dialect
        return d.collection(self, target, self.op_list(req, target, link), d.details(req),
                            self._extra(req))

    def _add(self, req, target, link):
        d = self.dialect
        status, member, overlay = self.op_add(req, target, link, d.read(self, req, link))
        return d.created(self, target, status, member, overlay)

    def _delete_members(self, req, target, link):
        d = self.dialect
        self.op_delete_members(req, target, link, d.read(self, req, link))
        return d.empty()

    def _get(self, req, target, link):
        d = self.dialect
        return d.resource(self, target, d.details(req), self._extra(req))

    def _extra(self, req):
        """What a GET adds to each member's stored values (``All-Content``, a CD-ROM's
        ``current`` disc): a function of the member, else None."""
        everything = self._all_content(req)
        if not req.flag("current"):
            return everything

        def extra(member):
            values = everything(member) if everything else {}
            values.update(self.rules.get_overlay(self, member.entity, True) or {})
            return values
        return extra

    def _all_content(self, req):
        """``All-Content: true``: what it adds to each member (a function), else None."""
        if not self.rules.wants_all_content(req.header("All-Content")):
            return None
        return lambda member: self.rules.all_content(self, member.entity)

    def _update(self, req, target, link):
        d = self.dialect
        self.op_update(req, target, link, d.read(self, req, link))
        return d.resource(self, target, extra=self._extra(req))

    def _delete(self, req, target, link):
        d = self.dialect
        self.op_delete(req, target, link, d.read_delete(self, req, link))
        return d.empty()

    def _action(self, req, target, link):
        d = self.dialect
        status, response = self.op_action(req, target, link, d.read_optional(self, req, link))
        return d.action(status, response)

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


def _rebase(reply, prefix):
    """A reply to a request under the legacy prefix: its hrefs and Location under it."""
    old, new = PREFIX.encode(), prefix.encode()
    reply.body = reply.body.replace(b'"' + old + b"/", b'"' + new + b"/") \
        .replace(b'"' + old + b'"', b'"' + new + b'"')
    reply.headers = [(k, v.replace(PREFIX, prefix, 1) if k.lower() == "location" else v)
                     for k, v in reply.headers]


ROUTES = {
    ("collection", "GET"): Router._list,
    ("collection", "POST"): Router._add,
    ("collection", "DELETE"): Router._delete_members,
    ("resource", "GET"): Router._get,
    ("resource", "PUT"): Router._update,
    ("resource", "DELETE"): Router._delete,
    ("action", "POST"): Router._action,
    ("collaction", "POST"): Router._action,
}
