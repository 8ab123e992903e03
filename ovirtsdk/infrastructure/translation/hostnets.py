"""Host NIC network changes: the v3 per-NIC calls as v4 ``setupnetworks``.

v3 (3.x engines) changes a host's networks NIC by NIC: ``hostnic.attach()`` and
``detach()`` with a ``<network>``, ``hostnic.update()`` (network, IP configuration,
boot protocol), and the legacy ``host.nics.setupnetworks()`` (the whole list of the
host's NICs with their networks, as they should be). v4 has one call for all of it,
``POST /hosts/{id}/setupnetworks``, whose network attachments (network on NIC, with
its IP address assignments) are added, moved or removed. Each v3 call here reads
the host's current attachments and sends the one ``setupnetworks`` that makes the
same change; the reply is the v3 action (or, for ``update()``, the NIC read again).
As on 3.x, nothing is committed on the host until ``host.commitnetconfig()``
(the v4 action of the same name; v4 ``commit_on_success`` is left unset).

A bond added (``host.nics.add()``) or removed (``hostnic.delete()``) is v4
``modified_bonds`` / ``removed_bonds``; changing a bond's slaves or options through
the legacy call is not translated (``NotTranslatedError`` before anything is sent).
"""
from urllib.parse import quote

from lxml import etree

from ovirtsdk.infrastructure import errors

from . import lookups, xmlmap
from .xmlmap import NotTranslatable

# v3 action members these calls take (everything else is refused by name); the
# ones v4 setupnetworks takes too are passed on.
_PASSED = ("check_connectivity", "connectivity_timeout")

# v3 host NIC members ``update()`` changes, as the 3.6 engine did (the network,
# the IP configuration, the boot protocol); others must be sent unchanged (scripts
# send back what they read).
_UPDATED = frozenset(("network", "ip", "boot_protocol", "check_connectivity"))
_NOT_COMPARED = frozenset(("link", "actions", "statistics", "href", "id", "host"))


def _params():
    from ovirtsdk.xml import params
    return params


def _q(text):
    return quote(text, safe="")


def _element(tag, text=None, **attrs):
    el = etree.Element(tag, **attrs)
    if text is not None:
        el.text = text
    return el


# ---------------------------------------------------------------- reading the host

def _network_id(tr, call, network):
    if network is None:
        raise NotTranslatable(call.where, "the action names no <network> (id or name)")
    return lookups.network_id(tr, call, network)


def _attachments(tr, host_id):
    """[(attachment id, network id, host NIC id)] of the host, as v4 has them."""
    _, root = tr.send_tree("GET", "hosts/%s/networkattachments" % _q(host_id),
                           (), None, None)
    out = []
    for att in (root.iterchildren("network_attachment") if root is not None else ()):
        net, nic = att.find("network"), att.find("host_nic")
        out.append((att.get("id"), net.get("id") if net is not None else None,
                    nic.get("id") if nic is not None else None))
    return out


def _nics(tr, host_id):
    """The host's NICs, in the v3 form."""
    _, root = tr.send_tree("GET", "hosts/%s/nics" % _q(host_id), (), None, None)
    if root is None:
        return []
    xmlmap.reply_to_v3(root)
    return list(root.iterchildren("host_nic"))


# ---------------------------------------------------------------- the v4 request

def _attachment(attachment_id=None, network_id=None, nic_id=None, assignment=None):
    att = _element("network_attachment")
    if attachment_id:
        att.set("id", attachment_id)
    if network_id:
        att.append(_element("network", id=network_id))
    if nic_id:
        att.append(_element("host_nic", id=nic_id))
    if assignment is not None:
        assignments = etree.SubElement(att, "ip_address_assignments")
        assignments.append(assignment)
    return att


def _assignment(call, boot_protocol, ip):
    """A v4 ``<ip_address_assignment>`` from a v3 boot protocol and ``<ip>``; None
    when neither is given. As on 3.6, an address without a boot protocol is static."""
    if boot_protocol is None and ip is not None and ip.get("address"):
        boot_protocol = "static"
    if boot_protocol is None and ip is None:
        return None
    el = _element("ip_address_assignment")
    if boot_protocol is not None:
        el.append(_element("assignment_method", boot_protocol))
    if ip is not None:
        v4ip = xmlmap.request_to_v4(etree.fromstring(etree.tostring(ip)), call.where,
                                    _params().IP)
        el.append(v4ip)
    return el


def _action_extras(call, action, allowed):
    """The v3 action members passed on to v4 (``_PASSED``); any other member the
    action carries besides ``allowed`` is refused by name."""
    extras = []
    if action is None:
        return extras
    if action.tag != "action":
        raise NotTranslatable(call.where, "expected an <action> body, got <%s>" % action.tag)
    for child in action:
        if not isinstance(child.tag, str) or child.tag in allowed:
            continue
        if child.tag in _PASSED:
            extras.append(_element(child.tag, (child.text or "").strip()))
            continue
        raise NotTranslatable(call.where, "the v3 action member %s has no translation "
                              "to v4 setupnetworks" % child.tag)
    return extras


def _setup(tr, call, host_id, modified=(), removed=(), extras=(), bonds=((), ())):
    """One v4 ``POST /hosts/{id}/setupnetworks``: (response, the v3 action reply);
    ``bonds``: (modified, removed) v4 ``<host_nic>`` elements."""
    accepted = tr.check_v4(call, "hosts/{}/setupnetworks", "POST")
    query = tr.url_params(call, accepted)
    action = _element("action")
    if bonds[0]:
        etree.SubElement(action, "modified_bonds").extend(bonds[0])
    if bonds[1]:
        etree.SubElement(action, "removed_bonds").extend(bonds[1])
    if modified:
        etree.SubElement(action, "modified_network_attachments").extend(modified)
    if removed:
        etree.SubElement(action, "removed_network_attachments").extend(removed)
    action.extend(extras)
    response, root = tr.send_tree("POST", "hosts/%s/setupnetworks" % _q(host_id), query,
                                  action, call.headers)
    if root is not None:
        xmlmap.reply_to_v3(root)
    return response, root


# ---------------------------------------------------------------- the handlers

def host_nic_network(tr, call):
    """``POST hosts/{id}/nics/{id}/attach|detach`` with ``<network>``."""
    if call.method != "POST":
        raise NotTranslatable(call.where, "API v4 has no %s of a NIC action" % call.method)
    host_id, nic_id = call.ids[0], call.ids[1]
    action = call.root
    extras = _action_extras(call, action, ("network",))
    network_id = _network_id(tr, call,
                             action.find("network") if action is not None else None)
    current = _attachments(tr, host_id)
    if call.segments[-1] == "attach":
        # a network attached elsewhere on the host moves: its attachment, by id
        existing = next((a[0] for a in current if a[1] == network_id), None)
        return tr.reply(*_setup(tr, call, host_id, extras=extras, modified=[
            _attachment(existing, network_id, nic_id)]))
    found = next((a for a in current if a[1] == network_id and a[2] == nic_id), None)
    if found is None:
        raise NotTranslatable(call.where, "the network %s is not attached to this NIC "
                              "(no v4 network attachment to remove)" % network_id)
    return tr.reply(*_setup(tr, call, host_id, removed=[_attachment(found[0])],
                            extras=extras))


def _values(el):
    """{path: sorted texts} of a v3 element's values, attributes included (``ip/@address``),
    ``_NOT_COMPARED`` and hrefs left out; {} for None."""
    out = {}

    def walk(node, prefix):
        for name, value in node.attrib.items():
            if name != "href" and (prefix or name not in _NOT_COMPARED):
                out.setdefault(prefix + "@" + name, []).append(value)
        for child in node:
            if not isinstance(child.tag, str) or (not prefix and child.tag in _NOT_COMPARED):
                continue
            path = prefix + child.tag
            if len(child) or child.attrib:
                walk(child, path + "/")
            if child.text is not None and child.text.strip():
                out.setdefault(path, []).append(child.text.strip())
    if el is not None:
        walk(el, "")
    return {k: sorted(v) for k, v in out.items()}


def _nic_update(tr, call):
    host_id, nic_id = call.ids[0], call.ids[1]
    body = call.root
    if body is None or body.tag != "host_nic":
        raise NotTranslatable(call.where, "expected a <host_nic> body")
    path = "hosts/%s/nics/%s" % (_q(host_id), _q(nic_id))
    _, current = tr.send_tree("GET", path, (), None, None)
    xmlmap.reply_to_v3(current)
    # members 3.6 did not update must be sent as they are (read, changed, sent back)
    now = _values(current)
    for member, texts in _values(body).items():
        if member.split("/", 1)[0].split("@", 1)[0] in _UPDATED:
            continue
        if texts != now.get(member, []):
            raise NotTranslatable(
                call.where, "the host NIC member %s (%s) cannot be changed through v4 "
                "setupnetworks; update() translates network, ip, boot_protocol and "
                "check_connectivity" % (member, ", ".join(texts)))
    old_net = current.find("network")
    old_id = old_net.get("id") if old_net is not None else None
    new_net = body.find("network")
    new_id = _network_id(tr, call, new_net) \
        if new_net is not None and (new_net.get("id") or len(new_net)) else old_id

    boot = body.findtext("boot_protocol")
    ip = body.find("ip")
    ip_changed = (ip is not None and _values(ip) != _values(current.find("ip"))) or (
        boot is not None and boot != current.findtext("boot_protocol"))
    assignment = _assignment(call, boot, ip) if ip_changed else None
    extras = []
    check = body.findtext("check_connectivity")
    if check is not None:
        extras.append(_element("check_connectivity", check.strip()))
    if new_id != old_id or assignment is not None:     # else nothing to change
        if new_id is None:
            raise NotTranslatable(call.where, "the NIC has no network: in v4 a NIC's IP "
                                  "configuration is its network attachment's")
        current_atts = _attachments(tr, host_id)
        old = next((a for a in current_atts if a[1] == old_id and a[2] == nic_id), None)
        # the new network's attachment (it may be on another NIC: it moves here)
        target = next((a[0] for a in current_atts if a[1] == new_id), None)
        removed = [_attachment(old[0])] if old is not None and new_id != old_id else []
        _setup(tr, call, host_id, [_attachment(target, new_id, nic_id, assignment)],
               removed, extras)
    reply, root = tr.send_tree("GET", path, (), None, call.headers)
    if root is not None:
        xmlmap.reply_to_v3(root)
    return tr.reply(reply, root)


def host_nic_change(tr, call):
    """``PUT hosts/{id}/nics/{id}``: the NIC's network and IP configuration;
    ``DELETE``: a bond's removal (with the networks on it), both through setupnetworks."""
    if call.method == "PUT":
        return _nic_update(tr, call)
    if call.method != "DELETE":
        raise NotTranslatable(call.where, "API v4 has no %s of a host NIC" % call.method)
    if call.root is not None:
        raise NotTranslatable(call.where, "a host NIC's delete takes no body in v4")
    host_id, nic_id = call.ids[0], call.ids[1]
    nic = next((n for n in _nics(tr, host_id) if n.get("id") == nic_id), None)
    if nic is None or nic.find("bonding/slaves/host_nic") is None:
        raise NotTranslatable(call.where, "only a bond can be removed (the NIC %s is none)"
                              % (nic.findtext("name") if nic is not None else nic_id))
    removed = [_attachment(a[0]) for a in _attachments(tr, host_id) if a[2] == nic_id]
    response, root = _setup(tr, call, host_id, removed=removed,
                            bonds=([], [_element("host_nic", id=nic_id)]))
    return tr.reply(response, root)


def bond_add(tr, call):
    """``POST hosts/{id}/nics``: a bond added (its name, slaves, options and the
    network it carries, as 3.6 took them) is setupnetworks; the reply is the bond."""
    if call.method != "POST":
        raise NotTranslatable(call.where, "API v4 has no %s here" % call.method)
    host_id = call.ids[0]
    body = call.root
    if body is None or body.tag != "host_nic" or body.find("bonding") is None:
        raise NotTranslatable(call.where, "a host NIC added is a bond: <host_nic> with "
                              "<bonding> (API v4 adds no other NIC)")
    name = body.findtext("name")
    if not name or body.find("bonding/slaves/host_nic") is None:
        raise NotTranslatable(call.where, "a bond needs its name and bonding.slaves")
    allowed = {"name", "bonding", "network"}
    for child in body:
        if isinstance(child.tag, str) and child.tag not in allowed:
            raise NotTranslatable(call.where, "the bond member %s has no translation to v4 "
                                  "setupnetworks (a bond takes name, bonding, network)"
                                  % child.tag)
    bond = _element("host_nic")
    bond.append(_element("name", name))
    bond.append(xmlmap.request_to_v4(etree.fromstring(etree.tostring(body.find("bonding"))),
                                     call.where, _params().Bonding))
    modified = []
    network = body.find("network")
    if network is not None:
        net_id = _network_id(tr, call, network)
        att = _element("network_attachment")
        att.append(_element("network", id=net_id))
        att.append(_element("host_nic", None))
        att.find("host_nic").append(_element("name", name))
        existing = next((a[0] for a in _attachments(tr, host_id) if a[1] == net_id), None)
        if existing:
            att.set("id", existing)
        modified.append(att)
    _setup(tr, call, host_id, modified=modified, bonds=([bond], []))
    response, root = tr.send_tree("GET", "hosts/%s/nics" % _q(host_id), (), None, None)
    for nic in (root.iterchildren("host_nic") if root is not None else ()):
        if nic.findtext("name") == name:
            return tr.reply(response, xmlmap.reply_to_v3(nic))
    raise errors.FormatError("the engine lists no bond %s after %s (its setupnetworks "
                             "was accepted)" % (name, call.where))


def host_nics_setup(tr, call):
    """The legacy ``POST hosts/{id}/nics/setupnetworks``: the NICs as they should be
    (each with its network, IP configuration, boot protocol); every network attached
    now and not listed is removed, as the 3.x engines did."""
    host_id = call.ids[0]
    action = call.root
    extras = _action_extras(call, action, ("host_nics",))
    wanted = list(action.find("host_nics").iterchildren("host_nic")) \
        if action is not None and action.find("host_nics") is not None else []
    if not wanted:
        # the list is the whole new state: an empty one would detach every network
        raise NotTranslatable(call.where, "the action lists no host NICs (host_nics)")
    nics = _nics(tr, host_id)
    by_id = {n.get("id"): n for n in nics}
    by_name = {n.findtext("name"): n for n in nics}
    desired, listed = {}, set()
    for item in wanted:
        nic = by_id.get(item.get("id")) if item.get("id") else None
        name = item.findtext("name")
        if nic is None and name:
            nic = by_name.get(name)
            if nic is None and "." in name:          # a VLAN device: its base NIC
                nic = by_name.get(name.split(".", 1)[0])
        bonding = item.find("bonding")
        if bonding is not None:
            now = nic.find("bonding") if nic is not None else None
            if now is None or _values(bonding) != _values(now):
                raise NotTranslatable(call.where, "bonds (host_nic %s with <bonding>) "
                                      "are not translated (v4: modified_bonds)"
                                      % (name or item.get("id")))
        if nic is None:
            raise NotTranslatable(call.where, "the host has no NIC %s"
                                  % (name or item.get("id")))
        listed.add(nic.get("id"))
        network = item.find("network")
        if network is None or not (network.get("id") or len(network)):
            continue
        net_id = _network_id(tr, call, network)
        if net_id in desired:
            raise NotTranslatable(call.where, "the network %s is listed on two NICs" % net_id)
        desired[net_id] = (nic.get("id"), _assignment(
            call, item.findtext("boot_protocol"), item.find("ip")))
    for nic in nics:
        bonding = nic.find("bonding")
        if bonding is not None and len(bonding) and nic.get("id") not in listed:
            raise NotTranslatable(call.where, "the bond %s is not listed: removing bonds "
                                  "is not translated" % nic.findtext("name"))
    modified, removed = [], []
    current = _attachments(tr, host_id)
    for att_id, net_id, nic_id in current:
        if net_id not in desired:
            removed.append(_attachment(att_id))
    known = {net_id: (att_id, nic_id) for att_id, net_id, nic_id in current}
    for net_id, (nic_id, assignment) in desired.items():
        att_id, on_nic = known.get(net_id, (None, None))
        if att_id is not None and on_nic == nic_id and assignment is None:
            continue
        modified.append(_attachment(att_id, net_id, nic_id, assignment))
    return tr.reply(*_setup(tr, call, host_id, modified, removed, extras))


HANDLERS = {
    "host_nic_network": host_nic_network,
    "host_nics_setup": host_nics_setup,
}
