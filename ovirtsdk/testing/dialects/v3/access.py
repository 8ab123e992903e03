"""How the shared state and rules read and write the v3 dialect's objects.

The v3 dialect stores params (generateDS) objects: ``P.VM`` with a ``P.Status``
under ``status``, members under their Python names (``type_``).  ``Access`` is the
v3 side of the object access the state (``state.py``) and the rules
(``behaviour.py``) are written against; ``dialects/v4/access.py`` is the v4 side.
Members are named by their XML element names (``type``, ``data_center``), values
are Python values (bool, int, datetime, text); a status is its state's text.
"""
from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime


class Access(object):
    """The v3 dialect's vocabulary: kinds are the params type names (``VM``, ``NIC``)."""

    #: The dialect's name, for messages.
    name = "v3"

    def __init__(self):
        self._names = {}        # (class, xml name) -> Python member name

    # ------------------------------------------------------------ kinds and types

    def kind(self, obj):
        """The kind a rule is keyed on: the params type name (``"VM"``)."""
        return type(obj).__name__

    def type_name(self, value):
        """The model's type name of a stored value, or None when it is no object."""
        return type(value).__name__ if isinstance(value, runtime.GeneratedsSuper) else None

    def is_object(self, value):
        return isinstance(value, runtime.GeneratedsSuper)

    # ------------------------------------------------------------ members

    def _attr(self, cls, name):
        key = (cls, name)
        attr = self._names.get(key)
        if attr is None:
            ci = runtime.info(cls)
            f = ci.by_tag.get(name) or ci.by_name.get(name) or ci.by_name.get(name + "_")
            attr = self._names[key] = f.name if f is not None else name
        return attr

    def get(self, obj, name):
        """A member's stored value (None when unset or when ``obj`` is None)."""
        if obj is None:
            return None
        return obj.__dict__.get(self._attr(type(obj), name))

    def set(self, obj, name, value):
        """Set a member; one the v3 model lacks (``fqdn``) is not stored."""
        attr = self._attr(type(obj), name)
        if attr in runtime.info(type(obj)).by_name:
            setattr(obj, attr, value)

    def items(self, obj, name):
        """The items of a list member, its wrapper (``<data_centers>``) unwrapped."""
        value = self.get(obj, name)
        if value is None:
            return []
        if isinstance(value, list):
            return list(value)
        inner = _inner(type(value))
        return list(getattr(value, inner) or []) if inner else []

    def set_items(self, obj, name, items):
        f = runtime.info(type(obj)).by_name[self._attr(type(obj), name)]
        if f.many:
            setattr(obj, f.name, list(items))
        elif not items:
            setattr(obj, f.name, None)
        else:
            wrapper = f.cls()
            setattr(wrapper, _inner(f.cls), list(items))
            setattr(obj, f.name, wrapper)

    def members(self, obj):
        """The members set on ``obj`` as a view's overlay holds them (what a network
        is in one cluster: ``member.overlay.update(a.members(values))``)."""
        fields = runtime.info(type(obj)).by_name
        return {k: v for k, v in obj.__dict__.items()
                if k in fields and v is not None and v != []}

    def state(self, obj):
        """The text of an object's status (``"up"``), or None."""
        status = obj.__dict__.get("status") if obj is not None else None
        return status.state if status is not None else None

    def set_state(self, obj, state):
        obj.status = P.Status(state=state) if state is not None else None

    def status(self, state):
        """A status as an overlay holds it (``member.overlay['status']``)."""
        return P.Status(state=state)

    def state_of(self, status):
        return status.state if status is not None else None

    def stored(self, entity):
        """A new entity was stored under its id (params objects keep no id)."""

    # ------------------------------------------------------------ objects and references

    def new(self, kind, **values):
        """A new object of ``kind`` with members given by XML name."""
        cls = getattr(P, kind)
        obj = cls()
        for name, value in values.items():
            self.set(obj, name, value)
        return obj

    def ref(self, state, entity, cls=None):
        """The minimal reference the engine renders: ``<cluster id=… href=…/>``."""
        return _blank(cls or type(entity.obj), id=entity.id, href=entity.href)

    def clone(self, value):
        """A deep copy of a stored value."""
        if isinstance(value, runtime.GeneratedsSuper):
            node = runtime.to_element(value, "x")
            return runtime.materialize_deep(runtime.from_node(type(value), node))
        if isinstance(value, list):
            return [self.clone(v) for v in value]
        return value

    def set_ref(self, state, obj, name, entity):
        """``obj.<name>`` = a reference to ``entity`` (typed as the member says)."""
        f = runtime.info(type(obj)).by_tag[name]
        setattr(obj, f.name, self.ref(state, entity, f.cls))

    def references(self, state, obj):
        """The references an entity holds, wrappers (``<data_centers>``) unwrapped."""
        model = state.model
        for f in runtime.info(type(obj)).elements:
            value = obj.__dict__.get(f.name)
            if value is None or f.cls is None or f.name in ("link", "actions"):
                continue
            if f.many:
                refs = value
            elif f.type in model.type_home:
                refs = [value]
            else:
                refs = self.wrapper_items(model, f, value) or []
            for ref in refs:
                if getattr(ref, "href", None):
                    yield ref

    def wrapper_items(self, model, f, value):
        """Items of a collection-typed field (``<storage_domains><storage_domain/>``)."""
        info = runtime.info(type(value))
        for inner in info.elements:
            if inner.many and inner.cls is not None and inner.type in model.type_home:
                return list(getattr(value, inner.name) or [])
        return None

    def fits_view(self, state, cinfo, obj):
        """True when a new ``obj`` belongs in views of ``cinfo`` (same member type)."""
        return cinfo.is_view and cinfo.member_type == type(obj).__name__


def _inner(cls):
    """The list member of a wrapper class (``DataCenters.data_center``), or None."""
    for f in runtime.info(cls).elements:
        if f.many:
            return f.name
    return None


_PROTOTYPES = {}


def _blank(cls, **values):
    """``cls(**values)`` without running its generated constructor over every member
    (references are made by the thousand when seeding)."""
    proto = _PROTOTYPES.get(cls)
    if proto is None:
        proto = _PROTOTYPES[cls] = dict(cls().__dict__)
    obj = runtime.from_node(cls, None)
    d = obj.__dict__
    for key, value in proto.items():
        d[key] = list(value) if isinstance(value, list) else value
    d.update(values)
    return obj
