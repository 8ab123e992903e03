"""Which API version to speak: the override and the detection at connect.

The protocol is chosen per ``API`` instance:

- ``protocol='v3'`` (or ``OVIRTSDK_PROTOCOL=v3``): always native v3, exactly the
  requests of a 3.x SDK (``Version: 3``); no detection.
- ``protocol='v4'``: the engine is known to serve v4 only; every call is translated.
- ``protocol='auto'`` (the default): the entry point is read with ``Version: 3`` as
  always. An engine that serves v3 (3.x, 4.0-4.3) answers with a v3 document and
  nothing else happens. An engine that refuses it (4.4 and later: 400/404/406/410,
  or a non-XML error page) or answers with a v4 document is then spoken to in v4
  through the translation layer.

The keyword wins over the environment variable; ``api.get_protocol()`` tells which
one is in use.
"""
import os

from ovirtsdk.infrastructure import errors

ENV_VAR = "OVIRTSDK_PROTOCOL"
AUTO, V3, V4 = "auto", "v3", "v4"

_ALIASES = {"auto": AUTO, "": AUTO, "v3": V3, "3": V3, "v4": V4, "4": V4}

# Entry-point statuses with which a v4-only engine refuses a v3 request.
REFUSAL_STATUSES = frozenset((400, 404, 406, 410))


def choose(value=None, environ=None):
    """The requested protocol: 'auto', 'v3' or 'v4' (keyword, else environment)."""
    source = "protocol"
    if value is None:
        environ = os.environ if environ is None else environ
        value = environ.get(ENV_VAR)
        source = ENV_VAR
        if value is None:
            return AUTO
    key = str(value).strip().lower() if isinstance(value, (str, int)) \
        and not isinstance(value, bool) else None
    if key not in _ALIASES:
        raise ValueError("%s=%r: expected 'auto', 'v3' or 'v4'" % (source, value))
    return _ALIASES[key]


def is_v4_entry_point(root):
    """True when an ``<api>`` document is in the v4 form.

    v3 writes versions as attributes (``<version major="3" .../>``) and links to
    ``capabilities``; v4 writes ``<version><major>4</major>...`` and links to
    ``clusterlevels``.
    """
    if root is None or root.tag != "api":
        return False
    version = root.find("product_info/version")
    if version is not None:
        return version.get("major") is None and version.find("major") is not None
    rels = {link.get("rel") for link in root.iterchildren("link")}
    return "clusterlevels" in rels and "capabilities" not in rels


def is_refusal(exc):
    """True when an entry-point failure means "this engine does not serve v3"."""
    if isinstance(exc, errors.RequestError):
        return exc.status in REFUSAL_STATUSES
    return isinstance(exc, errors.FormatError)
