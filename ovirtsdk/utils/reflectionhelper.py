"""Reflection helpers used by tools that build commands from the brokers."""
import inspect


class ReflectionHelper(object):

    @staticmethod
    def getClassNames(module):
        return [name for name, obj in inspect.getmembers(module, inspect.isclass)
                if obj.__module__ == module.__name__]

    @staticmethod
    def getClasses(module):
        return dict((name, obj) for name, obj in inspect.getmembers(module, inspect.isclass)
                    if obj.__module__ == module.__name__)

    @staticmethod
    def isModuleMember(module, obj):
        return inspect.isclass(obj) and obj.__module__ == module.__name__
