"""oVirt engine 3.6 Python SDK (Python 3 reimplementation), distribution ``ovirt-engine-sdk3``.

``ovirtsdk.__version__`` is the SDK's version (``ovirtsdk.version`` holds its parts).

The package root wires the layers together once, before any of them is used: the
XML layer (``ovirtsdk.xml``), which knows nothing of the SDK's error classes,
reports unreadable documents and values as ``errors.FormatError``.
"""
from ovirtsdk.infrastructure.errors import FormatError as _FormatError
from ovirtsdk.xml import failures as _failures

_failures.install(_FormatError)

try:
    from ovirtsdk.version import __version__
except ImportError:   # a source tree that was never built nor installed (editable or not)
    __version__ = "0+unknown"
