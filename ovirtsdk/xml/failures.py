"""How the XML layer reports a document or a value it cannot read.

The XML layer (``ovirtsdk.xml``) sits below the SDK's infrastructure and knows
nothing of its error classes.  It raises every failure through ``error(message)``,
which builds an instance of the class installed with ``install()``:
``DocumentError`` (a ``ValueError``) by default.  The package root
(``ovirtsdk/__init__.py``) installs ``ovirtsdk.infrastructure.errors.FormatError``
before anything else is imported, so a script always sees ``FormatError``, the
original SDK's error for an unreadable reply, whichever module it imported first.
"""

__all__ = ["DocumentError", "error", "install"]


class DocumentError(ValueError):
    """A document, or a value in it, that cannot be read (the layer's own default)."""


_error_class = DocumentError


def install(error_class):
    """Raise ``error_class(message)`` for every failure from now on (None: the default)."""
    global _error_class
    _error_class = DocumentError if error_class is None else error_class


def error(message):
    """The exception to raise for ``message`` (an instance of the installed class)."""
    return _error_class(message)
