"""``FakeEngine``: the fake oVirt 3.6 engine on a real HTTP(S) socket.

The HTTP side (authentication, sessions, TLS certificates) lives here, on the
shared ``httpserver.HTTPServer`` (threads, sockets); what a request does lives in
``engine.Engine``.
"""
import base64
import binascii
import collections
import shutil
import tempfile
import uuid

from . import httpserver
from .engine import Engine
from .fault import Fault
from .model import PREFIX, api_prefix

DEFAULT_USERS = {"admin@internal": "letmein"}
DEFAULT_SESSION_TTL = 30          # minutes, as the engine's UserSessionTimeOutInterval
COOKIE = "JSESSIONID"


class _Headers(object):
    """Case-insensitive view of the request headers."""

    def __init__(self, message):
        self._items = {k.lower(): v for k, v in message.items()}

    def get(self, name, default=None):
        return self._items.get(name.lower(), default)

    def items(self):
        return self._items.items()


class Session(object):
    __slots__ = ("id", "user", "ttl", "last")

    def __init__(self, user, ttl, now):
        self.id = uuid.uuid4().hex
        self.user = user
        self.ttl = ttl                # minutes; <= 0: never expires
        self.last = now

    def expired(self, now):
        return self.ttl > 0 and now - self.last > self.ttl * 60


class FakeEngine(object):
    """An in-process oVirt 3.6 engine on 127.0.0.1 (see the package docstring).

    ``with FakeEngine() as engine:`` starts it in a background thread; the
    attributes ``url``, ``ca_file``, ``username``, ``password`` (and
    ``client_cert_file``/``client_key_file`` with ``require_client_cert=True``) are
    what a script passes to ``API()`` (``engine.api_kwargs()`` collects them).

    https               serve HTTPS with a throwaway CA (needs the ``testing`` extra)
    port, host          where to listen (default 127.0.0.1, any free port)
    users               {user: password}; the first is ``username``/``password``
                        (default ``admin@internal``/``letmein``)
    require_client_cert ask TLS clients for a certificate issued by the CA
    page_size           search results per page (the engine's limit, default 100)
    session_ttl         idle minutes of a session without ``Session-TTL`` (30)
    iso_files           files an ISO domain shows once attached
    populate            start from the default environment (True) or empty

    ``engine`` holds the state (``engine.engine.find("vms", name="vm1")``);
    ``sessions`` the open sessions; ``requests`` the last requests received;
    ``advance_clock(s)`` moves time forward; ``reset()`` restores the default state.
    """

    def __init__(self, https=True, port=0, host="127.0.0.1", users=None,
                 require_client_cert=False, page_size=100, session_ttl=DEFAULT_SESSION_TTL,
                 iso_files=None, populate=True):
        self.users = dict(DEFAULT_USERS if users is None else users)
        if not self.users:
            raise ValueError("at least one user is needed")
        self.username, self.password = next(iter(self.users.items()))
        self.https = bool(https)
        self.host = host
        self.default_session_ttl = session_ttl
        self.require_client_cert = bool(require_client_cert)
        if self.require_client_cert and not self.https:
            raise ValueError("require_client_cert needs https=True")
        self._populate = populate
        self.engine = Engine(users=list(self.users), page_size=page_size,
                             iso_files=iso_files, populate=populate)
        self.sessions = {}
        self.requests = collections.deque(maxlen=1000)
        self._tmp = None
        self.ca_file = self.client_cert_file = self.client_key_file = None
        self.ssl_context = None
        if self.https:
            from .tls import Certificates
            self._tmp = tempfile.mkdtemp(prefix="ovirt-fake-engine-")
            certs = Certificates(self._tmp, client=self.require_client_cert, host=host)
            self.ca_file = certs.ca_file
            self.client_cert_file = certs.client_cert_file
            self.client_key_file = certs.client_key_file
            self.ssl_context = certs.server_context()
        self._server = httpserver.HTTPServer(self._serve_http, host=host, port=port,
                                             ssl_context=self.ssl_context,
                                             on_error=self._internal_error,
                                             name="ovirt-fake-engine")
        self.port = self._server.port
        self.url = self._server.origin + PREFIX

    # ------------------------------------------------------------ lifecycle

    def start(self):
        """Serve from a background thread; returns self."""
        self._server.start()
        return self

    def serve_forever(self):
        """Serve in the calling thread until ``stop()`` (or Ctrl-C)."""
        try:
            self._server.serve_forever()
        finally:
            self._cleanup()

    def stop(self):
        """Stop listening and drop every open connection, as an engine going down does."""
        self._server.stop()
        self._cleanup()

    def _cleanup(self):
        self._server.close()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
        return False

    def __repr__(self):
        return "<FakeEngine %s>" % self.url

    # ------------------------------------------------------------ test helpers

    def reset(self):
        """Back to the default environment; every session ends (module-scoped engines)."""
        with self.engine.lock:
            fresh = Engine(users=list(self.users), page_size=self.engine.page_size,
                           iso_files=self.engine.iso_files, populate=self._populate)
            self.engine.__dict__.update(
                {k: v for k, v in fresh.__dict__.items() if k != "lock"})
            self.sessions.clear()
            self.requests.clear()

    def advance_clock(self, seconds):
        """Move the engine's clock forward (session expiry, event times)."""
        with self.engine.lock:
            self.engine.clock_offset += seconds

    def api_kwargs(self, **extra):
        """Keyword arguments for ``ovirtsdk.api.API`` connecting to this engine."""
        kwargs = dict(url=self.url, username=self.username, password=self.password)
        if self.ca_file:
            kwargs["ca_file"] = self.ca_file
        if self.client_cert_file:
            kwargs.update(cert_file=self.client_cert_file, key_file=self.client_key_file)
        kwargs.update(extra)
        return kwargs

    # ------------------------------------------------------------ requests

    def _serve_http(self, request):
        reply = self.serve(request.method, request.path, _Headers(request.headers),
                           request.body)
        reply.date = True
        return reply

    def _internal_error(self, exc):
        reply = self.engine.fault_reply(
            Fault(500, "Internal Server Error", "%s: %s" % (type(exc).__name__, exc)))
        reply.date = True
        return reply

    def serve(self, method, path, headers, body):
        """One request → ``Reply`` (called from the connection threads)."""
        engine = self.engine
        with engine.lock:
            self.requests.append((method, path, dict(headers.items())))
            try:
                user, extra_headers, close = self._authenticate(method, path, headers)
            except Fault as fault:
                return engine.fault_reply(fault)
            reply = engine.handle(method, path, headers, body, user=user)
            reply.headers.extend(extra_headers)
            if close is not None:
                self.sessions.pop(close, None)
            return reply

    def _authenticate(self, method, path, headers):
        """(user, extra reply headers, session id to close after the reply)."""
        now = self.engine.time()
        prefer = "persistent-auth" in (headers.get("Prefer") or "").lower()
        session = None
        sid = _cookie(headers.get("Cookie"), COOKIE)
        if sid is not None:
            session = self.sessions.get(sid)
            if session is not None and session.expired(now):
                del self.sessions[sid]
                session = None
        if session is not None:
            session.last = now
            raw = path.split("?", 1)[0].rstrip("/")
            entry = raw == api_prefix(raw)
            close = session.id if (entry and method == "GET" and not prefer) else None
            return session.user, [], close
        user = self._basic_user(headers.get("Authorization"))
        if user is None:
            raise Fault(401, "Unauthorized", html=True,
                        headers=[("WWW-Authenticate", 'Basic realm="RESTAPI"')])
        if not prefer:
            return user, [], None
        ttl = self.default_session_ttl
        value = headers.get("Session-TTL")
        if value is not None:
            try:
                ttl = int(value.strip())
            except ValueError:
                pass
        session = Session(user, ttl, now)
        self.sessions[session.id] = session
        self.engine.event(30, "User %s logged in." % user)
        cookie = "%s=%s; Path=%s; HttpOnly%s" % (COOKIE, session.id,
                                                 api_prefix(path) or PREFIX,
                                                 "; Secure" if self.https else "")
        return user, [("Set-Cookie", cookie)], None

    def _basic_user(self, header):
        if not header or not header.lower().startswith("basic "):
            return None
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return None
        user, sep, password = decoded.partition(":")
        if not sep or self.users.get(user) != password:
            return None
        return user


def _cookie(header, name):
    if not header:
        return None
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
