"""How the shared state and rules read and write the v4 dialect's objects.

The v4 dialect stores ``xmlio.Obj`` values (a dict of tag -> value with its v4 type
name; a status is its text, booleans and numbers their canonical text), so that
nothing the v4 model has and v3 lacks is lost.  ``Access`` is the v4 side of the
object access the state (``ovirtsdk.testing.state``) is written against; the v3
side is ``dialects/v3/access.py``.
"""
import datetime

from ovirtsdk.xml import params as P

from .model import get_model
from .xmlio import Obj, deep_copy

# v4 type names whose kind (the shared rules' name, the params type's) is not the
# same name up to case (``Vm`` is ``VM``, ``Nic`` is ``NIC`` by case alone).
RENAMED_KINDS = {"NetworkLabel": "Label"}

# (v4 type, member as the shared rules name it) -> the v4 member: a snapshot's v3
# ``type`` (active, regular ...) is v4 ``snapshot_type`` (v4 ``type`` is the VM's), a VM's
# ``vmpool`` is v4 ``vm_pool``, an action's ``iscsi_target`` list ``iscsi_targets``.
RENAMED_MEMBERS = {("Snapshot", "type"): "snapshot_type", ("Vm", "vmpool"): "vm_pool",
                   ("Action", "iscsi_target"): "iscsi_targets"}

_KINDS = {}
_INT_TYPES = ("xs:int", "xs:long", "xs:unsignedInt", "xs:short", "xs:byte")


def kind_of(type_name):
    """The shared kind of a v4 type name (``Vm`` -> ``VM``; itself when v3 has none)."""
    kind = _KINDS.get(type_name)
    if kind is None:
        kind = RENAMED_KINDS.get(type_name)
        if kind is None:
            kind = _V3_NAMES.get(type_name.lower(), type_name)
        _KINDS[type_name] = kind
    return kind


_V3_NAMES = {n.lower(): n for n in dir(P) if n[:1].isupper()}
_TYPES = {}


def type_of(kind):
    """The v4 type name of a shared kind (the inverse of ``kind_of``; ``HostNIC`` ->
    ``HostNic``); a v4 type name is itself."""
    if not _TYPES:
        types = get_model().types
        table = {kind_of(name): name for name in types}
        table.update({name: name for name in types})
        _TYPES.update(table)
    return _TYPES.get(kind, kind)

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
        """The kind a rule is keyed on: the shared name (``Vm`` -> ``VM``)."""
        return kind_of(obj.type)

    def type_name(self, value):
        return value.type if isinstance(value, Obj) else None

    def is_object(self, value):
        return isinstance(value, Obj)

    # ------------------------------------------------------------ members

    def get(self, obj, name):
        """A member's value: booleans and integers as Python values, the rest as stored."""
        if not isinstance(obj, Obj):
            return None
        name = RENAMED_MEMBERS.get((obj.type, name), name)
        value = obj.get(name)
        if isinstance(value, str):
            member = get_model().types[obj.type].by_tag.get(name)
            if member is not None and member.kind == "value":
                if member.type == "xs:boolean":
                    return value == "true"
                if member.type in _INT_TYPES:
                    return int(value)
        return value

    def set(self, obj, name, value):
        """Set a member (None removes it); one the v4 model lacks is not stored."""
        name = RENAMED_MEMBERS.get((obj.type, name), name)
        if value is None:
            obj.pop(name, None)
        elif name in get_model().types[obj.type].by_tag:
            obj[name] = text(value)

    def items(self, obj, name):
        """The items of a list member (``data_centers``) as a list."""
        return list(obj.get(name) or []) if isinstance(obj, Obj) else []

    def set_items(self, obj, name, items):
        if items:
            obj[name] = list(items)
        else:
            obj.pop(name, None)

    def members(self, obj):
        """The members set on ``obj`` as a view's overlay holds them (what a network
        is in one cluster: ``member.overlay.update(a.members(values))``)."""
        return {k: v for k, v in obj.items() if k != "id"}

    def state(self, obj):
        return obj.get("status") if isinstance(obj, Obj) else None

    def set_state(self, obj, state):
        self.set(obj, "status", state)

    def status(self, state):
        """A status as an overlay holds it (``member.overlay['status']``)."""
        return state

    def state_of(self, status):
        return status

    def stored(self, entity):
        """A new entity was stored: v4 values carry their id."""
        entity.obj["id"] = entity.id

    # ------------------------------------------------------------ objects and references

    def new(self, kind, **values):
        """A new object of the shared ``kind`` (``HostNIC`` is a v4 ``HostNic``), its
        members named as the shared rules name them."""
        type_name = type_of(kind)
        return Obj(type_name, {RENAMED_MEMBERS.get((type_name, k), k): text(v)
                               for k, v in values.items() if v is not None})

    def ref(self, state, entity, cls=None):
        """A stored reference to an entity: ``Obj(type, id=…)``."""
        return Obj(entity.obj.type, id=entity.id)

    def set_ref(self, state, obj, name, entity):
        obj[RENAMED_MEMBERS.get((obj.type, name), name)] = self.ref(state, entity)

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
