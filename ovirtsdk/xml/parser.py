"""The one XML parser of the SDK, for documents nobody vouches for.

Every document is read through here: engine replies (``connectionspool``), fault
bodies (``errors``), ``params.parseString``/``params.parse``, the fake engine's
request bodies and the generator's input (``codegen``).  The policy:

- entities are never expanded, no DTD is loaded, nothing is fetched (no network);
- a document with a DOCTYPE is refused outright (the engine never sends one;
  entity bombs need one);
- blank text between elements is dropped (the engine indents its replies), a
  leaf's whitespace-only text is kept; comments and processing instructions go;
- huge trees are refused (libxml2's default limits on depth and text size stay);
- empty, truncated or non-XML input is an error.

Failures are raised through ``failures.error`` (``FormatError`` in the SDK).
"""
import threading

from lxml import etree

from . import failures

__all__ = ["Feeder", "fromstring", "new_parser", "parse", "parser"]

_local = threading.local()     # lxml parsers serialise on themselves: one per thread


def new_parser():
    """A fresh parser with the policy above (for callers that keep their own)."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, remove_blank_text=True)


def parser():
    """This thread's parser with the policy above."""
    p = getattr(_local, "parser", None)
    if p is None:
        p = _local.parser = new_parser()
    return p


def _checked(tree):
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise failures.error("DOCTYPE declarations are not accepted")
    return tree


def fromstring(data):
    """The root element of ``data`` (bytes, or str encoded as UTF-8)."""
    if data is None:
        raise failures.error("empty reply")
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        raise failures.error("empty reply")
    try:
        root = etree.fromstring(data, parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise failures.error("not XML (%s)" % exc) from None
    _checked(root.getroottree())
    return root


def parse(source, parser_=None):
    """The ``ElementTree`` of a file name, path or file object."""
    try:
        tree = etree.parse(source if isinstance(source, (str, bytes)) or hasattr(
            source, "read") else str(source), parser_ or parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise failures.error("not XML (%s)" % exc) from None
    return _checked(tree)


class Feeder(object):
    """A document read piece by piece as it arrives (``write(bytes)`` as often as
    needed, then ``close()``), with the policy above; nothing keeps a copy of the
    pieces. ``close()`` returns the root element, or None when nothing but
    whitespace arrived (the caller decides whether an empty body is an error).
    A piece that makes the document invalid fails at once, so a reader can stop.
    """

    __slots__ = ("_parser", "_seen")

    def __init__(self):
        self._parser = new_parser()
        self._seen = False      # a byte other than whitespace arrived

    def write(self, data):
        if not self._seen:
            if not data.strip():        # copies only leading all-blank pieces
                return
            self._seen = True
        try:
            self._parser.feed(data)
        except (etree.XMLSyntaxError, ValueError) as exc:
            self._abandon()
            raise failures.error("not XML (%s)" % exc) from None

    def close(self):
        if not self._seen:
            return None
        try:
            root = self._parser.close()
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise failures.error("not XML (%s)" % exc) from None
        _checked(root.getroottree())
        return root

    def _abandon(self):
        try:
            self._parser.close()
        except (etree.XMLSyntaxError, ValueError):
            pass
