"""Errors raised by the SDK.

Every class derives from ``OvirtSdkError`` (and so from ``Exception``: many scripts catch
bare ``Exception``). Messages start with ``[ERROR]::``. Scripts catch these classes by
name, so the names and constructor arguments are part of the API.

``ConnectionError`` deliberately shadows the builtin inside this module, as scripts write
``from ovirtsdk.infrastructure.errors import ConnectionError``.

HTTP errors are turned into ``RequestError`` in one place only: ``raise_from_response``.
"""

import html
import re

__all__ = [
    'OvirtSdkError', 'ConnectionError', 'RequestError', 'FormatError',
    'NoCertificatesError', 'DisconnectedError', 'UnsecuredConnectionAttemptError',
    'MissingParametersError', 'ImmutableError', 'AmbiguousQueryError',
    'NotTranslatedError', 'raise_from_response',
]

PREFIX = '[ERROR]::'


class OvirtSdkError(Exception):
    """Base of every SDK error."""

    def __init__(self, message=None, *args):
        # Keep the constructor arguments so that pickling (e.g. across processes)
        # rebuilds the same error through the subclass's own signature.
        self._ctor_args = args if args else ((message,) if message is not None else ())
        if message is None:
            message = 'oVirt SDK error.'
        if not str(message).startswith(PREFIX):
            message = PREFIX + str(message)
        Exception.__init__(self, message)

    def __reduce__(self):
        state = {k: v for k, v in self.__dict__.items() if k != '_ctor_args'}
        return (self.__class__, self._ctor_args, state)


class ConnectionError(OvirtSdkError):  # noqa: A001 - the original's public name
    """Transport failure: refused, DNS, TLS, timeout, connection broken."""

    def __init__(self, cause):
        OvirtSdkError.__init__(
            self, 'oVirt API connection failure, %s' % (cause,), cause)


class DisconnectedError(OvirtSdkError):
    """The API (or a broker obtained from it) is used after ``disconnect()``."""

    def __init__(self):
        OvirtSdkError.__init__(self, 'oVirt sdk is disconnected from the server.')
        self._ctor_args = ()


class NoCertificatesError(OvirtSdkError):
    """HTTPS with chain validation but neither ``ca_file`` nor ``insecure``."""

    def __init__(self):
        OvirtSdkError.__init__(
            self, 'ca_file (CA certificate) must be specified for SSL connection.')
        self._ctor_args = ()


class UnsecuredConnectionAttemptError(OvirtSdkError):
    """Empty entry-point reply: usually plain HTTP against an HTTPS-only server."""

    def __init__(self):
        OvirtSdkError.__init__(
            self, "No response returned from server. If you're using HTTP protocol\n"
                  "against a SSL secured server, then try using HTTPS instead.")
        self._ctor_args = ()


class FormatError(OvirtSdkError):
    """A successful reply whose body is not the XML the SDK expects."""

    def __init__(self, reason=None):
        message = 'Server reply is in inappropriate format.'
        if reason:
            message += '\n%s' % (reason,)
        OvirtSdkError.__init__(self, message, reason)
        self.reason = reason


class MissingParametersError(OvirtSdkError):
    """``get()`` called without any of the parameters that identify the entity."""

    def __init__(self, params=None):
        if params is not None and not isinstance(params, str):
            params = list(params)
        text = 'One of the following parameters has to be specified: %s.' % (
            params if params is not None else [],)
        OvirtSdkError.__init__(self, text)
        self._ctor_args = (params,)
        self.params = params


class ImmutableError(OvirtSdkError):
    """Assignment to a read-only attribute (e.g. ``api.id``)."""

    def __init__(self, key):
        OvirtSdkError.__init__(self, "'%s' is immutable." % (key,), key)
        self.key = key


class AmbiguousQueryError(OvirtSdkError):
    """``get(name=...)`` matched more than one entity."""

    def __init__(self, query):
        OvirtSdkError.__init__(
            self, ('Used query (%s) produces ambiguous results.' % (query,)) if query
            else 'Used query produces ambiguous results.', query)
        self.query = query


class NotTranslatedError(OvirtSdkError):
    """A v3 call that the SDK cannot translate for an engine that speaks only v4.

    ``call`` names the v3 request (``'POST /vms/{id}/move'``), ``engine`` the engine
    (product and version as read at connect), ``reason`` why it is not translated.
    Nothing was sent to the engine for that call.
    """

    def __init__(self, call, engine=None, reason=None):
        message = '%s cannot be translated to API v4 for %s' % (
            call, engine or 'this engine (it serves API v4 only)')
        if reason:
            message += ': %s' % (reason,)
        OvirtSdkError.__init__(self, message + '.', call, engine, reason)
        self.call = call
        self.engine = engine
        self.reason = reason


class RequestError(OvirtSdkError):
    """The engine answered with an HTTP status >= 400 (or a redirect, never followed).

    ``status`` (int), ``reason`` (HTTP reason phrase) and ``detail`` (from the fault
    body) are what scripts read; ``str(e)`` is ``"\\r\\nstatus: N\\r\\nreason: R\\r\\n
    detail: D"`` because scripts search it for ``"status: 409"``.
    """

    def __init__(self, status, reason=None, body=None):
        # Also accept a response-like object, as the original took the response.
        if hasattr(status, 'status') and reason is None and body is None:
            status, reason, body = status.status, getattr(status, 'reason', None), \
                getattr(status, 'body', None)
        self.status = int(status) if status is not None else None
        self.reason = reason if reason is not None else ''
        self.detail = extract_detail(body)
        OvirtSdkError.__init__(self, 'oVirt API request failure.' + self.__str__(),
                               status, reason, body)

    #: A hint for a common mistake (set by the SDK where it knows one), shown on a
    #: line of its own after the engine's message.
    hint = None

    def __str__(self):
        text = '\r\nstatus: %s\r\nreason: %s\r\ndetail: %s' % (
            self.status, self.reason, self.detail)
        if self.hint:
            text += '\r\nhint: %s' % self.hint
        return text


def raise_from_response(response):
    """The one place where an HTTP error reply becomes an SDK error.

    ``response`` has ``status`` (int), ``reason`` and ``body`` (bytes or str).
    Returns ``response`` unchanged when the status is below 400.
    """
    if response.status >= 400:
        raise RequestError(response.status, response.reason, response.body)
    if response.status >= 300:
        # Redirects are not followed: credentials go to the configured engine only.
        location = (getattr(response, 'headers', None) or {}).get('Location', '')
        raise RequestError(response.status, response.reason,
                           'redirect to %s not followed' % (location or 'another URL'))
    return response


_H1 = re.compile(r'<h1[^>]*>(.*?)</h1\s*>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r'<[^>]*>')


def extract_detail(body):
    """The human-readable part of an error body.

    An engine ``<fault>`` (alone or inside an ``<action>``) gives its ``<detail>``;
    an application-server HTML error page gives its ``<h1>``; anything else is the
    body itself, after a newline (so it starts on its own line in ``str(e)``).
    """
    if body is None:
        body = b''
    text = body.decode('utf-8', 'replace') if isinstance(body, bytes) else str(body)
    stripped = text.strip()
    if stripped.startswith('<') and not stripped[:5].lower() == '<html':
        fault = _find_fault(body)
        if fault is not None:
            return fault
    if '<html' in stripped[:512].lower() or stripped[:14].lower() == '<!doctype html':
        match = _H1.search(text)
        if match:
            h1 = html.unescape(_TAG.sub('', match.group(1))).strip()
            if h1.endswith(' -'):
                h1 = h1[:-2].rstrip()
            return h1
    return '\n' + text


def _find_fault(body):
    from ovirtsdk.xml import parser    # lazy: lxml is not needed until a fault comes
    try:
        root = parser.fromstring(body)
    except (FormatError, ValueError):
        return None
    fault = root if root.tag == 'fault' else (
        root.find('fault') if root.tag == 'action' else None)
    if fault is None:
        return None
    detail = fault.findtext('detail')
    if detail is None:
        return (fault.findtext('reason') or '').strip()
    detail = detail.lstrip()
    if detail.startswith('[') and detail.endswith(']'):
        detail = detail[1:-1]
    return detail
