"""XML and type helpers scripts and ovirt-shell import from the original SDK.

Names are looked up in ``ovirtsdk.xml.params``: a class by its name or its XML
root tag, compared lower-cased (``'datacenter'``, ``'data_center'`` and
``'DataCenter'`` all name ``params.DataCenter``).
"""
from ovirtsdk.xml import runtime as _rt


def _params():
    from ovirtsdk.xml import params
    return params


_TABLES = []


def _tables():
    """(lower class name -> class, lower tag -> class, tag without '_' -> class,
    class -> tag), built once from the generated module."""
    if not _TABLES:
        params = _params()
        by_name, by_tag, by_bare_tag, tag_of = {}, {}, {}, {}
        for name, tag in params._tag_for_type.items():
            cls = getattr(params, name)
            tag_of[cls] = tag
        for tag, cls in params._rootClassMap.items():
            by_tag.setdefault(tag.lower(), cls)
            by_bare_tag.setdefault(tag.replace("_", "").lower(), cls)
            tag_of.setdefault(cls, tag)
        for name in dir(params):
            cls = getattr(params, name)
            if (isinstance(cls, type) and issubclass(cls, params.GeneratedsSuper)
                    and cls.__module__ == params.__name__):
                by_name.setdefault(name.lower(), cls)
        _TABLES[:] = [by_name, by_tag, by_bare_tag, tag_of]
    return _TABLES


class ParseHelper(object):
    """Conversions between params objects (or brokers), XML text and broker types."""

    @staticmethod
    def toXml(entity):
        """The XML document of a params object or resource broker, with the root tag
        of its type. A type without a root element in the schema raises ``Exception``."""
        obj = _rt.unwrap(entity)
        cls = type(obj)
        tag = _tables()[3].get(cls) if isinstance(obj, _rt.GeneratedsSuper) else None
        if tag is None:
            raise Exception("%s has no XML root element in the API schema; it can only "
                            "be written as a member of another document"
                            % ("params." + cls.__name__ if isinstance(obj, _rt.GeneratedsSuper)
                               else type(entity).__name__))
        return _rt.to_xml(obj, tag)

    @staticmethod
    def getXmlType(type_name):
        """The params class named ``type_name`` (its class name or its XML root tag,
        case-insensitive): ``'datacenter'`` and ``'data_center'`` give
        ``params.DataCenter``; None when there is none. Names that are a root tag
        without its underscores (``'vmnumanode'`` for ``vm_numa_node``) are found too,
        where neither rule finds anything."""
        if not type_name:
            return None
        by_name, by_tag, by_bare_tag, _ = _tables()
        key = str(type_name).lower()
        return by_name.get(key) or by_tag.get(key) or by_bare_tag.get(key)

    @staticmethod
    def getXmlTypeInstance(type_name):
        """The XML tag of the params class whose name is ``type_name`` (case-insensitive):
        ``'datacenter'`` -> ``'data_center'``; ``type_name`` itself when there is none."""
        if not type_name:
            return type_name
        by_name, _, _, tag_of = _tables()
        cls = by_name.get(str(type_name).lower())
        tag = tag_of.get(cls) if cls is not None else None
        return tag if tag is not None else type_name

    @staticmethod
    def getXmlWrapperType(type_name):
        """The params class name for ``type_name`` given as class name, tag, or tag
        without underscores (case-insensitive); ``type_name`` itself when none."""
        if not type_name:
            return type_name
        by_name, by_tag, by_bare_tag, _ = _tables()
        key = str(type_name).lower()
        cls = by_name.get(key) or by_tag.get(key) or by_bare_tag.get(key)
        return cls.__name__ if cls is not None else type_name

    @staticmethod
    def getSingularXmlTypeInstance(type_name):
        """``getXmlTypeInstance(type_name)`` with one trailing ``s`` removed
        (``'datacenters'`` -> ``'data_center'``)."""
        tag = ParseHelper.getXmlTypeInstance(type_name)
        if isinstance(tag, str) and tag.endswith("s"):
            return tag[:-1]
        return tag

    @staticmethod
    def toType(fromItem, toType, **kwargs):
        """``toType(fromItem, **kwargs)``: e.g. a broker class around a params entity."""
        return toType(fromItem, **kwargs)

    @staticmethod
    def toCollection(toType, fromItems, **kwargs):
        """``[toType(item, **kwargs) for item in fromItems]``."""
        return [toType(item, **kwargs) for item in fromItems]

    @staticmethod
    def toSubType(fromItem, toType, parent, **kwargs):
        """``toType(parent, fromItem, **kwargs)``: a sub-resource broker."""
        return toType(parent, fromItem, **kwargs)

    @staticmethod
    def toSubCollection(toType, parent, fromItems, **kwargs):
        """``[toType(parent, item, **kwargs) for item in fromItems]``."""
        return [toType(parent, item, **kwargs) for item in fromItems]

    @staticmethod
    def toTypeFromCollection(toType, fromItems, **kwargs):
        """``toType(first item or None, **kwargs)``."""
        first = fromItems[0] if fromItems else None
        return toType(first or None, **kwargs)

    @staticmethod
    def toSubTypeFromCollection(toType, parent, fromItems, **kwargs):
        """``toType(parent, first item, **kwargs)``; None for an empty collection."""
        if not fromItems:
            return None
        return toType(parent, fromItems[0], **kwargs)

    @staticmethod
    def fromXml(text):
        """The params object of an XML document (``params.parseString``)."""
        return _params().parseString(text)
