"""The handlers of the translation layer: one function per kind of v3 call.

``same`` serves every call whose path is unchanged in v4 (most of the API);
the others serve the collections whose v3 and v4 structures differ. Each takes
the ``Translator`` and the ``V3Call`` and returns the v3 response. Which call goes
to which handler is decided by the tables of ``routes``.
"""
import re
from urllib.parse import quote

from lxml import etree

from ovirtsdk.infrastructure import errors

from . import hostnets, lookups, routes, v4links, xmlmap
from .xmlmap import NotTranslatable


def _params():
    from ovirtsdk.xml import params
    return params


def _element(tag, text=None, **attrs):
    el = etree.Element(tag, **attrs)
    if text is not None:
        el.text = text
    return el


def _leaf_paths(root):
    """(path below root, text) of every element that carries a value."""
    out = []

    def walk(el, prefix):
        for child in el:
            if not isinstance(child.tag, str):
                continue
            path = prefix + child.tag
            if len(child):
                walk(child, path + "/")
            else:
                if child.get("id") is not None:
                    out.append((path + "/id", child.get("id")))
                if child.text is not None and child.text.strip():
                    out.append((path, child.text.strip()))
    walk(root, "")
    return out


def _action_extra(tr, call, accepted, body):
    """Matrix parameters of a v3 action that v4 takes in the <action> body."""
    params = _params()
    fields = {f.xml for f in _rt().info(params.Action).elements}
    kept = []
    for key, value in call.params:
        if key in accepted or key not in fields:
            kept.append((key, value))
            continue
        if body is None:
            body = etree.Element("action")
        if body.find(key) is None:
            body.append(_element(key, str(value).lower()))
    call.params = kept
    return body


def _rt():
    from ovirtsdk.xml import runtime
    return runtime


def delete_params(call):
    """The v4 URL parameters carried by a v3 DELETE body (refusing the rest)."""
    table = routes.DELETE_BODY.get(call.pattern, {})
    query = []
    for path, value in _leaf_paths(call.root):
        name = table.get(path)
        if name is None:
            raise NotTranslatable(
                call.where, "the v3 delete body member %s has no v4 equivalent" % path)
        query.append((name, value.lower() if value in ("True", "False") else value))
    return query


def same(tr, call):
    """A call whose path is the same in v4; bodies and replies converted."""
    pattern, path = tr.v4_path(call)
    accepted = tr.check_v4(call, pattern)
    body, extra = call.root, ()
    if call.method == "DELETE" and body is not None:
        extra, body = delete_params(call), None
    is_action = call.method == "POST" and len(call.segments) % 2 == 1 \
        and len(call.segments) >= 3
    if body is not None:
        body = xmlmap.request_to_v4(body, call.where)
    if is_action:
        body = _action_extra(tr, call, accepted, body)
    headers, details = call.headers, ()
    if call.method == "GET":
        details, headers = take_details(call)
        extra = list(extra) + all_content_param(call, accepted, headers)
    query = tr.url_params(call, accepted, extra)
    if call.method == "GET":
        query = follow_params(call, accepted, query, detail_follows(call, details))
    response, root = tr.send_tree(call.method, path, query, body, headers)
    if root is not None and not details:
        # read by the brokers only: each element converted when first read
        return tr.reply(response, xmlmap.lazy_reply(root), xmlmap.LAZY)
    if root is not None:
        xmlmap.reply_to_v3(root)
        inline_details(tr, call, root, details)
    return tr.reply(response, root)


def follow_params(call, accepted, query, extra=()):
    """``query`` plus the v4 ``follow=`` the v3 reply of ``call`` needs (routes.FOLLOW)."""
    follows = list(routes.FOLLOW.get(call.pattern, ())) + list(extra)
    if not follows or "follow" not in accepted:
        return query
    return list(query) + [("follow", ",".join(dict.fromkeys(follows)))]


# ---------------------------------------------------------------- detail= and All-Content

def _split_details(text):
    return [d for d in text.replace(" ", "+").split("+") if d]


def take_details(call):
    """The v3 ``detail`` names of ``call`` (URL parameter, or ``detail=`` parameters
    of the Accept header) and the headers to send, without them."""
    details = []
    kept = []
    for key, value in call.params:
        if key == "detail":
            details.extend(_split_details(value))
        else:
            kept.append((key, value))
    call.params = kept
    headers = dict(call.headers)
    for name in list(headers):
        if name.lower() != "accept" or "detail" not in str(headers[name]):
            continue
        parts = [p.strip() for p in str(headers[name]).split(";")]
        rest = [p for p in parts if not p.startswith("detail=")]
        for p in parts:
            if p.startswith("detail="):
                details.extend(_split_details(p[len("detail="):]))
        headers[name] = "; ".join(rest)
    return tuple(dict.fromkeys(details)), headers


def detail_follows(call, details):
    """The v4 ``follow`` paths for the v3 ``detail`` names (refusing what v4 lacks)."""
    if not details:
        return ()
    v4type = routes.DETAIL.get(call.pattern)
    if v4type is None:
        raise NotTranslatable(call.where, "detail=%s: inline details are translated for "
                              "%s only" % ("+".join(details), ", ".join(
                                  sorted({p.split("/")[0] for p in routes.DETAIL}))))
    members = xmlmap._V4.members(v4type)[1]
    follows = []
    for name in details:
        path = routes.DETAIL_FOLLOW.get(name, name)
        if not isinstance(members.get(path.split(".")[0]), tuple):
            raise NotTranslatable(call.where, "detail=%s: a v4 %s has no list %s to follow"
                                  % (name, v4type, path.split(".")[0]))
        follows.append(path)
    return follows


def all_content_param(call, accepted, headers):
    """v3 ``All-Content: true`` is the v4 URL parameter ``all_content`` where the v4
    link documents it (the header is then not sent); elsewhere the header goes as it
    is, which v4 engines read the same way."""
    for name in list(headers):
        if name.lower() == "all-content" and "all_content" in accepted:
            value = str(headers.pop(name)).lower()
            return [("all_content", value)]
    return []


def inline_details(tr, call, root, details):
    """Give the followed v4 lists their v3 form: disk attachments with their disks
    become ``<disks>``, NICs name their network."""
    owner = call.segments[0][:-1]           # vms -> vm, templates -> template
    entities = [root] if len(call.segments) == 2 else list(root)
    for entity in entities:
        if not isinstance(entity.tag, str) or entity.get("id") is None:
            continue
        if "disks" in details:
            attachments = entity.find("disk_attachments")
            if attachments is not None:
                disks = etree.Element("disks")
                for att in attachments.iterchildren("disk_attachment"):
                    disks.append(_v3_disk(tr, att, _full_disk(tr, call, att), owner,
                                          entity.get("id")))
                entity.replace(attachments, disks)
        if "nics" in details and owner in ("vm", "template"):
            nics = entity.find("nics")
            for nic in (nics.iterchildren("nic") if nics is not None else ()):
                _nic_reply(tr, call, nic)


# ---------------------------------------------------------------- the entry point

def entry_point(tr, call):
    if call.method != "GET":
        raise NotTranslatable(call.where, "only GET is defined on the entry point")
    query = tr.url_params(call, ())
    response, root = tr.send_tree("GET", "", query, None, call.headers)
    return tr.reply(response, entry_point_to_v3(tr, root))


def entry_point_to_v3(tr, root):
    """Convert a v4 <api> document (in place) and note the engine's name."""
    if root is None:
        return None
    base = tr.base_path
    if tr.engine is None:
        name = root.findtext("product_info/name") or "engine"
        version = root.findtext("product_info/version/full_version") or ".".join(
            root.findtext("product_info/version/" + p) or "?" for p in ("major", "minor"))
        tr.engine = "%s %s (API v4)" % (name, version)
    special = root.find("special_objects")
    if special is not None:
        links = []
        for child in list(special):
            rel = routes.SPECIAL_OBJECTS.get(child.tag)
            if rel is not None and child.get("href"):
                links.append(_element("link", href=child.get("href"), rel=rel))
            special.remove(child)
        special.extend(links)
    for link in root.iterchildren("link"):
        rel = link.get("rel") or ""
        head, sep, tail = rel.partition("/")
        if head in routes.ENTRY_LINK_RENAMES:
            new = routes.ENTRY_LINK_RENAMES[head]
            link.set("rel", new + sep + tail)
            link.set("href", "%s/%s" % (base, new))
    return xmlmap.reply_to_v3(root)


# ---------------------------------------------------------------- disks <-> attachments

# Members of a v3 VM disk that live on the v4 disk attachment.
_ATTACHMENT_MEMBERS = ("interface", "bootable", "active", "logical_name", "read_only",
                       "uses_scsi_reservation")


def _v3_disk(tr, attachment, disk, owner, owner_id):
    """The v3 <disk> of a VM (or template) from a v4 attachment and its disk."""
    disk = xmlmap.reply_to_v3(disk, _params().Disk)
    for name in _ATTACHMENT_MEMBERS:
        value = attachment.find(name)
        if value is None:
            continue
        old = disk.find(name)
        if old is not None:
            disk.remove(old)
        disk.append(_element(name, value.text))
    disk_id = disk.get("id") or attachment.get("id")
    disk.set("id", disk_id)
    disk.set("href", "%s/%ss/%s/disks/%s" % (tr.base_path, owner, owner_id, disk_id))
    if disk.find(owner) is None:
        disk.append(_element(owner, id=owner_id,
                             href="%s/%ss/%s" % (tr.base_path, owner, owner_id)))
    return disk


def _full_disk(tr, call, attachment):
    """The attachment's disk, inlined by ``follow=disk`` or else read."""
    disk = attachment.find("disk")
    if disk is not None and len(disk):
        return disk
    disk_id = disk.get("id") if disk is not None else attachment.get("id")
    if not disk_id:
        raise errors.FormatError("a disk attachment without a disk id")
    _, root = tr.send_tree("GET", "disks/" + disk_id, (), None, call.headers)
    return root


def _attachments_path(call, owner):
    return "%ss/%s/diskattachments" % (owner, call.ids[0])


def _list_disks(tr, call, owner):
    accepted = tr.check_v4(call, "%ss/{}/diskattachments" % owner, "GET")
    query = tr.url_params(call, accepted) + [("follow", "disk")]
    response, root = tr.send_tree("GET", _attachments_path(call, owner), query, None,
                                  call.headers)
    disks = etree.Element("disks")
    for att in (root.iterchildren("disk_attachment") if root is not None else ()):
        disks.append(_v3_disk(tr, att, _full_disk(tr, call, att), owner, call.ids[0]))
    return tr.reply(response, disks)


def _get_disk(tr, call, owner, response=None):
    path = "%s/%s" % (_attachments_path(call, owner), call.ids[1])
    got, att = tr.send_tree("GET", path, [("follow", "disk")], None, call.headers)
    disk = _v3_disk(tr, att, _full_disk(tr, call, att), owner, call.ids[0])
    return tr.reply(response or got, disk)


def _split_disk(call, v3disk):
    """A v3 <disk> request body -> a v4 <disk_attachment> with the disk inside."""
    attachment = etree.Element("disk_attachment")
    for name in _ATTACHMENT_MEMBERS:
        for child in list(v3disk.iterchildren(name)):
            v3disk.remove(child)
            attachment.append(_element(name, (child.text or "").lower()
                                       if child.text in ("True", "False") else child.text))
    if len(v3disk) or v3disk.attrib:
        disk = xmlmap.request_to_v4(v3disk, call.where, _params().Disk)
        disk.attrib.pop("href", None)
        attachment.append(disk)
    return attachment


def vm_disks(tr, call, owner="vm"):
    if call.method == "GET":
        return _list_disks(tr, call, owner)
    if call.method != "POST" or call.root is None or call.root.tag != "disk":
        raise NotTranslatable(call.where, "expected GET, or POST of a <disk>")
    accepted = tr.check_v4(call, "%ss/{}/diskattachments" % owner, "POST")
    query = tr.url_params(call, accepted)
    attachment = _split_disk(call, call.root)
    if attachment.find("active") is None:
        # v3 plugged a disk added to a VM; a v4 attachment is inactive unless told.
        attachment.append(_element("active", "true"))
    response, att = tr.send_tree("POST", _attachments_path(call, owner), query, attachment,
                                 call.headers)
    disk = _v3_disk(tr, att, _full_disk(tr, call, att), owner, call.ids[0])
    return tr.reply(response, disk)


def vm_disk(tr, call, owner="vm"):
    path = "%s/%s" % (_attachments_path(call, owner), call.ids[1])
    if call.method == "GET":
        tr.url_params(call, ("follow",))
        return _get_disk(tr, call, owner)
    if call.method == "PUT":
        tr.url_params(call, ())
        if call.root is None:
            raise NotTranslatable(call.where, "an update needs a <disk> body")
        attachment = _split_disk(call, call.root)
        response = tr.send("PUT", path, (), attachment, call.headers)
        return _get_disk(tr, call, owner, response)
    if call.method == "DELETE":
        detach = False
        if call.root is not None:
            for leaf, value in _leaf_paths(call.root):
                if leaf == "detach":
                    detach = value.lower() == "true"
                elif leaf == "async":
                    continue
                else:
                    raise NotTranslatable(call.where, "the v3 delete body member %s has "
                                          "no v4 equivalent" % leaf)
        tr.url_params(call, ("async",))
        response = tr.send("DELETE", path, (), None, call.headers)
        if not detach:
            # v3 deleted the disk unless told to detach; v4 only detaches.
            response = tr.send("DELETE", "disks/" + call.ids[1], (), None, call.headers)
        return tr.reply(response, None)
    raise NotTranslatable(call.where, "not defined on a VM disk")


def vm_disk_active(tr, call):
    """v3 disk activate/deactivate = v4 attachment update of ``active``."""
    if call.method != "POST":
        raise NotTranslatable(call.where, "actions are POST")
    tr.url_params(call, ())
    active = "true" if call.segments[-1] == "activate" else "false"
    attachment = etree.Element("disk_attachment")
    attachment.append(_element("active", active))
    path = "vms/%s/diskattachments/%s" % (call.ids[0], call.ids[1])
    response = tr.send("PUT", path, (), attachment, call.headers)
    action = etree.Element("action")
    status = etree.SubElement(action, "status")
    status.append(_element("state", "complete"))
    return tr.reply(response, action)


def vm_move(tr, call):
    """v3 ``vm.move()`` (13: removed in v4) = each of the VM's disks moved to the
    storage domain (``disks/{id}/move``), as 3.6 moved them all; only a VM that is
    down (v4 would live-migrate a running VM's disks, which 3.6 refused). A fault
    on one disk raises with the disks before it already moved."""
    if call.method != "POST":
        raise NotTranslatable(call.where, "actions are POST")
    action = call.root
    if action is None or action.tag != "action" or action.find("storage_domain") is None:
        raise NotTranslatable(call.where, "the action names no <storage_domain>")
    for child in action:
        if isinstance(child.tag, str) and child.tag not in ("storage_domain", "async"):
            raise NotTranslatable(call.where, "the v3 action member %s has no "
                                  "translation to v4 disk moves" % child.tag)
    accepted = tr.check_v4(call, "disks/{}/move", "POST")
    query = tr.url_params(call, accepted)
    vm_path = "vms/%s" % quote(call.ids[0], safe="")
    _, vm = tr.send_tree("GET", vm_path, (), None, None)
    state = vm.findtext("status") if vm is not None else None
    if state != "down":
        raise NotTranslatable(call.where, "the VM is %s: v4 would move a running VM's "
                              "disks live; 3.6 moved a VM that is down" % state)
    listed, attachments = tr.send_tree("GET", vm_path + "/diskattachments", (), None, None)
    body = xmlmap.request_to_v4(action, call.where, _params().Action)
    response = None
    for att in (attachments.iterchildren("disk_attachment")
                if attachments is not None else ()):
        disk = att.find("disk")
        disk_id = disk.get("id") if disk is not None else att.get("id")
        response = tr.send("POST", "disks/%s/move" % quote(disk_id, safe=""), query,
                           body, call.headers)
    reply = etree.Element("action")
    etree.SubElement(reply, "status").append(_element("state", "complete"))
    return tr.reply(response or listed, reply)


def snapshot_disk(tr, call):
    """A snapshot's disk: read as in v4; its ``delete()`` (3.6: remove that disk's
    image from the snapshot) is v4 ``DELETE disks/{id}/disksnapshots/{image id}``,
    the image read from the snapshot's disk."""
    if call.method != "DELETE":
        return same(tr, call)
    if call.root is not None:
        raise NotTranslatable(call.where, "a snapshot disk's delete takes no body in v4")
    accepted = tr.check_v4(call, "disks/{}/disksnapshots/{}", "DELETE")
    query = tr.url_params(call, accepted)
    vm_id, snap_id, disk_id = (quote(i, safe="") for i in call.ids)
    _, disk = tr.send_tree("GET", "vms/%s/snapshots/%s/disks/%s" % (vm_id, snap_id, disk_id),
                           (), None, None)
    image = disk.findtext("image_id") if disk is not None else None
    if not image:
        raise NotTranslatable(call.where, "the snapshot's disk carries no image_id")
    response = tr.send("DELETE", "disks/%s/disksnapshots/%s" % (disk_id, quote(image, safe="")),
                       query, None, call.headers)
    return tr.reply(response, None)


def template_disks(tr, call):
    if call.method != "GET":
        raise NotTranslatable(call.where, "only listing a template's disks is translated")
    return _list_disks(tr, call, "template")


def template_disk(tr, call):
    if call.method != "GET":
        raise NotTranslatable(call.where, "only reading a template's disk is translated")
    tr.url_params(call, ())
    return _get_disk(tr, call, "template")


# ---------------------------------------------------------------- NICs: network <-> vNIC profile

_PROFILES = "vnic_profiles"


def _profiles(tr, call, refresh=False):
    """{profile id: (network id, profile name, port mirroring)}, read once per API."""
    def load():
        _, root = tr.send_tree("GET", "vnicprofiles", (), None, None)
        table = {}
        for p in (root.iterchildren("vnic_profile") if root is not None else ()):
            net = p.find("network")
            table[p.get("id")] = (net.get("id") if net is not None else None,
                                  p.findtext("name"),
                                  (p.findtext("port_mirroring") or "").lower() == "true")
        return table
    if refresh:
        tr.forget(_PROFILES)
    return tr.cached(_PROFILES, load)


def _network_of_profile(tr, call, profile_id):
    table = _profiles(tr, call)
    if profile_id not in table:
        table = _profiles(tr, call, refresh=True)
    return table.get(profile_id)


def _cluster_networks(tr, call, cluster_id):
    return tr.cluster_networks(cluster_id)


def _choose_profile(tr, call, network_id, network_name, mirroring):
    for attempt in (False, True):
        table = _profiles(tr, call, refresh=attempt)
        candidates = [(pid, name) for pid, (net, name, pm) in table.items()
                      if net == network_id and pm == mirroring]
        if candidates:
            candidates.sort(key=lambda c: (c[1] != network_name, c[1] or ""))
            return candidates[0][0]
    raise NotTranslatable(call.where, "the network %s has no vNIC profile%s"
                          % (network_name or network_id,
                             " with port mirroring" if mirroring else ""))


def _nic_request(tr, call, nic):
    network = nic.find("network")
    mirroring = nic.find("port_mirroring")
    if mirroring is not None:
        nic.remove(mirroring)
    if network is not None:
        index = nic.index(network)
        nic.remove(network)
        if nic.find("vnic_profile") is None:
            profile = _element("vnic_profile")
            if len(network) or network.get("id"):
                net_id = lookups.network_id(tr, call, network)
                name = network.findtext("name")
                if name is None:
                    name = next((n for n, i in _named_networks(tr, call).items()
                                 if i == net_id), None)
                profile.set("id", _choose_profile(tr, call, net_id, name,
                                                  mirroring is not None and len(mirroring)))
            nic.insert(index, profile)
    elif mirroring is not None and len(mirroring):
        raise NotTranslatable(call.where, "port mirroring without a network")
    return xmlmap.request_to_v4(nic, call.where, _params().NIC)


def _named_networks(tr, call):
    cluster_id = lookups.owner_cluster(tr, call)
    return _cluster_networks(tr, call, cluster_id) if cluster_id else {}


def _nic_reply(tr, call, nic):
    profile = nic.find("vnic_profile")
    if profile is not None and profile.get("id") and nic.find("network") is None:
        found = _network_of_profile(tr, call, profile.get("id"))
        if found is not None and found[0]:
            net_id = found[0]
            href = "%s/networks/%s" % (tr.base_path, net_id)
            nic.insert(nic.index(profile), _element("network", id=net_id, href=href))
            if found[2]:
                pm = etree.SubElement(nic, "port_mirroring")
                nets = etree.SubElement(pm, "networks")
                nets.append(_element("network", id=net_id, href=href))
    elif profile is not None and not profile.get("id") and nic.find("network") is None:
        nic.append(_element("network"))


def nics(tr, call):
    pattern, path = tr.v4_path(call)
    accepted = v4_accepted = tr_links(pattern, call.method)
    if v4_accepted is None:
        raise NotTranslatable(call.where, "API v4 has no %s /%s" % (call.method, pattern))
    body, extra = call.root, ()
    if call.method == "DELETE" and body is not None:
        extra, body = delete_params(call), None
    if body is not None:
        if body.tag != "nic":
            raise NotTranslatable(call.where, "expected a <nic> body")
        body = _nic_request(tr, call, body)
    query = tr.url_params(call, accepted, extra)
    response, root = tr.send_tree(call.method, path, query, body, call.headers)
    if root is not None:
        xmlmap.reply_to_v3(root)
        for nic in ([root] if root.tag == "nic" else root.iterchildren("nic")):
            _nic_reply(tr, call, nic)
    return tr.reply(response, root)


def vm_cdroms(tr, call):
    """``vm.cdroms.list(current=True)``: a v4 list of a VM's CD-ROMs has no ``current``;
    the list is read, then each CD-ROM with ``current=true`` (a VM has one), so the
    v3 list shows the running VM's disc. Anything else is the same in v4."""
    current = [value for key, value in call.params if key == "current"]
    if call.method != "GET" or not current:
        return same(tr, call)
    call.params = [(key, value) for key, value in call.params if key != "current"]
    pattern, path = tr.v4_path(call)
    query = tr.url_params(call, tr.check_v4(call, pattern))
    response, root = tr.send_tree("GET", path, query, None, call.headers)
    if root is not None and current[0].strip().lower() in ("", "true"):
        for cdrom in list(root.iterchildren("cdrom")):
            if cdrom.get("id"):
                _, running = tr.send_tree("GET", path + "/" + quote(cdrom.get("id"), safe=""),
                                          [("current", "true")], None, call.headers)
                if running is not None:
                    root.replace(cdrom, running)
    if root is not None:
        xmlmap.reply_to_v3(root)
    return tr.reply(response, root)


def vm_disk_statistics(tr, call):
    """v3 statistics of a VM's (or template's) disk are the v4 disk's statistics."""
    if call.method != "GET":
        raise NotTranslatable(call.where, "statistics are read only")
    pattern = "disks/{}/statistics" + ("/{}" if len(call.ids) > 2 else "")
    accepted = tr.check_v4(call, pattern, "GET")
    query = tr.url_params(call, accepted)
    path = "disks/%s/statistics" % quote(call.ids[1], safe="")
    if len(call.ids) > 2:
        path += "/" + quote(call.ids[2], safe="")
    response, root = tr.send_tree("GET", path, query, None, call.headers)
    if root is not None:
        xmlmap.reply_to_v3(root)
        base = "%s/%s/%s/disks/%s/statistics" % (tr.base_path, call.segments[0],
                                                 call.ids[0], call.ids[1])
        for stat in ([root] if root.tag == "statistic" else root.iterchildren("statistic")):
            if stat.get("id"):
                stat.set("href", "%s/%s" % (base, stat.get("id")))
    return tr.reply(response, root)


# ---------------------------------------------------------------- capabilities <-> cluster levels

# The id of a v3 capabilities <version>, as the engines' v3 layer derived it from the
# version numbers (3.6 gives the id 3.6 engines served natively).
_CAPS_ID = "332e{0}{1}33-2e{0}{1}-332e-{0}{1}33-2e{0}{1}332e{0}{1}33"
_CAPS_ID_RE = re.compile(_CAPS_ID.replace("{0}", "(?P=ma)").replace("{1}", "(?P=mi)")
                         .replace("(?P=ma)", r"(?P<ma>\d)", 1)
                         .replace("(?P=mi)", r"(?P<mi>\d+)", 1) + "$")


def _level_numbers(level_id):
    major, _, minor = (level_id or "").partition(".")
    if not (major.isdigit() and minor.isdigit()):
        return None
    return major, minor


def _caps_version(tr, level, current):
    """The v3 capabilities <version> (VersionCaps) of a v4 <cluster_level>."""
    major, minor = _level_numbers(level.get("id"))
    caps_id = _CAPS_ID.format(major, minor)
    version = _element("version", id=caps_id, href="%s/capabilities/%s"
                       % (tr.base_path, caps_id), major=major, minor=minor)
    for tag in ("name", "description", "comment"):
        text = level.findtext(tag)
        if text is not None:
            version.append(_element(tag, text))
    version.append(_element("current", "true" if current else "false"))
    cpu_types = level.find("cpu_types")
    if cpu_types is not None:
        cpus = etree.SubElement(version, "cpus")
        for cpu_type in cpu_types.iterchildren("cpu_type"):
            cpu = etree.SubElement(cpus, "cpu", id=cpu_type.findtext("name") or "")
            level_text = cpu_type.findtext("level")
            if level_text is not None:
                cpu.append(_element("level", level_text))
            arch = cpu_type.findtext("architecture")
            if arch is not None:
                cpu.append(_element("architecture", arch.upper()))   # v3: X86_64
    permits = level.find("permits")
    if permits is not None:
        out = etree.SubElement(version, "permits")
        for permit in permits.iterchildren("permit"):
            new = _element("permit", id=permit.get("id") or "")
            for tag in ("name", "administrative"):
                text = permit.findtext(tag)
                if text is not None:
                    new.append(_element(tag, text))
            out.append(new)
    return version


def capabilities(tr, call):
    """v3 /capabilities (and /capabilities/{id}) from v4 /clusterlevels: one
    <version> per cluster level with its CPU types and permits; the highest level
    is ``current``. v4 has no counterpart of the v3 enumeration lists."""
    if call.method != "GET":
        raise NotTranslatable(call.where, "capabilities are read only")
    accepted = tr.check_v4(call, "clusterlevels", "GET")
    query = tr.url_params(call, accepted)
    response, root = tr.send_tree("GET", "clusterlevels", query, None, call.headers)
    levels = [lv for lv in (root.iterchildren("cluster_level") if root is not None else ())
              if _level_numbers(lv.get("id")) is not None]
    levels.sort(key=lambda lv: tuple(int(n) for n in _level_numbers(lv.get("id"))))
    versions = [_caps_version(tr, lv, i == len(levels) - 1) for i, lv in enumerate(levels)]
    if call.ids:
        found = [v for v in versions if v.get("id") == call.ids[0]]
        if not found:
            # not a level of this engine: its own answer for the level (404)
            match = _CAPS_ID_RE.match(call.ids[0])
            level = "%s.%s" % (match.group("ma"), match.group("mi")) if match \
                else call.ids[0]
            response, root = tr.send_tree("GET", "clusterlevels/" + quote(level, safe=""),
                                          query, None, call.headers)
            if root is None or root.tag != "cluster_level":
                raise errors.FormatError("expected a <cluster_level> for %s" % level)
            found = [_caps_version(tr, root, False)]
        return tr.reply(response, found[0])
    caps = etree.Element("capabilities")
    caps.extend(versions)
    return tr.reply(response, caps)


def host_storage(tr, call):
    """A v3 host's storage (``<host_storage>`` of ``<storage>``) is the v4
    ``<host_storages>`` of ``<host_storage>`` (change list); read only in both."""
    if call.method != "GET":
        raise NotTranslatable(call.where, "a host's storage is read only")
    pattern, path = tr.v4_path(call)
    accepted = tr.check_v4(call, pattern)
    query = tr.url_params(call, accepted)
    response, root = tr.send_tree("GET", path, query, None, call.headers)
    if root is not None:
        if root.tag == "host_storages":
            root.tag = "host_storage"
            for item in root.iterchildren("host_storage"):
                item.tag = "storage"
        elif root.tag == "host_storage":
            root.tag = "storage"
        else:
            raise errors.FormatError("expected a host storage document, got <%s>"
                                     % root.tag)
        xmlmap.reply_to_v3(root)
    return tr.reply(response, root)


def _take_flag(call, root, path, param):
    """Move the v3 body flag at ``path`` (e.g. ``disks/clone``) to the v4 URL
    parameter ``param``; a container left empty goes too."""
    flag = root.find(path)
    if flag is None:
        return
    parent = flag.getparent()
    parent.remove(flag)
    if not len(parent) and not parent.attrib and parent is not root:
        root.remove(parent)
    call.params = list(call.params) + [(param, (flag.text or "").strip())]


def vms_add(tr, call):
    """v3 VM add: ``disks/clone`` and ``permissions/clone`` in the body are the v4 URL
    parameters ``clone`` and ``clone_permissions``; the template disks the v3 body
    lists (``disks/disk``: format, storage domain …) are v4 disk attachments."""
    root = call.root
    if call.method == "POST" and root is not None:
        _take_flag(call, root, "disks/clone", "clone")
        _take_flag(call, root, "permissions/clone", "clone_permissions")
        disks = root.find("disks")
        if disks is not None:
            items = list(disks.iterchildren("disk"))
            if len(items) != len(disks):
                raise NotTranslatable(call.where, "VM.disks carries more than disks "
                                      "(%s); v4 has only disk_attachments"
                                      % ", ".join(sorted({c.tag for c in disks
                                                          if c.tag != "disk"})))
            attachments = etree.Element("disk_attachments")
            for disk in items:
                xmlmap.request_to_v4(disk, call.where, _params().Disk)
                etree.SubElement(attachments, "disk_attachment").append(disk)
            root.replace(disks, attachments)
    return same(tr, call)


def host_nic(tr, call):
    """``hosts/{id}/nics/{id}``: read as in v4; ``update()`` and ``delete()`` are
    network changes (``hostnets``)."""
    if call.method != "GET":
        return hostnets.host_nic_change(tr, call)
    return same(tr, call)


def host_nics(tr, call):
    """``hosts/{id}/nics``: listed as in v4; ``add()`` (a bond) is ``hostnets``."""
    if call.method == "POST":
        return hostnets.bond_add(tr, call)
    return same(tr, call)


def tr_links(pattern, method):
    return v4links.LINKS.get(pattern, {}).get(method)


HANDLERS = {
    "vms_add": vms_add,
    "host_storage": host_storage,
    "entry_point": entry_point,
    "vm_disks": vm_disks,
    "vm_disk": vm_disk,
    "vm_disk_active": vm_disk_active,
    "template_disks": template_disks,
    "template_disk": template_disk,
    "nics": nics,
    "capabilities": capabilities,
    "vm_disk_statistics": vm_disk_statistics,
    "vm_cdroms": vm_cdroms,
    "vm_move": vm_move,
    "snapshot_disk": snapshot_disk,
}
HANDLERS.update(hostnets.HANDLERS, host_nic=host_nic, host_nics=host_nics)

__all__ = ["HANDLERS", "same", "entry_point_to_v3"]
