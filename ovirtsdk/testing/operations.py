"""The five generic operations of the fake engine, over the state.

list (search, paging), add (create or attach), update (merge), delete (delete or
detach) and actions, as the engine does them for every collection of the link
model.  They take the routed ``Target``, the link and the request entity already
parsed by the dialect, change the state (through ``behaviour`` for the engine's
rules) and return what the dialect renders: no document is read or written here.
"""
import uuid

from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

from . import behaviour, flows, search
from .fault import Fault

# Fields the engine computes: ignored in requests.
_READ_ONLY = ("href", "id", "actions", "link", "creation_status")

# References by name that must resolve (others are kept as sent when unknown).
STRICT_REFS = {"Cluster", "DataCenter", "Host", "Template", "InstanceType", "StorageDomain",
               "Network", "VM", "VnicProfile", "CpuProfile", "DiskProfile", "MacPool",
               "Role", "Tag", "Disk", "VmPool", "SchedulingPolicy"}


def _norm(name):
    return name.replace("_", "").lower()


class Operations(object):
    """Mixed into the engine over ``State``; ``self.dialect`` parses request bodies."""

    # ------------------------------------------------------------ normalising requests

    def resolve_ref(self, value, home_href):
        """A reference given by id or name → the stored entity (400 when unknown)."""
        home = self.top[home_href]
        kind = home.info.member_type
        ident, name = getattr(value, "id", None), getattr(value, "name", None)
        if ident:
            m = home.get(ident)
            if m is None:
                raise Fault(400, "Operation Failed", "Entity not found: %s: id=%s" % (kind, ident))
            return m.entity
        if name:
            for m in home:
                if m.entity.name == name:
                    return m.entity
            raise Fault(400, "Operation Failed", "Entity not found: %s: name=%s" % (kind, name))
        return None

    def normalize(self, obj, resource_href, keep=()):
        """Turn a request entity into what is stored: computed fields dropped,
        references resolved to ``<x id href/>``, secrets and sub-collection lists removed."""
        cls = type(obj)
        subs = {_norm(s) for s in self.model.subcollections(resource_href)}
        coll_types = {c.type for c in self.model.collections.values()}
        for f in runtime.info(cls).fields:
            if f.name in keep:
                continue
            value = obj.__dict__.get(f.name)
            if f.xml in _READ_ONLY or f.xml == "status":
                setattr(obj, f.name, [] if f.many else None)
                continue
            if value is None or f.cls is None:
                continue
            if f.type in coll_types and _norm(f.xml) in subs:
                setattr(obj, f.name, None)       # rendered as a <link> instead
                continue
            home = self.model.type_home.get(f.type) or \
                self.model.type_home.get(type(value).__name__ if not f.many else "")
            if home is not None and not f.many:
                setattr(obj, f.name, self._reference(value, home, f))
            elif f.type in self.model.member_types and not f.many:
                if getattr(value, "id", None):
                    setattr(obj, f.name, f.cls(id=value.id))
            elif not f.many:
                items = self.access.wrapper_items(self.model, f, value)
                if items:
                    inner = next(i for i in runtime.info(type(value)).elements
                                 if i.many and i.cls is not None
                                 and i.type in self.model.type_home)
                    ihome = self.model.type_home[inner.type]
                    setattr(value, inner.name, [self._reference(v, ihome, inner, strict=False)
                                                for v in items])
        _strip_secrets(obj)
        return obj

    def _reference(self, value, home, f, strict=True):
        ident, name = getattr(value, "id", None), getattr(value, "name", None)
        if not ident and not name:
            return value                      # an embedded value, not a reference
        strict = strict and home.member_type in STRICT_REFS
        try:
            entity = self.resolve_ref(value, home.href)
        except Fault:
            if strict:
                raise
            return value
        return self.ref(entity, f.cls)

    # ------------------------------------------------------------ operations

    def op_list(self, req, target, link):
        """The members a GET on a collection lists (``flows.listed``)."""
        return flows.listed(self, req, target, link)

    # how the shared listing reads the v3 dialect's objects

    def check_search_field(self, member_type, field):
        """Raises ``search.SearchError`` when ``field`` is no field of the type."""
        if behaviour.search_field(member_type, field) is None:
            _field_path(getattr(P, member_type), field)

    def search_fault(self, cinfo, text, exc):
        return Fault(400, "Operation Failed", "[Invalid search text '%s: %s': %s.]"
                     % (cinfo.type.capitalize() if cinfo.type.isupper() else cinfo.type,
                        text, exc))

    def field_values(self, member, field):
        if field.lower() == "id":
            return [member.entity.id]
        special = behaviour.search_field(behaviour.kind(member.entity.obj), field)
        if special is not None:
            return special(self, member)
        path = _field_path(type(member.entity.obj), field)
        values = [member.entity.obj]
        for depth, f in enumerate(path):
            nxt = []
            for v in values:
                if v is None:
                    continue
                if depth == 0 and f.name in member.overlay:
                    val = member.overlay[f.name]
                else:
                    val = getattr(v, f.name, None)
                if f.many:
                    nxt.extend(val or [])
                else:
                    nxt.append(val)
            values = nxt
        out = []
        for v in values:
            if isinstance(v, runtime.GeneratedsSuper):
                d = runtime.info(type(v)).by_name
                if "state" in d:
                    out.append(v.state)
                elif getattr(v, "name", None):
                    out.append(v.name)
                elif "id" in d and v.id:
                    target = self.referenced(v)
                    if target is not None:
                        out.append(target.name)
                    out.append(v.id)
            else:
                out.append(v)
        return out

    def op_add(self, req, target, link, body):
        """Create (or, through a view, attach) ``body.obj``: (status, member, overlay)."""
        obj, satisfied = body.obj, body.satisfied
        behaviour.validate_enums(obj)
        cinfo, coll = target.cinfo, target.coll
        label = behaviour.LABELS.get(cinfo.member_type, cinfo.member_type)
        status = 201
        if cinfo.is_view:
            attach = [i for i in satisfied if _is_attach_set(link.sets[i][1])]
            if attach:
                entity = self.resolve_ref(obj, cinfo.home.href)
                if entity is None:
                    raise Fault(400, "Incomplete parameters", "%s [id|name] required for add"
                                % link.body_type)
                return status, flows.attach(self, coll, entity, obj, label), None
        existing = behaviour.before_create_child(self, coll, obj) if not cinfo.is_view else None
        if existing is not None:
            self.normalize(existing.entity.obj, cinfo.resource_href, keep=("status",))
            return status, existing, None
        home = self.top[cinfo.home.href] if cinfo.is_view else coll
        view_values = behaviour.view_overlay(coll, obj) if cinfo.is_view else {}
        given_id = obj.id if behaviour.kind(obj) in behaviour.GIVEN_IDS else None
        requested = behaviour.take_requested(self, obj)
        self.normalize(obj, home.info.resource_href)
        if cinfo.is_view and coll.owner is not None:
            _set_owner_ref(self, obj, coll.owner)
        behaviour.before_create(self, home, obj)
        member = flows.create(self, target, obj, given_id, requested, label)
        member.overlay.update(view_values)
        overlay = None
        expect = (req.header("Expect") or req.header("X-Ovirt-Expect") or "").lower()
        if behaviour.kind(obj) in behaviour.ASYNC_CREATE and "201-created" not in expect:
            status = 202
            overlay = {"status": behaviour.status("locked")}
        return status, member, overlay

    def op_update(self, req, target, link, body):
        """PUT: merge ``body.obj`` into the target's entity (view values stay in the view)."""
        obj = body.obj
        behaviour.validate_enums(obj)
        if behaviour.on_update(self, target, obj, req.flag("current")):
            return
        entity = target.entity
        kind = behaviour.kind(entity.obj)
        _drop_read_only_refs(self, obj, link)
        self.normalize(obj, entity.home.info.resource_href)
        flows.update(self, target, obj, behaviour.LABELS.get(kind, kind))

    def merge(self, dst, src):
        """PUT semantics on params objects (``_merge``)."""
        _merge(dst, src)

    def op_delete(self, req, target, link, body):
        """DELETE a resource; through a view, detach instead when that is what it means."""
        body = body.obj if body is not None else None
        detach = False
        if target.view:
            add = target.cinfo.add_link
            detach = (add is not None and add.sets and all(
                _is_attach_set(s[1]) for s in add.sets)) or \
                behaviour.detach_only(target.cinfo, body)
        a = self.access
        disks = a.get(a.get(body, "vm"), "disks") if body is not None else None
        flows.remove(self, target, detach=bool(detach), force=bool(a.get(body, "force")),
                     keep_disks=bool(a.get(disks, "detach_only")))

    def op_delete_members(self, req, target, link, body):
        """DELETE on a collection (gluster bricks): removes the members the body lists."""
        self.remove_members(target.coll, body.items)

    def op_action(self, req, target, link, body):
        """Run an action (``body.obj``, or an empty one): (status, the action answered)."""
        action = body.obj if body is not None else None
        if action is None:
            action = P.Action()
        behaviour.validate_enums(action)
        extra = None
        if target.kind in ("action", "collaction"):
            extra = behaviour.run_action(self, target, target.rel, action)
        response = _copy(action, extra or {})
        code, state = behaviour.action_answer(self, action, req.param("async"))
        response.status = behaviour.status(state)
        response.id = str(uuid.uuid4())
        response.href = target.path + "/" + response.id
        parent = target.path.rsplit("/", 1)[0]
        response.link = [P.Link(href=parent, rel="parent"),
                         P.Link(href=target.path, rel="replay")]
        response.actions = None
        return code, response


# ---------------------------------------------------------------- helpers


def _copy(obj, changes):
    values = runtime.state(obj)
    values.update(changes)
    new = runtime.from_node(type(obj), None)
    new.__dict__.update(values)
    return new


def _merge(dst, src):
    """PUT semantics: what the request sets replaces; nested values merge."""
    for f in runtime.info(type(src)).fields:
        value = src.__dict__.get(f.name)
        if value is None or (f.many and not value):
            continue
        current = getattr(dst, f.name, None)
        if (f.cls is not None and not f.many and current is not None
                and type(current) is type(value) and not getattr(value, "href", None)
                and not getattr(value, "id", None)):
            _merge(current, value)
        else:
            setattr(dst, f.name, value)


def _strip_secrets(obj):
    for f in runtime.info(type(obj)).fields:
        value = obj.__dict__.get(f.name)
        if value is None:
            continue
        if f.xml in behaviour.SECRET_FIELDS:
            setattr(obj, f.name, None)
        elif f.cls is not None:
            for item in (value if f.many else [value]):
                if item is not None:
                    _strip_secrets(item)


def _drop_read_only_refs(engine, obj, link):
    """A PUT ignores the references it cannot change (a template's source ``vm``, a
    VM's ``template``): the ones its parameter sets do not name.  Scripts send back
    what they read, and what those references point to may be gone."""
    if not link.sets:
        return
    named = {p[0].split(".")[1] for _, params_ in link.sets for p in params_
             if "." in p[0]}
    for f in runtime.info(type(obj)).elements:
        if f.many or f.cls is None or obj.__dict__.get(f.name) is None:
            continue
        if f.type in engine.model.type_home and f.xml not in named:
            setattr(obj, f.name, None)


def _set_owner_ref(engine, obj, owner):
    """An entity created through a view refers to the view's owner: the shared rules
    (``behaviour.set_owner``), else its first member of the owner's type (a cluster
    added under a data center gets that ``data_center``)."""
    if behaviour.set_owner(engine, obj, owner):
        return
    owner_type = type(owner.obj)
    for f in runtime.info(type(obj)).elements:
        if f.cls is owner_type and not f.many and obj.__dict__.get(f.name) is None:
            setattr(obj, f.name, engine.ref(owner, f.cls))
            return


def _is_attach_set(params_):
    for name, type_, required, sub in params_:
        parts = name.split(".")
        if required and len(parts) == 2 and "id" in parts[1].split("|"):
            return True
    return False


def _field_path(cls, field):
    """The fields a search field names (``status``, ``cluster``, ``cpu.topology.cores``)."""
    out = []
    current = cls
    for part in field.split("."):
        if current is None:
            raise search.SearchError("unknown field '%s'" % field)
        by_norm = {}
        for f in runtime.info(current).fields:
            by_norm.setdefault(_norm(f.xml), f)
        f = by_norm.get(_norm(part))
        if f is None or f.xml in ("link", "actions"):
            raise search.SearchError("unknown field '%s'" % field)
        out.append(f)
        current = f.cls
    return out
