"""How the shared state and rules read and write the v4 dialect's objects.

The v4 dialect stores ``xmlio.Obj`` values (a dict of tag -> value with its v4 type
name; a status is its text, booleans and numbers their canonical text), so that
nothing the v4 model has and v3 lacks is lost.  ``Access`` is the v4 side of the
object access the state (``ovirtsdk.testing.state``) is written against; the v3
side is ``dialects/v3/access.py``.
"""
import datetime

from .xmlio import Obj, deep_copy

# Sub-collections that hold their own members although their type has a top-level
# collection (a VM's permissions are not the system's).
OWN_MEMBERS = {"Permission"}


def text(value):
    """The stored text of a Python value (``True`` -> ``'true'``, 1024 -> ``'1024'``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="milliseconds")
    return value


class Access(object):
    """The v4 dialect's vocabulary: kinds are the v4 type names (``Vm``, ``Nic``)."""

    #: The dialect's name, for messages.
    name = "v4"

    # ------------------------------------------------------------ kinds and types

    def kind(self, obj):
        return obj.type

    def type_name(self, value):
        return value.type if isinstance(value, Obj) else None

    def is_object(self, value):
        return isinstance(value, Obj)

    # ------------------------------------------------------------ members

    def get(self, obj, name):
        return obj.get(name) if obj is not None else None

    def set(self, obj, name, value):
        if value is None:
            obj.pop(name, None)
        else:
            obj[name] = text(value)

    def state(self, obj):
        return obj.get("status") if obj is not None else None

    def set_state(self, obj, state):
        self.set(obj, "status", state)

    def stored(self, entity):
        """A new entity was stored: v4 values carry their id."""
        entity.obj["id"] = entity.id

    # ------------------------------------------------------------ objects and references

    def new(self, kind, **values):
        return Obj(kind, {k: text(v) for k, v in values.items() if v is not None})

    def ref(self, state, entity, cls=None):
        """A stored reference to an entity: ``Obj(type, id=…)``."""
        return Obj(entity.obj.type, id=entity.id)

    def set_ref(self, state, obj, name, entity):
        obj[name] = self.ref(state, entity)

    def clone(self, value):
        return deep_copy(value)

    def references(self, state, obj):
        """The references an entity holds (structs and lists of structs)."""
        for member in state.model.types[obj.type].members:
            value = obj.get(member.tag)
            if value is None or member.kind not in ("struct", "list"):
                continue
            for ref in (value if isinstance(value, list) else [value]):
                yield ref

    def fits_view(self, state, cinfo, obj):
        """True when a new ``obj`` belongs in views of ``cinfo`` (its type or a base)."""
        return is_view(cinfo) and state.model.types[obj.type].is_a(cinfo.member_type)


def is_view(cinfo):
    """A collection listing entities that live elsewhere (not a VM's permissions)."""
    return cinfo.is_view and cinfo.member_type not in OWN_MEMBERS
