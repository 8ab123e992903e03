"""``FakeEngine``: the fake oVirt engine on a real HTTP(S) socket.

The HTTP side (authentication, sessions, SSO tokens, TLS certificates) lives here,
on the shared ``httpserver.HTTPServer`` (threads, sockets), for both dialects; what
a request does lives in ``engine.Engine`` (3.6, API v3) or
``dialects.v4.engine.Engine`` (4.5, API v4).
"""
import base64
import binascii
import collections
import json
import os
import shutil
import tempfile
import time
import uuid
from urllib.parse import parse_qs

from . import double, httpserver
from . import seed as seeding
from .engine import Engine
from .fault import Fault
from .model import PREFIX, api_prefix

DEFAULT_USERS = {"admin@internal": "letmein"}
API_VERSIONS = (3, 4)
# The 4.x engine's single sign-on service (what ovirtsdk4.Connection asks for a token).
SSO_TOKEN = "/ovirt-engine/sso/oauth/token"
SSO_LOGOUT = "/ovirt-engine/services/sso-logout"
SSO_TOKEN_TTL = 10 * 365 * 24 * 3600     # seconds announced; a token ends at logout or reset
DEFAULT_SESSION_TTL = 30          # minutes, as the engine's UserSessionTimeOutInterval
COOKIE = "JSESSIONID"


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
    seed                an inventory (dict, see ``seed()``) or the path of a file
                        holding one (``load()``), created at start; in the 3.6
                        API's terms for both versions (``ovirtsdk.testing.seed``)
    ca_dir              write the certificates (``ca.crt`` ...) into this directory
                        and leave them there (default: a temporary one, removed
                        by ``stop()``)
    api_version         3: an oVirt 3.6 engine (API v3, the default); 4: an oVirt
                        4.5 engine (API v4 only, with its SSO token service, for
                        the v4 SDK ``ovirtsdk4`` and v3-over-v4 translation)

    For tests:
    ``add_fault(method, path, status, reason, detail, times=1)`` makes matching
    requests fail; ``assert_faults_used()`` fails when one was never hit;
    ``requests`` the last requests received (``RecordedRequest``: method, path,
    headers, body, status), ``requests_to(method, path)`` those matching;
    ``seed(inventory)`` / ``load(path)`` create inventory in bulk;
    ``engine`` holds the state (``engine.engine.find("vms", name="vm1")``);
    ``sessions`` the open sessions; ``advance_clock(s)`` moves time forward;
    ``reset()`` restores the default state.

    ``page_size`` is the engine's SearchResultsLimit: a search (every list of a
    searchable collection) answers at most that many results per page unless the
    request gives ``max`` (``api.vms.list(max=500)``); ``page_size=0`` lifts it.
    """

    def __init__(self, https=True, port=0, host="127.0.0.1", users=None,
                 require_client_cert=False, page_size=100, session_ttl=DEFAULT_SESSION_TTL,
                 iso_files=None, populate=True, seed=None, ca_dir=None, api_version=3):
        if api_version not in API_VERSIONS:
            raise ValueError("api_version must be one of %s, not %r" % (API_VERSIONS,
                                                                       api_version))
        self.api_version = api_version
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
        self.engine = self._engine_class()(users=list(self.users), page_size=page_size,
                                           iso_files=iso_files, populate=populate)
        self.sessions = {}
        self.tokens = {}                  # SSO access token -> user (API v4)
        self.requests = collections.deque(maxlen=1000)
        self.faults = []
        self._seed = seed
        self._apply_seed()
        self._tmp = None
        self.ca_file = self.client_cert_file = self.client_key_file = None
        self.ssl_context = None
        if self.https:
            from .tls import Certificates
            if ca_dir is None:
                self._tmp = directory = tempfile.mkdtemp(prefix="ovirt-fake-engine-")
            else:
                directory = os.path.abspath(ca_dir)
                os.makedirs(directory, exist_ok=True)
            certs = Certificates(directory, client=self.require_client_cert, host=host)
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
        return "<FakeEngine v%d %s>" % (self.api_version, self.url)

    def _engine_class(self):
        if self.api_version == 4:
            from .dialects.v4.engine import Engine as V4Engine
            return V4Engine
        return Engine

    # ------------------------------------------------------------ test helpers

    def reset(self):
        """Back to the default environment (and the ``seed`` given to the constructor);
        every session ends, the request log and the injected faults are cleared."""
        with self.engine.lock:
            fresh = self._engine_class()(users=list(self.users),
                                         page_size=self.engine.page_size,
                                         iso_files=self.engine.iso_files,
                                         populate=self._populate)
            self.engine.__dict__.update(
                {k: v for k, v in fresh.__dict__.items() if k != "lock"})
            self.sessions.clear()
            self.tokens.clear()
            self.requests.clear()
            self.faults = []
            self._apply_seed()

    def _apply_seed(self):
        if self._seed is None:
            return
        if isinstance(self._seed, dict):
            self.seed(self._seed)
        else:
            self.load(self._seed)

    def advance_clock(self, seconds):
        """Move the engine's clock forward (session expiry, event times)."""
        with self.engine.lock:
            self.engine.clock_offset += seconds

    # ------------------------------------------------------------ the test double

    def add_fault(self, method, path, status, reason=None, detail=None, times=1,
                  headers=None):
        """Answer the next ``times`` requests matching ``method`` (or ``"*"``) and
        ``path`` with ``status`` and a ``<fault>`` of ``reason``/``detail`` (the SDK
        raises ``RequestError`` with them).  ``path`` is a glob over the path under
        the API root (``"/vms/*/start"``) or a compiled regex; ``times=None`` fails
        every match until ``clear_faults()``.  Returns the ``InjectedFault`` (its
        ``hits`` count what it answered)."""
        fault = double.InjectedFault(method, path, status, reason, detail, times, headers)
        with self.engine.lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self):
        """Forget every injected fault (used or not)."""
        with self.engine.lock:
            self.faults = []

    def unused_faults(self):
        """The injected faults not hit as often as asked (``times=None``: never hit)."""
        with self.engine.lock:
            return [f for f in self.faults if not f.used]

    def assert_faults_used(self):
        """AssertionError naming every injected fault the script never ran into."""
        unused = self.unused_faults()
        if unused:
            raise AssertionError(double.unused_report(unused))

    def requests_to(self, method=None, path=None):
        """The recorded requests with that method and/or path (glob as for
        ``add_fault``), oldest first."""
        with self.engine.lock:
            return [r for r in self.requests if r.matches(method, path)]

    def seed(self, inventory):
        """Create an inventory in bulk (see ``ovirtsdk.testing.seed``); returns
        {collection: [entity, ...]} of what was created at the top level."""
        with self.engine.lock:
            return seeding.seed(self.engine, inventory)

    def load(self, path):
        """``seed()`` the inventory of a JSON (or YAML) file."""
        return self.seed(seeding.load_file(path))

    def api_kwargs(self, **extra):
        """Keyword arguments for ``ovirtsdk.api.API`` (or, with ``api_version=4``,
        ``ovirtsdk4.Connection``) connecting to this engine."""
        kwargs = dict(url=self.url, username=self.username, password=self.password)
        if self.ca_file:
            kwargs["ca_file"] = self.ca_file
        if self.client_cert_file:
            kwargs.update(cert_file=self.client_cert_file, key_file=self.client_key_file)
        kwargs.update(extra)
        return kwargs

    # ------------------------------------------------------------ requests

    def _serve_http(self, request):
        reply = self.serve(request.method, request.path, httpserver.Headers(request.headers),
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
            record = double.RecordedRequest(method, path, dict(headers.items()), body)
            self.requests.append(record)
            route = path.split("?", 1)[0]
            if self.api_version == 4 and route in (SSO_TOKEN, SSO_LOGOUT):
                reply = self._sso(method, route, path, headers, body)
                record.status = reply.status
                return reply
            try:
                user, extra_headers, close = self._authenticate(method, path, headers)
            except Fault as fault:
                reply = engine.fault_reply(fault)
                record.status = reply.status
                return reply
            record.user = user
            injected = next((f for f in self.faults if f.matches(method, path)), None)
            if injected is not None:
                injected.hits += 1
                if injected.remaining is not None:
                    injected.remaining -= 1
                reply = engine.fault_reply(Fault(injected.status, injected.reason,
                                                 injected.detail, headers=injected.headers))
            else:
                reply = engine.handle(method, path, headers, body, user=user)
            reply.headers.extend(extra_headers)
            if close is not None:
                self.sessions.pop(close, None)
            record.status = reply.status
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
        if user is None and self.api_version == 4:
            user = self._bearer_user(headers.get("Authorization"))
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

    def _bearer_user(self, header):
        if not header or not header.lower().startswith("bearer "):
            return None
        return self.tokens.get(header[7:].strip())

    # ------------------------------------------------------------ SSO (API v4)

    def _sso(self, method, route, path, headers, body):
        """The engine's OAuth token service: ``grant_type=password`` → a bearer token."""
        Reply = httpserver.Reply
        if method not in ("GET", "POST"):
            return Reply(405, b"", [("Allow", "GET, POST")], content_type=None)
        form = {}
        for source in (path.partition("?")[2],
                       body.decode("utf-8", "replace") if body else ""):
            for key, values in parse_qs(source, keep_blank_values=True).items():
                form[key] = values[0]

        def answer(status, data):
            return Reply(status, json.dumps(data).encode("utf-8"),
                         [("Content-Type", "application/json")], content_type=None)

        if route == SSO_LOGOUT:
            user = self.tokens.pop(form.get("token", ""), None)
            if user is not None:
                self.engine.event(31, "User %s logged out." % user)
            return answer(200, {})
        if form.get("grant_type") != "password":
            return answer(400, {"error_code": "unsupported_grant_type",
                                "error": "The grant type is not supported: %s"
                                         % form.get("grant_type")})
        user, password = form.get("username", ""), form.get("password")
        if not user or self.users.get(user) != password:
            return answer(400, {"error_code": "access_denied",
                                "error": "Cannot authenticate user '%s': The username or "
                                         "password is incorrect." % user})
        token = uuid.uuid4().hex + uuid.uuid4().hex
        self.tokens[token] = user
        self.engine.event(30, "User %s logged in." % user)
        return answer(200, {"access_token": token, "scope": form.get("scope", "ovirt-app-api"),
                            "exp": str(int((time.time() + SSO_TOKEN_TTL) * 1000)),
                            "token_type": "bearer"})


def _cookie(header, name):
    if not header:
        return None
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
