"""Reflection helpers used by tools that build commands from the brokers (ovirt-shell)."""
import inspect


class ReflectionHelper(object):

    @staticmethod
    def getClasses(module, byName=False):
        """``{name.lower(): class}`` of the classes in ``module``
        (``{name.lower(): name}`` with ``byName=True``)."""
        return dict((name.lower(), name if byName else obj)
                    for name, obj in inspect.getmembers(module, inspect.isclass))

    @staticmethod
    def getClassNames(module):
        """``{name.lower(): name}`` of the classes in ``module``."""
        return ReflectionHelper.getClasses(module, byName=True)

    @staticmethod
    def isModuleMember(module_name, typ):
        """True when ``typ`` (not None) is defined in the module named ``module_name``
        (a module object is accepted for the name too)."""
        if inspect.ismodule(module_name):
            module_name = module_name.__name__
        return typ is not None and getattr(typ, "__module__", None) == module_name
