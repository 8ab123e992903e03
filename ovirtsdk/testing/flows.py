"""What the operations of every dialect do, in the order the engine does it.

``listed(engine, req, target, link)``: what a GET on a collection lists, in the
order the engine answers it: what the collection shows (``rules.visible``), ``from``
(events newer than an id), ``unregistered``, the ``search`` text (``search.py``:
wildcards, ``sortby``, ``page N`` paged by ``max``, the engine's search limit
without) or the engine's order, then ``max``.  A dialect supplies how a search field
is checked and read on its objects (``engine.check_search_field``,
``engine.field_values``) and the fault of a bad search text (``engine.search_fault``).

``attach(engine, coll, entity, body, label)``: an existing entity linked into a view.
``create(engine, target, obj, given_id, requested, label)``: a new entity stored in
its home (and the view it was added through), with what its request listed for the
rules (``engine.requested``).
``update(engine, target, obj, label)``: a PUT merged into the entity (``engine.merge``),
the values of its membership kept in the view, then the ``AFTER_UPDATE`` rules.
``remove(engine, target, detach, force, keep_disks)``: a DELETE, an unlink from a view
or the entity destroyed with what goes with it.

The dialect parses the request before and renders the result after.
"""
from . import behaviour, search
from .fault import Fault


def _flag(req, *names):
    for name in names:
        value = req.param(name)
        if value is not None:
            return value.strip().lower() in ("true", "1", "yes")
    return None


def _int(req, name):
    """An integer URL parameter (the router has checked the ones typed ``xs:int``)."""
    value = req.param(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def listed(engine, req, target, link):
    """The members a GET on the routed collection answers, in order (module text)."""
    cinfo, coll = target.cinfo, target.coll
    members = engine.rules.visible(engine, coll, list(coll))
    if "unregistered" in link.url_params and _flag(req, "unregistered"):
        members = []        # what a domain holds unregistered: nothing in this engine
    start = _int(req, "from") if "from" in link.url_params else None
    if start is not None:
        members = [m for m in members if _after(m.entity.id, start)]
    mx = _int(req, "max")
    mx = mx if mx is not None and mx >= 0 else None
    if "search" in link.url_params:
        case_sensitive = _flag(req, "case_sensitive", "case-sensitive")
        return _search(engine, members, req.param("search"), cinfo,
                       True if case_sensitive is None else case_sensitive, mx)
    members = engine.rules.order(engine, cinfo, members)
    return members[:mx] if mx is not None else members


def _after(ident, start):
    try:
        return int(ident) > start
    except ValueError:
        return False


def _search(engine, members, text, cinfo, case_sensitive, max_results):
    try:
        query = search.parse(text or "")
        for field in query.fields:
            engine.check_search_field(cinfo.member_type, field)
    except search.SearchError as exc:
        raise engine.search_fault(cinfo, text, exc) from None

    def values(member, field):
        return engine.field_values(member, field)

    out = [m for m in members if search.matches(query, m, values, case_sensitive)]
    if query.sortby:
        out.sort(key=lambda m: search.sort_key(
            (values(m, query.sortby) or [None])[0], query.sortby),
            reverse=query.descending)
    else:
        out = engine.rules.order(engine, cinfo, out, searched=True)
    # ``page N`` pages by the request's max (the engine's SearchResultsLimit without)
    return search.paginate(out, query.page, max_results, engine.page_size)


def attach(engine, coll, entity, body, label):
    """Link ``entity`` into the view ``coll`` (a storage domain into a data center, a
    network into a cluster): 409 when it is there already; the shared ``ON_ATTACH``
    rules run with the request's ``body``, and the link is undone when one refuses.
    Returns the view's new member."""
    if entity.id in coll.members:
        raise behaviour.cannot("attach", label, "The %s is already attached." % label)
    member = engine.link(coll, entity)
    try:
        engine.rules.on_attach(engine, coll, member, body)
    except Fault:
        engine.unlink(coll, entity)
        raise
    return member


def create(engine, target, obj, given_id, requested, label):
    """Store the new ``obj`` (normalized by the dialect) in its home collection, linked
    into the view it was added through: 409 when the id the client chose is taken;
    what the request listed for the rules (``requested``: a VM's template disk choices,
    a volume's bricks) is checked, then handed to them as ``engine.requested``.
    Returns the member of the collection the request named."""
    cinfo, coll = target.cinfo, target.coll
    view = engine.is_view(cinfo)
    home = engine.top[cinfo.home.href] if view else coll
    if given_id and home.get(given_id) is not None:
        raise behaviour.cannot("add", label, "The %s %s already exists." % (label, given_id))
    behaviour.check_requested(engine, obj, requested)
    engine.requested = requested
    try:
        entity = engine.create(home, obj, view=coll if view else None, id_=given_id or None)
    finally:
        engine.requested = None
    return coll.get(entity.id)


def update(engine, target, obj, label):
    """Merge the PUT's ``obj`` (normalized by the dialect) into the target's entity:
    409 when the new name is taken in its collection; values that belong to the
    membership (a disk's ``active`` on a VM, a cluster network's ``required``) go to
    the view's overlay; then the shared ``AFTER_UPDATE`` rules."""
    a = engine.access
    entity = target.entity
    name = a.get(obj, "name")
    if name and name != entity.name and engine.rules.unique_name(a.kind(entity.obj)):
        if any(m.entity is not entity and m.entity.name == name for m in entity.home):
            raise behaviour.cannot("edit", label, "The given name is already in use.")
    overlay = target.member.overlay
    for key, value in a.members(obj).items():
        if key in overlay and key != "status":
            overlay[key] = engine.clone(value)
            a.set(obj, key, None)
    engine.merge(entity.obj, obj)
    behaviour.after_update(engine, entity, obj)


def remove(engine, target, detach=False, force=False, keep_disks=False):
    """DELETE of a resource. ``detach`` (the dialect's reading of the request): the
    entity leaves the view (``ON_DETACH``) and lives on. Otherwise the shared refusals
    (``BEFORE_DELETE``, ``force``), then the entity is destroyed with its own
    sub-collections, a VM with its disks (not with ``keep_disks``: 3.6's
    ``vm.disks.detach_only``, v4's ``detach_only``; never a shareable disk), and a
    removed VM is logged."""
    entity = target.entity
    if detach:
        engine.rules.on_detach(engine, target.coll, target.member)
        engine.unlink(target.coll, entity)
        return
    a = engine.access
    behaviour.before_delete(engine, entity, force)
    is_vm = a.kind(entity.obj) == "VM"
    disks = [d for d, _ in behaviour.owner_disks(engine, entity)
             if not a.get(d.obj, "shareable")] if is_vm and not keep_disks else []
    engine.destroy(entity)
    for disk in disks:
        if disk.home.get(disk.id) is not None:
            engine.destroy(disk)
    if is_vm:
        engine.event(113, "VM %s was removed by %s." % (entity.name, engine.user))
