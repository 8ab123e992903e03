"""v3 -> v4 mappings on the VM / cluster side: request members checked against the v4
model, statistics, guest info from reported devices, capabilities from cluster levels,
``detail=`` as ``follow=``.

The v4 documents are written as the engine's change list ("Backwards compatibility
breaking changes in version 4 of the API") shows them; the engine is mocked with
``responses`` (``V4Engine`` of test_translation_v4).
"""
import pytest
import responses
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.translation import xmlmap
from ovirtsdk.xml import params, runtime

from test_translation_v4 import URL, V4Engine, VM_V4


@pytest.fixture
def engine():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield V4Engine(mock)


@pytest.fixture
def api(engine):
    return API(URL, "admin@internal", "secret")


def xml(text):
    return etree.fromstring(text)


def v3_xml(obj):
    return runtime.to_xml(obj, pretty_print=False).encode()


# ---------------------------------------------------------------- request members vs v4

def test_translation_request_member_unknown_to_v4_is_refused_by_name():
    labels = params.Labels(label=[params.Label(id="l1")])
    body = xml(v3_xml(params.Network(name="n", labels=labels)))
    with pytest.raises(xmlmap.NotTranslatable,
                       match=r"v3 member Network\.labels has no v4 counterpart"
                             r" \(v4 type Network\)"):
        xmlmap.request_to_v4(body, "POST /networks")
    # a member neither v3 nor v4 knows, deep in the document
    body = xml(b"<vm><cpu><topology><sockets>1</sockets><dies>2</dies></topology></cpu></vm>")
    with pytest.raises(xmlmap.NotTranslatable, match=r"CpuTopology\.dies"):
        xmlmap.request_to_v4(body, "PUT /vms/{}")


def test_translation_network_labels_are_network_label_items():
    """v3 <labels>/<label> are v4 <network_labels>/<network_label> as documents and as
    items (an action's modified_labels); a network's <labels> member stays refused."""
    body = xml(v3_xml(params.Label(id="lbl1")))
    assert etree.tostring(xmlmap.request_to_v4(body, "POST /networks/{}/labels")) == \
        b'<network_label id="lbl1"/>'
    action = params.Action(modified_labels=params.Labels(label=[
        params.Label(id="lbl1", host_nic=params.HostNIC(name="eth1"))]))
    sent = xmlmap.request_to_v4(xml(v3_xml(action)), "POST /hosts/{}/setupnetworks")
    assert [(e.get("id"), e.findtext("host_nic/name"))
            for e in sent.find("modified_labels")] == [("lbl1", "eth1")]
    assert sent.find("modified_labels")[0].tag == "network_label"
    reply = xml(b'<network_labels><network_label href="/ovirt-engine/api/networks/n1/'
                b'networklabels/lbl1" id="lbl1"><network href="/ovirt-engine/api/'
                b'networks/n1" id="n1"/></network_label></network_labels>')
    labels = params.parseString(etree.tostring(xmlmap.reply_to_v3(reply)))
    assert [(lb.id, lb.network.id) for lb in labels.label] == [("lbl1", "n1")]
    with pytest.raises(xmlmap.NotTranslatable, match=r"Network\.labels"):
        xmlmap.request_to_v4(xml(v3_xml(params.Network(name="n", labels=params.Labels(
            label=[params.Label(id="l1")])))), "POST /networks")


def test_translation_request_attributes_and_shapes_unknown_to_v4_are_refused():
    # an attribute v3 does not define is not lifted to an element: v4 has none such
    body = xml(b'<vm><cpu><topology sockets="1" dies="2"/></cpu></vm>')
    with pytest.raises(xmlmap.NotTranslatable, match=r"attribute CpuTopology\.dies"):
        xmlmap.request_to_v4(body, "PUT /vms/{}")
    # structure where v4 has a value
    body = xml(b"<vm><memory><size>1</size></memory></vm>")
    with pytest.raises(xmlmap.NotTranslatable, match=r"VM\.memory/size"):
        xmlmap.request_to_v4(body, "PUT /vms/{}")
    # a foreign item inside a v4 list
    body = xml(b"<disk><storage_domains><host id='h'/></storage_domains></disk>")
    with pytest.raises(xmlmap.NotTranslatable, match=r"Disk\.storage_domains/host"):
        xmlmap.request_to_v4(body, "POST /disks")
    # a document v4 has no type for
    with pytest.raises(xmlmap.NotTranslatable, match="no document <capabilities>"):
        xmlmap.check_v4_members(xml(b"<capabilities/>"), "POST /x")


def test_translation_request_members_v4_knows_pass_unchanged():
    vm = params.VM(name="vm1", memory=1 << 30, vmpool=params.VmPool(id="p"),
                   cpu=params.CPU(id="Intel Conroe Family",
                                  topology=params.CpuTopology(cores=2, sockets=1)),
                   placement_policy=params.VmPlacementPolicy(affinity="migratable"),
                   high_availability=params.HighAvailability(enabled=True, priority=1),
                   display=params.Display(type_="spice", monitors=1),
                   tags=params.Tags(tag=[params.Tag(name="t")]),
                   cluster=params.Cluster(name="Default"))
    body = xml(v3_xml(vm))
    xmlmap.request_to_v4(body, "POST /vms")
    assert body.find("vm_pool").get("id") == "p"
    assert body.findtext("cpu/type") == "Intel Conroe Family"
    assert body.findtext("display/monitors") == "1"
    assert body.findtext("tags/tag/name") == "t"
    action = xml(v3_xml(params.Action(force=True, vm=params.VM(
        os=params.OperatingSystem(boot=[params.Boot(dev="cdrom")])))))
    xmlmap.request_to_v4(action, "POST /vms/{}/start")
    assert action.findtext("vm/os/boot/devices/device") == "cdrom"


def test_translation_vm_read_from_v4_goes_back_unchanged(api, engine):
    """A VM as the translation serves it (guest info, time zone, status …) can be
    sent back by update(): every member it carries has a v4 counterpart."""
    vm_v4 = VM_V4.format(id="v1", name="vm1").replace(
        "</vm>", GUEST_V4 + "<vm_pool id='p1'/></vm>")
    engine.add("GET", "vms/v1", vm_v4.encode())
    engine.add("PUT", "vms/v1", vm_v4.encode())
    vm = api.vms.get(id="v1")
    assert vm.guest_info.fqdn == "vm1.example.com"
    vm.set_description("changed")
    vm.update()
    sent = xml(engine.sent("PUT", "vms/v1")[0][3])
    assert sent.findtext("description") == "changed"
    assert sent.find("guest_info") is None and sent.find("fqdn") is None
    assert sent.findtext("time_zone/name") == "Etc/GMT" and sent.find("timezone") is None
    assert sent.find("vm_pool").get("id") == "p1"


def test_translation_refused_member_sends_nothing(api, engine):
    before = len(engine.calls)
    with pytest.raises(errors.NotTranslatedError) as exc:
        api.networks.add(params.Network(name="n", labels=params.Labels(
            label=[params.Label(id="l1")])))
    assert exc.value.call == "POST /networks"
    assert "Network.labels" in str(exc.value) and "4.5.6" in str(exc.value)
    assert len(engine.calls) == before


# ---------------------------------------------------------------- statistics

STATISTICS_V4 = b"""<statistics>
  <statistic href="/ovirt-engine/api/vms/v1/statistics/s1" id="s1">
    <name>memory.installed</name><description>Total memory configured</description>
    <kind>gauge</kind><type>integer</type><unit>bytes</unit>
    <values><value><datum>1073741824</datum></value></values>
    <vm href="/ovirt-engine/api/vms/v1" id="v1"/>
  </statistic>
  <statistic href="/ovirt-engine/api/vms/v1/statistics/s2" id="s2">
    <name>cpu.current.guest</name><kind>counter</kind><type>decimal</type>
    <unit>percent</unit><values><value><datum>2.5</datum></value></values>
  </statistic>
</statistics>"""


def test_translation_statistic_kind_type_and_units_as_v3():
    root = xml(STATISTICS_V4)
    xmlmap.reply_to_v3(root)
    stats = params.parseString(etree.tostring(root)).statistic
    assert [(s.name, s.type_, s.unit, s.values.type_, [v.datum for v in s.values.value])
            for s in stats] == [
        ("memory.installed", "GAUGE", "BYTES", "INTEGER", [1073741824]),
        ("cpu.current.guest", "COUNTER", "PERCENT", "DECIMAL", [2.5])]
    first = root.find("statistic")
    assert [c.tag for c in first].count("type") == 1 and first.find("kind") is None
    assert stats[0].vm.id == "v1"


def test_translation_vm_statistics_list(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    engine.add("GET", "vms/v1/statistics", STATISTICS_V4)
    stats = api.vms.get(id="v1").statistics.list()
    assert [(s.name, s.type_, s.unit) for s in stats] == [
        ("memory.installed", "GAUGE", "BYTES"), ("cpu.current.guest", "COUNTER", "PERCENT")]


# ---------------------------------------------------------------- guest info

GUEST_V4 = """<fqdn>vm1.example.com</fqdn>
  <reported_devices>
    <reported_device id="r1"><name>eth0</name><type>network</type>
      <mac><address>00:1a:4a:b5:4c:94</address></mac>
      <ips><ip><address>192.168.1.115</address><version>v4</version></ip>
        <ip><address>fe80::21a:4aff:feb5:4c94</address><version>v6</version></ip></ips>
    </reported_device>
  </reported_devices>"""


def test_translation_guest_info_from_fqdn_and_reported_devices():
    root = xml(VM_V4.format(id="v1", name="vm1").replace("</vm>", GUEST_V4 + "</vm>")
               .encode())
    xmlmap.reply_to_v3(root)
    vm = params.parseString(etree.tostring(root))
    assert vm.guest_info.fqdn == "vm1.example.com"
    assert [(ip.address, ip.version) for ip in vm.guest_info.ips.ip] == [
        ("192.168.1.115", "v4"), ("fe80::21a:4aff:feb5:4c94", "v6")]
    device = vm.reported_devices.reported_device[0]
    assert (device.mac.address, device.ips.ip[0].address) == \
        ("00:1a:4a:b5:4c:94", "192.168.1.115")
    # a VM whose guest reports nothing has no guest_info, as on v3 engines
    bare = xml(VM_V4.format(id="v2", name="vm2").encode())
    xmlmap.reply_to_v3(bare)
    assert bare.find("guest_info") is None


def test_translation_vm_list_inlines_reported_devices_in_one_request(api, engine):
    with_guest = VM_V4.format(id="v1", name="vm1").replace("</vm>", GUEST_V4 + "</vm>")
    engine.add("GET", "vms", ("<vms>%s%s</vms>" % (
        with_guest, VM_V4.format(id="v2", name="vm2"))).encode())
    before = len(engine.calls)
    vms = api.vms.list()
    assert len(engine.calls) == before + 1
    assert engine.calls[-1][2]["follow"] == "reported_devices"
    assert [v.guest_info.ips.ip[0].address if v.guest_info else None for v in vms] == \
        ["192.168.1.115", None]
    engine.add("GET", "vms/v1", with_guest.encode())
    assert api.vms.get(id="v1").guest_info.fqdn == "vm1.example.com"
    assert engine.calls[-1][2] == {"follow": "reported_devices"}


# ---------------------------------------------------------------- capabilities

CLUSTER_LEVELS_V4 = b"""<cluster_levels>
  <cluster_level id="4.7" href="/ovirt-engine/api/clusterlevels/4.7">
    <cpu_types>
      <cpu_type><name>Intel Conroe Family</name><level>2</level>
        <architecture>x86_64</architecture></cpu_type>
      <cpu_type><name>IBM POWER9</name><level>4</level>
        <architecture>ppc64</architecture></cpu_type>
    </cpu_types>
    <permits>
      <permit id="1"><name>create_vm</name><administrative>false</administrative></permit>
    </permits>
    <link href="/ovirt-engine/api/clusterlevels/4.7/clusterfeatures" rel="clusterfeatures"/>
  </cluster_level>
  <cluster_level id="4.6" href="/ovirt-engine/api/clusterlevels/4.6">
    <cpu_types><cpu_type><name>Intel Conroe Family</name><level>2</level>
      <architecture>x86_64</architecture></cpu_type></cpu_types>
  </cluster_level>
</cluster_levels>"""

ID_46 = "332e4633-2e46-332e-4633-2e46332e4633"
ID_47 = "332e4733-2e47-332e-4733-2e47332e4733"


def test_translation_capabilities_from_cluster_levels(api, engine):
    engine.add("GET", "clusterlevels", CLUSTER_LEVELS_V4)
    caps = api.capabilities.list()
    assert [(v.id, v.major, v.minor, v.current) for v in caps] == [
        (ID_46, 4, 6, False), (ID_47, 4, 7, True)]
    newest = caps[1]
    assert [(c.id, c.level, c.architecture) for c in newest.cpus.cpu] == [
        ("Intel Conroe Family", 2, "X86_64"), ("IBM POWER9", 4, "PPC64")]
    assert [(p.id, p.name, p.administrative) for p in newest.permits.permit] == [
        ("1", "create_vm", False)]
    assert caps[0].permits is None
    assert engine.calls[-1][1] == "clusterlevels"
    got = api.capabilities.get(id=ID_46)
    assert (got.major, got.minor, got.current) == (4, 6, False)
    assert [v.id for v in api.capabilities.list(major=4, minor=7)] == [ID_47]


def test_translation_capabilities_unknown_id_is_the_engines_answer(api, engine):
    engine.add("GET", "clusterlevels", CLUSTER_LEVELS_V4)
    # 3.6's id names level 3.6: the engine is asked, and its 404 is the v3 get's None
    assert api.capabilities.get(id="332e3633-2e36-332e-3633-2e36332e3633") is None
    assert engine.calls[-1][1] == "clusterlevels/3.6"


# ---------------------------------------------------------------- detail= and All-Content

def _raw_get(api, path, headers=None):
    ctx = api._API__context
    response = ctx.request("GET", ctx.url(path), headers=headers)
    return params.parseString(etree.tostring(ctx.root(response)))


VM_INLINE_V4 = VM_V4.format(id="v1", name="vm1").replace("</vm>", """
  <disk_attachments>
    <disk_attachment href="/ovirt-engine/api/vms/v1/diskattachments/d1" id="d1">
      <active>true</active><bootable>true</bootable><interface>virtio</interface>
      <disk href="/ovirt-engine/api/disks/d1" id="d1"><alias>boot</alias>
        <provisioned_size>1024</provisioned_size><status>ok</status></disk>
    </disk_attachment>
  </disk_attachments>
  <nics><nic id="n1"><name>nic1</name><vnic_profile id="p1"/></nic></nics>
  <tags><tag id="t1"><name>web</name></tag></tags>
</vm>""")


def test_translation_detail_parameter_is_follow_and_inlines_v3_members(api, engine):
    engine.add("GET", "vms", ("<vms>%s</vms>" % VM_INLINE_V4).encode())
    engine.add("GET", "vnicprofiles", b"<vnic_profiles><vnic_profile id='p1'><name>m</name>"
                                      b"<network id='net1'/></vnic_profile></vnic_profiles>")
    vms = _raw_get(api, "/vms;detail=disks+nics+tags")
    follow = [c for c in engine.calls if c[1] == "vms"][-1][2]["follow"]
    assert follow.split(",") == ["reported_devices", "disk_attachments.disk", "nics", "tags"]
    vm = vms.vm[0]
    [disk] = vm.disks.disk
    assert (disk.id, disk.alias, disk.interface, disk.bootable, disk.size) == \
        ("d1", "boot", "virtio", True, 1024)
    assert disk.href == "/ovirt-engine/api/vms/v1/disks/d1"
    assert [(n.name, n.network.id) for n in vm.nics.nic] == [("nic1", "net1")]
    assert [t.name for t in vm.tags.tag] == ["web"]


def test_translation_detail_in_the_accept_header(api, engine):
    engine.add("GET", "hosts/h1", b"<host id='h1'><name>h</name><statistics><statistic id='s'>"
                                  b"<name>cpu.load</name><kind>gauge</kind><type>decimal</type>"
                                  b"<unit>none</unit><values><value><datum>1</datum></value>"
                                  b"</values></statistic></statistics></host>")
    host = _raw_get(api, "/hosts/h1", {"Accept": "application/xml; detail=statistics"})
    assert engine.calls[-1][2] == {"follow": "statistics"}
    assert host.statistics.statistic[0].type_ == "GAUGE"


def test_translation_detail_without_v4_counterpart_is_refused(api, engine):
    before = len(engine.calls)
    with pytest.raises(errors.NotTranslatedError, match="detail=bogus: a v4 Vm has no list"):
        _raw_get(api, "/vms?detail=bogus")
    with pytest.raises(errors.NotTranslatedError, match="detail=profiles: inline details"):
        _raw_get(api, "/networks?detail=profiles")
    assert len(engine.calls) == before


def test_translation_all_content_header_is_the_v4_parameter(api, engine):
    engine.add("GET", "vms", ("<vms>%s</vms>" % VM_V4.format(id="v1", name="vm1")).encode())
    api.vms.list(all_content=True)
    assert engine.calls[-1][2]["all_content"] == "true"
    # where v4 documents no all_content the header goes as sent (v4 engines read it)
    engine.add("GET", "templates", b"<templates/>")
    seen = {}
    engine.routes[("GET", "templates")] = (200, lambda request, body: seen.update(
        request.headers) or b"<templates/>")
    api.templates.list(all_content=True)
    assert seen["All-Content"] == "True" and "all_content" not in engine.calls[-1][2]


def test_translation_template_timezone_is_time_zone():
    body = xml(v3_xml(params.Template(name="t", timezone="Etc/GMT")))
    xmlmap.request_to_v4(body, "POST /templates")
    assert body.findtext("time_zone/name") == "Etc/GMT" and body.find("timezone") is None
    reply = xml(b"<template id='t1'><time_zone><name>Etc/GMT</name></time_zone></template>")
    xmlmap.reply_to_v3(reply)
    assert params.parseString(etree.tostring(reply)).timezone == "Etc/GMT"


def test_translation_vm_disk_statistics_are_the_disks(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    engine.add("GET", "vms/v1/diskattachments/d1", (
        '<disk_attachment id="d1"><interface>virtio</interface><disk id="d1">'
        '<alias>a</alias><provisioned_size>1</provisioned_size></disk></disk_attachment>'
    ).encode())
    engine.add("GET", "disks/d1/statistics", b"<statistics><statistic id='s1'>"
               b"<name>data.current.read</name><kind>gauge</kind><type>decimal</type>"
               b"<unit>bytes_per_second</unit><values><value><datum>0</datum></value>"
               b"</values><disk id='d1'/></statistic></statistics>")
    disk = api.vms.get(id="v1").disks.get(id="d1")
    [stat] = disk.statistics.list()
    assert (stat.name, stat.type_, stat.unit) == ("data.current.read", "GAUGE",
                                                  "BYTES_PER_SECOND")
    assert stat.href == "/ovirt-engine/api/vms/v1/disks/d1/statistics/s1"
    assert engine.calls[-1][1] == "disks/d1/statistics"


def test_translation_vmpool_is_vm_pool_everywhere(api, engine):
    # request: the document root and members
    body = xml(v3_xml(params.VmPool(name="p", size=2, cluster=params.Cluster(name="c"))))
    xmlmap.request_to_v4(body, "POST /vmpools")
    assert body.tag == "vm_pool" and body.findtext("size") == "2"
    perm = xml(v3_xml(params.Permission(vmpool=params.VmPool(id="p1"),
                                        role=params.Role(name="UserRole"))))
    xmlmap.request_to_v4(perm, "POST /permissions")
    assert perm.find("vm_pool").get("id") == "p1" and perm.find("vmpool") is None
    # replies: the list, its items, and members naming a pool
    engine.add("GET", "vmpools", b"<vm_pools><vm_pool id='p1'><name>p</name><size>2</size>"
                                 b"</vm_pool></vm_pools>")
    engine.add("GET", "vms", b"<vms><vm id='v1'><name>p-1</name><vm_pool id='p1'/></vm></vms>")
    assert [(p.id, p.size) for p in api.vmpools.list()] == [("p1", 2)]
    assert api.vms.list()[0].vmpool.id == "p1"
