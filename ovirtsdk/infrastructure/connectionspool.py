"""The HTTP transport: one ``requests.Session`` per API instance.

``ConnectionsPool`` owns everything about talking to one engine: TLS settings, auth,
the session cookie, the headers every request carries, debug logging and closing.
``request()`` is the single boundary where requests/urllib3/ssl/socket exceptions become
``errors.ConnectionError``, and HTTP statuses >= 400 become ``errors.RequestError``
(through ``errors.raise_from_response``).

Nothing here is module-level state shared between pools: two API objects to the same
engine have two sessions, two cookie jars, two filters.
"""

import base64
import http.client
import logging
import re
import socket
import ssl
import sys
import time
import warnings
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
import requests.auth
from requests.structures import CaseInsensitiveDict
import urllib3.exceptions

from ovirtsdk.xml import parser as _xmlparser

from . import errors

__all__ = ['ConnectionsPool', 'Response', 'parse_xml']

logger = logging.getLogger('ovirtsdk')

SESSION_COOKIE = 'JSESSIONID'
POOL_SIZE = 20          # concurrent connections kept per host (>= 10 threads at once)
REDACTED = '***'
READ_CHUNK = 256 * 1024
MAX_BODY_SIZE = 1 << 30     # 1 GiB: far above any engine reply, bounds memory


class Response(object):
    """What ``request()`` returns: the parts of a reply the upper layers need."""

    __slots__ = ('status', 'reason', 'headers', 'body')

    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers      # case-insensitive mapping
        self.body = body            # bytes

    def __repr__(self):
        return '<Response %s %s, %d bytes>' % (self.status, self.reason, len(self.body))


# --- XML ---------------------------------------------------------------------------

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
        self._timeout = (timeout, timeout) if timeout else None

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
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0)
        session.mount('https://', adapter)
        session.mount('http://', adapter)
        session.headers.update({
            'Version': '3',
            'Content-Type': 'application/xml',
            'Accept': 'application/xml',
        })
        self._session = session

        if self._debug:
            _ensure_visible_debug_logging()

    # -- state -------------------------------------------------------------------------

    def set_filter(self, filter):
        self._filter = bool(filter)

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

    def request(self, method, url=None, body=None, headers=None, last=False):
        """Send one request and return a ``Response`` (status < 400).

        ``url`` is an absolute URL on this pool's server, or a path: one starting with
        ``/`` is relative to the server root (the form of every ``href`` the engine
        sends, e.g. ``/ovirt-engine/api/vms/123``), any other is relative to the entry
        point (``'vms'``); None or ``''`` is the entry point itself. ``body`` is XML as
        str or bytes. ``headers`` are merged over the standard ones; None values are
        dropped. ``last=True`` marks the request that closes the session.
        """
        if self._closed:
            raise errors.DisconnectedError()
        full_url = self._resolve(url)
        if isinstance(body, str):
            body = body.encode('utf-8')
        request_headers = self._headers(headers, last)

        had_session = self._has_session_cookie()
        response = self._send(method, full_url, body, request_headers)
        if (response.status == 401 and had_session and self._renew_session
                and not last):
            # The engine dropped our session: forget the cookie, authenticate anew.
            self._drop_session_cookie()
            response = self._send(method, full_url, body, request_headers)
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
        headers = CaseInsensitiveDict({'Filter': str(self._filter)})
        if self._session_timeout is not None:
            headers['Session-TTL'] = str(self._session_timeout)
        if self._persistent_auth and not last:
            headers['Prefer'] = 'persistent-auth'
        if extra:
            for name, value in extra.items():
                if value is None:
                    continue
                headers[name] = value if isinstance(value, str) else str(value)
                if name.lower() == 'expect':
                    # Apache in front of the engine swallows Expect.
                    headers['X-Ovirt-Expect'] = headers[name]
        return headers

    def _send(self, method, url, body, headers):
        try:
            reply = self._session.request(
                method, url, data=body, headers=headers, auth=self._auth,
                verify=self._verify, cert=self._cert, timeout=self._timeout,
                allow_redirects=False, stream=True)
            try:
                # Read it all here (a reset mid-body is ours too), within the
                # timeout as a whole and the size limit: a server dripping
                # bytes must not hold a script forever.
                content = self._read_body(reply)
            finally:
                reply.close()
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError,
                http.client.HTTPException, OSError) as exc:
            message = self._redact(_describe(exc))
            if self._debug:
                logger.debug('> %s %s\n! %s', method, self._redact(url), message)
            raise errors.ConnectionError(message) from exc
        response = Response(reply.status_code, reply.reason or '', reply.headers, content)
        if self._debug:
            self._log_exchange(reply.request, response)
        return response

    def _read_body(self, reply):
        deadline = time.monotonic() + self._timeout[1] if self._timeout else None
        raw = reply.raw
        # read1 returns what one socket read brings, so the deadline is checked
        # while a slow server drips; older urllib3 lacks it (per-read timeout only).
        read = getattr(raw, 'read1', None) or raw.read
        chunks, size = [], 0
        while True:
            chunk = read(READ_CHUNK, decode_content=True)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY_SIZE:
                raise errors.ConnectionError(
                    'the response body exceeds %d bytes, the limit of '
                    'ovirtsdk.infrastructure.connectionspool.MAX_BODY_SIZE' % MAX_BODY_SIZE)
            if deadline is not None and time.monotonic() > deadline:
                raise errors.ConnectionError(
                    'timed out: the response body was not complete after %s seconds'
                    % self._timeout[1])
        return b''.join(chunks)

    def _has_session_cookie(self):
        jar = self._session.cookies
        with getattr(jar, '_cookies_lock', _NO_LOCK):
            return any(c.name == SESSION_COOKIE for c in jar)

    def _drop_session_cookie(self):
        jar = self._session.cookies
        with getattr(jar, '_cookies_lock', _NO_LOCK):
            doomed = [(c.domain, c.path, c.name) for c in jar if c.name == SESSION_COOKIE]
        for domain, path, name in doomed:
            try:
                jar.clear(domain, path, name)
            except KeyError:
                pass    # another thread got there first

    def _secrets(self):
        secrets = []
        if self._password and len(self._password) >= 4:
            secrets.append(self._password)
        if self._basic is not None:
            secrets.append(self._basic.token)
        jar = self._session.cookies
        with getattr(jar, '_cookies_lock', _NO_LOCK):
            secrets.extend(c.value for c in jar if c.value and len(c.value) >= 4)
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
        return self._redact(text)

    def _log_exchange(self, prepared, response):
        lines = ['> %s %s' % (prepared.method, prepared.url)]
        lines += ['> %s: %s' % (k, _redact_header(k, v)) for k, v in prepared.headers.items()]
        if prepared.body:
            lines += ['>', self._redact_body(prepared.body)]
        lines.append('< %s %s' % (response.status, response.reason))
        lines += ['< %s: %s' % (k, _redact_header(k, v)) for k, v in response.headers.items()]
        if response.body:
            lines += ['<', self._redact_body(response.body)]
        logger.debug('%s', self._redact('\n'.join(lines)))


class _NoLock(object):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_NO_LOCK = _NoLock()


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


def _describe(exc):
    """A message naming the kind of failure first, then requests' own description."""
    causes = _causes(exc)

    def find(*types):
        return next((c for c in causes if isinstance(c, types)), None)

    verify = find(ssl.SSLCertVerificationError)
    if verify is not None:
        kind = 'TLS certificate verification failed (%s)' % (
            getattr(verify, 'verify_message', None) or verify)
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
    return '%s: %s' % (kind, exc)


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
