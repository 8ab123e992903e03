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

The conversion works in place on lxml trees. Replies are converted by a
precomputed plan per v3 class that visits only the children that need work, so
large lists cost a few C-level lookups per entity rather than a Python walk of
every element. Plans are built once per process and never mutated afterwards,
so threads share them freely.
"""
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
    return RENAMED.get((cls_name, xml), xml)


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
            if f.cls is not None and issubclass(f.cls, status_cls):
                steps.append((_STATUS, f.xml, f.xml + "_detail" if f.xml == "status"
                              else None, None))
            elif f.cls is params.Boot and f.many:
                steps.append((_BOOT, f.xml, None, None))
            elif (name, f.xml) in RENAMED:
                steps.append((_RECURSE, RENAMED[(name, f.xml)], f.xml, f.cls))
        if "timezone" in info.by_tag and "time_zone" in info.by_tag:
            steps.append((_TIMEZONE, "time_zone", "timezone", None))
        for (cls_name, member), policy in REMOVED_IN_V4.items():
            if cls_name == name and isinstance(policy, tuple) and policy[0] == "as":
                steps.append((_ALSO, policy[1], member, None))
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
        # Grouped by the v4 tag they look at: one C-level pass over the children
        # (iterchildren(*tags)) finds every child that needs work.
        by_tag = {}
        for kind, v4tag, v3tag, sub in steps:
            by_tag.setdefault(v4tag, []).append((kind, v3tag, sub))
        plans[cls] = (tuple(by_tag), {t: tuple(v) for t, v in by_tag.items()})
    return plans


_PLANS = _Plans()


def _make(parent, tag, text=None):
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _apply_reply(el, cls, plans, subtype):
    tags, steps = plans[cls]
    if not tags:
        return
    for child in list(el.iterchildren(*tags)):
        for kind, v3tag, sub in steps[child.tag]:
            if kind == _RECURSE:
                if v3tag != child.tag:
                    child.tag = v3tag
                if len(child):
                    _apply_reply(child, subtype(sub, child), plans, subtype)
            elif kind == _ATTR:
                if not len(child):
                    if child.text is not None and el.get(v3tag) is None:
                        el.set(v3tag, child.text)
                    el.remove(child)
            elif kind == _STATUS:
                if len(child) or child.text is None:
                    continue          # already v3-shaped, or empty
                state = child.text
                child.text = None
                _make(child, "state", state)
                if v3tag is not None:
                    detail = next(el.iterchildren(v3tag), None)
                    if detail is not None:
                        _make(child, "detail", detail.text)
                        el.remove(detail)
            elif kind == _BOOT:
                if child.get("dev") is not None:
                    continue
                devices = child.find("devices")
                index = el.index(child)
                el.remove(child)
                if devices is not None:
                    for i, device in enumerate(devices.iterchildren("device")):
                        new = etree.Element(child.tag)
                        new.set("dev", device.text or "")
                        el.insert(index + i, new)
            elif kind == _TIMEZONE:
                if next(el.iterchildren(v3tag), None) is None:
                    name = child.findtext("name")
                    if name is not None:
                        _make(el, v3tag, name)
            elif kind == _ALSO:
                if child.text is not None and next(el.iterchildren(v3tag), None) is None:
                    _make(el, v3tag, child.text)


def reply_to_v3(root, cls=None):
    """Convert a v4 reply tree (in place) to the v3 form; returns the root."""
    params = _params()
    if cls is None:
        cls = params._rootClassMap.get(root.tag)
        if cls is None:
            return root
    subtype = _rt()._subtype
    _apply_reply(root, subtype(cls, root), _PLANS.get(), subtype)
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
    if "timezone" in info.by_tag and "time_zone" in info.by_tag:
        tz = next(el.iterchildren("timezone"), None)
        if tz is not None:
            if next(el.iterchildren("time_zone"), None) is None:
                new = etree.Element("time_zone")
                _make(new, "name", tz.text)
                el.insert(el.index(tz), new)
            el.remove(tz)
    return el


def request_to_v4(root, where, cls=None):
    """Convert a v3 request tree (in place) to v4; returns the root."""
    params = _params()
    if cls is None:
        cls = params._rootClassMap.get(root.tag)
        if cls is None:
            raise NotTranslatable(where, "no v3 type has the root element <%s>" % root.tag)
    _request_element(root, _rt()._subtype(cls, root), where)
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
