"""The entry point of the SDK: ``API`` connects to an engine and exposes its collections.

    from ovirtsdk.api import API
    api = API(url="https://engine/ovirt-engine/api", username="admin@internal",
              password="...", ca_file="ca.crt")
    for vm in api.vms.list():
        print(vm.get_name())
    api.disconnect()

Importing this module is cheap: the generated params and broker modules are
loaded when the first API instance needs them.
"""
import re
import uuid
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import unquote, urlsplit, urlunsplit

from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.apicollections import APICollections

if TYPE_CHECKING:   # for the annotations only: loading params is deferred at run time
    import datetime

    from ovirtsdk.xml import params

__all__ = ["API"]


_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0", "")


def _flag_string(key, value):
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise TypeError("%s=%r" % (key, value), "bool is expected "
                    "(or one of the strings %s)." % ", ".join(repr(v) for v in _TRUE + _FALSE))


def _as_bool(key, value):
    """``filter``/``renew_session``: a bool, or a string read as one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _flag_string(key, value)
    raise TypeError("%s=%r" % (key, value), "bool is expected.")


def _as_flag(key, value):
    """The other flags: a string is read as a boolean (``insecure='False'`` from a
    config file means verify, where the original saw a non-empty string: True);
    any other value counts by its truth, as in the original."""
    if isinstance(value, str):
        return _flag_string(key, value)
    return bool(value)


def _as_int(key, value):
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("%s=%r" % (key, value), "int is expected.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise TypeError("%s=%r" % (key, value), "int is expected.") from None


_USERINFO = re.compile(r"^([^/?#]*//)?[^/?#]*@")


def _shown(url):
    """``url`` fit for an error message: any ``user:password@`` part hidden."""
    return _USERINFO.sub(lambda m: (m.group(1) or "") + "***@", url) \
        if isinstance(url, str) else url


def split_credentials(url):
    """``(url without user:password@, username, password)``; None for the parts
    the URL does not carry (percent-escapes in them are decoded)."""
    if not isinstance(url, str) or "@" not in url:
        return url, None, None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or "@" not in parts.netloc:
        return url, None, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    clean = urlunsplit((parts.scheme, hostport, parts.path, parts.query, parts.fragment))
    return clean, unquote(user), (unquote(password) if sep else None)


def _as_timeout(value):
    """Seconds (int or float; a numeric string from a config file is read as one)."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise TypeError("timeout=%r" % (value,), "a number of seconds is expected.")


def normalize_url(url, port=None):
    """The entry point URL: no trailing slash, ``/api`` for an empty path,
    ``port`` added when the URL has none, query and fragment dropped."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("url must be a non-empty string such as "
                         "'https://engine.example.com/ovirt-engine/api', got %r"
                         % (_shown(url),))
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("url must be an absolute http:// or https:// URL, got %r"
                         % (_shown(url),))
    if "@" in parts.netloc:
        raise ValueError("url must not carry credentials here (got %r)" % (_shown(url),))
    netloc = parts.netloc
    if port is not None and parts.port is None:
        netloc = "%s:%d" % (netloc, _as_int("port", port))
    path = parts.path.rstrip("/") or "/api"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def _connect_hint(status, url, username):
    """What usually causes a 401 or 404 on the entry point."""
    if status == 401:
        if username and "@" not in username:
            return ("the user name has the form user@domain, e.g. %s@internal"
                    % username)
        return ("check the user name (user@domain, e.g. admin@internal) and the password")
    if status == 404:
        return ("the URL must end in /ovirt-engine/api, e.g. "
                "https://engine.example.com/ovirt-engine/api (got %s)" % url)
    return None


class API(APICollections):
    """A connection to one oVirt engine, through REST API version 3.

    Engines that serve only v4 (4.4 and later) are detected at connect and every
    call is then translated (``ovirtsdk.infrastructure.translation``); the
    keyword-only ``protocol`` ('auto', 'v3' or 'v4'; default: the
    ``OVIRTSDK_PROTOCOL`` environment variable, else 'auto') forces a choice and
    ``get_protocol()`` tells which one is in use.

    Collections are attributes (``api.vms``, ``api.hosts`` ...). Several API
    instances, to one engine or several, share no state. An instance may be
    used from several threads at once. ``disconnect()`` (or leaving a ``with``
    block) ends the engine session; every later use of the API or of a broker
    obtained from it raises ``DisconnectedError``.

    The constructor fetches the entry point at once, so wrong credentials or a
    wrong URL fail here (``RequestError``, with a hint for a 401 or 404).

    Arguments:

    - ``url``: the entry point, ``https://ENGINE/ovirt-engine/api``; trailing
      slashes are dropped, an empty path means ``/api`` (old engines).
    - ``username``: ``user@domain``, e.g. ``admin@internal``.
    - ``password``: the user's password.
    - ``key_file``, ``cert_file``: PEM private key and certificate of a TLS
      client certificate (both or neither).
    - ``ca_file``: PEM file of the CA(s) the engine's certificate must chain to;
      an ``https`` URL needs it unless ``insecure`` (``NoCertificatesError``).
    - ``port``: added to ``url`` when the URL has no port.
    - ``timeout``: seconds for connecting and for each whole reply (None: no limit).
    - ``session_timeout``: minutes the engine keeps the session (``Session-TTL``).
    - ``persistent_auth``: keep one engine session (cookie) for all requests
      (default True); False authenticates every request.
    - ``renew_session``: when the engine ends the session, log in again
      transparently (default False).
    - ``insecure``: do not verify the engine's certificate (warns once).
    - ``validate_cert_chain``: False also turns verification off (as in the
      original); default True.
    - ``filter``: send ``Filter: True``, so the engine applies the user's
      permissions (user-level API); default False.
    - ``debug``: log every request and reply (secrets redacted) to the
      ``ovirtsdk`` logger, to stderr when logging is not configured; setting
      that logger's level to DEBUG does the same without this flag.
    - ``kerberos``: authenticate with GSSAPI (the ``kerberos`` extra) instead
      of user name and password.
    """

    def __init__(self, url: str, username: Optional[str] = None,
                 password: Optional[str] = None, key_file: Optional[str] = None,
                 cert_file: Optional[str] = None, ca_file: Optional[str] = None,
                 port: Optional[Union[int, str]] = None,
                 timeout: Optional[Union[int, float, str]] = None,
                 session_timeout: Optional[Union[int, str]] = None,
                 persistent_auth: Union[bool, str] = True,
                 renew_session: Union[bool, str] = False,
                 insecure: Union[bool, str] = False,
                 validate_cert_chain: Union[bool, str] = True,
                 filter: Union[bool, str] = False, debug: Union[bool, str] = False,
                 kerberos: Union[bool, str] = False, *,
                 protocol: Optional[str] = None) -> None:
        from ovirtsdk.infrastructure.connectionspool import ConnectionsPool
        from ovirtsdk.infrastructure.context import Context
        from ovirtsdk.infrastructure.translation import protocol as _protocol

        wanted = _protocol.choose(protocol)

        session_timeout = _as_int("session_timeout", session_timeout)
        filter = _as_bool("filter", filter)
        renew_session = _as_bool("renew_session", renew_session)
        timeout = _as_timeout(timeout)
        url, url_user, url_password = split_credentials(url)
        if url_user is not None or url_password is not None:
            # https://user:password@engine/... : used as username/password, never
            # kept in the URL (which shows up in messages and logs).
            if (username is not None and username != url_user) or \
                    (password is not None and url_password is not None
                     and password != url_password):
                raise ValueError("the url carries credentials that differ from the "
                                 "username/password arguments; give them once")
            username = url_user if username is None else username
            password = url_password if password is None else password
        url = normalize_url(url, port)

        pool = ConnectionsPool(
            url, username=username, password=password, key_file=key_file,
            cert_file=cert_file, ca_file=ca_file, timeout=timeout,
            insecure=_as_flag("insecure", insecure),
            validate_cert_chain=_as_flag("validate_cert_chain", validate_cert_chain),
            debug=_as_flag("debug", debug), kerberos=_as_flag("kerberos", kerberos),
            session_timeout=session_timeout,
            persistent_auth=_as_flag("persistent_auth", persistent_auth),
            renew_session=renew_session, filter=filter)
        d = self.__dict__
        d["_API__context"] = Context(pool, url)
        d["_API__id"] = uuid.uuid4().hex
        d["_API__collections"] = {}
        d["_API__entry"] = None
        try:
            d["_API__entry"] = self.__connect(wanted)
        except errors.RequestError as exc:
            pool.close()
            exc.hint = _connect_hint(exc.status, url, username)
            raise
        except BaseException:
            pool.close()
            raise

    # ------------------------------------------------------------------ internals

    def __connect(self, wanted):
        """Read the entry point and settle the protocol (see translation.protocol)."""
        from ovirtsdk.infrastructure.translation import protocol as _protocol
        ctx = self.__context
        if wanted == _protocol.V4:
            ctx.use_translation()
            return self.__fetch_entry_point()
        try:
            root = self.__entry_root()
        except (errors.RequestError, errors.FormatError) as exc:
            if wanted != _protocol.AUTO or not _protocol.is_refusal(exc):
                raise
            # 4.4+ refuses v3: ask again in v4; if that fails too, the v3 error stands.
            ctx.use_translation()
            try:
                return self.__fetch_entry_point()
            except errors.OvirtSdkError:
                ctx.use_v3()
                raise exc from None
        if wanted == _protocol.AUTO and _protocol.is_v4_entry_point(root):
            # The engine ignored "Version: 3" and answered in v4: no second request.
            from ovirtsdk.infrastructure.translation.handlers import entry_point_to_v3
            entry_point_to_v3(ctx.use_translation(), root)
        return self.__materialize(root)

    def __entry_root(self):
        ctx = self.__context
        root = ctx.root(ctx.request("GET", ctx.base_url))
        if root is None:
            raise errors.UnsecuredConnectionAttemptError()
        return root

    def __materialize(self, root):
        from ovirtsdk.xml import params, runtime
        try:
            entry = runtime.parse_node(params, root)
        except ValueError as exc:
            raise errors.FormatError(str(exc)) from None
        return runtime.materialize_deep(entry)

    def __fetch_entry_point(self):
        return self.__materialize(self.__entry_root())

    def __check(self):
        self.__context.check()

    def _collection_(self, attr, class_name):
        self.__check()
        cache = self.__collections
        broker = cache.get(attr)
        if broker is None:
            from ovirtsdk.infrastructure import brokers
            broker = cache.setdefault(attr, getattr(brokers, class_name)(self.__context))
        return broker

    # ------------------------------------------------------------------ public API

    @property
    def id(self) -> str:
        """An identifier of this API instance (read-only)."""
        return self.__id

    @id.setter
    def id(self, value: Any) -> None:
        raise errors.ImmutableError("id")

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "id":
            raise errors.ImmutableError("id")
        object.__setattr__(self, name, value)

    def get_protocol(self) -> str:
        """The API version this instance speaks: 'v3' (natively), or 'v4' when the
        engine serves only v4 and every call is translated (engines 4.4 and later).

        Chosen at connect: ``API(..., protocol='auto'|'v3'|'v4')``, else the
        ``OVIRTSDK_PROTOCOL`` environment variable, else 'auto' (detection).
        """
        self.__check()
        return self.__context.protocol

    def disconnect(self) -> None:
        """End the engine session and close the connections."""
        self.__check()
        self.__context.pool.close()

    def test(self, throw_exception: bool = False) -> bool:
        """True when the engine answers; False (or the error) otherwise."""
        self.__check()
        try:
            ctx = self.__context
            ctx.request("GET", ctx.base_url)
            return True
        except errors.DisconnectedError:
            raise
        except Exception:
            if throw_exception:
                raise
            return False

    def get_product_info(self) -> "Optional[params.ProductInfo]":
        """Product name, vendor and version, as read at connect time (may be None)."""
        self.__check()
        return self.__entry.product_info

    def get_special_objects(self) -> "Optional[params.SpecialObjects]":
        self.__check()
        return self.__entry.special_objects

    def get_comment(self) -> Optional[str]:
        self.__check()
        return self.__entry.comment

    def get_summary(self) -> "Optional[params.ApiSummary]":
        """The engine's summary (counts of VMs, hosts ...), fetched now."""
        self.__check()
        return self.__fetch_entry_point().summary

    def get_time(self) -> "Optional[datetime.datetime]":
        """The engine's current time, fetched now."""
        self.__check()
        return self.__fetch_entry_point().time

    def set_filter(self, filter: Union[bool, str]) -> None:
        """Send ``Filter: True`` (user-level permissions) from now on, or not."""
        self.__check()
        self.__context.pool.set_filter(_as_bool("filter", filter))

    def set_renew_session(self, renew_session: Union[bool, str]) -> None:
        self.__check()
        self.__context.pool.set_renew_session(_as_bool("renew_session", renew_session))

    def __enter__(self) -> "API":
        return self

    def __exit__(self, *exc_info: Any) -> bool:
        if not self.__context.closed:
            self.disconnect()
        return False

    def __repr__(self) -> str:
        return "<ovirtsdk.api.API %s%s>" % (self.__context.base_url,
                                            " (disconnected)" if self.__context.closed else "")
