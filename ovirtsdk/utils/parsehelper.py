"""XML helpers scripts import from the original SDK."""
from ovirtsdk.xml import runtime as _rt


def _params():
    from ovirtsdk.xml import params
    return params


class ParseHelper(object):
    """Conversions between params objects (or brokers) and XML text."""

    @staticmethod
    def toXml(entity):
        """The XML document of a params object or resource broker, with its root tag."""
        return _rt.to_xml(_rt.unwrap(entity))

    @staticmethod
    def toCollection(cls, collection):
        """A params collection object (e.g. ``params.VMs``) holding ``collection``."""
        obj = cls()
        entities = [_rt.unwrap(item) for item in collection]
        for f in _rt.info(cls).elements:
            if f.many:
                setattr(obj, f.name, entities)
                break
        return obj

    @staticmethod
    def toSubCollection(cls, entity, collection):
        return ParseHelper.toCollection(cls, collection)

    @staticmethod
    def toType(fromItem, toType):
        """A ``toType`` instance with the members of ``fromItem`` that it also has."""
        source = _rt.unwrap(fromItem)
        names = _rt.info(toType).by_name
        return toType(**{name: getattr(source, name, None) for name in names
                         if name in _rt.info(type(source)).by_name})

    @staticmethod
    def getXmlType(type_name):
        """The params class of an XML root element name (``'vm'`` -> ``params.VM``)."""
        return _params()._rootClassMap.get(type_name)

    @staticmethod
    def getXmlTypeInstance(type_name):
        cls = ParseHelper.getXmlType(type_name)
        return cls.factory() if cls is not None else None

    @staticmethod
    def getSingularXmlTypeInstance(type_name):
        name = type_name[:-1] if type_name.endswith("s") else type_name
        return ParseHelper.getXmlTypeInstance(name)

    @staticmethod
    def fromXml(text):
        return _params().parseString(text)
