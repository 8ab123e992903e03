"""v3 host NIC network changes as v4 ``setupnetworks`` (translation/hostnets.py):
the v4 request each v3 call becomes, against a mocked 4.5 engine (``responses``)."""
import pytest
import responses
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.xml import params

from test_translation_v4 import URL, V4Engine

HOST = b"""<host href="/ovirt-engine/api/hosts/h1" id="h1"><name>h</name>
  <cluster href="/ovirt-engine/api/clusters/c1" id="c1"/><status>up</status></host>"""
NICS = b"""<host_nics>
  <host_nic href="/ovirt-engine/api/hosts/h1/nics/n1" id="n1"><name>eth0</name>
    <boot_protocol>dhcp</boot_protocol>
    <ip><address>192.0.2.11</address><netmask>255.255.255.0</netmask></ip>
    <mtu>1500</mtu><network href="/ovirt-engine/api/networks/mgmt" id="mgmt"/>
    <host href="/ovirt-engine/api/hosts/h1" id="h1"/></host_nic>
  <host_nic href="/ovirt-engine/api/hosts/h1/nics/n2" id="n2"><name>eth1</name>
    <mtu>1500</mtu><host href="/ovirt-engine/api/hosts/h1" id="h1"/></host_nic>
</host_nics>"""
ATTACHMENTS = b"""<network_attachments>
  <network_attachment href="/ovirt-engine/api/hosts/h1/networkattachments/a1" id="a1">
    <network href="/ovirt-engine/api/networks/mgmt" id="mgmt"/>
    <host_nic href="/ovirt-engine/api/hosts/h1/nics/n1" id="n1"/>
    <ip_address_assignments><ip_address_assignment>
      <assignment_method>dhcp</assignment_method></ip_address_assignment>
    </ip_address_assignments></network_attachment>
  <network_attachment href="/ovirt-engine/api/hosts/h1/networkattachments/a2" id="a2">
    <network href="/ovirt-engine/api/networks/blue" id="blue"/>
    <host_nic href="/ovirt-engine/api/hosts/h1/nics/n2" id="n2"/></network_attachment>
</network_attachments>"""
CLUSTER_NETWORKS = b"""<networks>
  <network href="/ovirt-engine/api/networks/mgmt" id="mgmt"><name>ovirtmgmt</name></network>
  <network href="/ovirt-engine/api/networks/blue" id="blue"><name>blue</name></network>
  <network href="/ovirt-engine/api/networks/red" id="red"><name>red</name></network>
</networks>"""
DONE = b"<action><status>complete</status></action>"


@pytest.fixture
def engine():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        e = V4Engine(mock)
        e.add("GET", "hosts/h1", HOST)
        e.add("GET", "hosts/h1/nics", NICS)
        e.add("GET", "hosts/h1/nics/n1", etree.tostring(etree.fromstring(NICS)[0]))
        e.add("GET", "hosts/h1/nics/n2", etree.tostring(etree.fromstring(NICS)[1]))
        e.add("GET", "hosts/h1/networkattachments", ATTACHMENTS)
        e.add("GET", "clusters/c1/networks", CLUSTER_NETWORKS)
        e.add("POST", "hosts/h1/setupnetworks", DONE)
        yield e


@pytest.fixture
def api(engine):
    return API(URL, "admin@internal", "secret")


def _nic(api, nic_id="n1"):
    return api.hosts.get(id="h1").nics.get(id=nic_id)


def _setup_sent(engine):
    sent = engine.sent("POST", "hosts/h1/setupnetworks")
    assert len(sent) == 1, sent
    return etree.fromstring(sent[0][3])


def _ref(el, tag):
    ref = el.find(tag)
    return ref.get("id") if ref is not None else None


def _atts(action, tag):
    """(attachment id, network id, host NIC id) of the action's list ``tag``."""
    return [(a.get("id"), _ref(a, "network"), _ref(a, "host_nic"))
            for a in action.iterfind(tag + "/network_attachment")]


def test_translation_nic_attach_by_name_is_a_new_network_attachment(api, engine):
    reply = _nic(api, "n1").attach(params.Action(network=params.Network(name="red"),
                                                 check_connectivity=True))
    assert reply.status.state == "complete"
    action = _setup_sent(engine)
    assert _atts(action, "modified_network_attachments") == [(None, "red", "n1")]
    assert action.find("removed_network_attachments") is None
    assert action.findtext("check_connectivity") == "true"


def test_translation_nic_attach_of_an_attached_network_moves_its_attachment(api, engine):
    _nic(api, "n1").attach(params.Action(network=params.Network(id="blue")))
    assert _atts(_setup_sent(engine), "modified_network_attachments") == \
        [("a2", "blue", "n1")]


def test_translation_nic_detach_removes_the_attachment_by_id(api, engine):
    _nic(api, "n2").detach(params.Action(network=params.Network(name="blue")))
    action = _setup_sent(engine)
    assert _atts(action, "removed_network_attachments") == [("a2", None, None)]
    assert action.find("modified_network_attachments") is None


def test_translation_nic_detach_of_a_network_not_on_the_nic_sends_nothing(api, engine):
    nic = _nic(api, "n1")
    with pytest.raises(errors.NotTranslatedError, match="not attached to this NIC"):
        nic.detach(params.Action(network=params.Network(name="blue")))
    assert engine.sent("POST", "hosts/h1/setupnetworks") == []


def test_translation_nic_update_ip_is_the_attachment_ip_assignment(api, engine):
    nic = _nic(api, "n1")
    nic.set_boot_protocol("static")
    nic.set_ip(params.IP(address="192.0.2.99", netmask="255.255.255.0",
                         gateway="192.0.2.1"))
    assert nic.update().id == "n1"
    action = _setup_sent(engine)
    [att] = action.find("modified_network_attachments")
    assert (att.get("id"), att.find("network").get("id"), att.find("host_nic").get("id")) \
        == ("a1", "mgmt", "n1")
    assignment = att.find("ip_address_assignments/ip_address_assignment")
    assert assignment.findtext("assignment_method") == "static"
    assert [assignment.findtext("ip/" + t) for t in ("address", "netmask", "gateway")] == \
        ["192.0.2.99", "255.255.255.0", "192.0.2.1"]


def test_translation_nic_update_of_the_address_alone_is_sent(api, engine):
    nic = _nic(api, "n1")
    nic.ip.set_address("192.0.2.12")            # boot protocol sent back as read (dhcp)
    nic.update()
    assignment = _setup_sent(engine).find("modified_network_attachments/network_attachment"
                                          "/ip_address_assignments/ip_address_assignment")
    assert assignment.findtext("assignment_method") == "dhcp"
    assert assignment.findtext("ip/address") == "192.0.2.12"


def test_translation_nic_update_network_moves_to_the_new_network(api, engine):
    nic = _nic(api, "n1")
    nic.set_network(params.Network(name="red"))
    nic.update()
    action = _setup_sent(engine)
    assert _atts(action, "removed_network_attachments") == [("a1", None, None)]
    assert _atts(action, "modified_network_attachments") == [(None, "red", "n1")]


def test_translation_nic_update_to_a_network_on_another_nic_moves_it(api, engine):
    nic = _nic(api, "n1")
    nic.set_network(params.Network(name="blue"))      # blue is on eth1 (a2)
    nic.update()
    action = _setup_sent(engine)
    assert _atts(action, "removed_network_attachments") == [("a1", None, None)]
    assert _atts(action, "modified_network_attachments") == [("a2", "blue", "n1")]


def test_translation_nic_update_sent_back_unchanged_sends_no_setupnetworks(api, engine):
    nic = _nic(api, "n1")
    assert nic.update().name == "eth0"
    assert engine.sent("POST", "hosts/h1/setupnetworks") == []


def test_translation_nic_update_of_other_members_is_refused_by_name(api, engine):
    nic = _nic(api, "n1")
    nic.set_mtu(9000)
    with pytest.raises(errors.NotTranslatedError, match=r"member mtu \(9000\)") as caught:
        nic.update()
    assert caught.value.call == "PUT /hosts/{}/nics/{}"
    assert engine.sent("POST", "hosts/h1/setupnetworks") == []


def test_translation_legacy_nics_setupnetworks_is_the_whole_state(api, engine):
    """3.x semantics: the NICs listed as they should be; blue (on eth1) is not listed,
    so it goes; red is added on eth1; ovirtmgmt stays where it is (not resent)."""
    host = api.hosts.get(id="h1")
    host.nics.setupnetworks(params.Action(host_nics=params.HostNics(host_nic=[
        params.HostNIC(name="eth0", network=params.Network(name="ovirtmgmt")),
        params.HostNIC(id="n2", network=params.Network(name="red"),
                       boot_protocol="static", ip=params.IP(address="10.0.0.2",
                                                            netmask="255.0.0.0"))]),
        connectivity_timeout=30))
    action = _setup_sent(engine)
    assert _atts(action, "removed_network_attachments") == [("a2", None, None)]
    assert _atts(action, "modified_network_attachments") == [(None, "red", "n2")]
    assignment = action.find("modified_network_attachments/network_attachment/"
                             "ip_address_assignments/ip_address_assignment")
    assert assignment.findtext("assignment_method") == "static"
    assert assignment.findtext("ip/address") == "10.0.0.2"
    assert action.findtext("connectivity_timeout") == "30"


def test_translation_bond_add_is_modified_bonds_with_its_network(api, engine):
    with_bond = etree.fromstring(NICS)
    etree.SubElement(etree.SubElement(with_bond, "host_nic", id="b1"), "name").text = "bond0"

    def nics(request, body):
        done = engine.sent("POST", "hosts/h1/setupnetworks")
        return etree.tostring(with_bond) if done else NICS
    engine.add("GET", "hosts/h1/nics", nics)
    host = api.hosts.get(id="h1")
    added = host.nics.add(params.HostNIC(
        name="bond0", network=params.Network(name="red"),
        bonding=params.Bonding(options=params.Options(option=[params.Option(
            name="mode", value="4")]), slaves=params.Slaves(host_nic=[
                params.HostNIC(id="n1"), params.HostNIC(name="eth1")]))))
    action = _setup_sent(engine)
    [bond] = action.find("modified_bonds")
    assert bond.findtext("name") == "bond0"
    assert [(o.findtext("name"), o.findtext("value"))
            for o in bond.iterfind("bonding/options/option")] == [("mode", "4")]
    assert [(n.get("id"), n.findtext("name")) for n in bond.iterfind(
        "bonding/slaves/host_nic")] == [("n1", None), (None, "eth1")]
    [att] = action.find("modified_network_attachments")
    assert (att.find("network").get("id"), att.findtext("host_nic/name")) == ("red", "bond0")
    assert (added.id, added.name) == ("b1", "bond0")


def test_translation_bond_delete_is_removed_bonds_with_its_networks(api, engine):
    nics = etree.fromstring(NICS)
    bond = etree.SubElement(nics, "host_nic", id="b1")
    etree.SubElement(bond, "name").text = "bond0"
    slaves = etree.SubElement(etree.SubElement(bond, "bonding"), "slaves")
    etree.SubElement(slaves, "host_nic", id="n2")
    engine.add("GET", "hosts/h1/nics", etree.tostring(nics))
    engine.add("GET", "hosts/h1/nics/b1", etree.tostring(bond))
    atts = etree.fromstring(ATTACHMENTS)
    atts[1].find("host_nic").set("id", "b1")
    engine.add("GET", "hosts/h1/networkattachments", etree.tostring(atts))
    _nic(api, "b1").delete()
    action = _setup_sent(engine)
    assert [n.get("id") for n in action.find("removed_bonds")] == ["b1"]
    assert _atts(action, "removed_network_attachments") == [("a2", None, None)]


def test_translation_not_translatable_nic_changes_send_nothing(api, engine):
    host = api.hosts.get(id="h1")
    before = len(engine.calls)
    with pytest.raises(errors.NotTranslatedError, match="bonds"):
        host.nics.setupnetworks(params.Action(host_nics=params.HostNics(host_nic=[
            params.HostNIC(name="bond0", bonding=params.Bonding(slaves=params.Slaves(
                host_nic=[params.HostNIC(name="eth0"), params.HostNIC(name="eth1")])))])))
    with pytest.raises(errors.NotTranslatedError, match="lists no host NICs"):
        host.nics.setupnetworks(params.Action(check_connectivity=True))
    with pytest.raises(errors.NotTranslatedError, match="is a bond") as caught:
        host.nics.add(params.HostNIC(name="eth9"))
    assert caught.value.call == "POST /hosts/{}/nics"
    with pytest.raises(errors.NotTranslatedError, match="bond member mtu"):
        host.nics.add(params.HostNIC(name="bond0", mtu=9000, bonding=params.Bonding(
            slaves=params.Slaves(host_nic=[params.HostNIC(name="eth1")]))))
    with pytest.raises(errors.NotTranslatedError, match="only a bond can be removed"):
        _nic(api, "n2").delete()
    assert engine.sent("POST", "hosts/h1/setupnetworks") == []
    assert all(c[0] == "GET" for c in engine.calls[before:])


def test_translation_collection_action_names_its_path():
    from ovirtsdk.infrastructure.translation.translator import V3Call
    call = V3Call("POST", ["hosts", "h1", "nics", "setupnetworks"], [], {}, b"<action/>")
    assert call.pattern == "hosts/{}/nics/setupnetworks" and call.ids == ["h1"]
    call = V3Call("GET", ["hosts", "h1", "nics", "n1"], [], {}, None)
    assert call.pattern == "hosts/{}/nics/{}" and call.ids == ["h1", "n1"]
