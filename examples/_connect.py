"""Where the examples connect to.

Every example reads its connection settings from the environment:

    OVIRT_URL        e.g. https://engine.example.com/ovirt-engine/api
    OVIRT_USERNAME   e.g. admin@internal
    OVIRT_PASSWORD
    OVIRT_CA_FILE    the engine's CA certificate (https://ENGINE/ca.crt)

When OVIRT_URL is not set, an embedded fake engine (``ovirtsdk.testing``,
needs the ``testing`` extra: ``pip install '.[testing]'``) is started in the
background for the lifetime of the script, so every example runs as is.
"""
import atexit
import os
import sys

_engine = None


def _embedded_engine():
    """Start the fake engine once per process; it stops when the script exits."""
    global _engine
    if _engine is None:
        try:
            from ovirtsdk.testing import FakeEngine
        except ImportError as exc:
            sys.exit("OVIRT_URL is not set and the embedded fake engine is not available "
                     "(%s); install the 'testing' extra or point OVIRT_URL at an engine."
                     % exc)
        _engine = FakeEngine().start()
        atexit.register(_engine.stop)
        print("(OVIRT_URL not set: using an embedded fake engine at %s)" % _engine.url,
              file=sys.stderr)
    return _engine


def connection_settings():
    """(url, username, password, ca_file) for ``API(...)``."""
    url = os.environ.get("OVIRT_URL")
    if url:
        return (url,
                os.environ.get("OVIRT_USERNAME", "admin@internal"),
                os.environ.get("OVIRT_PASSWORD", ""),
                os.environ.get("OVIRT_CA_FILE") or None)
    engine = _embedded_engine()
    return engine.url, engine.username, engine.password, engine.ca_file


def connect():
    """A connected ``API`` and a cleanup callable that disconnects it."""
    from ovirtsdk.api import API

    url, username, password, ca_file = connection_settings()
    api = API(url=url, username=username, password=password, ca_file=ca_file)
    return api, api.disconnect
