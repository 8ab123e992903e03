"""The test-double side of ``FakeEngine``: injected faults and the request log.

    fault = engine.add_fault("POST", "/vms/*/start", 409, "Operation Failed",
                             "[Cannot run VM. Low disk space.]")
    ...                                  # the script's next start gets that fault
    engine.assert_faults_used()          # AssertionError if one was never hit

    [r.body for r in engine.requests_to("POST", "/vms")]   # what the script sent

Both work at the HTTP level, after authentication and before the engine sees the
request, for every dialect; a fault's reply is the dialect's own fault document, so
the SDK raises ``RequestError(status, reason, detail)`` exactly as for a real one.
"""
import fnmatch
import http.client
import re

from .model import api_prefix


def _bare(path):
    """The path without its query and matrix parameters (``/vms;max=1?search=x``)."""
    return re.sub(r";[^/]*", "", path.split("?", 1)[0])


def _relative(path):
    """``/ovirt-engine/api/vms/1;max=1?x`` -> ``/vms/1`` (the path under the API prefix)."""
    raw = _bare(path)
    prefix = api_prefix(raw)
    rel = raw[len(prefix):] if prefix else raw
    return rel if rel.startswith("/") else "/" + rel


def path_matches(pattern, path):
    """True when ``path`` (a request path) is what ``pattern`` names.

    ``pattern`` is a glob over the path under the API prefix (``/vms/*/start``,
    ``/vms``, ``*``; the leading ``/`` is optional) or over the whole path
    (``/ovirt-engine/api/vms``); a compiled regular expression is searched in the
    path under the prefix.  Query and matrix parameters (``;max=1``) are not part of
    the path.
    """
    rel = _relative(path)
    if hasattr(pattern, "search"):
        return pattern.search(rel) is not None
    if not pattern.startswith("/") and pattern != "*":
        pattern = "/" + pattern
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(_bare(path), pattern)


class InjectedFault(object):
    """One fault added by ``FakeEngine.add_fault``.

    ``hits`` counts the requests it answered; ``remaining`` how many more it will
    answer (None: every matching request until removed).
    """

    def __init__(self, method, path, status, reason=None, detail=None, times=1,
                 headers=None):
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status (400-599), not %r"
                             % (status,))
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError("times must be a positive number or None, not %r" % (times,))
        if not path:
            raise ValueError("path must name the requests to fail (e.g. '/vms/*')")
        self.method = (method or "*").upper()
        self.path = path
        self.status = status
        self.reason = reason or http.client.responses.get(status, "Error")
        self.detail = detail
        self.headers = list(headers or ())
        self.remaining = times
        self.hits = 0

    def matches(self, method, path):
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method != "*" and self.method != method.upper():
            return False
        return path_matches(self.path, path)

    @property
    def used(self):
        """Hit as often as asked (``times=None``: hit at least once)."""
        return self.hits > 0 if self.remaining is None else self.remaining == 0

    def __repr__(self):
        pattern = getattr(self.path, "pattern", self.path)
        return "<InjectedFault %s %s -> %d %s (hits %d, remaining %s)>" % (
            self.method, pattern, self.status, self.reason, self.hits,
            "any" if self.remaining is None else self.remaining)


class RecordedRequest(object):
    """One request the engine received: ``method``, ``path`` (with its query),
    ``headers`` (a dict, lower-case names), ``body`` (bytes), ``status`` (the reply's
    status) and ``user`` (who it authenticated as, or None)."""

    __slots__ = ("method", "path", "headers", "body", "status", "user")

    def __init__(self, method, path, headers, body, status=None, user=None):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body or b""
        self.status = status
        self.user = user

    @property
    def text(self):
        """The body as text (UTF-8)."""
        return self.body.decode("utf-8", "replace")

    @property
    def xml(self):
        """The body parsed (an lxml element), or None when it is empty."""
        if not self.body.strip():
            return None
        from ovirtsdk.xml import runtime
        from lxml import etree
        return etree.fromstring(self.body, runtime.parser())

    def matches(self, method=None, path=None):
        if method is not None and method.upper() != self.method.upper():
            return False
        return path is None or path_matches(path, self.path)

    def __repr__(self):
        return "<RecordedRequest %s %s -> %s>" % (self.method, self.path, self.status)


def unused_report(faults):
    """The message of ``assert_faults_used`` for the faults never (fully) used."""
    return "injected faults not used up: " + ", ".join(repr(f) for f in faults)
