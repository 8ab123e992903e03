"""Element-level v3 <-> v4 conversion of XML documents, driven by the v3 schema.

Most of the difference between a v3 and a v4 document of the same entity is
regular and follows from the v3 model alone (``ovirtsdk.xml.params`` knows, for
every type, which members are XML attributes and which are elements):

- v3 attributes other than ``id``/``href``/``rel`` are inner elements in v4
  (``<topology sockets="2"/>`` <-> ``<topology><sockets>2</sockets></topology>``);
- a v3 ``Status`` member (``<status><state>up</state><detail>x</detail></status>``)
  is a plain value in v4 (``<status>up</status>`` plus ``<status_detail>x``);
- repeated ``<boot dev=.../>`` under ``<os>`` is ``<boot><devices><device>``.

Members that moved or were renamed are listed in the tables below (data, not
code): ``RENAMED`` (same value, other tag), ``REMOVED_IN_V4`` (what to do when a
script sends a member v4 no longer has).

The conversion works in place on lxml trees, by a precomputed plan per v3 class
(``_Plan``) that names the children that need work. A reply the brokers only read
is converted lazily (``lazy_reply``, ``LAZY``): each element when a params object
first reads one of its members, and only the steps that member needs, so the
members of a big list nobody reads cost nothing. Replies handlers combine are
converted whole (``reply_to_v3``). Every step is a no-op on an element already
converted, so an element read by two lazy objects is right either way. Plans are
built once per process and never mutated afterwards, so threads share them freely.
"""
import copy
import threading

from lxml import etree

from ovirtsdk.infrastructure import errors

# Attributes that stay attributes in v4.
KEPT_ATTRIBUTES = frozenset(("id", "href", "rel"))

# (v3 class name, v3 member XML name) -> v4 element name, for members whose value
# is unchanged but whose tag differs.
RENAMED = {
    ("CPU", "id"): "type",                 # <cpu id="Intel Conroe Family"> -> <cpu><type>
    ("VM", "vmpool"): "vm_pool",
    ("Statistic", "type"): "kind",         # statistic type -> kind
}

# v3 element names v4 renamed wherever they stand (members and document roots).
RENAMED_TAGS = {"vmpool": "vm_pool", "vmpools": "vm_pools",
                "storage_quota_limit": "quota_storage_limit",
                "storage_quota_limits": "quota_storage_limits",
                "cluster_quota_limit": "quota_cluster_limit",
                "cluster_quota_limits": "quota_cluster_limits",
                # a network label (of a network, a host NIC, an action's modified_labels)
                "label": "network_label"}
# v3 document roots v4 renamed, where the same tag as a member is not renamed: a
# network's or host NIC's <labels> member in a request stays refused (not translated:
# labels are added through the networklabels sub-collection).
RENAMED_ROOTS = dict(RENAMED_TAGS, labels="network_labels")
_V3_TAGS = {v4: v3 for v3, v4 in RENAMED_TAGS.items()}
_V3_ROOTS = {v4: v3 for v3, v4 in RENAMED_ROOTS.items()}

# (v3 class name, v3 member) whose v3 enumeration is written in upper case where v4
# writes the same values in lower case (v3 StatisticType, StatisticUnit, ValueType).
UPPER_CASE = frozenset((("Statistic", "type"), ("Statistic", "unit"), ("Values", "type")))

# (v3 class name, v4 tag) -> (v3 child tag, attribute): a v4 value that v3 writes as
# an attribute of a child (<statistic><type>INTEGER</type> -> <values type=...>).
TO_CHILD_ATTRIBUTE = {("Statistic", "type"): ("values", "type")}

# v3 <guest_info> (removed in v4) is built from these v4 members of the same entity:
# v4 tag -> what it gives (the guest's FQDN, the IPs of its reported devices).
GUEST_INFO = {"fqdn": "fqdn", "reported_devices": "ips"}

# (v3 class name, v3 member) -> policy when a request carries it:
#   "ignore": v3 engines ignored it already (documented as deprecated in 3.x);
#   "error": v4 has no equivalent; refuse rather than drop what the script sent.
# Members with a converter (see _REQUEST_SPECIALS) are not listed here.
#   ("as", tag): v4 has the same value under ``tag``; used unless ``tag`` is sent too.
REMOVED_IN_V4 = {
    ("Disk", "type"): "ignore",            # deprecated in 3.x, ignored by the engine
    ("Disk", "size"): ("as", "provisioned_size"),
    ("NIC", "active"): "error",            # use plugged
    ("VM", "guest_info"): "ignore",        # read-only, reported by the guest agent
}

# (v3 class name, v3 member) -> (v4 member, {v3 value: v4 value}, v4 value for any
# other v3 value): a v3 member of requests v4 removed whose meaning another v4
# member carries. Replies do not get it back: the engines 4.0-4.3 served v3 from
# v4 data the same way and their v3 replies never carried it.
# The data center's storage type: v4 keeps only whether it is local (localfs); a
# v3 data center from such an engine has <local> and no <storage_type>, shared
# or local alike.
DERIVED = {
    ("DataCenter", "storage_type"): ("local", {"localfs": "true"}, "false"),
}

# (v3 class name, v3 member) -> v4 list: a single v3 value that v4 holds as an item
# of a list (change list: placement_policy.host -> hosts). A request's single value
# becomes the list's one item (or must be one of the items sent along); a reply
# whose list has exactly one item also gives the v3 single member.
AS_LIST_ITEM = {("VmPlacementPolicy", "host"): "hosts"}

# (v3 class name, v3 repeated member) -> the v4 list element that holds the items
# (change list: repeated logical_unit -> logical_units).
WRAPPED_ITEMS = {("Storage", "logical_unit"): "logical_units",
                 ("VolumeGroup", "logical_unit"): "logical_units",
                 # iscsidiscover's found targets (v4 also lists them as discovered_targets)
                 ("Action", "iscsi_target"): "iscsi_targets"}

# Status-like members: v3 complex type Status, v4 an enum value.
_STATUS_CLASS_NAME = "Status"


def _params():
    from ovirtsdk.xml import params
    return params


def _rt():
    from ovirtsdk.xml import runtime
    return runtime


# ---------------------------------------------------------------- plans (replies)

# Step kinds of a reply plan.
_ATTR = 0        # lift the v4 child element's text into a v3 attribute
_STATUS = 1      # <status>up</status> (+ <status_detail>) -> <status><state>...
_RECURSE = 2     # convert the children of this member (after renaming it)
_BOOT = 3        # <boot><devices><device>x ... -> <boot dev="x"/>...
_TIMEZONE = 4    # <time_zone><name>x</name> -> also <timezone>x</timezone>
_ALSO = 5        # a value v4 keeps under another tag (REMOVED_IN_V4 "as"): also under the v3 tag
_UPPER = 6       # an enumeration value v3 writes in upper case (renamed when v3tag differs)
_TO_CHILD = 7    # a v4 value that v3 writes as an attribute of a child (TO_CHILD_ATTRIBUTE)
_GUEST = 8       # fqdn / reported device IPs -> <guest_info> (GUEST_INFO)
_SINGLE = 9      # a v4 list with one item -> also the v3 single member (AS_LIST_ITEM)
_UNWRAP = 10     # a v4 list's items -> repeated v3 members (WRAPPED_ITEMS)


class _Plans(object):
    """Reply plans per v3 params class, built lazily once."""

    def __init__(self):
        self._lock = threading.Lock()
        self._plans = None

    def get(self):
        plans = self._plans
        if plans is None:
            with self._lock:
                if self._plans is None:
                    self._plans = _build_plans()
                plans = self._plans
        return plans


def _v4_name(cls_name, xml):
    return RENAMED.get((cls_name, xml)) or RENAMED_TAGS.get(xml, xml)


def _build_plans():
    params, rt = _params(), _rt()
    classes = [c for c in vars(params).values()
               if isinstance(c, type) and issubclass(c, params.GeneratedsSuper)
               and c is not params.GeneratedsSuper]
    status_cls = getattr(params, _STATUS_CLASS_NAME)
    direct = {}
    for cls in classes:
        steps = []
        info = rt.info(cls)
        name = cls.__name__
        for f in info.attributes:
            if f.xml not in KEPT_ATTRIBUTES:
                steps.append((_ATTR, _v4_name(name, f.xml), f.xml, None))
            elif (name, f.xml) in RENAMED:
                steps.append((_ATTR, RENAMED[(name, f.xml)], f.xml, None))
        for f in info.elements:
            if (name, f.xml) in UPPER_CASE and f.cls is None:
                steps.append((_UPPER, _v4_name(name, f.xml), f.xml, None))
            elif f.cls is not None and issubclass(f.cls, status_cls):
                steps.append((_STATUS, f.xml, f.xml + "_detail" if f.xml == "status"
                              else None, None))
            elif f.cls is params.Boot and f.many:
                steps.append((_BOOT, f.xml, None, None))
            elif _v4_name(name, f.xml) != f.xml:
                steps.append((_RECURSE, _v4_name(name, f.xml), f.xml, f.cls))
        if "timezone" in info.by_tag:
            steps.append((_TIMEZONE, "time_zone", "timezone", None))
        for (cls_name, v4tag), (child, attr) in TO_CHILD_ATTRIBUTE.items():
            if cls_name == name and child in info.by_tag:
                sub = info.by_tag[child].cls
                upper = sub is not None and (sub.__name__, attr) in UPPER_CASE
                steps.append((_TO_CHILD, v4tag, (child, attr, upper), None))
        if "guest_info" in info.by_tag:
            for v4tag, what in GUEST_INFO.items():
                steps.append((_GUEST, v4tag, what, None))
        for (cls_name, member), policy in REMOVED_IN_V4.items():
            if cls_name == name and isinstance(policy, tuple) and policy[0] == "as":
                steps.append((_ALSO, policy[1], member, None))
        for (cls_name, member), v4list in WRAPPED_ITEMS.items():
            if cls_name == name:
                steps.append((_UNWRAP, v4list, member, info.by_tag[member].cls))
        for (cls_name, member), v4list in AS_LIST_ITEM.items():
            if cls_name == name:
                steps.append((_SINGLE, v4list, member, info.by_tag[member].cls))
        direct[cls] = steps
    # A class needs work when it has steps or a member class that needs work.
    needs = {cls for cls, steps in direct.items() if steps}
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls in needs:
                continue
            for f in rt.info(cls).elements:
                if f.cls is not None and f.cls in needs:
                    needs.add(cls)
                    changed = True
                    break
    plans = {}
    for cls in classes:
        steps = list(direct[cls])
        renamed_targets = {s[2] for s in steps if s[0] == _RECURSE}
        for f in rt.info(cls).elements:
            if (f.cls is not None and f.cls in needs and f.xml not in renamed_targets
                    and not issubclass(f.cls, status_cls) and f.cls is not params.Boot):
                steps.append((_RECURSE, f.xml, f.xml, f.cls))
        plans[cls] = _Plan(cls, steps)
    return plans


def _produces(kind, v4tag, v3tag):
    """The v3 member (XML name) a step makes readable, None when it changes nothing
    at its own level (a child converted in place when it is read)."""
    if kind in (_STATUS, _BOOT):
        return v4tag
    if kind == _RECURSE:
        return v3tag if v3tag != v4tag else None
    if kind == _TO_CHILD:
        return v3tag[0]
    if kind == _GUEST:
        return "guest_info"
    return v3tag        # _ATTR, _TIMEZONE, _ALSO, _UPPER, _UNWRAP, _SINGLE


class _Plan(object):
    """What a v3 class's element needs, in the v4 form, to read as v3.

    ``tags``/``by_tag``: the steps (``(number, kind, v3tag, sub)``) grouped by the v4
    tag of the child they look at, for a pass over all children (one C-level
    ``iterchildren(*tags)``). ``members``: per v3 member (Python name), the steps
    to run before it is first read: those that make it, after those that consume
    a v4 child of the member's own tag (which would otherwise read as the member,
    e.g. the statistic's v4 ``type`` before ``kind`` is renamed ``type``). Each
    step has a number (a bit of ``Pending.done``), so none runs twice on an element.
    """

    __slots__ = ("tags", "by_tag", "members", "all")

    def __init__(self, cls, steps):
        by_tag = {}
        for number, (kind, v4tag, v3tag, sub) in enumerate(steps):
            by_tag.setdefault(v4tag, []).append((number, kind, v3tag, sub))
        self.tags = tuple(by_tag)
        self.by_tag = {t: tuple(v) for t, v in by_tag.items()}
        self.all = (1 << len(steps)) - 1
        members = {}
        for f in _rt().info(cls).fields:
            consumers = [n for n, (k, t4, t3, _) in enumerate(steps)
                         if t4 == f.xml and _produces(k, t4, t3) is not None]
            makers = [n for n, (k, t4, t3, _) in enumerate(steps)
                      if _produces(k, t4, t3) == f.xml and n not in consumers]
            if consumers or makers:
                members[f.name] = tuple(
                    (n, steps[n][0], _finder(steps[n][0], steps[n][1]), steps[n][2])
                    for n in consumers + makers)
        self.members = members


def _finder(kind, v4tag):
    """How a member's step finds its children: all of them (a list renamed), or the
    first (v4 sends single-valued members once)."""
    if kind == _RECURSE:
        return lambda el: list(el.iterchildren(v4tag))
    path = _path(v4tag)

    def first(el):
        child = path(el, None)
        return () if child is None else (child,)
    return first


_PATHS = {}


def _path(tag):
    """``path(el, None)``: the first child ``<tag>`` of ``el`` or None, found in C
    (lxml's ``ObjectPath``, compiled once per tag; ``iterchildren(tag)`` builds a
    tag matcher per call)."""
    path = _PATHS.get(tag)
    if path is None:
        from lxml import objectify
        path = _PATHS.setdefault(tag, objectify.ObjectPath(".{}" + tag))
    return path


def _child(el, tag):
    return _path(tag)(el, None)


_PLANS = _Plans()


def _make(parent, tag, text=None):
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _apply_reply(el, cls, plans, subtype):
    """Convert ``el`` (of v3 class ``cls``) and every descendant, in place."""
    plan = plans[cls]
    if not plan.tags:
        return
    by_tag = plan.by_tag
    for child in list(el.iterchildren(*plan.tags)):
        for _, kind, v3tag, sub in by_tag[child.tag]:
            _step(el, child, kind, v3tag, sub, plans, subtype)


def _step(el, child, kind, v3tag, sub, plans, subtype):
    """One step of a plan on ``child`` of ``el``; ``plans`` None: the children it
    makes or moves are left in the v4 form (converted when read, see ``LAZY``)."""
    if kind == _RECURSE:
        if v3tag != child.tag:
            child.tag = v3tag
        if plans is not None and len(child):
            _apply_reply(child, subtype(sub, child), plans, subtype)
    elif kind == _ATTR:
        if not len(child):
            if child.text is not None and el.get(v3tag) is None:
                el.set(v3tag, child.text)
            el.remove(child)
    elif kind == _STATUS:
        if len(child) or child.text is None:
            return          # already v3-shaped, or empty
        state = child.text
        child.text = None
        _make(child, "state", state)
        if v3tag is not None:
            detail = _child(el, v3tag)
            if detail is not None:
                _make(child, "detail", detail.text)
                el.remove(detail)
    elif kind == _BOOT:
        if child.get("dev") is not None:
            return
        devices = child.find("devices")
        index = el.index(child)
        el.remove(child)
        if devices is not None:
            for i, device in enumerate(devices.iterchildren("device")):
                new = etree.Element(child.tag)
                new.set("dev", device.text or "")
                el.insert(index + i, new)
    elif kind == _TIMEZONE:
        if _child(el, v3tag) is None:
            name = child.findtext("name")
            if name is not None:
                _make(el, v3tag, name)
    elif kind == _ALSO:
        if child.text is not None and _child(el, v3tag) is None:
            _make(el, v3tag, child.text)
    elif kind == _UPPER:
        if not len(child) and child.text is not None:
            child.text = child.text.upper()
            if v3tag != child.tag:
                child.tag = v3tag
    elif kind == _TO_CHILD:
        _to_child_attribute(el, child, v3tag)
    elif kind == _GUEST:
        _guest_info(el, child, v3tag)
    elif kind == _UNWRAP:
        index = el.index(child)
        el.remove(child)
        for i, item in enumerate(list(child.iterchildren(v3tag))):
            el.insert(index + i, item)
            if plans is not None and sub is not None:
                _apply_reply(item, subtype(sub, item), plans, subtype)
    elif kind == _SINGLE:
        _single_item(el, child, v3tag, sub, plans, subtype)


def _single_item(el, child, v3tag, sub, plans, subtype):
    """Add the v3 single member ``v3tag`` of ``el`` from a v4 list of one item."""
    items = list(child.iterchildren(v3tag))
    if len(items) != 1 or _child(el, v3tag) is not None:
        return
    item = copy.deepcopy(items[0])
    if plans is not None:
        _apply_reply(item, subtype(sub, item), plans, subtype)
    el.insert(el.index(child), item)


def _to_child_attribute(el, child, target):
    """Move a v4 value ``child`` of ``el`` to the attribute of a v3 child."""
    tag, attr, upper = target
    if len(child) or child.text is None:
        return
    holder = _child(el, tag)
    if holder is None:
        holder = _make(el, tag)
    elif holder.get(attr) is not None:
        return      # v4 never sets it: converted already, ``child`` is v3's own member
    holder.set(attr, child.text.upper() if upper else child.text)
    el.remove(child)


def _guest_info(el, child, what):
    """Add the v3 ``<guest_info>`` member ``what`` of ``el`` from a v4 member."""
    if what == "fqdn":
        if child.text is None:
            return
        items = None
    else:
        items = []
        for ip in child.iterfind("reported_device/ips/ip"):
            address = ip.get("address") or ip.findtext("address")
            if address is not None:
                items.append((address, ip.get("version") or ip.findtext("version")))
        if not items:
            return
    info = _child(el, "guest_info")
    if info is None:
        info = _make(el, "guest_info")
    if items is None:
        if _child(info, "fqdn") is None:
            _make(info, "fqdn", child.text)
        el.remove(child)
        return
    if _child(info, "ips") is not None:
        return      # v4 has no guest_info: these IPs were added already
    ips = etree.Element("ips")
    info.insert(0, ips)
    for address, version in items:
        ip = _make(ips, "ip")
        ip.set("address", address)
        if version is not None:
            ip.set("version", version)


def _root_to_v3(root, cls):
    params = _params()
    if root.tag in _V3_ROOTS:
        root.tag = _V3_ROOTS[root.tag]
    if cls is None:
        cls = params._rootClassMap.get(root.tag)
    return None if cls is None else _rt()._subtype(cls, root)


def reply_to_v3(root, cls=None):
    """Convert a v4 reply tree (in place) to the v3 form; returns the root."""
    cls = _root_to_v3(root, cls)
    if cls is not None:
        subtype = _rt()._subtype
        _apply_reply(root, cls, _PLANS.get(), subtype)
    return root


class _Lazy(object):
    """The translation as a dialect of the params layer (``runtime.Pending``): the
    elements of a v4 reply are put into the v3 form as the lazy params objects
    over them read their members, so a member never read costs nothing. Only what
    the brokers read from the tree itself is converted at once (``lazy_reply``).
    Conversions hold one lock: threads sharing a listed object read it as before,
    and a step never runs twice for one object (``Pending.done`` is read and
    written under the lock)."""

    def __init__(self):
        self._tables = None     # (classes that need work, {class: plan.members})
        self._lock = threading.Lock()

    def _load(self):
        plans = _PLANS.get()
        tables = self._tables = (frozenset(c for c, p in plans.items() if p.tags),
                                 {c: p.members for c, p in plans.items()})
        return tables

    def needs(self, cls):
        return cls in (self._tables or self._load())[0]

    def reader(self, cls, name, read):
        """``read(pending)`` of member ``name`` of ``cls`` (``read(node)`` reads the
        v3 form): its steps first, each once per element, then the read."""
        steps = (self._tables or self._load())[1][cls].get(name)
        f = _rt().info(cls).by_name[name]
        pend = _rt().pend if f.cls is not None else None
        if steps is None:
            if pend is None:
                return lambda pending: read(pending.node)
            return lambda pending: pend(read(pending.node), self)

        lock = self._lock

        def convert_and_read(pending):
            el = pending.node
            with lock:
                done = pending.done
                for number, kind, find, v3tag in steps:
                    bit = 1 << number
                    if done & bit:
                        continue
                    done |= bit
                    for child in find(el):
                        _step(el, child, kind, v3tag, None, None, None)
                pending.done = done
            value = read(el)
            return value if pend is None else pend(value, self)
        return convert_and_read

    def level(self, cls, pending):
        plan = _PLANS.get()[cls]
        el = pending.node
        with self._lock:
            done = pending.done
            if done == plan.all:
                return
            by_tag = plan.by_tag
            for child in list(el.iterchildren(*plan.tags)) if plan.tags else ():
                for number, kind, v3tag, _ in by_tag[child.tag]:
                    if not done & (1 << number):
                        _step(el, child, kind, v3tag, None, None, None)
            pending.done = plan.all


LAZY = _Lazy()


def lazy_reply(root, cls=None):
    """Prepare a v4 reply tree for lazy reading (``LAZY``); returns the root.

    The root's tag and the tags of its children that v4 renamed (``vm_pool`` items
    of ``<vm_pools>``) are put into the v3 form now, as the brokers find a list's
    items by tag; everything else when the lazy objects read it.
    """
    cls = _root_to_v3(root, cls)
    if cls is not None:
        plan = _PLANS.get()[cls]
        for tag in plan.tags:
            for number, kind, v3tag, sub in plan.by_tag[tag]:
                if kind == _RECURSE and v3tag != tag:
                    for child in list(root.iterchildren(tag)):
                        child.tag = v3tag
    return root


# ---------------------------------------------------------------- requests

def _bool_text(value):
    return value.lower() if value in ("True", "False") else value


def _request_element(el, cls, where):
    """Convert one v3 request element (in place) to v4."""
    params, rt = _params(), _rt()
    info = rt.info(cls)
    name = cls.__name__
    status_cls = getattr(params, _STATUS_CLASS_NAME)
    # attributes -> elements (inserted first, in schema order)
    lifted = []
    for f in info.attributes:
        value = el.get(f.xml)
        if value is None:
            continue
        if f.xml in KEPT_ATTRIBUTES and (name, f.xml) not in RENAMED:
            continue
        del el.attrib[f.xml]
        lifted.append((_v4_name(name, f.xml), value))
    for i, (tag, value) in enumerate(lifted):
        child = etree.Element(tag)
        child.text = value
        el.insert(i, child)
    for child in list(el):
        tag = child.tag
        if not isinstance(tag, str) or any(tag == t for t, _ in lifted):
            continue
        f = info.by_tag.get(tag)
        if f is None:
            continue     # unknown to v3 as well: the engine will say what it thinks
        if (name, tag) in DERIVED:
            _derive_request(el, child, (name, tag), where)
            continue
        v4list = AS_LIST_ITEM.get((name, tag))
        if v4list is not None:
            _request_list_item(el, child, rt._subtype(f.cls, child), v4list,
                               "%s.%s" % (name, tag), where)
            continue
        policy = REMOVED_IN_V4.get((name, tag))
        if policy == "ignore":
            el.remove(child)
            continue
        if policy == "error":
            raise NotTranslatable(where, "the v3 member %s.%s has no v4 equivalent"
                                  % (name, tag))
        if isinstance(policy, tuple):
            target = policy[1]
            other = next(el.iterchildren(target), None)
            if other is None:
                child.tag = target
            elif (other.text or "").strip() != (child.text or "").strip():
                raise NotTranslatable(where, "%s.%s and %s differ; v4 has only %s"
                                      % (name, tag, target, target))
            else:
                el.remove(child)
            continue
        v4tag = _v4_name(name, tag)
        if v4tag != tag:
            child.tag = v4tag
        if f.cls is None:
            continue
        if issubclass(f.cls, status_cls):
            state = child.findtext("state")
            detail = child.findtext("detail")
            for sub in list(child):
                child.remove(sub)
            child.text = state
            if detail is not None and tag == "status":
                index = el.index(child)
                d = etree.Element("status_detail")
                d.text = detail
                el.insert(index + 1, d)
            continue
        if f.cls is params.Boot and f.many:
            continue     # handled below, once for all <boot> siblings
        _request_element(child, rt._subtype(f.cls, child), where)
    boots = [b for b in el.iterchildren("boot") if b.get("dev") is not None]
    if boots and "boot" in info.by_tag and info.by_tag["boot"].cls is params.Boot:
        index = el.index(boots[0])
        for b in boots:
            el.remove(b)
        boot = etree.Element("boot")
        devices = etree.SubElement(boot, "devices")
        for b in boots:
            _make(devices, "device", b.get("dev"))
        el.insert(index, boot)
    for (cls_name, member), v4list in WRAPPED_ITEMS.items():
        items = list(el.iterchildren(member)) if cls_name == name else ()
        if items:
            holder = etree.Element(v4list)
            el.replace(items[0], holder)
            holder.extend(items)
    if "timezone" in info.by_tag:
        tz = next(el.iterchildren("timezone"), None)
        if tz is not None:
            if next(el.iterchildren("time_zone"), None) is None:
                new = etree.Element("time_zone")
                _make(new, "name", tz.text)
                el.insert(el.index(tz), new)
            el.remove(tz)
    return el


def _derive_request(el, child, key, where):
    """Replace the v3 member ``child`` of ``el`` by the v4 member DERIVED names."""
    v4tag, values, other = DERIVED[key]
    text = (child.text or "").strip()
    value = values.get(text.lower(), other)
    sent = next(el.iterchildren(v4tag), None)
    if sent is None:
        new = etree.Element(v4tag)
        new.text = value
        el.insert(el.index(child), new)
    elif _bool_text((sent.text or "").strip()).lower() != value:
        raise NotTranslatable(where, "%s.%s=%s means %s=%s in v4, but %s=%s was sent"
                              % (key[0], key[1], text, v4tag, value, v4tag,
                                 (sent.text or "").strip()))
    el.remove(child)


def _request_list_item(el, child, cls, v4list, member, where):
    """A v3 single member ``child`` of ``el`` as an item of the v4 list ``v4list``."""
    _request_element(child, cls, where)
    holder = next(el.iterchildren(v4list), None)
    if holder is None:
        holder = etree.Element(v4list)
        el.replace(child, holder)
        holder.append(child)
        return
    key = (child.get("id"), child.findtext("name"))
    if key == (None, None):
        raise NotTranslatable(where, "%s names no id or name; v4 has only %s"
                              % (member, v4list))
    for item in holder.iterchildren(child.tag):
        if all(k is None or k == v for k, v in
               zip(key, (item.get("id"), item.findtext("name")))):
            el.remove(child)
            return
    raise NotTranslatable(where, "%s is not among the %s sent; v4 has only %s"
                          % (member, v4list, v4list))


def request_to_v4(root, where, cls=None):
    """Convert a v3 request tree (in place) to v4; returns the root."""
    params = _params()
    if cls is None:
        cls = params._rootClassMap.get(root.tag)
        if cls is None:
            raise NotTranslatable(where, "no v3 type has the root element <%s>" % root.tag)
    cls = _rt()._subtype(cls, root)
    root.tag = RENAMED_ROOTS.get(root.tag, root.tag)
    _request_element(root, cls, where)
    check_v4_members(root, where, cls)
    return root


# ---------------------------------------------------------------- requests vs the v4 model

class _V4Model(object):
    """The v4 types' attributes and elements, inherited ones included (from the
    generated ``v4types``), flattened lazily per type and kept for the process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._flat = {}
        self._module = None

    def module(self):
        if self._module is None:
            from . import v4types
            self._module = v4types
        return self._module

    def root_type(self, tag):
        """The v4 type of a document whose root is ``<tag>`` (None when v4 has none)."""
        module = self.module()
        name = module.ROOTS.get(tag)
        if name is None:
            name = "".join(part[:1].upper() + part[1:] for part in tag.split("_"))
        return name if name in module.TYPES else None

    def members(self, name):
        """(attribute names, {tag: spec}) of the v4 type ``name``."""
        flat = self._flat.get(name)
        if flat is None:
            types = self.module().TYPES
            attrs, members, chain, cur = set(), {}, [], name
            while cur is not None and cur in types and cur not in chain:
                chain.append(cur)
                cur = types[cur][0]
            for type_name in reversed(chain):
                _, _, own_attrs, own = types[type_name]
                attrs.update(own_attrs)
                members.update(own)
            flat = (frozenset(attrs), members)
            with self._lock:
                self._flat.setdefault(name, flat)
        return flat


_V4 = _V4Model()

# (v3 class name, v4 tag) -> v3 member: the inverse of RENAMED, to name members.
_V3_NAMES = {(cls_name, v4): v3 for (cls_name, v3), v4 in RENAMED.items()}
# v4 tags the request conversion makes out of a v3 member of another name.
_V3_SOURCES = {"status_detail": "status/detail"}


def _v3_member(v3cls, tag):
    """(v3 name of the member written ``tag`` in v4, its v3 class or None)."""
    if v3cls is None:
        return _V3_SOURCES.get(tag, _V3_TAGS.get(tag, tag)), None
    v3tag = _V3_NAMES.get((v3cls.__name__, tag)) or _V3_TAGS.get(tag)
    if v3tag is None:
        v3tag = _V3_SOURCES.get(tag, tag)
    f = _rt().info(v3cls).by_tag.get(v3tag)
    return v3tag, (f.cls if f is not None else None)


def _refuse(where, v3cls, el_tag, member, v4type, what="member"):
    owner = v3cls.__name__ if v3cls is not None else "<%s>" % el_tag
    raise NotTranslatable(where, "the v3 %s %s.%s has no v4 counterpart (v4 type %s)"
                          % (what, owner, member, v4type))


def _check_value(el, where, v3cls, v4type):
    """A v4 value element: text only."""
    for name in el.attrib:
        _refuse(where, v3cls, el.tag, "%s@%s" % (el.tag, name), v4type, "attribute")
    for child in el:
        if isinstance(child.tag, str):
            _refuse(where, v3cls, el.tag, "%s/%s" % (el.tag, child.tag), v4type)


def _check_element(el, where, v3cls, v4type):
    attrs, members = _V4.members(v4type)
    for name in el.attrib:
        if name not in attrs:
            _refuse(where, v3cls, el.tag, name, v4type, "attribute")
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        spec = members.get(tag, _MISSING)
        v3tag, sub = _v3_member(v3cls, tag)
        if spec is _MISSING:
            _refuse(where, v3cls, el.tag, v3tag, v4type)
        if spec is None:
            _check_value(child, where, v3cls, v4type)
        elif isinstance(spec, str):
            _check_element(child, where, sub, spec)
        else:
            item, item_type = spec
            for name in child.attrib:
                _refuse(where, v3cls, el.tag, "%s@%s" % (v3tag, name), v4type, "attribute")
            for grand in child:
                if not isinstance(grand.tag, str):
                    continue
                if grand.tag != item:
                    _refuse(where, v3cls, el.tag, "%s/%s" % (v3tag, grand.tag), v4type)
                item_cls = _v3_member(sub, grand.tag)[1] if sub is not None else None
                if item_type is None:
                    _check_value(grand, where, sub, v4type)
                else:
                    _check_element(grand, where, item_cls, item_type)


_MISSING = object()


def check_v4_members(root, where, v3cls=None):
    """Refuse a converted request body with a member its v4 type does not have.

    Every attribute and element of ``root`` (already in the v4 form) is looked up
    in the v4 type of its position, from the root element's type down; the first
    one v4 lacks raises ``NotTranslatable`` naming the v3 member, so nothing the
    script sent reaches the engine as a member it would reject or ignore.
    """
    v4type = _V4.root_type(root.tag)
    if v4type is None:
        raise NotTranslatable(where, "API v4 has no document <%s>" % root.tag)
    _check_element(root, where, v3cls, v4type)
    return root


class NotTranslatable(Exception):
    """Raised inside the translation layer; the translator turns it into
    ``errors.NotTranslatedError`` with the engine version."""

    def __init__(self, where, reason):
        Exception.__init__(self, where, reason)
        self.where = where
        self.reason = reason


def to_error(exc, engine):
    return errors.NotTranslatedError(exc.where, engine, exc.reason)
