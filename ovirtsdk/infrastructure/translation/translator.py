"""``Translator``: the one boundary where v3 calls become v4 requests.

It has the transport's interface (``request(method, url, body, headers)`` returning
a response with ``status``, ``reason``, ``headers`` and ``body``), so the context
hands every broker request to it instead of to the ``ConnectionsPool`` and nothing
above it knows that the engine speaks v4. A call is parsed (``V3Call``), routed by
the tables of ``routes`` and served by a handler of ``handlers``; the v4 replies
come back as the v3 document the brokers parse. Engine faults are ``RequestError``
as usual (the transport raises them); calls without a translation raise
``NotTranslatedError`` before anything is sent.

State shared between threads (the per-API caches of ``handlers``) is guarded by a
lock; everything else is per call.
"""
import threading
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from lxml import etree

from ovirtsdk.infrastructure import errors
from ovirtsdk.xml.parser import fromstring as parse_xml

from . import handlers, routes, v4links
from .xmlmap import NotTranslatable


class V3Call(object):
    """One v3 request, taken apart."""

    __slots__ = ("method", "segments", "ids", "pattern", "params", "headers", "body",
                 "root")

    def __init__(self, method, segments, params, headers, body):
        self.method = method.upper()
        self.segments = segments
        self.ids = [s for i, s in enumerate(segments) if i % 2 == 1]
        self.pattern = "/".join("{}" if i % 2 else s for i, s in enumerate(segments))
        if segments and len(segments) % 2 == 0:
            # a collection action (``hosts/{}/nics/setupnetworks``), not a member id
            action = self.pattern[:-2] + segments[-1]
            if action in routes.COLLECTION_ACTIONS:
                self.pattern, self.ids = action, self.ids[:-1]
        self.params = params          # ordered (name, value) pairs: matrix then query
        self.headers = dict(headers or {})
        self.body = body
        self.root = None
        if body is not None and body.strip():
            self.root = parse_xml(body)

    @property
    def where(self):
        return "%s /%s" % (self.method, self.pattern)

    def param(self, name, default=None):
        for key, value in self.params:
            if key == name:
                return value
        return default

    def __repr__(self):
        return "<V3Call %s>" % self.where


class Translated(object):
    """A response built by the translator: a v3 document, kept as its tree.

    Like the pool's parsed replies, ``body`` is None and ``root`` is the element
    (None for an empty reply): the converted tree is never written out and parsed
    again. ``dialect`` None: ``root`` is in the v3 form throughout; otherwise the
    dialect (``xmlmap.LAZY``) that puts each element into the v3 form as the lazy
    params objects read it (``runtime.Pending``), and only the root's own tag and
    its items' tags are v3 yet.
    """

    __slots__ = ("status", "reason", "headers", "root", "dialect")
    body = None

    def __init__(self, status, reason, headers, root, dialect=None):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.root = root
        self.dialect = dialect

    def __repr__(self):
        return "<Translated %s %s <%s>>" % (self.status, self.reason,
                                             getattr(self.root, "tag", None))


def renamed_segments(segments):
    """``segments`` (a v3 path, ids in the odd places) with the longest prefix listed
    in ``routes.PATH_RENAMES`` replaced by its v4 path."""
    for n in range(len(segments), 0, -1):
        pattern = "/".join("{}" if i % 2 else s for i, s in enumerate(segments[:n]))
        target = routes.PATH_RENAMES.get(pattern)
        if target is not None:
            ids = [s for i, s in enumerate(segments[:n]) if i % 2 == 1]
            head = [ids[int(part[1:-1])] if part.startswith("{") else part
                    for part in target.split("/")]
            return head + list(segments[n:])
    return list(segments)


def _bool_param(value):
    text = str(value)
    return text.lower() if text.lower() in ("true", "false") else text


class Translator(object):
    """Serves v3 calls against a v4-only engine through one ``ConnectionsPool``."""

    def __init__(self, pool, base_url):
        self.pool = pool
        self.base_url = base_url.rstrip("/")
        self.base_path = urlsplit(self.base_url).path.rstrip("/")
        self.engine = None          # "oVirt Engine 4.5.6", set from the entry point
        self.lock = threading.Lock()
        self.cache = {}             # per-API lookups (vNIC profiles ...); see handlers
        self._loading = {}          # key -> lock held while that key loads

    # -- the transport interface ------------------------------------------------------

    def request(self, method, url=None, body=None, headers=None, last=False):
        call = self.parse(method, url, body, headers)
        try:
            handler = self.route(call)
            return handler(self, call)
        except NotTranslatable as exc:
            raise errors.NotTranslatedError(exc.where, self.engine_name(),
                                            exc.reason) from None

    def engine_name(self):
        return self.engine or "an engine serving API v4 only"

    # -- parsing and routing ----------------------------------------------------------

    def parse(self, method, url, body, headers):
        if isinstance(body, str):
            body = body.encode("utf-8")
        parts = urlsplit(url or self.base_url)
        path = parts.path
        if path == self.base_path or path == self.base_path + "/":
            rest = ""
        elif path.startswith(self.base_path + "/"):
            rest = path[len(self.base_path) + 1:].strip("/")
        else:
            raise errors.NotTranslatedError(
                "%s %s" % (method, path), self.engine_name(),
                "the URL is not below the entry point %s" % self.base_path)
        segments, params = [], []
        for raw in (rest.split("/") if rest else ()):
            name, _, matrix = raw.partition(";")
            segments.append(unquote(name))
            for item in matrix.split(";") if matrix else ():
                key, _, value = item.partition("=")
                params.append((unquote(key), unquote(value)))
        params.extend(parse_qsl(parts.query, keep_blank_values=True))
        return V3Call(method, segments, params, headers, body)

    def route(self, call):
        pattern = call.pattern
        name = routes.HANDLERS.get(pattern)
        if name is not None:
            return handlers.HANDLERS[name]
        if pattern in routes.NOT_TRANSLATED:
            raise NotTranslatable(call.where, routes.NOT_TRANSLATED[pattern])
        return handlers.same

    # -- v4 requests ------------------------------------------------------------------

    def v4_path(self, call, action_renames=True):
        """The v4 pattern and path of ``call`` (same path, or ``routes.PATH_RENAMES``)."""
        segments = renamed_segments(call.segments)
        if len(segments) % 2 == 1 and len(segments) >= 3 and call.method == "POST":
            resource = "/".join("{}" if i % 2 else s
                                for i, s in enumerate(segments[:-1]))
            renamed = routes.ACTION_RENAMES.get(resource, {}).get(segments[-1])
            if renamed and action_renames:
                segments[-1] = renamed
        pattern = "/".join("{}" if i % 2 else s for i, s in enumerate(segments))
        return pattern, "/".join(quote(s, safe="") for s in segments)

    def check_v4(self, call, pattern, method=None):
        """The v4 URL parameters of ``method pattern``; refuse what v4 lacks."""
        method = method or call.method
        accepted = v4links.LINKS.get(pattern, {}).get(method)
        if accepted is None or (call.pattern in routes.NOT_SAME
                                and pattern == call.pattern):
            raise NotTranslatable(call.where, "API v4 has no %s /%s" % (method, pattern))
        return accepted

    def url_params(self, call, accepted, extra=()):
        """v4 query pairs from the call's matrix/query parameters (refusing unknown ones)."""
        query = []
        for key, value in list(call.params) + list(extra):
            value = _bool_param(value)
            if key in accepted:
                query.append((key, value))
            elif (key, value.lower()) in routes.HARMLESS_DEFAULTS:
                continue
            else:
                raise NotTranslatable(
                    call.where, "the URL parameter %s=%s has no v4 equivalent here"
                    % (key, value))
        return query

    def send(self, method, path, query=(), body=None, headers=None, parse=False):
        """One v4 request; ``path`` relative to the entry point. Returns a Response."""
        url = self.base_url + ("/" + path if path else "")
        if query:
            url += "?" + urlencode(list(query))
        if body is not None and not isinstance(body, (bytes, str)):
            body = etree.tostring(body, encoding="utf-8")
        return self.pool.request(method, url, body=body, headers=headers, parse=parse)

    def send_tree(self, method, path, query=(), body=None, headers=None):
        """``send`` and parse: (response, root or None)."""
        response = self.send(method, path, query, body, headers, parse=True)
        if response.body is None:
            return response, response.root
        text = response.body
        if not text or not text.strip():
            return response, None
        return response, parse_xml(text)

    def reply(self, response, root, dialect=None):
        """The v3 response for a converted tree (or an empty body); ``dialect``:
        see ``Translated``."""
        return Translated(response.status, response.reason, response.headers, root,
                          dialect)

    # -- per-API cache ------------------------------------------------------------------

    def cached(self, key, load):
        """``load()`` once per API and key; concurrent callers wait for one load."""
        with self.lock:
            if key in self.cache:
                return self.cache[key]
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self.lock:
                if key in self.cache:
                    return self.cache[key]
            value = load()
            with self.lock:
                self.cache[key] = value
                return value

    def cluster_networks(self, cluster_id):
        """{network name: network id} of a cluster (cached per API and cluster; key
        ``("cluster_networks", id)``)."""
        def load():
            _, root = self.send_tree("GET", "clusters/%s/networks" % quote(cluster_id, safe=""))
            return {n.findtext("name"): n.get("id")
                    for n in (root.iterchildren("network") if root is not None else ())}
        return self.cached(("cluster_networks", cluster_id), load)

    def cluster_network_id(self, where, cluster_id, name):
        """The id of the network ``name`` of a cluster (read again once when the
        cached table lacks it); NotTranslatable when the cluster has none such."""
        found = self.cluster_networks(cluster_id).get(name)
        if found is None:
            self.forget(("cluster_networks", cluster_id))
            found = self.cluster_networks(cluster_id).get(name)
        if found is None:
            raise NotTranslatable(where, "no network named %r in the cluster" % name)
        return found

    def forget(self, key):
        with self.lock:
            self.cache.pop(key, None)
