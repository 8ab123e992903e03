"""The HTTP transport: one ``requests.Session`` per API instance.

``ConnectionsPool`` owns everything about talking to one engine: TLS settings, auth,
the session cookie, the headers every request carries, debug logging and closing.
``request()`` is the single boundary where requests/urllib3/ssl/socket exceptions become
``errors.ConnectionError``, and HTTP statuses >= 400 become ``errors.RequestError``
(through ``errors.raise_from_response``).

Nothing here is module-level state shared between pools: two API objects to the same
engine have two sessions, two cookie jars, two filters. (The one thing shared is an
immutable-by-use ``ssl.SSLContext`` per identical set of TLS settings and files.)

Per call the pool does not go through ``Session.request``: what never changes for one
engine (headers, proxies from the environment, the TLS context, the urllib3 connection
pool) is worked out once, and each request is a ``PreparedRequest`` sent through the
session's ``HTTPAdapter``. Authentication other than Basic (Kerberos) takes the full
``Session.request`` path, since its handshake runs on response hooks.
"""

import base64
import datetime
import email.parser
import http.client
import http.cookiejar
import logging
import os
import re
import socket
import ssl
import sys
import threading
import time
import warnings
import weakref
import zlib
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
import requests.auth
import requests.cookies
import requests.utils
from requests.models import PreparedRequest
from requests.structures import CaseInsensitiveDict
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
import urllib3.util.ssl_
from urllib3._collections import HTTPHeaderDict

from ovirtsdk.xml import parser as _xmlparser

from . import errors

__all__ = ['ConnectionsPool', 'Response', 'parse_xml']

logger = logging.getLogger('ovirtsdk')

SESSION_COOKIE = 'JSESSIONID'
POOL_SIZE = 20          # concurrent connections kept per host (>= 10 threads at once)
REDACTED = '***'
READ_CHUNK = 256 * 1024
# Limits of one reply (module attributes: a script may change them).
MAX_BODY_SIZE = 1 << 30     # bytes of body after decompression: 1 GiB
MAX_EXPANSION = 100         # decompressed/compressed ratio allowed beyond ...
EXPANSION_FREE = 8 << 20    # ... this many decompressed bytes (engine XML: ~10-30x)


class Response(object):
    """What ``request()`` returns: the parts of a reply the upper layers need.

    ``body`` is the body as bytes; for a successful reply read with
    ``parse=True`` it is None and ``root`` is the parsed document (None when the
    body was empty): the body was fed to the parser as it arrived, never held whole.
    """

    __slots__ = ('status', 'reason', 'headers', 'body', 'root')

    def __init__(self, status, reason, headers, body, root=None):
        self.status = status
        self.reason = reason
        self.headers = headers      # case-insensitive mapping
        self.body = body            # bytes, or None when parsed while reading
        self.root = root            # lxml element (parse=True), None for an empty body

    def __repr__(self):
        if self.body is None:
            return '<Response %s %s, %s>' % (self.status, self.reason,
                                             'empty' if self.root is None
                                             else '<%s> document' % self.root.tag)
        return '<Response %s %s, %d bytes>' % (self.status, self.reason, len(self.body))


# --- XML ---------------------------------------------------------------------------

class _BytesSink(object):
    """Collects a (small: error pages, or parse=False) reply body."""

    __slots__ = ('chunks',)

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(data)

    def close(self):
        chunks = self.chunks
        return chunks[0] if len(chunks) == 1 else b''.join(chunks)


class _Inflater(object):
    """gzip/deflate decoding in bounded pieces (``READ_CHUNK`` bytes of output at
    most per step), so a small compressed reply can never expand in one go."""

    def __init__(self, encoding):
        self._gzip = encoding in ('gzip', 'x-gzip')
        self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip
                                       else zlib.MAX_WBITS)
        self._started = False

    def pieces(self, data):
        while data:
            try:
                out = self._obj.decompress(data, READ_CHUNK)
            except zlib.error as exc:
                if not self._gzip and not self._started:
                    # "deflate" sent as a raw stream, without the zlib header
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise errors.FormatError('the %s body cannot be decompressed (%s)'
                                         % ('gzip' if self._gzip else 'deflate', exc)) \
                    from None
            self._started = True
            if out:
                yield out
            data = self._obj.unconsumed_tail
            if self._obj.eof:
                rest = self._obj.unused_data
                if self._gzip and rest.strip(b'\0'):
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)   # next member
                    data = rest
                else:
                    data = b''

    def flush(self):
        out = self._obj.flush()
        return out


def parse_xml(body):
    """Parse an engine reply into an lxml element, refusing anything dangerous.

    The SDK's one hardened parser (``ovirtsdk.xml.parser``): entities are never
    expanded, nothing is fetched, documents with a DOCTYPE are refused outright (the
    engine never sends one; entity bombs need one) and the engine's indentation is
    dropped. Empty, truncated or non-XML input raises ``errors.FormatError``.
    """
    return _xmlparser.fromstring(body)


# --- auth and redaction ------------------------------------------------------------

class _BasicAuth(requests.auth.AuthBase):
    """HTTP Basic with UTF-8 credentials (requests itself would use Latin-1)."""

    def __init__(self, username, password):
        raw = ('%s:%s' % (username or '', password or '')).encode('utf-8')
        self.token = base64.b64encode(raw).decode('ascii')

    def __call__(self, prepared):
        prepared.headers['Authorization'] = 'Basic ' + self.token
        return prepared

    def __repr__(self):
        return '<BasicAuth %s>' % REDACTED


def _kerberos_auth():
    try:
        from requests_gssapi import HTTPSPNEGOAuth
    except ImportError as exc:
        raise errors.OvirtSdkError(
            'kerberos=True needs the requests-gssapi package: '
            'pip install "ovirt-engine-sdk3[kerberos]" (%s)' % exc) from exc
    return HTTPSPNEGOAuth()


_COOKIE_PAIR = re.compile(r'([^=;,\s]+)=([^;,]*)')
_COOKIE_ATTRIBUTES = {'path', 'domain', 'expires', 'max-age', 'samesite', 'version',
                      'comment'}
_SECRET_ELEMENT = re.compile(
    r'(<([\w:-]*(?:password|passwd|secret|token)[\w:-]*)(?:\s[^>]*)?>)(.*?)(</\2\s*>)',
    re.IGNORECASE | re.DOTALL)


_SECRET_WORD = re.compile(r'password|passwd|secret|token', re.IGNORECASE)
_START_TAG = re.compile(r'<[A-Za-z_][\w:.-]*(?:\s[^<>]*?)?/?>')
_ATTRIBUTE = re.compile(r"""(\s)([\w:.-]+)(\s*=\s*)("[^"]*"|'[^']*')""")


def _redact_start_tag(match):
    """Attribute-valued secrets: ``password="..."`` and the ``value`` of an element
    whose ``name`` is secret (``<option name="passwd" value="..."/>``)."""
    tag = match.group(0)
    names = {m.group(2).lower(): m.group(4)[1:-1] for m in _ATTRIBUTE.finditer(tag)}
    named_secret = bool(_SECRET_WORD.search(names.get('name', '')))
    if not named_secret and not any(_SECRET_WORD.search(n) for n in names):
        return tag

    def attribute(m):
        name = m.group(2).lower()
        if _SECRET_WORD.search(name) or (named_secret and name == 'value'):
            quote = m.group(4)[0]
            return m.group(1) + m.group(2) + m.group(3) + quote + REDACTED + quote
        return m.group(0)
    return _ATTRIBUTE.sub(attribute, tag)


def _redact_header(name, value):
    lname = name.lower()
    if lname in ('authorization', 'proxy-authorization'):
        scheme = value.split(' ', 1)[0] if ' ' in value else ''
        return (scheme + ' ' + REDACTED).strip()
    if lname == 'cookie':
        return _COOKIE_PAIR.sub(lambda m: m.group(1) + '=' + REDACTED, value)
    if lname == 'set-cookie':
        # requests folds several Set-Cookie headers into one: keep the attributes.
        return _COOKIE_PAIR.sub(
            lambda m: m.group(0) if m.group(1).lower() in _COOKIE_ATTRIBUTES
            else m.group(1) + '=' + REDACTED, value)
    return value


# --- TLS context and adapter -------------------------------------------------------

_tls_contexts = {}                  # settings + file identities -> ssl.SSLContext
_tls_contexts_lock = threading.Lock()
_TLS_CONTEXTS_MAX = 32


def _file_identity(path):
    try:
        st = os.stat(path)
    except OSError:
        return None     # loading it fails below, with the system's message
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def tls_context(verify, cert):
    """The ``ssl.SSLContext`` for ``verify`` (False or a CA file/directory) and ``cert``
    (None, a file, or (cert file, key file)), built once per process for identical
    settings and unchanged files.

    Without it urllib3 builds a context for every new connection and, with
    verification off, loads the whole system CA store into it each time. Nothing
    from the environment goes in (REQUESTS_CA_BUNDLE cannot replace ``ca_file``).
    Raises OSError / ssl.SSLError when a file cannot be loaded.
    """
    files = [verify] if isinstance(verify, str) else []
    files += list(cert) if isinstance(cert, tuple) else [cert] if cert else []
    key = (verify, cert, tuple(_file_identity(f) for f in files),
           os.environ.get('SSLKEYLOGFILE'))
    context = _tls_contexts.get(key)
    if context is not None:
        return context
    if verify is False:
        context = urllib3.util.ssl_.create_urllib3_context(cert_reqs=ssl.CERT_NONE)
    else:
        context = urllib3.util.ssl_.create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
        if os.path.isdir(verify):
            context.load_verify_locations(capath=verify)
        else:
            context.load_verify_locations(cafile=verify)
    if isinstance(cert, tuple):
        context.load_cert_chain(cert[0], cert[1])
    elif cert:
        context.load_cert_chain(cert)
    with _tls_contexts_lock:
        if len(_tls_contexts) >= _TLS_CONTEXTS_MAX:
            _tls_contexts.clear()
        context = _tls_contexts.setdefault(key, context)
    return context


COALESCE_MAX = 64 * 1024    # request bodies up to this size go out with the headers


class _OneWrite(object):
    """urllib3 connection mix-in: a small request body leaves in the same write as
    the header block (urllib3 and http.client write them separately, which costs
    a second system call and a second wake-up of the server for every action)."""

    def request(self, method, url, body=None, headers=None, **kwargs):
        if (isinstance(body, bytes) and 0 < len(body) <= COALESCE_MAX
                and not kwargs.get('chunked') and headers is not None
                and 'Content-Length' in headers):
            self._ovirtsdk_body = body
            body = None
        try:
            return super().request(method, url, body=body, headers=headers, **kwargs)
        finally:
            self.__dict__.pop('_ovirtsdk_body', None)

    def send(self, data):
        pending = self.__dict__.pop('_ovirtsdk_body', None)
        if pending is not None:
            data = bytes(data) + pending
        return super().send(data)


# --- deadlines ---------------------------------------------------------------------
#
# A socket timeout bounds each read, not a reply: a server dripping its status line
# byte by byte, or sending "100 Continue" forever, never trips it. Every request
# therefore gets a deadline for the whole exchange (connect, send, status line,
# headers, 1xx replies, body); one watchdog thread per process shuts down the
# socket of any request still running at its deadline, which ends the blocked read.

CONNECT_TIMEOUT = 30.0      # seconds to connect (TCP and TLS), always applied
DEFAULT_TIMEOUT = 900.0     # seconds for a whole reply when API(timeout=None)
_RETRY_FIRE = 0.05          # the deadline passed before a socket existed: retry


def timeout_seconds(timeout):
    """The whole-reply limit for ``timeout`` as given to ``API``: None means the
    default (``DEFAULT_TIMEOUT``), 0 means no limit (the original's ``0``),
    any other non-negative number (int or float) is seconds."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError('timeout=%r' % (timeout,), 'a number of seconds is expected.')
    if timeout != timeout or timeout < 0:
        raise ValueError('timeout=%r: a number of seconds >= 0 is expected '
                         '(0: no limit)' % (timeout,))
    if timeout == 0 or timeout == float('inf'):
        return None
    return float(timeout)


class _Deadline(object):
    """One request's deadline; ``conn`` is the urllib3 connection it runs on."""

    __slots__ = ('at', 'conn', 'fired', 'cut', '__weakref__')

    def __init__(self, at):
        self.at = at
        self.conn = None
        self.fired = False      # the deadline passed
        self.cut = False        # ... and the socket was shut down

    def fire(self):
        """Shut the socket down; False when there is none yet (retry later)."""
        self.fired = True
        sock = getattr(self.conn, 'sock', None)
        if sock is None:
            return False
        self.cut = True         # before the shutdown wakes the reading thread up
        try:
            # socket.socket's own shutdown, also for an SSLSocket: it ends a read
            # blocked in another thread without touching the TLS state.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except (OSError, ValueError, TypeError):
            pass
        return True


class _Watchdog(object):
    """The thread that fires deadlines; started on first use (and after a fork)."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._armed = {}        # id -> _Deadline
        self._thread = None
        self._next = None       # when the thread wakes up next (None: when told)

    def arm(self, seconds):
        entry = _Deadline(time.monotonic() + seconds)
        with self._cond:
            self._armed[id(entry)] = entry
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name='ovirtsdk-deadlines')
                self._thread.start()
            if self._next is None or entry.at < self._next:
                self._cond.notify()
        return entry

    def disarm(self, entry):
        with self._cond:
            self._armed.pop(id(entry), None)
        entry.conn = None

    def _run(self):
        cond = self._cond
        with cond:
            while True:
                now = time.monotonic()
                for key, entry in list(self._armed.items()):
                    if entry.at > now:
                        continue
                    if entry.fire():
                        del self._armed[key]
                    else:
                        entry.at = now + _RETRY_FIRE
                self._next = min((e.at for e in self._armed.values()), default=None)
                cond.wait(None if self._next is None else max(self._next - now, 0.001))

    def _after_fork(self):
        self._cond = threading.Condition(threading.Lock())
        self._armed = {}
        self._thread = None
        self._next = None


_watchdog = _Watchdog()
if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_watchdog._after_fork)
_current = threading.local()     # the deadline of the request this thread is sending


class _Connections(object):
    """The connections one ConnectionsPool opened, so that ``close()`` closes them
    all, also those a thread is still reading from (not only the idle ones)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._items = weakref.WeakSet()

    def add(self, conn):
        with self._lock:
            self._items.add(conn)

    def close_all(self):
        with self._lock:
            items = list(self._items)
            self._items = weakref.WeakSet()
        for conn in items:
            sock = getattr(conn, 'sock', None)
            if sock is not None:
                try:
                    # Wakes up a reader blocked on it; close() alone would wait for
                    # the reader's file object to go away before releasing the fd.
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except (OSError, ValueError, TypeError):
                    pass
            try:
                conn.close()
            except Exception:       # noqa: B902 - closing must go on for the others
                pass


class _DeadlineConnectionMixin(object):
    """Tells the current request's deadline which connection (socket) it runs on,
    and the pool that the connection is one of its own."""

    def connect(self):
        entry = getattr(_current, 'entry', None)
        if entry is not None:
            entry.conn = self
        owner = getattr(_current, 'connections', None)
        if owner is not None:
            owner.add(self)
        return super().connect()

    def request(self, *args, **kwargs):
        entry = getattr(_current, 'entry', None)
        if entry is not None:
            entry.conn = self
        return super().request(*args, **kwargs)


class _HTTPConnection(_DeadlineConnectionMixin, _OneWrite,
                      urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineConnectionMixin, _OneWrite,
                       urllib3.connection.HTTPSConnection):
    pass


class _HTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(requests.adapters.HTTPAdapter):
    """The session's adapter, with the TLS settings of its pool fixed.

    HTTPS connections use one prepared ``ssl.SSLContext`` (see ``tls_context``):
    no context, CA load or file check per connection or request. The urllib3
    connection pool of the engine is looked up once. ``send`` itself is requests'
    own (the ``responses`` library and other test doubles patch it).
    """

    def __init__(self, verify, cert, **kwargs):
        self._tls = (verify, cert)
        self._context = None
        self._direct = None     # (url prefix, urllib3 pool) when no proxy applies
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            'http': _HTTPConnectionPool, 'https': _HTTPSConnectionPool}

    def _ssl_context(self):
        context = self._context
        if context is None:
            context = self._context = tls_context(*self._tls)
        return context

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert)
        if host_params['scheme'] == 'https' and (verify, cert) == self._tls:
            # The context holds the CA and the client certificate: urllib3 must not
            # load them again into it for every connection.
            pool_kwargs = {'ssl_context': self._ssl_context(),
                           'cert_reqs': pool_kwargs['cert_reqs']}
        return host_params, pool_kwargs

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        direct = self._direct
        if (direct is not None and not proxies and (verify, cert) == self._tls
                and request.url.startswith(direct[0]) and direct[1].pool is not None):
            return direct[1]
        conn = super().get_connection_with_tls_context(request, verify, proxies, cert)
        if not proxies and (verify, cert) == self._tls:
            parts = urlsplit(request.url)
            self._direct = ('%s://%s/' % (parts.scheme, parts.netloc), conn)
        return conn

    def direct_pool(self, request, proxies):
        """The urllib3 connection pool ``request`` may be sent on without going
        through ``send``: the engine's own (no proxy), known from an earlier
        request, and only while ``HTTPAdapter.send`` is requests' own (a test
        double that patches it, such as ``responses``, sees every request).
        None otherwise."""
        direct = self._direct
        if (direct is None or proxies or type(self).send is not _REQUESTS_SEND
                or 'send' in self.__dict__ or not request.url.startswith(direct[0])
                or '#' in request.url or direct[1].pool is None):
            return None
        return direct[1]

    def cert_verify(self, conn, url, verify, cert):
        context = getattr(conn, 'conn_kw', {}).get('ssl_context')
        if context is not None and context is self._context:
            # Already in the SSL context; only the mode is set per connection.
            conn.cert_reqs = 'CERT_REQUIRED' if verify else 'CERT_NONE'
            conn.ca_certs = conn.ca_cert_dir = None
            conn.cert_file = conn.key_file = None
            return
        super().cert_verify(conn, url, verify, cert)

    def request_url(self, request, proxies):
        direct = self._direct
        url = request.url
        if (direct is not None and not proxies and url.startswith(direct[0])
                and '#' not in url):
            return url[len(direct[0]) - 1:]     # the path and query, as path_url
        return super().request_url(request, proxies)

    def build_response(self, req, resp):
        # The pool reads cookies from the raw headers itself (``_store_cookies``);
        # requests' per-response cookie jar is only made if someone asks for it.
        response = _Response()
        response.status_code = getattr(resp, 'status', None)
        headers = getattr(resp, 'headers', {})
        # urllib3's HTTPHeaderDict is case-insensitive already: no copy.
        response.headers = (headers if hasattr(headers, 'getlist')
                            else CaseInsensitiveDict(headers))
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url.decode('utf-8') if isinstance(req.url, bytes) else req.url
        response.request = req
        response.connection = self
        return response

    def close(self):
        self._direct = None
        super().close()


# requests' own HTTPAdapter.send, as imported (None when something replaced it before).
_REQUESTS_SEND = requests.adapters.HTTPAdapter.__dict__.get('send')
if getattr(_REQUESTS_SEND, '__module__', None) != 'requests.adapters':
    _REQUESTS_SEND = None


class _Response(requests.models.Response):
    """A requests ``Response`` whose cookie jar is made on first use."""

    def __init__(self):
        self._content = False
        self._content_consumed = False
        self._next = None
        self.status_code = None
        self.headers = None
        self.raw = None
        self.url = None
        self.encoding = None
        self.history = []
        self.reason = None
        self.elapsed = datetime.timedelta(0)
        self.request = None

    @property
    def cookies(self):
        jar = self.__dict__.get('_cookies')
        if jar is None:
            jar = self.__dict__['_cookies'] = requests.cookies.cookiejar_from_dict({})
        return jar

    @cookies.setter
    def cookies(self, jar):
        self.__dict__['_cookies'] = jar


class _RefuseAll(http.cookiejar.DefaultCookiePolicy):
    """The session's own jar stays empty: the pool keeps its cookies (``_cookies``)."""

    def set_ok(self, cookie, request):
        return False

    def return_ok(self, cookie, request):
        return False


def _set_cookie_values(raw_headers, fallback):
    """Every Set-Cookie header value of a reply, unfolded."""
    getlist = getattr(raw_headers, 'getlist', None)
    if getlist is not None:
        return getlist('Set-Cookie')
    value = fallback.get('Set-Cookie')
    return [value] if value else []


# Names the pool itself looks up: a caller's spelling of them is normalised.
_CANONICAL_HEADERS = {'cookie': 'Cookie', 'content-length': 'Content-Length',
                      'host': 'Host'}
_HEADER_LINES_MAX = 64      # encoded header lines kept per pool


class _DirectReply(object):
    """A reply read on the direct path (``ConnectionsPool._send_direct``): the
    parts of a requests ``Response`` the pool uses, over http.client's response.
    ``close()`` gives the connection back to the urllib3 pool when the body was
    read to its end, and closes it otherwise."""

    __slots__ = ('status_code', 'reason', 'headers', 'raw', 'request', '_response',
                 '_conn', '_pool', '_timeout')

    def __init__(self, pool, conn, response, request, timeout):
        self.status_code = response.status
        self.reason = response.reason
        self.headers = response.headers
        self.raw = self
        self.request = request
        self._response = response
        self._conn = conn
        self._pool = pool
        self._timeout = timeout

    def read1(self, amount, decode_content=False):
        try:
            data = self._response.read1(amount)
        except socket.timeout:
            raise _read_timeout(self._pool, self.request.url, self._timeout) from None
        return data

    def close(self):
        conn, self._conn = self._conn, None
        if conn is None:
            return
        response = self._response
        # Read to its end (http.client leaves a Content-Length body at length 0
        # open): the connection is ready for the next request.
        done = response.isclosed() or response.length == 0
        response.close()
        if done:
            self._pool._put_conn(conn)
        else:
            conn.close()
            self._pool._put_conn(None)


_MAX_LINE = 65536       # bytes of a status or header line (http.client's limits)
_MAX_HEADERS = 100
_PLAIN_HEADER = re.compile(r'[!#-\'*+.0-9A-Z^-z|~-]+:[^\x00-\x08\x0a-\x1f\x7f]*\Z')


class _DirectResponse(http.client.HTTPResponse):
    """http.client's response whose header block is read into urllib3's
    ``HTTPHeaderDict`` (``headers``, also ``msg``) by a plain line parser:
    http.client's own goes through the email package. A block with anything
    unusual (folded lines, odd names) is parsed by http.client's parser after all.
    Status line, 1xx replies, framing (chunked, Content-Length, close) and the
    line and count limits are http.client's."""

    def begin(self):
        if self.headers is not None:
            return
        while True:
            version, status, reason = self._read_status()
            if status != http.client.CONTINUE:
                break
            self._header_lines()        # a 100 Continue's headers are dropped
        self.code = self.status = status
        self.reason = reason.strip()
        if version == 'HTTP/1.0':
            self.version = 10
        elif version.startswith('HTTP/1.'):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        self.headers = self.msg = headers = _parse_header_lines(self._header_lines())
        encoding = headers.get('Transfer-Encoding')
        self.chunked = bool(encoding) and encoding.lower() == 'chunked'
        self.chunk_left = None
        self.will_close = self._check_close()
        self.length = None
        length = headers.get('Content-Length')
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                pass
            else:
                if self.length < 0:
                    self.length = None
        if (status in (http.client.NO_CONTENT, http.client.NOT_MODIFIED)
                or 100 <= status < 200 or self._method == 'HEAD'):
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True

    def _header_lines(self):
        lines = []
        readline = self.fp.readline
        while True:
            line = readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                raise http.client.LineTooLong('header line')
            if line in (b'\r\n', b'\n', b''):
                return lines
            lines.append(line)
            if len(lines) > _MAX_HEADERS:
                raise http.client.HTTPException('got more than %d headers' % _MAX_HEADERS)


def _parse_header_lines(lines):
    """``HTTPHeaderDict`` of raw header lines (bytes, line ends included)."""
    items = []
    for line in lines:
        text = line.decode('iso-8859-1').rstrip('\r\n')
        if not _PLAIN_HEADER.match(text):
            message = email.parser.Parser(_class=http.client.HTTPMessage).parsestr(
                b''.join(lines).decode('iso-8859-1'))
            return HTTPHeaderDict(message.items())
        name, _, value = text.partition(':')
        items.append((name, value.lstrip(' \t')))
    return HTTPHeaderDict(items)


def _missing_bytes(reply, received):
    """How many bytes of its announced Content-Length a reply body lacks."""
    status = reply.status_code
    if status < 200 or status in (204, 304):
        return 0
    headers = reply.headers
    if 'chunked' in (headers.get('Transfer-Encoding') or '').lower():
        return 0
    try:
        expected = int(headers.get('Content-Length'))
    except (TypeError, ValueError):
        return 0
    return max(expected - received, 0)


def _read_timeout(pool, url, seconds):
    return urllib3.exceptions.ReadTimeoutError(
        pool, url, 'Read timed out. (read timeout=%s)' % seconds)


def _set_header(headers, name, value):
    """Set ``name`` in ``headers`` (a plain dict), replacing any spelling of it."""
    lname = name.lower()
    for key in headers:
        if key.lower() == lname:
            headers[key] = value
            return
    headers[_CANONICAL_HEADERS.get(lname, name)] = value


_URL_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*\Z")


# --- the pool ----------------------------------------------------------------------

class ConnectionsPool(object):
    """One engine, one ``requests.Session``; safe to share between threads.

    ``url`` is the entry point, already normalised by the API (no trailing slash, no
    query), e.g. ``https://engine.example.com/ovirt-engine/api``.
    """

    def __init__(self, url, username=None, password=None, key_file=None,
                 cert_file=None, ca_file=None, timeout=None, insecure=False,
                 validate_cert_chain=True, debug=False, kerberos=False,
                 session_timeout=None, persistent_auth=True, renew_session=False,
                 filter=False):
        parts = urlsplit(url)
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            raise ValueError('url must be an absolute http(s) URL, got %r' % (url,))
        self.url = url
        self._origin = '%s://%s' % (parts.scheme, parts.netloc.rpartition('@')[2])
        self._username = username
        self._password = password
        self._persistent_auth = bool(persistent_auth)
        self._session_timeout = session_timeout
        self._renew_session = bool(renew_session)
        self._filter = bool(filter)
        self._debug = bool(debug)
        self._closed = False
        # timeout: seconds for a whole reply (see timeout_seconds); the connect
        # timeout always applies, each socket read is bounded by the whole.
        self._total = timeout_seconds(timeout)
        self._timeout = (min(CONNECT_TIMEOUT, self._total or CONNECT_TIMEOUT), self._total)

        # TLS. verify/cert go on every request: requests would otherwise let
        # REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE replace a session-level value.
        self._verify = False
        if parts.scheme == 'https' and not insecure:
            if validate_cert_chain:
                if not ca_file:
                    raise errors.NoCertificatesError()
                self._verify = ca_file
        if cert_file and key_file:
            self._cert = (cert_file, key_file)
        else:
            self._cert = cert_file or None
        if parts.scheme == 'https' and self._verify is False:
            warnings.warn(
                'ovirtsdk: %s, the identity of %s is not verified; pass ca_file instead'
                % ('insecure=True' if insecure else 'validate_cert_chain=False',
                   self._origin), stacklevel=3)
            # Said once here; urllib3 would repeat it on every request to this host.
            warnings.filterwarnings(
                'ignore', category=urllib3.exceptions.InsecureRequestWarning,
                message=re.escape("Unverified HTTPS request is being made to host '%s'"
                                  % parts.hostname))

        if kerberos:
            self._auth = _kerberos_auth()
            self._basic = None
        elif username is not None or password is not None:
            self._auth = self._basic = _BasicAuth(username, password)
        else:
            self._auth = self._basic = None

        session = requests.Session()
        session.cookies.set_policy(_RefuseAll())
        adapter = _Adapter(self._verify, self._cert,
                           pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0)
        session.mount('https://', adapter)
        session.mount('http://', adapter)
        session.headers.update({
            'Version': '3',
            'Content-Type': 'application/xml',
            'Accept': 'application/xml',
            'User-Agent': user_agent(),
            # Only what _read_body decodes itself, in bounded pieces.
            'Accept-Encoding': 'gzip, deflate',
        })
        self._session = session
        self._adapter = adapter

        # What every request carries, worked out once (requests would merge the
        # session's settings and read the environment on every call).
        self._base_headers = dict(session.headers)
        if isinstance(self._auth, _BasicAuth):
            self._base_headers['Authorization'] = 'Basic ' + self._auth.token
            self._fast = True
        else:
            self._fast = self._auth is None
        self._proxies = (requests.utils.get_environ_proxies(url)
                         if session.trust_env else {})
        self._cookies = {}          # name -> (value, path): what the engine set
        self._cookie_header = None  # their Cookie header, rebuilt when they change
        self._cookies_lock = threading.Lock()
        self._connections = _Connections()
        self._header_lines = {}     # (name, value) -> the validated, encoded line

        if self._debug:
            _ensure_visible_debug_logging()

    # -- state -------------------------------------------------------------------------

    def set_filter(self, filter):
        self._filter = bool(filter)

    def set_api_version(self, version):
        """The ``Version`` header of every request from now on ('3' or '4').

        Chosen once while connecting, before requests run in parallel.
        """
        self._session.headers['Version'] = str(version)
        self._base_headers['Version'] = str(version)

    def get_api_version(self):
        return self._base_headers['Version']

    def get_filter(self):
        return self._filter

    def set_renew_session(self, renew_session):
        self._renew_session = bool(renew_session)

    def get_renew_session(self):
        return self._renew_session

    @property
    def closed(self):
        return self._closed

    def __repr__(self):
        return '<ConnectionsPool %s user=%r password=%s%s>' % (
            self.url, self._username, REDACTED, ' closed' if self._closed else '')

    # -- requests ----------------------------------------------------------------------

    def request(self, method, url=None, body=None, headers=None, last=False, parse=False):
        """Send one request and return a ``Response`` (status < 400).

        ``url`` is an absolute URL on this pool's server, or a path: one starting with
        ``/`` is relative to the server root (the form of every ``href`` the engine
        sends, e.g. ``/ovirt-engine/api/vms/123``), any other is relative to the entry
        point (``'vms'``); None or ``''`` is the entry point itself. ``body`` is XML as
        str or bytes. ``headers`` are merged over the standard ones; None values are
        dropped. ``last=True`` marks the request that closes the session.
        ``parse=True``: a successful reply's body is fed to the XML parser as it
        arrives (``Response.root``; ``Response.body`` is None), never held whole;
        a body that is not XML raises ``FormatError``.
        """
        if self._closed:
            raise errors.DisconnectedError()
        full_url = self._resolve(url)
        if isinstance(body, str):
            body = body.encode('utf-8')

        had_session = self._has_session_cookie()
        response = self._send(method, full_url, body, self._headers(headers, last), parse)
        if (response.status == 401 and had_session and self._renew_session
                and not last):
            # The engine dropped our session: forget the cookie, authenticate anew.
            self._drop_session_cookie()
            response = self._send(method, full_url, body, self._headers(headers, last), parse)
        return errors.raise_from_response(response)

    def close(self):
        """End the engine session (when persistent) and release the connections.

        Idempotent; afterwards every ``request()`` raises ``DisconnectedError``.
        """
        if self._closed:
            return
        try:
            if self._persistent_auth:
                try:
                    self.request('GET', self.url, last=True)
                except errors.OvirtSdkError:
                    pass    # the session ends on the engine side anyway
        finally:
            self._closed = True
            self._session.close()
            self._connections.close_all()

    disconnect = close

    # -- internals ---------------------------------------------------------------------

    def _resolve(self, url):
        if not url:
            return self.url
        if '://' in url:
            parts = urlsplit(url)
            origin = '%s://%s' % (parts.scheme, parts.netloc)
            if origin.lower() != self._origin.lower():
                # Credentials go to the configured server only.
                raise ValueError('URL %s is not on the server %s' % (url, self._origin))
            return url
        if url.startswith('/'):
            return self._origin + url
        return urljoin(self.url + '/', url)

    def _headers(self, extra, last):
        """The request's headers: a plain dict with one spelling per name (a header
        given in ``extra`` replaces a standard one whatever its case)."""
        headers = self._base_headers.copy()
        headers['Filter'] = 'True' if self._filter else 'False'
        if self._session_timeout is not None:
            headers['Session-TTL'] = str(self._session_timeout)
        if self._persistent_auth and not last:
            headers['Prefer'] = 'persistent-auth'
        if extra:
            for name, value in extra.items():
                if value is None:
                    continue
                value = value if isinstance(value, str) else str(value)
                _set_header(headers, name, value)
                if name.lower() == 'expect':
                    # Apache in front of the engine swallows Expect.
                    _set_header(headers, 'X-Ovirt-Expect', value)
        return headers

    def _prepare(self, method, url, body, headers):
        """A ``PreparedRequest`` built directly: same wire result as requests'
        ``prepare()`` for the URLs, headers and bodies this pool sends."""
        prepared = PreparedRequest()
        prepared.method = method
        if url.isascii() and _URL_SAFE.match(url):
            prepared.url = url
        else:
            prepared.prepare_url(url, None)     # IDNA host, percent-encoding
        cookie = self._cookie_header
        if cookie is not None and 'Cookie' not in headers:
            headers['Cookie'] = cookie
        if body is not None:
            headers['Content-Length'] = str(len(body))
        elif method not in ('GET', 'HEAD') and 'Content-Length' not in headers:
            headers['Content-Length'] = '0'
        prepared.headers = headers
        prepared.body = body
        return prepared

    def _send(self, method, url, body, headers, parse=False):
        deadline = _watchdog.arm(self._total) if self._total else None
        _current.entry = deadline
        _current.connections = self._connections
        try:
            return self._exchange(method, url, body, headers, deadline, parse)
        finally:
            _current.entry = _current.connections = None
            if deadline is not None:
                _watchdog.disarm(deadline)

    def _exchange(self, method, url, body, headers, deadline, parse):
        try:
            if self._fast:
                prepared = self._prepare(method, url, body, headers)
                pool = self._adapter.direct_pool(prepared, self._proxies)
                if pool is not None:
                    reply = self._send_direct(pool, prepared, deadline)
                else:
                    reply = self._adapter.send(
                        prepared, stream=True, timeout=self._timeout,
                        verify=self._verify, cert=self._cert, proxies=self._proxies)
            else:
                # Kerberos: its handshake runs on response hooks, i.e. in
                # Session.send. Cookies stay ours all the same.
                if self._cookie_header is not None and 'Cookie' not in headers:
                    headers['Cookie'] = self._cookie_header
                reply = self._session.request(
                    method, url, data=body, headers=headers, auth=self._auth,
                    verify=self._verify, cert=self._cert, timeout=self._timeout,
                    allow_redirects=False, stream=True)
            try:
                # Read it all here (a reset mid-body is ours too), within the
                # timeout as a whole and the size limit: a server dripping
                # bytes must not hold a script forever.
                parse_now = parse and 200 <= reply.status_code < 300
                content, logged = self._read_body(reply, deadline, parse_now)
            finally:
                reply.close()
        except errors.OvirtSdkError:
            # A limit or a bad body, raised while reading: the same care as below.
            headers.clear()
            raise
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError,
                http.client.HTTPException, OSError) as exc:
            failure = self._redact(_describe(exc))
        else:
            failure = None
        if deadline is not None and (deadline.cut or (
                failure is not None and time.monotonic() >= deadline.at)):
            # Whatever the read saw after the socket was shut down (or a socket
            # timeout at the same moment), it is the whole-reply limit that hit.
            failure = ('timed out: no complete reply within %s seconds (API timeout=)'
                       % _seconds(self._total))
        if failure is not None:
            # Raised outside the except block, so the error has no __cause__ and no
            # __context__: the urllib3/http.client frames of the failure (whose
            # locals hold the Authorization header and the session cookie) are
            # not reachable from it by a traceback collector.
            if self._debug or logger.isEnabledFor(logging.DEBUG):
                logger.debug('> %s %s\n! %s', method, self._redact(url), failure)
            # This request's header dict (Authorization, Cookie) is a local of the
            # frames the error's own traceback keeps: empty it (it is built anew for
            # every attempt).
            headers.clear()
            raise errors.ConnectionError(failure)
        self._store_cookies(reply)
        if parse_now:
            response = Response(reply.status_code, reply.reason or '', reply.headers,
                                None, content)
        else:
            response = Response(reply.status_code, reply.reason or '', reply.headers,
                                content)
        # debug=True, or the application's logging configuration alone
        if self._debug or logger.isEnabledFor(logging.DEBUG):
            self._log_exchange(reply.request, response, logged)
        return response

    def _send_direct(self, pool, prepared, entry):
        """Send ``prepared`` on one of ``pool``'s connections (urllib3's: TLS, the
        socket, keep-alive) and read the status line and headers (http.client's
        parser): what requests' and urllib3's per-request machinery does for
        this pool's requests, minus the per-request objects. The header lines
        are validated once (http.client's checks) and reused as bytes; the
        request leaves in one write. Returns a ``_DirectReply``."""
        conn = pool._get_conn()
        try:
            if entry is not None:
                entry.conn = conn
            if conn.sock is None:
                conn.timeout = self._timeout[0]
                conn.connect()
            read_timeout = self._timeout[1]
            if conn.sock.gettimeout() != read_timeout:
                conn.sock.settimeout(read_timeout)      # a system call: only when it changes
            headers = prepared.headers
            # The Host line as http.client wrote it on this connection's first
            # request, reused (unless the caller gave a Host header).
            own_host = 'Host' not in headers
            host = conn.__dict__.get('_ovirtsdk_host') if own_host else None
            conn.putrequest(prepared.method, self._adapter.request_url(prepared, None),
                            skip_host=host is not None or not own_host,
                            skip_accept_encoding=True)
            buffer = conn._buffer
            if host is not None:
                buffer.append(host)
            elif own_host:
                conn._ovirtsdk_host = buffer[-1]
            lines = self._header_lines
            for item in headers.items():
                line = lines.get(item)
                if line is None:
                    conn.putheader(*item)       # http.client's checks of name and value
                    if len(lines) >= _HEADER_LINES_MAX:
                        lines.clear()
                    line = lines[item] = buffer[-1]
                else:
                    buffer.append(line)
            body = prepared.body
            if body and len(body) <= COALESCE_MAX:
                conn._ovirtsdk_body = body      # _OneWrite: in the write of the headers
                body = None
            try:
                conn.endheaders(body)
            except BrokenPipeError:
                pass    # the server may have answered and closed already: read that
            finally:
                conn.__dict__.pop('_ovirtsdk_body', None)
            conn.response_class = _DirectResponse
            try:
                response = http.client.HTTPConnection.getresponse(conn)
            except socket.timeout:
                raise _read_timeout(pool, prepared.url, read_timeout) from None
            finally:
                del conn.response_class     # urllib3's own requests read theirs
        except BaseException:
            conn.close()
            pool._put_conn(None)
            raise
        return _DirectReply(pool, conn, response, prepared, read_timeout)

    def _read_body(self, reply, entry, parse):
        """(the body as bytes, or its root element when ``parse``; the body as
        bytes for the debug log or None), read within the reply's deadline and
        the size limits, decompressed here in bounded pieces."""
        deadline = entry.at if entry is not None else None
        raw = reply.raw
        # read1 returns what one socket read brings, so the deadline is checked
        # while a slow server drips; older urllib3 lacks it (per-read timeout only).
        read = getattr(raw, 'read1', None) or raw.read
        encoding = (reply.headers.get('Content-Encoding') or '').strip().lower()
        if encoding in ('', 'identity'):
            inflater = None
        elif encoding in ('gzip', 'x-gzip', 'deflate'):
            inflater = _Inflater(encoding)
        else:
            raise errors.FormatError('unsupported Content-Encoding %r' % encoding)
        sink = _xmlparser.Feeder() if parse else _BytesSink()
        copy = _BytesSink() if (parse and (self._debug or logger.isEnabledFor(logging.DEBUG))) \
            else None
        size = compressed = 0
        while True:
            data = read(READ_CHUNK, decode_content=False)
            if not data:
                if inflater is None:
                    break
                pieces, inflater = (inflater.flush(),), None
            else:
                compressed += len(data)
                pieces = (data,) if inflater is None else inflater.pieces(data)
            for piece in pieces:
                size += len(piece)
                if size > MAX_BODY_SIZE:
                    raise errors.ConnectionError(
                        'the response body exceeds %d bytes, the limit of '
                        'ovirtsdk.infrastructure.connectionspool.MAX_BODY_SIZE'
                        % MAX_BODY_SIZE)
                if (size > EXPANSION_FREE and encoding
                        and size > MAX_EXPANSION * compressed):
                    raise errors.ConnectionError(
                        'the %s response body expands more than %d times (%d bytes '
                        'from %d): refused as a decompression bomb, see '
                        'ovirtsdk.infrastructure.connectionspool.MAX_EXPANSION'
                        % (encoding, MAX_EXPANSION, size, compressed))
                sink.write(piece)
                if copy is not None:
                    copy.write(piece)
            if deadline is not None and time.monotonic() > deadline:
                raise errors.ConnectionError(
                    'timed out: no complete reply within %s seconds (API timeout=)'
                    % _seconds(self._total))
        missing = _missing_bytes(reply, compressed)
        if missing:
            # http.client's read1 (the direct path) and urllib3 1.26 end quietly
            # where the connection did.
            raise http.client.IncompleteRead(b'', missing)
        content = sink.close()
        if copy is not None:
            return content, copy.close()
        return content, (content if not parse else None)

    # -- cookies: what the engine sets (JSESSIONID), sent back on every request ------

    def _store_cookies(self, reply):
        values = _set_cookie_values(getattr(reply.raw, 'headers', None), reply.headers)
        if not values:
            return
        with self._cookies_lock:
            cookies = dict(self._cookies)
            for value in values:
                _parse_set_cookie(value, cookies)
            self._cookies = cookies
            self._cookie_header = '; '.join(
                '%s=%s' % (name, v) for name, (v, _) in cookies.items()) or None

    def _has_session_cookie(self):
        return SESSION_COOKIE in self._cookies

    def _drop_session_cookie(self):
        with self._cookies_lock:
            cookies = dict(self._cookies)
            cookies.pop(SESSION_COOKIE, None)
            self._cookies = cookies
            self._cookie_header = '; '.join(
                '%s=%s' % (name, v) for name, (v, _) in cookies.items()) or None

    def _secrets(self):
        secrets = []
        if self._password and len(self._password) >= 4:
            secrets.append(self._password)
        if self._basic is not None:
            secrets.append(self._basic.token)
        secrets.extend(v for v, _ in self._cookies.values() if v and len(v) >= 4)
        return secrets

    def _redact(self, text):
        for secret in self._secrets():
            text = text.replace(secret, REDACTED)
        return text

    def _redact_body(self, body):
        if not body:
            return ''
        text = body.decode('utf-8', 'replace') if isinstance(body, bytes) else str(body)
        text = _SECRET_ELEMENT.sub(lambda m: m.group(1) + REDACTED + m.group(4), text)
        text = _START_TAG.sub(_redact_start_tag, text)
        return self._redact(text)

    def _log_exchange(self, prepared, response, body):
        lines = ['> %s %s' % (prepared.method, prepared.url)]
        lines += ['> %s: %s' % (k, _redact_header(k, v)) for k, v in prepared.headers.items()]
        if prepared.body:
            lines += ['>', self._redact_body(prepared.body)]
        lines.append('< %s %s' % (response.status, response.reason))
        lines += ['< %s: %s' % (k, _redact_header(k, v)) for k, v in response.headers.items()]
        if body:
            lines += ['<', self._redact_body(body)]
        logger.debug('%s', self._redact('\n'.join(lines)))


def _seconds(value):
    return ('%d' % value) if value == int(value) else ('%g' % value)


def _parse_set_cookie(value, cookies):
    """Apply one Set-Cookie header value to ``cookies`` (name -> (value, path)).

    The pool talks to one origin: domain attributes do not matter. A cookie whose
    Max-Age is <= 0 or whose Expires is in the past is removed.
    """
    pairs = value.split(';')
    name, sep, cookie_value = pairs[0].partition('=')
    name = name.strip()
    if not sep or not name:
        return
    cookie_value = cookie_value.strip()
    if len(cookie_value) >= 2 and cookie_value[0] == cookie_value[-1] == '"':
        cookie_value = cookie_value[1:-1]
    path, expired = '/', False
    for attribute in pairs[1:]:
        key, _, arg = attribute.partition('=')
        key, arg = key.strip().lower(), arg.strip()
        if key == 'path' and arg:
            path = arg
        elif key == 'max-age':
            try:
                expired = int(arg) <= 0
            except ValueError:
                pass
        elif key == 'expires':
            when = http.cookiejar.http2time(arg)
            if when is not None and when <= time.time():
                expired = True
    if expired:
        cookies.pop(name, None)
    else:
        cookies[name] = (cookie_value, path)


def _causes(exc):
    """The exception and everything it wraps (urllib3 keeps the cause in ``reason``)."""
    seen, todo = [], [exc]
    while todo:
        e = todo.pop(0)
        if not isinstance(e, BaseException) or any(e is s for s in seen):
            continue
        seen.append(e)
        todo += [getattr(e, 'reason', None), e.__cause__, e.__context__]
        todo += [a for a in e.args if isinstance(a, BaseException)]
    return seen


# urllib3 >= 2 only; 1.26 (EL 9, Debian 12) raises socket.gaierror inside a NewConnectionError
_NAME_RESOLUTION_ERROR = getattr(urllib3.exceptions, 'NameResolutionError', socket.gaierror)


# urllib3 1.26 checks host names itself and raises its own CertificateError
try:
    from urllib3.util.ssl_match_hostname import CertificateError as _URLLIB3_CERTIFICATE_ERROR
except ImportError:
    _URLLIB3_CERTIFICATE_ERROR = ssl.SSLCertVerificationError


_OBJECT_ADDRESS = re.compile(r' object at 0x[0-9a-fA-F]+>')


def _describe(exc):
    """A message naming the kind of failure first, then requests' own description."""
    causes = _causes(exc)

    def find(*types):
        return next((c for c in causes if isinstance(c, types)), None)

    verify = find(ssl.SSLCertVerificationError, _URLLIB3_CERTIFICATE_ERROR)
    if verify is not None:
        kind = 'TLS certificate verification failed (%s)' % (
            getattr(verify, 'verify_message', None)
            or ('Hostname mismatch, %s' % verify
                if isinstance(verify, _URLLIB3_CERTIFICATE_ERROR) else verify))
    elif find(ConnectionRefusedError):
        kind = 'connection refused'
    elif find(socket.gaierror, _NAME_RESOLUTION_ERROR):
        kind = 'host name could not be resolved'
    elif find(requests.exceptions.Timeout, urllib3.exceptions.TimeoutError,
              socket.timeout, TimeoutError):
        # after the two above: urllib3 files them under ConnectTimeoutError too
        kind = 'timed out'
    elif find(ssl.SSLError, requests.exceptions.SSLError):
        kind = 'TLS error'
    elif find(ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
        kind = 'connection reset'
    elif find(requests.exceptions.ChunkedEncodingError, urllib3.exceptions.ProtocolError,
              http.client.HTTPException):
        kind = 'connection broken'
    else:
        kind = 'request failed'
    # urllib3 1.26 names its connection objects by address: noise that differs per run
    return '%s: %s' % (kind, _OBJECT_ADDRESS.sub('>', str(exc)))


def user_agent():
    """``ovirt-engine-sdk3/<version> (ovirtsdk; Python X.Y) python-requests/<version>``."""
    try:
        from ovirtsdk.version import __version__
    except ImportError:     # a source tree never built (ovirtsdk/__init__.py does the same)
        __version__ = '0+unknown'
    return 'ovirt-engine-sdk3/%s (ovirtsdk; Python %d.%d) python-requests/%s' % (
        __version__, sys.version_info[0], sys.version_info[1], requests.__version__)


_HANDLER_ATTR = '_ovirtsdk_debug_handler'


def _ensure_visible_debug_logging():
    """debug=True must show something even if the application never set up logging."""
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.DEBUG)
    if logger.hasHandlers():
        return      # the application decides where records go
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter('%(message)s'))
    setattr(handler, _HANDLER_ATTR, True)
    logger.addHandler(handler)
