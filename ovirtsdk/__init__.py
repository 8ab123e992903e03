"""oVirt engine 3.6 Python SDK (Python 3 reimplementation), distribution ``ovirt-engine-sdk3``.

``ovirtsdk.__version__`` is the SDK's version (``ovirtsdk.version`` holds its parts).
"""
try:
    from ovirtsdk.version import __version__
except ImportError:   # a source tree that was never built nor installed (editable or not)
    __version__ = "0+unknown"
