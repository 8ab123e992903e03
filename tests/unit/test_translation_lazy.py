"""Replies read lazily through the translation (``xmlmap.LAZY``, ``runtime.Pending``):
each element of a v4 reply is put into the v3 form when a lazy params object first
reads it. Whatever the order members are read in, the values are those of the
eager conversion (``reply_to_v3`` of the whole tree, then the v3 parser), and a
member never read is never converted."""
import copy

import pytest
from lxml import etree

from ovirtsdk.infrastructure.translation import xmlmap
from ovirtsdk.xml import params, runtime
from test_translation_v4 import VM_V4

# One v4 document per kind of step of the reply plans.
DOCUMENTS = {
    # status + status_detail, attributes, boot devices, time zone, renamed member,
    # guest info from fqdn and reported devices, a placement policy of one host
    "vms": ("<vms>%s<vm id='v2'><name>vm2</name><status>down</status></vm></vms>"
            % VM_V4.format(id="v1", name="vm1").replace("</vm>", """
      <vm_pool href="/ovirt-engine/api/vmpools/p1" id="p1"/>
      <fqdn>vm1.example.com</fqdn>
      <reported_devices><reported_device id="r1"><name>eth0</name>
        <ips><ip><address>10.0.0.5</address><version>v4</version></ip></ips>
        <mac><address>00:1a:4a:16:01:51</address></mac></reported_device></reported_devices>
      <placement_policy><affinity>pinned</affinity>
        <hosts><host href="/ovirt-engine/api/hosts/h1" id="h1"/></hosts></placement_policy>
    </vm>""")).encode(),
    # v4 kind/type/unit: upper case, renamed, and moved to the values' attribute
    "statistics": b"""<statistics><statistic id="s1"><name>memory.used</name>
      <description>Memory used</description><kind>gauge</kind><type>integer</type>
      <unit>bytes</unit><values><value><datum>1024</datum></value></values>
    </statistic></statistics>""",
    # logical_units -> repeated logical_unit; the renamed cpu id; version attributes
    "storage_domain": b"""<storage_domain id="d"><name>iscsi1</name>
      <storage><type>iscsi</type><logical_units>
        <logical_unit id="lun1"><port>3260</port><status>used</status></logical_unit>
        <logical_unit id="lun2"><port>3261</port></logical_unit></logical_units></storage>
      <status>active</status></storage_domain>""",
    "cluster": b"""<cluster id="c"><name>Default</name>
      <cpu><type>Intel Nehalem Family</type><architecture>x86_64</architecture></cpu>
      <version><major>4</major><minor>7</minor></version></cluster>""",
    "disk": b"""<disk id="d1"><alias>d</alias><provisioned_size>2147483648</provisioned_size>
      <status>ok</status></disk>""",
    "vm_pools": b"""<vm_pools><vm_pool id="p1"><name>pool</name><size>3</size>
      <cluster id="c1"/></vm_pool></vm_pools>""",
    "nic": b"""<nic id="n"><name>nic1</name><mac><address>00:1a:4a:16:01:51</address></mac>
      <plugged>true</plugged></nic>""",
}


def eager(doc):
    root = xmlmap.reply_to_v3(etree.fromstring(doc))
    return params.parseString(etree.tostring(root))


def lazy(doc):
    return runtime.parse_node(params, xmlmap.lazy_reply(etree.fromstring(doc)),
                              dialect=xmlmap.LAZY)


def read_all(obj, backwards=False):
    """Every member of ``obj`` and of its members, read one by one."""
    if isinstance(obj, list):
        return [read_all(item, backwards) for item in obj]
    if not isinstance(obj, params.GeneratedsSuper):
        return obj
    fields = runtime.info(type(obj)).fields
    values = {}
    for f in (reversed(fields) if backwards else fields):
        values[f.name] = read_all(getattr(obj, f.name), backwards)
    return type(obj).__name__, values


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_translation_lazy_reads_the_eager_conversion_in_any_order(name):
    doc = DOCUMENTS[name]
    expected = read_all(eager(doc))
    assert read_all(lazy(doc)) == expected
    assert read_all(lazy(doc), backwards=True) == expected
    # all at once (__dict__, equality), also after any one member was read first
    assert lazy(doc) == eager(doc)
    for path in paths(expected):
        partly = lazy(doc)
        obj = partly
        for step in path:
            obj = obj[step] if isinstance(step, int) else getattr(obj, step)
        runtime.materialize_deep(partly)
        assert read_all(partly) == expected, path


def paths(tree, prefix=()):
    """The path (member names, list indexes) of every member in ``read_all``'s tree."""
    if isinstance(tree, list):
        for i, item in enumerate(tree):
            yield from paths(item, prefix + (i,))
    elif isinstance(tree, tuple):
        for name, value in tree[1].items():
            yield prefix + (name,)
            yield from paths(value, prefix + (name,))


def test_translation_lazy_values_are_the_mapped_ones():
    vms = lazy(DOCUMENTS["vms"])
    vm = vms.vm[0]
    assert (vm.status.state, vm.status.detail) == ("up", "booting")
    assert vm.cpu.topology.sockets == 1 and vm.os.type_ == "rhel_8x64"
    assert [b.dev for b in vm.os.boot] == ["hd", "cdrom"]
    assert vm.timezone == "Etc/GMT" and vm.vmpool.id == "p1"
    assert vm.guest_info.fqdn == "vm1.example.com"
    assert [ip.address for ip in vm.guest_info.ips.ip] == ["10.0.0.5"]
    assert vm.placement_policy.host.id == "h1"
    [stat] = lazy(DOCUMENTS["statistics"]).statistic
    assert (stat.values.type_, stat.type_, stat.unit) == ("INTEGER", "GAUGE", "BYTES")
    units = lazy(DOCUMENTS["storage_domain"]).storage.logical_unit
    assert [(u.id, u.port) for u in units] == [("lun1", 3260), ("lun2", 3261)]
    assert lazy(DOCUMENTS["cluster"]).cpu.id == "Intel Nehalem Family"
    assert lazy(DOCUMENTS["disk"]).size == 2147483648
    assert [p.name for p in lazy(DOCUMENTS["vm_pools"]).vmpool] == ["pool"]


def test_translation_lazy_converts_only_what_is_read():
    root = xmlmap.lazy_reply(etree.fromstring(DOCUMENTS["vms"]))
    untouched = copy.deepcopy(root)
    vm = runtime.parse_node(params, root, dialect=xmlmap.LAZY).vm[0]
    assert vm.name == "vm1" and vm.memory == 1073741824
    assert etree.tostring(root) == etree.tostring(untouched)
    assert vm.status.state == "up"
    v1 = root.find("vm")
    assert v1.findtext("status/state") == "up" and v1.find("status_detail") is None
    assert v1.find("cpu/topology/sockets") is not None      # not read: still v4
    assert vm.cpu.topology.sockets == 1
    assert v1.find("cpu/topology").get("sockets") == "1"
    assert v1.find("os/boot/devices") is not None


def test_translation_lazy_reply_renames_the_items_brokers_find_by_tag():
    root = xmlmap.lazy_reply(etree.fromstring(DOCUMENTS["vm_pools"]))
    assert root.tag == "vmpools"
    assert [c.tag for c in root] == ["vmpool"]
    assert root.find("vmpool/size") is not None      # the rest waits for its reads


def test_translation_lazy_objects_shared_by_threads_read_the_same():
    import sys
    import threading
    expected = read_all(eager(DOCUMENTS["vms"]))
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)     # switch threads as often as possible
    try:
        for _ in range(20):
            shared = lazy(DOCUMENTS["vms"])
            results = []
            threads = [threading.Thread(target=lambda b=bool(i % 2): results.append(
                read_all(shared, backwards=b))) for i in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert results == [expected] * 6
    finally:
        sys.setswitchinterval(interval)
