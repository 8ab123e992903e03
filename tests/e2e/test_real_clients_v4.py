"""What real programs use from the 3.6 SDK (real-clients.md, items A-J), run with the v3
SDK against the fake 4.5 engine (``FakeEngine(api_version=4)``).

Each test is named after its item (``test_E4_...``). Values are read back through the
v3 SDK; where a call changes state, the engine's state is read with ``ovirtsdk4`` (the
real v4 client) and compared. A call that cannot be translated must raise
``NotTranslatedError`` naming the v3 call and the engine version, with nothing sent.
Items about the object model, the reflection contract and packaging that do not
depend on the engine are tested in their own tiers (see /work/notes/clients.md's table).
"""
import datetime
import threading

import pytest

from conftest import ovirtsdk4
from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers, errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params

sdk = ovirtsdk4()
types = sdk.types

pytestmark = pytest.mark.fake_engine(api_version=4)

ZERO = "00000000-0000-0000-0000-000000000000"
ISO = "RHEL6.3-Server-x86_64-DVD1.iso"
GIB = 1 << 30


# ---------------------------------------------------------------- the environment

def _setup(api):
    """Through the v3 SDK: Atlantic approved; data1, iso1 and exp1 (NFS) attached to
    Default and active; vm1 (512 MiB, Blank) with nic1 on ovirtmgmt and a 1 GiB boot
    disk on data1."""
    host = api.hosts.get(name="Atlantic")
    host.approve()
    dc = api.datacenters.get(name="Default")
    for name, kind in (("data1", "data"), ("iso1", "iso"), ("exp1", "export")):
        api.storagedomains.add(params.StorageDomain(
            name=name, host=host, type_=kind, storage_format="v3",
            storage=params.Storage(address="192.0.43.10", path="/" + name, type_="nfs")))
        dc.storagedomains.add(api.storagedomains.get(name=name))
        dc.storagedomains.get(name=name).activate()
    vm = _new_vm(api, "vm1", memory=512 << 20)
    vm.nics.add(params.NIC(name="nic1", interface="virtio",
                           network=api.networks.get(name="ovirtmgmt")))
    vm.disks.add(params.Disk(
        storage_domains=params.StorageDomains(
            storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, type_="system", interface="virtio", format="cow", bootable=True))


def _new_vm(api, name, template=None, **members):
    return api.vms.add(params.VM(name=name, cluster=api.clusters.get(name="Default"),
                                 template=template or api.templates.get(name="Blank"),
                                 **members))


@pytest.fixture(scope="module")
def engine():
    with FakeEngine(api_version=4) as fake:
        yield fake


@pytest.fixture(scope="module")
def api(engine):
    a = API(engine.url, engine.username, engine.password, ca_file=engine.ca_file)
    assert a.get_protocol() == "v4"
    _setup(a)
    yield a
    a.disconnect()


@pytest.fixture(scope="module")
def system(engine, api):
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password, ca_file=engine.ca_file)
    yield connection.system_service()
    connection.close()


@pytest.fixture(scope="module")
def engine3():
    with FakeEngine() as fake:
        yield fake


@pytest.fixture(scope="module")
def api3(engine3):
    """The same environment on the v3 fake engine (``FakeEngine()``)."""
    a = API(engine3.url, engine3.username, engine3.password, ca_file=engine3.ca_file)
    assert a.get_protocol() != "v4"
    _setup(a)
    yield a
    a.disconnect()


def engine_of(request):
    """The fake engine the ``either`` test runs on."""
    return request.getfixturevalue(
        "engine" if request.node.callspec.params.get("either") == "v4" else "engine3")


@pytest.fixture(params=["v3", "v4"])
def either(request):
    """The v3 SDK on the v3 engine, then on the 4.5 engine (translated); the test
    reads the v4 state with ``ovirtsdk4`` through ``v4_system(request)`` when the
    engine is the 4.5 one."""
    return request.getfixturevalue("api3" if request.param == "v3" else "api")


def v4_system(request):
    """The ``ovirtsdk4`` system service when the test runs on the 4.5 engine."""
    return request.getfixturevalue("system") if request.node.callspec.params.get(
        "either") == "v4" else None


def _one(service, name):
    found = [x for x in service.list() if x.name == name]
    assert len(found) == 1, (name, found)
    return found[0]


def _vm4(system, name):
    vm = _one(system.vms_service(), name)
    return system.vms_service().vm_service(vm.id)


def _sd4(system, name):
    sd = _one(system.storage_domains_service(), name)
    return system.storage_domains_service().storage_domain_service(sd.id)


def _profile_network(system, profile_id):
    return system.vnic_profiles_service().profile_service(profile_id).get().network.id


def _not_translated(call, match):
    with pytest.raises(errors.NotTranslatedError, match=match) as caught:
        call()
    assert "4.5" in str(caught.value)
    return caught.value


# ---------------------------------------------------------------- A. imports

def test_A1_params_classes_reach_the_v4_engine(api, system):
    vm = _new_vm(api, "a1", cpu=params.CPU(topology=params.CpuTopology(cores=2, sockets=3)),
                 placement_policy=params.VmPlacementPolicy(affinity="migratable"),
                 initialization=params.Initialization(
                     host_name="a1.example.com",
                     nic_configurations=params.GuestNicsConfiguration(nic_configuration=[
                         params.GuestNicConfiguration(
                             name="eth0", boot_protocol="static", on_boot=True,
                             ip=params.IP(address="10.0.0.5", netmask="255.0.0.0"))])))
    assert vm.cpu.topology.cores == 2 and vm.cpu.topology.sockets == 3
    v4 = _vm4(system, "a1").get()
    assert (v4.cpu.topology.cores, v4.cpu.topology.sockets) == (2, 3)
    assert v4.placement_policy.affinity == types.VmAffinity.MIGRATABLE
    assert v4.initialization.host_name == "a1.example.com"
    assert v4.initialization.nic_configurations[0].ip.address == "10.0.0.5"
    nic = api.hosts.get(name="Atlantic").nics.list()[0]
    assert isinstance(nic, params.HostNIC)


def test_A3_A4_errors_and_broker_classes(api):
    assert isinstance(api.datacenters.get(name="Default"), brokers.DataCenter)
    assert isinstance(api.vms.get(name="vm1"), brokers.VM)
    assert isinstance(api.disks.list()[0], brokers.Disk)
    assert isinstance(api.templates.get(name="Blank"), brokers.Template)
    assert isinstance(api.clusters.get(name="Default"), brokers.Cluster)
    assert isinstance(api.vms.get(name="vm1"), brokers.Base)
    with pytest.raises(errors.RequestError):
        api.templates.get(name="Blank").delete()


# ---------------------------------------------------------------- C. entry point

def test_C1_C2_I5_test_disconnect(engine):
    a = API(engine.url, engine.username, engine.password, ca_file=engine.ca_file)
    assert a.test() is True
    a.disconnect()
    with pytest.raises(errors.DisconnectedError):
        a.test()
    with pytest.raises(errors.DisconnectedError):
        a.vms.list()


def test_C3_product_info(api, system):
    info, v4 = api.get_product_info(), system.get().product_info
    assert (info.version.major, info.get_version().get_minor()) == (4, 5)
    assert info.version.major == v4.version.major and info.version.minor == v4.version.minor
    assert info.version.build_ == v4.version.build and \
        info.version.revision == v4.version.revision
    assert info.get_vendor() == v4.vendor and info.name == v4.name


def test_C4_summary(api, system):
    assert api.get_summary().get_vms().total == len(system.vms_service().list())
    assert api.get_summary().hosts.total == len(system.hosts_service().list())


def test_C5_C6_api_object(engine, api, system):
    api.verbosity = 3
    assert api.verbosity == 3 and api.vms.get(name="vm1") is not None
    special = api.get_special_objects()
    assert {link.rel for link in special.link} >= {"templates/blank", "tags/root"}
    assert api.get_time().tzinfo is not None
    assert isinstance(api.id, str) and api.id
    with API(engine.url, engine.username, engine.password, ca_file=engine.ca_file) as a:
        assert a.get_protocol() == "v4" and a.vms.get(name="vm1").id == \
            _vm4(system, "vm1").get().id


# ---------------------------------------------------------------- D. collections

# v3 collection -> (v4 service, what names an item in v3 / in v4)
COLLECTIONS = {
    "datacenters": ("data_centers_service", "name", "name"),
    "storagedomains": ("storage_domains_service", "name", "name"),
    "clusters": ("clusters_service", "name", "name"),
    "vms": ("vms_service", "name", "name"),
    "hosts": ("hosts_service", "name", "name"),
    "templates": ("templates_service", "name", "name"),
    "networks": ("networks_service", "name", "name"),
    "disks": ("disks_service", "alias", "alias"),
    "tags": ("tags_service", "name", "name"),
    "events": ("events_service", "id", "id"),
    "users": ("users_service", "name", "user_name"),
    "instancetypes": ("instance_types_service", "name", "name"),
    "vmpools": ("vm_pools_service", "name", "name"),
    "openstackimageproviders": ("openstack_image_providers_service", "name", "name"),
}


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_D_collections_list_as_v4(api, system, name):
    """D1-D10, F1, G1, G2, G5: list() is a list of the v4 engine's items; get(name=)
    and get(id=) find each of them."""
    service, v3key, v4key = COLLECTIONS[name]
    listed = getattr(api, name).list()
    assert type(listed) is list
    expected = sorted(str(getattr(x, v4key)) for x in getattr(system, service)().list())
    assert sorted(str(getattr(x, v4key)) for x in listed) == expected
    for item in listed[:3]:
        assert getattr(api, name).get(id=item.id).id == item.id
        if v3key != "id":
            assert getattr(api, name).get(**{v3key: getattr(item, v3key)}).id == item.id


def test_D10_capabilities_are_cluster_levels(api, system):
    versions = api.capabilities.list()
    levels = sorted(lv.id for lv in system.cluster_levels_service().list())
    assert sorted("%d.%d" % (v.major, v.minor) for v in versions) == levels
    assert [v.current for v in versions].count(True) == 1


def test_D8_disks_get_alias_positional_and_query(api, system):
    disk = system.disks_service().list()[0]
    assert api.disks.get(disk.alias).id == disk.id
    assert api.disks.get(alias=disk.alias).id == disk.id
    assert api.disks.get(id=disk.id).alias == disk.alias
    assert [d.id for d in api.disks.list(query="alias=%s" % disk.alias)] == [disk.id]


# ---------------------------------------------------------------- E. sub-collections

def test_E1_datacenter_storagedomains(api, system):
    dc = api.datacenters.get(name="Default")
    dc4 = system.data_centers_service().list(search="name=Default")[0]
    attached4 = system.data_centers_service().data_center_service(dc4.id) \
        .storage_domains_service()
    assert sorted((s.name, s.status.state) for s in dc.storagedomains.list()) == \
        sorted((s.name, s.status.value) for s in attached4.list())
    iso = dc.storagedomains.get("iso1")
    iso.deactivate()
    assert attached4.storage_domain_service(iso.id).get().status == \
        types.StorageDomainStatus.MAINTENANCE
    assert dc.storagedomains.get(name="iso1").status.state == "maintenance"
    dc.storagedomains.get(name="iso1").activate()
    assert attached4.storage_domain_service(iso.id).get().status == \
        types.StorageDomainStatus.ACTIVE


def test_E2_vm_disks(api, system):
    vm = api.vms.get(name="vm1")
    disks = vm.disks.list()
    atts = _vm4(system, "vm1").disk_attachments_service().list()
    assert sorted((d.id, d.interface, d.bootable) for d in disks) == \
        sorted((a.disk.id, a.interface.value, a.bootable) for a in atts)
    assert vm.disks.get(disks[0].name).id == disks[0].id
    assert vm.disks.get(id=disks[0].id).size == GIB


def test_E3_vm_nics(api, system):
    vm = api.vms.get(name="vm1")
    nics = vm.nics.list()
    v4 = _vm4(system, "vm1").nics_service().list()
    assert sorted((n.name, n.network.id, n.mac.address) for n in nics) == \
        sorted((n.name, _profile_network(system, n.vnic_profile.id), n.mac.address)
               for n in v4)
    assert vm.nics.get("nic1").interface == "virtio"
    assert [n.name for n in vm.get_nics().list()] == [n.name for n in nics]


def test_E4_vm_snapshots(api, system):
    vm = _new_vm(api, "e4")
    snap = vm.snapshots.add(params.Snapshot(description="before"))
    assert snap.description == "before"
    listed = vm.snapshots.list(description="before")
    assert [s.id for s in listed] == [snap.id]
    assert listed[0].snapshot_status == "ok"
    assert vm.snapshots.get(id=snap.id).description == "before"
    snaps4 = _vm4(system, "e4").snapshots_service()
    assert snap.id in [s.id for s in snaps4.list()]
    vm.snapshots.get(id=snap.id).delete()
    assert snap.id not in [s.id for s in snaps4.list()]


def test_E4_snapshot_disks_and_their_delete(either, request):
    """A snapshot holds the VM's disks (same ids, the snapshot's own images); deleting
    one removes that disk from the snapshot (on 4.5: the disk's disk snapshot)."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "e4d")
    disk = vm.disks.add(params.Disk(storage_domains=params.StorageDomains(
        storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, interface="virtio", format="cow"))
    snap = vm.snapshots.add(params.Snapshot(description="with disk"))
    held = vm.snapshots.get(id=snap.id).disks.list()
    assert [d.id for d in held] == [disk.id]
    assert held[0].image_id and held[0].image_id != vm.disks.get(id=disk.id).image_id
    if system is not None:
        snapshots4 = system.disks_service().disk_service(disk.id).disk_snapshots_service()
        assert [s.id for s in snapshots4.list()] == [held[0].image_id]
    vm.snapshots.get(id=snap.id).disks.get(id=disk.id).delete()
    assert vm.snapshots.get(id=snap.id).disks.list() == []
    assert [d.id for d in vm.disks.list()] == [disk.id]       # the disk itself stays
    if system is not None:
        assert snapshots4.list() == []
    api.vms.get(name="e4d").delete()


def test_E5_host_nics(api, system):
    host = api.hosts.get(name="Atlantic")
    host4 = system.hosts_service().host_service(host.id)
    assert sorted(n.name for n in host.nics.list()) == \
        sorted(n.name for n in host4.nics_service().list())
    assert [n.name for n in host.nics.list(name="eth*")] == \
        [n.name for n in host4.nics_service().list() if n.name.startswith("eth")]


def test_E6_vm_tags(api, system):
    api.tags.add(params.Tag(name="e6tag", description="for E6"))
    vm = api.vms.get(name="vm1")
    assert vm.tags.add(params.Tag(name="e6tag")).name == "e6tag"
    assert "e6tag" in [t.name for t in vm.tags.list()]
    assert "e6tag" in [t.name for t in vm.get_tags().list()]
    assert "e6tag" in [t.name for t in _vm4(system, "vm1").tags_service().list()]


def test_E6_assigned_tags_name_what_they_are_assigned_to(either, request):
    """A VM's or host's tag names that VM or host (3.6 and 4.x alike); the tag itself
    does not."""
    api, system = either, v4_system(request)
    api.tags.add(params.Tag(name="e6both"))
    vm = api.vms.get(name="vm1")
    host = api.hosts.get(name="Atlantic")
    assert vm.tags.add(params.Tag(name="e6both")).vm.id == vm.id
    host.tags.add(params.Tag(name="e6both"))
    assert [(t.name, t.vm.id) for t in vm.tags.list() if t.name == "e6both"] == \
        [("e6both", vm.id)]
    assert [(t.name, t.host.id) for t in host.tags.list()] == [("e6both", host.id)]
    assert api.tags.get(name="e6both").vm is None
    if system is not None:
        tags4 = system.hosts_service().host_service(host.id).tags_service().list()
        assert [(t.name, t.host.id) for t in tags4] == [("e6both", host.id)]
    host.tags.get(name="e6both").delete()
    vm.tags.get(name="e6both").delete()
    api.tags.get(name="e6both").delete()


def test_E9_E15_what_a_creation_brings_along(either, request):
    """What 3.6 and 4.x engines add to a creation, the same on both: a cluster's CPU
    profile and its data center's management network, a VM network's vNIC profile
    (none with profile_required false), a pool's VMs, a VM's and host's statistics.
    A network's values in one cluster (status, required, display) are the cluster's:
    the network itself has no status, and an update changes only that cluster."""
    api, system = either, v4_system(request)
    dc = api.datacenters.get(name="Default")
    version = api.clusters.get(name="Default").version
    cluster = api.clusters.add(params.Cluster(
        name="c9", data_center=dc, cpu=params.CPU(id="Intel Conroe Family"),
        version=params.Version(major=version.major, minor=version.minor)))
    assert "c9" in [p.name for p in api.cpuprofiles.list()]
    assert [(n.name, n.status.state, n.required, n.display)
            for n in cluster.networks.list()] == [("ovirtmgmt", "operational", True, False)]
    net = api.networks.add(params.Network(name="n9", data_center=dc))
    bare = api.networks.add(params.Network(name="n9bare", data_center=dc,
                                           profile_required=False))
    profiles = [p.name for p in api.vnicprofiles.list()]
    assert "n9" in profiles and "n9bare" not in profiles
    assert api.vnicprofiles.get(name="n9").network.id == net.id
    cluster.networks.add(params.Network(id=net.id, required=False, display=True))
    default = api.clusters.get(name="Default")
    default.networks.add(params.Network(id=net.id))
    assert [(n.status.state, n.required, n.display) for n in cluster.networks.list()
            if n.name == "n9"] == [("operational", False, True)]
    assert [(n.required, n.display) for n in default.networks.list()
            if n.name == "n9"] == [(True, False)]
    assert api.networks.get(name="n9").status is None
    in_c9 = cluster.networks.get(name="n9")
    in_c9.required = True
    in_c9.update()
    assert [n.required for n in cluster.networks.list() if n.name == "n9"] == [True]
    if system is not None:
        c4 = system.clusters_service().cluster_service(cluster.id)
        assert [(n.name, n.required, n.display) for n in c4.networks_service().list()] \
            == [("ovirtmgmt", True, False), ("n9", True, True)]
    pool = api.vmpools.add(params.VmPool(name="p9", size=2, cluster=default,
                                         template=api.templates.get(name="Blank")))
    vms = [v for v in api.vms.list() if v.name.startswith("p9-")]
    assert sorted(v.name for v in vms) == ["p9-1", "p9-2"]
    assert {v.vmpool.id for v in vms} == {pool.id}
    assert {v.cluster.id for v in vms} == {default.id}
    vm = _new_vm(api, "e9both", memory=640 << 20)
    stats = {s.name: s.values.value[0].datum for s in vm.statistics.list()}
    assert stats["memory.installed"] == 640 << 20
    assert sorted(stats) == ["cpu.current.guest", "elapsed.time", "memory.installed",
                             "memory.used"]
    host = api.hosts.get(name="Atlantic")
    assert sorted(s.name for s in host.statistics.list()) == ["cpu.current.idle",
                                                              "memory.total"]
    for v in vms:
        api.vms.get(name=v.name).delete()
    api.vmpools.get(name="p9").delete()
    vm.delete()
    for c in (cluster, default):
        api.clusters.get(id=c.id).networks.get(name="n9").delete()
    api.networks.get(name="n9").delete()
    bare.delete()
    cluster.delete()


def test_G11_templates_and_their_vms_copy_disks_and_nics(either, request):
    """A template made from a VM gets a copy of each of its disks (new id, same alias,
    attached the same way) and NICs; a VM made from the template gets copies again,
    the VM add's ``disks`` choosing a template disk's format and storage domain by its
    id; a disk the template has not is refused. The same on both engines."""
    api, system = either, v4_system(request)
    src = _new_vm(api, "g11src")
    disk = src.disks.add(params.Disk(storage_domains=params.StorageDomains(
        storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, interface="virtio", format="cow", bootable=True))
    src.nics.add(params.NIC(name="nic1", interface="e1000",
                            network=api.networks.get(name="ovirtmgmt")))
    template = api.templates.add(params.Template(name="g11", vm=api.vms.get(name="g11src")))
    tdisks = template.disks.list()
    assert [(d.alias, d.format) for d in tdisks] == [(disk.alias, "cow")]
    assert tdisks[0].id != disk.id
    assert [(n.name, n.interface) for n in template.nics.list()] == [("nic1", "e1000")]
    if system is not None:
        t4 = system.templates_service().template_service(template.id)
        assert [a.id for a in t4.disk_attachments_service().list()] == [tdisks[0].id]
    plain = _new_vm(api, "g11a", template=template)
    got = plain.disks.list()
    assert [(d.alias, d.bootable, d.format) for d in got] == [(disk.alias, True, "cow")]
    assert got[0].id not in (disk.id, tdisks[0].id)
    assert [(n.name, n.interface) for n in plain.nics.list()] == [("nic1", "e1000")]
    assert plain.nics.list()[0].mac.address != src.nics.list()[0].mac.address
    chosen = _new_vm(api, "g11b", template=template, disks=params.Disks(disk=[
        params.Disk(id=tdisks[0].id, format="raw", sparse=False)]))
    assert [(d.alias, d.format, d.sparse) for d in chosen.disks.list()] == [
        (disk.alias, "raw", False)]
    if system is not None:
        atts = _vm4(system, "g11b").disk_attachments_service().list(follow="disk")
        assert [(a.bootable, a.disk.format) for a in atts] == [(True, types.DiskFormat.RAW)]
    with pytest.raises(errors.RequestError) as caught:
        _new_vm(api, "g11c", template=template, disks=params.Disks(disk=[
            params.Disk(id=disk.id, format="raw")]))
    assert caught.value.status == 400 and disk.id in caught.value.detail
    assert api.vms.get(name="g11c") is None
    for name in ("g11b", "g11a", "g11src"):
        api.vms.get(name=name).delete()
    api.templates.get(name="g11").delete()


def test_E7_G14_G16_export_and_import_vm(either, request):
    """vm.export() keeps a copy (same id) on the export domain, which outlives the VM;
    importing it while the VM exists conflicts, with clone=True it is a new VM; after
    the VM is gone it comes back with its id. The same on both engines."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "e7", memory=768 << 20)
    disk = vm.disks.add(params.Disk(storage_domains=params.StorageDomains(
        storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, interface="virtio", format="cow"))
    vm.export(params.Action(storage_domain=params.StorageDomain(name="exp1")))
    exp = api.storagedomains.get(name="exp1")
    assert "e7" in [v.name for v in exp.vms.list()]
    assert [d.id for d in exp.vms.get("e7").disks.list()] == [disk.id]
    if system is not None:
        sdvm4 = _sd4(system, "exp1").vms_service().vm_service(vm.id)
        assert [d.id for d in sdvm4.disks_service().list()] == [disk.id]
    assert [v.name for v in exp.vms.list(name="e7*")] == ["e7"]
    assert exp.vms.get("e7").id == vm.id
    if system is not None:
        assert "e7" in [v.name for v in _sd4(system, "exp1").vms_service().list()]
    with pytest.raises(errors.RequestError) as again:
        vm.export(params.Action(storage_domain=params.StorageDomain(name="exp1")))
    assert again.value.status == 409
    vm.export(params.Action(storage_domain=params.StorageDomain(name="exp1"),
                            exclusive=True))
    target = dict(cluster=params.Cluster(name="Default"),
                  storage_domain=params.StorageDomain(name="data1"))
    with pytest.raises(errors.RequestError) as exists:
        exp.vms.get("e7").import_vm(params.Action(**target))
    assert exists.value.status == 409 and "same identifier" in exists.value.detail
    action = exp.vms.get("e7").import_vm(params.Action(
        clone=True, vm=params.VM(name="e7clone"), **target))
    assert action.status.state == "complete"
    clone = api.vms.get(name="e7clone")
    assert clone.id != vm.id and clone.memory == 768 << 20 and action.vm.id == clone.id
    data1 = api.storagedomains.get(name="data1").id
    cloned = clone.disks.list()         # the exported disk, a new one on data1
    assert [(d.alias, [sd.id for sd in d.storage_domains.storage_domain]) for d in cloned] \
        == [(disk.alias, [data1])] and cloned[0].id != disk.id
    vm.delete()
    assert api.vms.get(name="e7") is None and exp.vms.get("e7") is not None
    exp.vms.get("e7").import_vm(params.Action(**target))
    back = api.vms.get(name="e7")
    assert (back.id, back.memory, back.status.state) == (vm.id, 768 << 20, "down")
    assert [d.id for d in back.disks.list()] == [disk.id]    # gone with the VM, back
    if system is not None:
        vm4 = _vm4(system, "e7clone").get()
        assert (vm4.memory, vm4.cluster.id) == (768 << 20, api.clusters.get(name="Default").id)
        assert _vm4(system, "e7").get().id == vm.id
    for name in ("e7", "e7clone"):
        api.vms.get(name=name).delete()


def test_E8_G14_export_template_and_import(either, request):
    api, system = either, v4_system(request)
    api.templates.add(params.Template(name="e8tpl", vm=api.vms.get(name="vm1")))
    tpl = api.templates.get(name="e8tpl")
    tpl.export(params.Action(storage_domain=params.StorageDomain(name="exp1")))
    exp = api.storagedomains.get(name="exp1")
    assert "e8tpl" in [t.name for t in exp.templates.list()]
    assert exp.templates.get("e8tpl").id == tpl.id
    action = exp.templates.get("e8tpl").import_template(params.Action(
        cluster=params.Cluster(name="Default"), storage_domain=params.StorageDomain(
            name="data1"), clone=True, template=params.Template(name="e8copy")))
    assert action.template.id == api.templates.get(name="e8copy").id != tpl.id
    if system is not None:
        assert "e8tpl" in [t.name for t in _sd4(system, "exp1").templates_service().list()]
        assert "e8copy" in [t.name for t in system.templates_service().list()]
    data = api.storagedomains.get(name="data1")
    assert data.templates.list(unregistered=True) == []
    if system is not None:
        assert _sd4(system, "data1").templates_service().list(unregistered=True) == []
    for name in ("e8copy", "e8tpl"):
        api.templates.get(name=name).delete()


def test_G_actions_asynchronous_answer_202_pending(either, request):
    """An action asked to run asynchronously (``async`` in the action) is answered
    202 Accepted with the action pending, on both engines (v4: also ``async=true``
    as ovirtsdk4 sends it)."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "gasync")
    answer = vm.start(params.Action(async_=True))
    assert answer.status.state == "pending"
    assert api.vms.get(name="gasync").status.state == "up"
    assert vm.stop().status.state == "complete"
    if system is not None:
        _vm4(system, "gasync").start(async_=True)
        assert _vm4(system, "gasync").get().status == types.VmStatus.UP
        api.vms.get(name="gasync").stop()
    api.vms.get(name="gasync").delete()


def test_E9_statistics(api, system):
    vm = api.vms.get(name="vm1")
    stats = vm.statistics.list()
    v4 = {s.name: s.values[0].datum for s in _vm4(system, "vm1").statistics_service().list()}
    assert {s.name: s.values.value[0].datum for s in stats} == v4
    assert isinstance(stats[0].values.value[0].datum, float)
    assert vm.statistics.get(name="memory.installed").values.value[0].datum == 512 << 20
    host = api.hosts.get(name="Atlantic")
    host4 = system.hosts_service().host_service(host.id).statistics_service().list()
    assert {s.name: s.values.value[0].datum for s in host.statistics.list()} == \
        {s.name: s.values[0].datum for s in host4}


def test_E10_cdroms(either, request):
    """A VM's one CD-ROM: adding sets its disc; with the VM running, an update with
    current=True changes the running disc only (a get with current shows it, the
    configuration keeps the old one); a VM that is down refuses current. The same on
    both engines."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "e10")
    cdrom = vm.cdroms.add(params.CdRom(file=params.File(id=ISO)))
    assert cdrom.file.id == ISO
    if system is not None:
        cd4 = _vm4(system, "e10").cdroms_service()
        assert [c.file.id for c in cd4.list()] == [ISO]
    got = vm.cdroms.get(id=ZERO)
    assert got.id == ZERO
    got.set_file(params.File(id="windows_example.iso"))
    with pytest.raises(errors.RequestError) as caught:
        got.update(current=True)
    assert caught.value.status == 409
    vm.start()
    got = api.vms.get(name="e10").cdroms.get(id=ZERO)
    got.set_file(params.File(id="windows_example.iso"))
    assert got.update(current=True).file.id == "windows_example.iso"
    assert api.vms.get(name="e10").cdroms.get(id=ZERO).file.id == ISO
    cdroms = api.vms.get(name="e10").cdroms        # on 4.5: the list, then each current
    assert [c.file.id for c in cdroms.list(current=True)] == ["windows_example.iso"]
    assert [c.file.id for c in cdroms.list()] == [ISO]
    if system is not None:
        assert cd4.cdrom_service(ZERO).get(current=True).file.id == "windows_example.iso"
        assert cd4.cdrom_service(ZERO).get().file.id == ISO
    api.vms.get(name="e10").stop()
    api.vms.get(name="e10").delete()


def test_E11_files(api, system):
    files = api.storagedomains.get(name="iso1").files.list()
    assert ISO in [f.name for f in files]
    assert sorted(f.name for f in files) == \
        sorted(f.name for f in _sd4(system, "iso1").files_service().list())


def test_E12_E13_networks_of_cluster_and_data_center(api, system):
    dc = api.datacenters.get(name="Default")
    net = api.networks.add(params.Network(name="e12net", data_center=dc))
    cluster = api.clusters.get(name="Default")
    net.set_required(False)
    added = cluster.networks.add(net)
    assert added.name == "e12net" and added.required is False
    assert [n.name for n in cluster.networks.list(required=True)] == ["ovirtmgmt"]
    cnet = cluster.networks.get("e12net")
    cnet.set_required(True)
    assert cnet.update().required is True
    c4 = system.clusters_service().cluster_service(cluster.id).networks_service()
    assert {n.name: n.required for n in c4.list()} == {"ovirtmgmt": True, "e12net": True}
    assert sorted(n.name for n in dc.networks.list()) == ["e12net", "ovirtmgmt"]


def test_E14_G21_storagedomain_disks_unregistered(api, system):
    data = api.storagedomains.get(name="data1")
    assert sorted(d.id for d in data.disks.list()) == \
        sorted(d.id for d in _sd4(system, "data1").disks_service().list())
    assert data.disks.list(unregistered=True) == []


def test_E15_E16_other_sub_collections(api, system):
    data = api.storagedomains.get(name="data1")
    assert data.images.list() == []
    dc = api.datacenters.get(name="Default")
    quota = dc.quotas.add(params.Quota(name="e15q"))
    assert quota.quotastoragelimits.list() == [] and quota.quotaclusterlimits.list() == []
    dc4 = system.data_centers_service().data_center_service(dc.id)
    assert [q.name for q in dc4.quotas_service().list()] == ["e15q"]
    host = api.hosts.get(name="Atlantic")
    host4 = system.hosts_service().host_service(host.id)
    assert sorted(a.id for a in host.networkattachments.list()) == \
        sorted(a.id for a in host4.network_attachments_service().list())
    assert data.storageconnections.list() == []


def test_E15_network_and_host_nic_labels(either, request):
    """network.labels and hostnic.labels (v4: networklabels, items <network_label>):
    add, list, get, delete, also through a data center's network."""
    api, system = either, v4_system(request)
    net = api.networks.get(name="ovirtmgmt")
    assert net.labels.add(params.Label(id="e15lbl")).id == "e15lbl"
    assert [x.id for x in net.labels.list()] == ["e15lbl"]
    with pytest.raises(errors.RequestError) as caught:     # the client's id, taken
        net.labels.add(params.Label(id="e15lbl"))
    assert caught.value.status == 409 and "e15lbl" in caught.value.detail
    assert net.labels.get(id="e15lbl").id == "e15lbl"
    dcnet = api.datacenters.get(name="Default").networks.get(name="ovirtmgmt")
    assert [x.id for x in dcnet.labels.list()] == ["e15lbl"]
    host = api.hosts.get(name="Atlantic")
    nic = host.nics.list()[0]
    assert nic.labels.add(params.Label(id="e15lbl")).id == "e15lbl"
    assert [x.id for x in nic.labels.list()] == ["e15lbl"]
    if system is not None:
        net4 = system.networks_service().network_service(net.id)
        assert [x.id for x in net4.network_labels_service().list()] == ["e15lbl"]
        nic4 = system.hosts_service().host_service(host.id).nics_service() \
            .nic_service(nic.id)
        assert [x.id for x in nic4.network_labels_service().list()] == ["e15lbl"]
    nic.labels.get(id="e15lbl").delete()
    net.labels.get(id="e15lbl").delete()
    assert nic.labels.list() == [] and net.labels.list() == []
    if system is not None:
        assert net4.network_labels_service().list() == []
        assert nic4.network_labels_service().list() == []


def test_E15_labelled_network_attaches_to_labelled_host_nics(either, request):
    """A labelled network added to a cluster is attached to the cluster's host NICs
    with the same label, and a NIC labelled afterwards gets it too (one attachment
    per network), on both engines."""
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    cluster = api.clusters.get(name="Default")
    first = _optional_network(api, "e15first")
    first.labels.add(params.Label(id="e15a"))
    nic = host.nics.get(name="eth0")
    nic.labels.add(params.Label(id="e15a"))
    assert "e15first" not in _attached(api, host)
    cluster.networks.add(first)                         # labelled NIC first, then cluster
    assert _attached(api, host)["e15first"] == "eth0"
    late = _optional_network(api, "e15late", cluster)
    late.labels.add(params.Label(id="e15b"))
    assert "e15late" not in _attached(api, host)
    nic.labels.add(params.Label(id="e15b"))              # the NIC labelled afterwards
    assert _attached(api, host)["e15late"] == "eth0"
    if system is not None:
        assert {"e15first", "e15late"} <= set(_attached4(system, host.id))
    for name in ("e15first", "e15late"):
        nic.detach(params.Action(network=params.Network(name=name)))
        _drop_network(api, cluster, name)
    for label in ("e15a", "e15b"):
        nic.labels.get(id=label).delete()
    assert _attached(api, host) == {"ovirtmgmt": "eth0"}


# ---------------------------------------------------------------- G. methods

def _attached(api, host):
    """{network name: host NIC name} of the host's network attachments (v3 SDK)."""
    nics = {n.id: n.name for n in host.nics.list()}
    return {api.networks.get(id=a.network.id).name: nics[a.host_nic.id]
            for a in host.networkattachments.list()}


def _attached4(system, host_id):
    svc = system.hosts_service().host_service(host_id)
    nics = {n.id: n.name for n in svc.nics_service().list()}
    return {system.networks_service().network_service(a.network.id).get().name:
            nics[a.host_nic.id] for a in svc.network_attachments_service().list()}


def _optional_network(api, name, cluster=None):
    """A new network of Default, not required; joined to ``cluster`` when given."""
    net = api.networks.add(params.Network(
        name=name, data_center=api.datacenters.get(name="Default")))
    net.set_required(False)
    if cluster is not None:
        cluster.networks.add(net)
    return net


def _drop_network(api, cluster, name):
    cluster.networks.get(name=name).delete()
    api.networks.get(name=name).delete()


def test_E5_G19_host_nic_network_changes(either, request):
    """hostnic.attach()/detach(), hostnic.update() (IP, boot protocol), the legacy
    host.nics.setupnetworks() and host.commitnetconfig(): on 4.5 each is one v4
    setupnetworks; the host's network attachments and its NICs' networks read the
    same through the v3 SDK on both engines, and through ovirtsdk4 on 4.5."""
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    cluster = api.clusters.get(name="Default")
    net = _optional_network(api, "g19net", cluster)
    nic = host.nics.get(name="eth0")
    assert nic.network.id == api.networks.get(name="ovirtmgmt").id
    assert _attached(api, host) == {"ovirtmgmt": "eth0"}

    assert nic.attach(params.Action(network=params.Network(name="g19net"))) \
        .status.state == "complete"
    assert _attached(api, host) == {"ovirtmgmt": "eth0", "g19net": "eth0"}
    if system is not None:
        assert _attached4(system, host.id) == {"ovirtmgmt": "eth0", "g19net": "eth0"}
    assert host.commitnetconfig().status.state == "complete"

    nic.detach(params.Action(network=params.Network(id=net.id)))
    assert _attached(api, host) == {"ovirtmgmt": "eth0"}

    host.nics.setupnetworks(params.Action(host_nics=params.HostNics(host_nic=[
        params.HostNIC(name="eth0", network=params.Network(name="ovirtmgmt")),
        params.HostNIC(name="eth0.100", network=params.Network(name="g19net"))])))
    assert _attached(api, host) == {"ovirtmgmt": "eth0", "g19net": "eth0"}
    host.nics.setupnetworks(params.Action(host_nics=params.HostNics(host_nic=[
        params.HostNIC(name="eth0", network=params.Network(name="ovirtmgmt"))])))
    assert _attached(api, host) == {"ovirtmgmt": "eth0"}
    if system is not None:
        assert _attached4(system, host.id) == {"ovirtmgmt": "eth0"}

    nic = host.nics.get(name="eth0")
    old_ip = nic.ip.address
    nic.set_boot_protocol("static")
    nic.set_ip(params.IP(address="192.0.2.99", netmask="255.255.255.0",
                         gateway="192.0.2.1"))
    updated = nic.update()
    assert (updated.boot_protocol, updated.ip.address) == ("static", "192.0.2.99")
    again = host.nics.get(name="eth0")
    assert (again.boot_protocol, again.ip.address, again.ip.gateway) == \
        ("static", "192.0.2.99", "192.0.2.1")
    [att] = host.networkattachments.list()
    method = att.ip_address_assignments.ip_address_assignment[0]
    assert (method.assignment_method, method.ip.address) == ("static", "192.0.2.99")
    if system is not None:
        [att4] = system.hosts_service().host_service(host.id) \
            .network_attachments_service().list()
        assignment = att4.ip_address_assignments[0]
        assert assignment.assignment_method == types.BootProtocol.STATIC
        assert assignment.ip.address == "192.0.2.99"
    again.set_boot_protocol("dhcp")
    again.set_ip(params.IP(address=old_ip, netmask="255.255.255.0", gateway="192.0.2.1"))
    assert again.update().boot_protocol == "dhcp"

    _drop_network(api, cluster, "g19net")


def test_E5_host_bond_add_and_delete(either, request):
    """host.nics.add() of a bond with a network, then its delete: on 4.5 setupnetworks
    with modified_bonds / removed_bonds; the same NICs and attachments on both."""
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    cluster = api.clusters.get(name="Default")
    net = _optional_network(api, "e5bond", cluster)
    eth0 = host.nics.get(name="eth0")
    bond = host.nics.add(params.HostNIC(
        name="bond0", network=params.Network(name="e5bond"),
        bonding=params.Bonding(options=params.Options(option=[params.Option(
            name="mode", value="1")]), slaves=params.Slaves(host_nic=[
                params.HostNIC(name="eth0")]))))
    assert bond.name == "bond0" and bond.network.id == net.id
    assert [s.id for s in bond.bonding.slaves.host_nic] == [eth0.id]
    assert [(o.name, o.value) for o in bond.bonding.options.option] == [("mode", "1")]
    assert sorted(n.name for n in host.nics.list()) == ["bond0", "eth0"]
    assert _attached(api, host) == {"ovirtmgmt": "eth0", "e5bond": "bond0"}
    if system is not None:
        assert _attached4(system, host.id) == {"ovirtmgmt": "eth0", "e5bond": "bond0"}
        bond4 = [n for n in system.hosts_service().host_service(host.id).nics_service()
                 .list() if n.name == "bond0"][0]
        assert [s.id for s in bond4.bonding.slaves] == [eth0.id]
    host.nics.get(name="bond0").delete()
    assert sorted(n.name for n in host.nics.list()) == ["eth0"]
    assert _attached(api, host) == {"ovirtmgmt": "eth0"}
    with pytest.raises((errors.RequestError, errors.NotTranslatedError)):
        host.nics.get(name="eth0").delete()        # not a bond: refused on both
    _drop_network(api, cluster, "e5bond")


def test_E5_host_nic_changes_v4_cannot_translate_raise_before_sending(api, engine):
    host = api.hosts.get(name="Atlantic")
    nic = host.nics.get(name="eth0")
    last = engine.requests[-1]
    nic.set_mtu(9000)
    _not_translated(nic.update, r"member mtu \(9000\)")
    _not_translated(lambda: host.nics.add(params.HostNIC(name="eth7")), "is a bond")
    _not_translated(nic.delete, "only a bond can be removed")
    _not_translated(lambda: nic.detach(params.Action(network=params.Network(
        name="ovirtmgmt"), reason="x")), "action member reason")
    seen = list(engine.requests)
    assert all(r.method == "GET" for r in seen[seen.index(last) + 1:])


def test_G25_host_iscsi_discover_and_login(api):
    host = api.hosts.get(name="Atlantic")
    found = host.iscsidiscover(params.Action(iscsi=params.IscsiDetails(address="192.0.2.7")))
    assert found.iscsi_target == ["iqn.2016-01.com.example:storage.target0"]
    login = host.iscsilogin(params.Action(iscsi=params.IscsiDetails(
        address="192.0.2.7", target=found.iscsi_target[0])))
    assert login.status.state == "complete"


# ------------------------------------------- E. paths v4 serves elsewhere (PATH_RENAMES)

def test_E13_datacenter_network_vnic_profiles_and_permissions(api, system):
    dc = api.datacenters.get(name="Default")
    net = dc.networks.get(name="ovirtmgmt")
    net4 = system.networks_service().network_service(net.id)
    assert sorted(p.id for p in net.vnicprofiles.list()) == \
        sorted(p.id for p in net4.vnic_profiles_service().list())
    assert net.vnicprofiles.list() != []
    assert sorted(p.id for p in net.permissions.list()) == \
        sorted(p.id for p in net4.permissions_service().list())


def test_E2_vm_disk_permissions_are_the_disk_permissions(api, system):
    disk = api.vms.get(name="vm1").disks.list()[0]
    perms4 = system.disks_service().disk_service(disk.id).permissions_service().list()
    assert sorted(p.id for p in disk.permissions.list()) == sorted(p.id for p in perms4)


def _data2(api):
    """A second data domain attached to Default (a disk's move target)."""
    found = api.storagedomains.get(name="data2")
    if found is not None:
        return found
    dc = api.datacenters.get(name="Default")
    api.storagedomains.add(params.StorageDomain(
        name="data2", host=api.hosts.get(name="Atlantic"), type_="data",
        storage_format="v3",
        storage=params.Storage(address="192.0.43.10", path="/data2", type_="nfs")))
    dc.storagedomains.add(api.storagedomains.get(name="data2"))
    dc.storagedomains.get(name="data2").activate()
    return api.storagedomains.get(name="data2")


def test_E2_G17_vm_disk_move(either, request):
    api, system = either, v4_system(request)
    data2 = _data2(api)
    vm = _new_vm(api, "e2move")
    disk = vm.disks.add(params.Disk(
        storage_domains=params.StorageDomains(
            storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, interface="virtio", format="cow"))
    disk = vm.disks.get(id=disk.id)
    action = disk.move(params.Action(storage_domain=params.StorageDomain(name="data2")))
    assert action.status.state == "complete"
    assert [sd.id for sd in vm.disks.get(id=disk.id).storage_domains.storage_domain] == \
        [data2.id]
    if system is not None:
        disk4 = system.disks_service().disk_service(disk.id).get()
        assert [sd.id for sd in disk4.storage_domains] == [data2.id]
    with pytest.raises(errors.RequestError) as caught:
        vm.disks.get(id=disk.id).move(params.Action())
    assert caught.value.status == 400 and "storage" in caught.value.detail.lower()


def test_E17_datacenter_iscsibond_storage_connections(api, system):
    dc = api.datacenters.get(name="Default")
    bond = dc.iscsibonds.add(params.IscsiBond(name="e17bond"))
    bond4 = system.data_centers_service().data_center_service(dc.id) \
        .iscsi_bonds_service().iscsi_bond_service(bond.id)
    assert bond4.get().name == "e17bond"
    conn = api.storageconnections.add(params.StorageConnection(
        type_="iscsi", address="192.0.2.7", port=3260, target="iqn.2016-01.com.example:e17"))
    assert bond.storageconnections.add(conn).id == conn.id
    assert [c.id for c in bond.storageconnections.list()] == [conn.id] == \
        [c.id for c in bond4.storage_server_connections_service().list()]


def test_E17_gluster_volume_bricks_are_glusterbricks(api, system):
    cluster = api.clusters.get(name="Default")
    volume = cluster.glustervolumes.add(params.GlusterVolume(
        name="e17gv", volume_type="distribute",
        bricks=params.GlusterBricks(brick=[params.GlusterBrick(
            server_id=api.hosts.get(name="Atlantic").id, brick_dir="/e17")])))
    bricks4 = system.clusters_service().cluster_service(cluster.id) \
        .gluster_volumes_service().volume_service(volume.id).gluster_bricks_service()
    assert [b.id for b in volume.bricks.list()] == [b.id for b in bricks4.list()]
    assert [(b.brick_dir, b.name) for b in volume.bricks.list()] == [
        ("/e17", "atlantic.example.com:/e17")]
    via_dc = api.datacenters.get(name="Default").clusters.get(name="Default") \
        .glustervolumes.get(name="e17gv")
    assert [b.id for b in via_dc.bricks.list()] == [b.id for b in bricks4.list()]


def test_G25_vm_move_moves_every_disk(either, request):
    """vm.move() (v4 has none): each disk of the VM moves to the domain, on 4.5 one
    disks/{id}/move per disk; a running VM is refused (3.6 moved VMs that are down)."""
    api, system = either, v4_system(request)
    data2 = _data2(api)
    vm = _new_vm(api, "g25mv")
    for _ in range(2):
        vm.disks.add(params.Disk(storage_domains=params.StorageDomains(
            storage_domain=[api.storagedomains.get(name="data1")]),
            size=GIB, interface="virtio", format="cow"))
    assert vm.move(params.Action(storage_domain=params.StorageDomain(name="data2"))) \
        .status.state == "complete"
    disks = api.vms.get(name="g25mv").disks.list()
    assert len(disks) == 2
    assert [[sd.id for sd in d.storage_domains.storage_domain] for d in disks] == \
        [[data2.id], [data2.id]]
    if system is not None:
        for d in disks:
            got = system.disks_service().disk_service(d.id).get()
            assert [sd.id for sd in got.storage_domains] == [data2.id]
    vm.start()
    if system is None:
        with pytest.raises(errors.RequestError) as caught:
            vm.move(params.Action(storage_domain=params.StorageDomain(name="data1")))
        assert caught.value.status == 409
    else:
        engine = request.getfixturevalue("engine")
        last = engine.requests[-1]
        _not_translated(lambda: vm.move(params.Action(
            storage_domain=params.StorageDomain(name="data1"))), "the VM is up")
        assert all(r.method == "GET" for r in
                   list(engine.requests)[list(engine.requests).index(last) + 1:])
    vm.stop()
    api.vms.get(name="g25mv").delete()


def _walk(obj, label, depth, seen):
    for name in sorted(getattr(type(obj), "_subcollections_", ()) or ()):
        coll = getattr(obj, name)
        if not hasattr(coll, "list"):
            continue
        try:
            items = coll.list()
        except errors.NotTranslatedError as exc:
            assert "4.5" in str(exc) and "/" in str(exc), label + "." + name
            seen.append((label + "." + name, "refused"))
            continue
        assert type(items) is list
        seen.append((label + "." + name, len(items)))
        if items and depth < 2:
            _walk(items[0], "%s.%s[0]" % (label, name), depth + 1, seen)


def test_E17_every_sub_collection_generically(api, system):
    """Two levels of sub-collections below each kind of top-level object list through
    translation (or refuse clearly); none is a wrong or unreadable reply."""
    seen = []
    for top in ("vms", "hosts", "storagedomains", "datacenters", "clusters",
                "templates", "networks", "disks"):
        items = getattr(api, top).list()
        assert items, top
        _walk(items[0], top + "[0]", 1, seen)
    names = dict(seen)
    host4 = system.hosts_service().host_service(api.hosts.list()[0].id)
    assert names["hosts[0].storage"] == len(host4.storage_service().list())
    vm4 = _vm4(system, api.vms.list()[0].name)
    assert names["vms[0].disks"] == len(vm4.disk_attachments_service().list())
    assert names["vms[0].nics"] == len(vm4.nics_service().list())
    assert len(seen) > 40


# ---------------------------------------------------------------- F. object model

def test_F1_list_is_a_python_list(either):
    vms = either.vms.list()
    assert type(vms) is list and len(vms) >= 1
    last = vms[-1]
    both = vms + either.templates.list()
    assert len(both) == len(vms) + len(either.templates.list())
    vms.sort(key=lambda v: v.name)
    assert [v.name for v in vms] == sorted(v.name for v in either.vms.list())
    assert vms.pop().name == max(v.name for v in either.vms.list())
    assert isinstance(last, brokers.VM)


def test_F2_get_none_when_absent_and_brokers_truthy(either):
    assert either.vms.get(name="no-such-vm") is None
    assert either.vms.get(id="11111111-2222-3333-4444-555555555555") is None
    assert either.vms.get(name="vm1").disks.get(name="no-such-disk") is None
    assert either.storagedomains.get(id=ZERO) is None
    vm = either.vms.get(name="vm1")
    assert vm and bool(either.datacenters.get(name="Default"))
    added = either.tags.add(params.Tag(name="f2tag"))
    assert added and added.name == "f2tag"


def test_F3_F4_F9_attributes_and_getters_read_the_entity(either, request):
    api, system = either, v4_system(request)
    vm = api.vms.get(name="vm1")
    host = api.hosts.get(name="Atlantic")
    sd = api.datacenters.get(name="Default").storagedomains.get(name="data1")
    assert vm.status.state == vm.get_status().get_state() == "down"
    assert vm.memory == vm.get_memory() == 512 << 20
    assert host.status.state == "up" and host.get_name() == "Atlantic"
    assert sd.master is True and sd.get_master() is True
    assert vm.get_cluster().get_id() == api.clusters.get(name="Default").id
    assert [s.name for s in vm.get_statistics().list()] == \
        [s.name for s in vm.statistics.list()]
    if system is not None:
        vm4 = _vm4(system, "vm1").get()
        assert (vm4.status.value, vm4.memory, vm4.cluster.id) == \
            (vm.status.state, vm.memory, vm.cluster.id)
        dc_id = api.datacenters.get(name="Default").id
        sd4 = _one(system.data_centers_service().data_center_service(dc_id)
                   .storage_domains_service(), "data1")
        assert sd4.master is True
        host4 = system.hosts_service().host_service(host.id).get()
        assert host4.spm.status.value == host.spm.status.state


def test_F5_brokers_as_values_are_sent_as_their_entity(either, request):
    api, system = either, v4_system(request)
    vm = api.vms.get(name="vm1")
    tpl = api.templates.add(params.Template(name="f5tpl", vm=vm,
                                            cluster=api.clusters.get(name="Default")))
    assert tpl.name == "f5tpl"
    pool = api.vmpools.add(vmpool=params.VmPool(
        name="f5pool", size=1, cluster=api.clusters.get(name="Default"),
        template=api.templates.get(name="f5tpl")))
    assert pool.template.id == tpl.id
    if system is not None:
        pool4 = _one(system.vm_pools_service(), "f5pool")
        assert (pool4.template.id, pool4.size) == (tpl.id, 1)
        tpl4 = _one(system.templates_service(), "f5tpl")
        assert tpl4.vm is None or tpl4.vm.id == vm.id


def test_F6_F7_F8_set_assign_and_update(either, request):
    api, system = either, v4_system(request)
    vm = _new_vm(api, "f6")
    vm.set_description("by setter")
    vm.memory = 1 << 30
    vm.delete_protected = True
    vm.cpu.topology.cores = 2
    vm.os.boot = [params.Boot(dev="network")]
    updated = vm.update()
    assert updated is not vm and isinstance(updated, brokers.VM)
    assert (updated.description, updated.memory, updated.delete_protected,
            updated.cpu.topology.cores) == ("by setter", 1 << 30, True, 2)
    assert [b.dev for b in updated.os.boot] == ["network"]
    if system is not None:
        vm4 = _vm4(system, "f6").get()
        assert (vm4.description, vm4.memory, vm4.delete_protected,
                vm4.cpu.topology.cores) == ("by setter", 1 << 30, True, 2)
        assert [d.value for d in vm4.os.boot.devices] == ["network"]
    with pytest.raises(errors.RequestError) as caught:
        updated.delete()
    assert caught.value.status == 409
    updated.delete_protected = False
    updated.update().delete()
    assert api.vms.get(name="f6") is None


def test_F10_F11_F12_F13_broker_classes_and_dict(either):
    vm = either.vms.get(name="vm1")
    assert isinstance(vm, params.VM) and isinstance(vm, params.GeneratedsSuper)
    assert isinstance(vm, brokers.Base)
    assert type(vm.superclass) is params.VM and vm.superclass.name == "vm1"
    extra = set(vm.__dict__) - set(params.VM().__dict__)
    assert extra >= {"superclass", "_Base__context"}
    assert extra - {"superclass", "parentclass", "_Base__context"} <= \
        set(type(vm)._subcollections_)
    assert vm != None and not (vm == None)  # noqa: E711
    assert either.vms.get(name="vm1").superclass == vm.superclass


def test_F14_F17_value_types(either, request):
    vm = either.vms.get(name="vm1")
    assert type(vm.memory) is int and type(vm.stateless) is bool
    assert type(vm.name) is str and vm.type_ in ("server", "desktop")
    created = vm.creation_time
    assert isinstance(created, datetime.datetime) and created.tzinfo is not None
    assert created.astimezone(datetime.timezone.utc).timetuple()
    if v4_system(request) is not None:     # (the v3 fake engine keeps no statistics)
        stat = vm.statistics.list()[0]
        assert type(stat.values.value[0].datum) is float
    assert either.get_product_info().version.build_ is not None
    assert either.storagedomains.get(name="data1").type_ == "data"


# ---------------------------------------------------------------- G. methods

def test_G3_G4_add_with_keyword_and_delete(either, request):
    api, system = either, v4_system(request)
    vm = api.vms.add(vm=params.VM(name="g3", cluster=api.clusters.get(name="Default"),
                                  template=api.templates.get(name="Blank")))
    assert vm.name == "g3"
    tag = api.tags.add(tag=params.Tag(name="g3tag"))
    if system is not None:
        assert _vm4(system, "g3").get().id == vm.id
        assert "g3tag" in [t.name for t in system.tags_service().list()]
    api.vms.get(name="g3").delete()
    tag.delete()
    assert api.vms.get(name="g3") is None and api.tags.get(name="g3tag") is None
    if system is not None:
        assert "g3" not in [v.name for v in system.vms_service().list()]
        assert "g3tag" not in [t.name for t in system.tags_service().list()]


def test_G6_G12_query_max_and_pages(either, request):
    api, system = either, v4_system(request)
    for n in range(3):
        _new_vm(api, "g6-%d" % n)
    found = api.vms.list(query="name=g6-*")
    assert sorted(v.name for v in found) == ["g6-0", "g6-1", "g6-2"]
    assert [v.name for v in api.vms.list("name=g6-1")] == ["g6-1"]
    assert len(api.vms.list(query="name=g6-*", max=2)) == 2
    assert len(api.vms.list(max=1)) == 1
    pages = [v.name for p in (1, 2) for v in
             api.vms.list(query="name=g6-* sortby name asc page %d" % p, max=2)]
    assert pages == ["g6-0", "g6-1", "g6-2"]
    if system is not None:
        assert sorted(v.name for v in system.vms_service().list(search="name=g6-*")) == \
            sorted(v.name for v in found)
        assert [v.name for v in system.vms_service().list(
            search="name=g6-* sortby name asc page 2", max=2)] == ["g6-2"]


def test_G8_client_side_filters(either):
    cluster = either.clusters.get(name="Default")
    vms = either.vms.list(name="vm*")
    assert [v.name for v in vms] == ["vm1"]
    assert [v.name for v in either.vms.list(**{"cluster.id": cluster.id, "name": "vm1"})] \
        == ["vm1"]
    assert [v.name for v in either.vms.list(name="vm1", memory=512 << 20)] == ["vm1"]
    assert either.vms.list(name="vm1", memory=1) == []
    nets = cluster.networks.list(required=True)
    assert "ovirtmgmt" in [n.name for n in nets]
    assert [n.name for n in nets] == \
        [n.name for n in cluster.networks.list() if n.required is True]
    assert cluster.networks.list(required=None) == []


def test_G7_G23_update_with_correlation_id_and_expect(either, request):
    api, system = either, v4_system(request)
    vm = _new_vm(api, "g7")
    vm.set_comment("g7 comment")
    assert vm.update(correlation_id="g7-corr").comment == "g7 comment"
    tpl = api.templates.add(params.Template(name="g23tpl", vm=api.vms.get(name="g7")),
                            correlation_id="g23", expect="201-created")
    assert tpl.name == "g23tpl"
    if system is not None:
        assert _vm4(system, "g7").get().comment == "g7 comment"
        assert _one(system.templates_service(), "g23tpl").id == tpl.id
    sent = [r for r in engine_of(request).requests if r.method == "PUT" and vm.id in r.path]
    assert sent and sent[-1].headers.get("correlation-id") == "g7-corr"


def test_G9_G11_G15_G18_G17_power_actions(either, request):
    api, system = either, v4_system(request)
    vm = _new_vm(api, "g9")
    action = vm.start()
    assert isinstance(action, params.Action) and action.status.state == "complete"
    assert api.vms.get(name="g9").status.state == "up"
    if system is not None:
        assert _vm4(system, "g9").get().status == types.VmStatus.UP
    vm = api.vms.get(name="g9")
    vm.suspend()
    assert api.vms.get(name="g9").status.state == "suspended"
    if system is not None:
        assert _vm4(system, "g9").get().status == types.VmStatus.SUSPENDED
    api.vms.get(name="g9").stop()
    assert api.vms.get(name="g9").status.state == "down"
    api.vms.get(name="g9").start(params.Action(vm=params.VM(stateless=True)))
    if system is not None:
        assert _vm4(system, "g9").get().run_once is True
    api.vms.get(name="g9").shutdown()
    assert api.vms.get(name="g9").status.state == "down"
    if system is not None:
        assert _vm4(system, "g9").get().status == types.VmStatus.DOWN
    with pytest.raises(errors.RequestError) as caught:
        api.vms.get(name="g9").stop()
    assert caught.value.status == 409 and "not running" in caught.value.detail


def test_G20_G17_ticket(either, request):
    """A running VM's console ticket: the request's expiry, else the engine's (3.6:
    120 s, 4.5: 7200 s); a VM that is down has none (409). Both engines."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "g20")
    with pytest.raises(errors.RequestError) as caught:
        vm.ticket()
    assert caught.value.status == 409 and "not running" in caught.value.detail
    vm.start()
    assert api.vms.get(name="g20").ticket().ticket.expiry == (
        120 if system is None else 7200)
    action = api.vms.get(name="g20").ticket(params.Action(ticket=params.Ticket(expiry=60)))
    assert action.status.state == "complete"
    assert action.ticket.value and action.ticket.expiry == 60
    assert api.vms.get(name="g20").ticket().ticket.value


def test_G10_activate_deactivate_hosts_and_disks(either, request):
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    host.deactivate()
    assert api.hosts.get(name="Atlantic").status.state == "maintenance"
    if system is not None:
        assert system.hosts_service().host_service(host.id).get().status == \
            types.HostStatus.MAINTENANCE
    api.hosts.get(name="Atlantic").activate()
    assert api.hosts.get(name="Atlantic").status.state == "up"
    vm = api.vms.get(name="vm1")
    disk = vm.disks.list()[0]
    disk.deactivate()
    assert vm.disks.get(id=disk.id).active is False
    if system is not None:
        att = _vm4(system, "vm1").disk_attachments_service().attachment_service(disk.id)
        assert att.get().active is False
    vm.disks.get(id=disk.id).activate()
    assert vm.disks.get(id=disk.id).active is True


def test_G13_migrate(either, request):
    api, system = either, v4_system(request)
    cluster = api.clusters.get(name="Default")
    other = api.hosts.get(name="g13host") or api.hosts.add(params.Host(
        name="g13host", address="192.0.2.13", root_password="secret", cluster=cluster))
    if other.status.state != "up":
        other.approve() if other.status.state == "pending_approval" else other.activate()
    vm = _new_vm(api, "g13")
    vm.start(params.Action(vm=params.VM(placement_policy=params.VmPlacementPolicy(
        host=params.Host(name="Atlantic")))))
    api.vms.get(name="g13").migrate(params.Action(host=params.Host(name="g13host")))
    assert api.vms.get(name="g13").host.id == other.id
    if system is not None:
        assert _vm4(system, "g13").get().host.id == other.id


def test_G22_delete_with_action_and_async(either, request):
    api, system = either, v4_system(request)
    _new_vm(api, "g22a").delete(params.Action(force=True))
    _new_vm(api, "g22b").delete(async_=False)
    with pytest.raises(TypeError, match="async"):
        _new_vm(api, "g22c").delete(**{"async": False})
    assert api.vms.get(name="g22c") is not None
    api.vms.get(name="g22c").delete(async_=True)
    assert [api.vms.get(name=n) for n in ("g22a", "g22b", "g22c")] == [None] * 3
    vm = _new_vm(api, "g22d")
    vm.start(params.Action(async_=False))
    assert api.vms.get(name="g22d").status.state == "up"
    if system is not None:
        names = [v.name for v in system.vms_service().list()]
        assert not {"g22a", "g22b", "g22c"} & set(names)


def test_G24_install_all_content_and_from_event_id(either, request):
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    host.deactivate()
    action = api.hosts.get(name="Atlantic").install(params.Action(image="rhev-h.iso"))
    assert action.status.state == "complete"
    assert api.hosts.get(name="Atlantic").status.state == "up"
    vms = api.vms.list(all_content=True)
    assert [v.name for v in vms] == [v.name for v in api.vms.list()]
    vm1 = [v for v in vms if v.name == "vm1"][0]
    assert vm1.get_console() is not None or vm1.soundcard_enabled is not None
    events = api.events.list()
    assert events
    first = min(int(e.id) for e in events)
    later = api.events.list(from_event_id=first)
    assert later and all(int(e.id) >= first for e in later)
    if system is not None:
        ids4 = [int(e.id) for e in system.events_service().list(from_=first)]
        assert sorted(int(e.id) for e in later) == sorted(ids4)


def test_G25_fence_and_snapshot_preview_commit_undo(either, request):
    api, system = either, v4_system(request)
    host = api.hosts.get(name="Atlantic")
    assert host.fence(params.Action(fence_type="status")).status.state == "complete"
    vm = _new_vm(api, "g25")
    snap = vm.snapshots.add(params.Snapshot(description="g25"))
    with pytest.raises(errors.RequestError) as caught:
        vm.undo_snapshot()                         # nothing in preview
    assert caught.value.status == 409 and "preview" in caught.value.detail
    preview = vm.preview_snapshot(params.Action(snapshot=params.Snapshot(id=snap.id)))
    assert preview.status.state == "complete"
    assert api.vms.get(name="g25").snapshots.get(id=snap.id).snapshot_status == "in_preview"
    assert api.vms.get(name="g25").undo_snapshot().status.state == "complete"
    assert api.vms.get(name="g25").snapshots.get(id=snap.id).snapshot_status == "ok"
    api.vms.get(name="g25").preview_snapshot(params.Action(snapshot=snap))
    assert api.vms.get(name="g25").commit_snapshot().status.state == "complete"
    if system is not None:
        assert snap.id in [s.id for s in _vm4(system, "g25").snapshots_service().list()]


# ---------------------------------------------------------------- B. the constructor

def test_B1_B5_B6_B9_constructor_options_reach_the_v4_engine(engine, system):
    a = API(engine.url, engine.username, engine.password, None, None, engine.ca_file,
            None, 30, 15, False, True, False, True, True, False)
    assert a.get_protocol() == "v4"
    vm_id = _vm4(system, "vm1").get().id
    assert a.vms.get(name="vm1").id == vm_id
    sent = [r for r in engine.requests
            if r.headers.get("user-agent", "").startswith("ovirt-engine-sdk3")][-1]
    assert sent.headers.get("filter") == "True"
    assert sent.headers.get("session-ttl") == "15"
    a.disconnect()


def test_B2_B4_B8_B10_insecure_and_no_chain(engine, system):
    for kwargs in ({"insecure": "True"}, {"validate_cert_chain": False},
                   {"insecure": True, "timeout": 20, "renew_session": True}):
        with pytest.warns(UserWarning, match="not verified"):
            a = API(engine.url, engine.username, engine.password, **kwargs)
        assert a.get_protocol() == "v4" and a.vms.get(name="vm1") is not None
        a.disconnect()
    with pytest.raises(errors.NoCertificatesError):
        API(engine.url, engine.username, engine.password)


def test_B13_B14_port_and_url_forms(engine):
    from urllib.parse import urlsplit
    parts = urlsplit(engine.url)
    bare = "%s://%s" % (parts.scheme, parts.hostname)
    a = API(bare + "/ovirt-engine/api", engine.username, engine.password,
            ca_file=engine.ca_file, port=parts.port)
    assert a.get_protocol() == "v4" and a.vms.get(name="vm1") is not None
    a.disconnect()


def test_B15_bad_credentials_raise_401_from_the_constructor(engine):
    with pytest.raises(errors.RequestError) as caught:
        API(engine.url, engine.username, "wrong", ca_file=engine.ca_file)
    assert caught.value.status == 401
    with pytest.raises(TypeError):
        API(engine.url, engine.username, engine.password, ca_file=engine.ca_file,
            session_timeout="soon")


# ---------------------------------------------------------------- I. errors

def test_I1_I4_I7_I8_faults_read_as_on_the_v3_engine(api, api3):
    faults = []
    for a in (api3, api):
        with pytest.raises(errors.RequestError) as caught:
            a.templates.get(name="Blank").delete()
        faults.append(caught.value)
    v3, v4 = faults
    assert (v4.status, v4.reason, v4.detail) == (v3.status, v3.reason, v3.detail)
    assert isinstance(v4.status, int) and v4.status == 409
    assert not v4.detail.startswith("[") and "Blank" in v4.detail
    assert str(v4) == "\r\nstatus: %d\r\nreason: %s\r\ndetail: %s" % (
        v4.status, v4.reason, v4.detail)
    assert isinstance(v4, Exception)
    for a in (api3, api):
        with pytest.raises(errors.RequestError) as caught:
            _new_vm(a, "vm1")
        assert caught.value.status == 409 and "already in use" in str(caught.value)


def test_D_lists_come_in_the_engines_order(either, request):
    """One listing for both engines: a searchable collection lists by name (search
    or not, until ``sortby``), events newest first, ``max`` cuts, ``page N`` pages by
    ``max``, an ISO domain's files by name."""
    api, system = either, v4_system(request)
    for name in ("dzz", "daa", "dmm"):
        _new_vm(api, name)
    names = [v.name for v in api.vms.list()]
    assert names == sorted(names) and {"daa", "dmm", "dzz"} <= set(names)
    assert [v.name for v in api.vms.list(query="name=d??")] == ["daa", "dmm", "dzz"]
    assert [v.name for v in api.vms.list(query="name=d?? sortby name desc")] == [
        "dzz", "dmm", "daa"]
    assert [v.name for v in api.vms.list(query="name=d?? page 2", max=2)] == ["dzz"]
    assert [v.name for v in api.vms.list(query="name=d??", max=1)] == ["daa"]
    if system is not None:
        assert [v.name for v in system.vms_service().list(search="name=d??")] == [
            "daa", "dmm", "dzz"]
    ids = [int(e.id) for e in api.events.list()]
    assert ids == sorted(ids, reverse=True)
    assert [int(e.id) for e in api.events.list(max=2)] == ids[:2]
    files = [f.id for f in api.storagedomains.get(name="iso1").files.list()]
    assert files == sorted(files) and files
    for name in ("dzz", "daa", "dmm"):
        api.vms.get(name=name).delete()


def test_C_attaching_twice_is_refused(either, request):
    """A storage domain attached to a data center again, a network to a cluster again:
    409, and the view is as it was (one shared attach on both engines)."""
    api, system = either, v4_system(request)
    dc = api.datacenters.get(name="Default")
    before = [s.id for s in dc.storagedomains.list()]
    with pytest.raises(errors.RequestError) as caught:
        dc.storagedomains.add(api.storagedomains.get(name="data1"))
    assert caught.value.status == 409 and "already attached" in caught.value.detail
    assert [s.id for s in dc.storagedomains.list()] == before
    cluster = api.clusters.get(name="Default")
    with pytest.raises(errors.RequestError) as caught:
        cluster.networks.add(params.Network(id=api.networks.get(name="ovirtmgmt").id))
    assert caught.value.status == 409
    assert [n.name for n in cluster.networks.list()].count("ovirtmgmt") == 1


def test_C_updates_one_flow(either, request):
    """An update on both engines: a name taken in the collection is a 409 and changes
    nothing; a disk's new alias is its name too; a cluster network's required stays
    the cluster's."""
    api, system = either, v4_system(request)
    first, second = _new_vm(api, "cu1"), _new_vm(api, "cu2")
    second.name = "cu1"
    with pytest.raises(errors.RequestError) as caught:
        second.update()
    assert caught.value.status == 409 and "already in use" in caught.value.detail
    assert sorted(v.name for v in api.vms.list(query="name=cu*")) == ["cu1", "cu2"]
    disk = first.disks.add(params.Disk(storage_domains=params.StorageDomains(
        storage_domain=[api.storagedomains.get(name="data1")]),
        size=GIB, interface="virtio", format="cow"))
    got = first.disks.get(id=disk.id)
    got.alias = "cu1_boot"
    got.update()
    assert (api.disks.get(id=disk.id).alias, api.disks.get(id=disk.id).name) == (
        "cu1_boot", "cu1_boot")
    assert [d.id for d in api.vms.get(name="cu1").disks.list()] == [disk.id]
    if system is not None:
        d4 = system.disks_service().disk_service(disk.id).get()
        assert (d4.alias, d4.name) == ("cu1_boot", "cu1_boot")
    for name in ("cu1", "cu2"):
        api.vms.get(name=name).delete()


def test_C_removing_a_vm_takes_its_disks(either, request):
    """vm.delete() removes the VM's disks too (3.6 and 4.x), not with
    vm.disks.detach_only (v4 detach_only) and never a shareable one; the removal is
    logged. The same on both engines."""
    api, system = either, v4_system(request)

    def vm_with_disks(name):
        vm = _new_vm(api, name)
        made = [vm.disks.add(params.Disk(storage_domains=params.StorageDomains(
            storage_domain=[api.storagedomains.get(name="data1")]),
            size=GIB, interface="virtio", format="cow", shareable=shared))
            for shared in (False, True)]
        return vm, [d.id for d in made]

    vm, (own, shared) = vm_with_disks("crm1")
    vm.delete()
    ids = {d.id for d in api.disks.list()}
    assert own not in ids and shared in ids
    assert "VM crm1 was removed by admin@internal." in [
        e.description for e in api.events.list(max=5)]
    vm, (kept, shared2) = vm_with_disks("crm2")
    vm.delete(params.Action(vm=params.VM(disks=params.Disks(detach_only=True))))
    ids = {d.id for d in api.disks.list()}
    assert {kept, shared2} <= ids and api.vms.get(name="crm2") is None
    if system is not None:
        assert kept in {d.id for d in system.disks_service().list()}
    for ident in (shared, kept, shared2):
        api.disks.get(id=ident).delete()


def test_C_removing_a_host_that_is_up_needs_force(either, request):
    """A host that is up is removed only with force (3.6's <action><force>, v4
    force=true); without, 409 and it stays."""
    api, system = either, v4_system(request)
    host = api.hosts.add(params.Host(name="crh", address="crh.example.com",
                                     root_password="secret",
                                     cluster=api.clusters.get(name="Default")))
    host = api.hosts.get(name="crh")
    if host.status.state != "up":
        host.activate()
    assert api.hosts.get(name="crh").status.state == "up"
    with pytest.raises(errors.RequestError) as caught:
        api.hosts.get(name="crh").delete()
    assert caught.value.status == 409 and api.hosts.get(name="crh") is not None
    api.hosts.get(name="crh").delete(params.Action(force=True))
    assert api.hosts.get(name="crh") is None


def test_C_jobs_end_and_pools_allocate(either, request):
    """jobs/{id}/end finishes a job in the state the action gives (v4: failed when not
    succeeded); a pool's allocatevm
    runs one of its VMs that is down and names it, 409 when none is left. Both
    engines."""
    api, system = either, v4_system(request)
    job = api.jobs.add(params.Job(description="c-job"))
    job.end(params.Action(status=params.Status(state="FAILED")))
    got = api.jobs.get(id=job.id)
    assert got.status.state == "failed" and got.end_time is not None
    pool = api.vmpools.add(params.VmPool(name="cpool", size=1,
                                         cluster=api.clusters.get(name="Default"),
                                         template=api.templates.get(name="Blank")))
    allocated = api.vmpools.get(name="cpool").allocatevm()
    assert allocated.vm.id == api.vms.get(name="cpool-1").id
    started = api.vms.get(name="cpool-1")
    assert started.status.state == "up"
    assert started.host.id == api.hosts.get(name="Atlantic").id    # started, on a host
    with pytest.raises(errors.RequestError) as caught:
        api.vmpools.get(name="cpool").allocatevm()
    assert caught.value.status == 409
    api.vms.get(name="cpool-1").stop()
    api.vms.get(name="cpool-1").delete()
    api.vmpools.get(id=pool.id).delete()


def test_C_a_running_vms_guest_agent(either, request):
    """A started VM reports its FQDN, its addresses (3.6 guest_info; v4 fqdn and
    reported devices) and a device per NIC with its MAC; stopped, none of it. Both
    engines."""
    api, system = either, v4_system(request)
    vm = _new_vm(api, "cga")
    nic = vm.nics.add(params.NIC(name="nic1", interface="virtio",
                                 network=api.networks.get(name="ovirtmgmt")))
    vm.start()
    vm = api.vms.get(name="cga")
    assert vm.guest_info.fqdn == "cga.example.com"
    addresses = [ip.address for ip in vm.guest_info.ips.ip]
    assert len(addresses) == 1 and addresses[0].startswith("192.0.2.")
    devices = vm.reporteddevices.list()
    assert [(d.name, d.mac.address, [ip.address for ip in d.ips.ip]) for d in devices] == [
        ("nic1", nic.mac.address, addresses)]
    if system is not None:
        assert _vm4(system, "cga").get().fqdn == "cga.example.com"
    vm.stop()
    vm = api.vms.get(name="cga")
    assert vm.guest_info is None and vm.reporteddevices.list() == []
    vm.delete()


def test_C_a_disk_added_under_a_storage_domain_is_on_it(either, request):
    """storagedomain.disks.add(): the new floating disk names that domain in its
    storage_domains (3.6 and 4.x). Both engines."""
    api, system = either, v4_system(request)
    sd = api.storagedomains.get(name="data1")
    disk = sd.disks.add(params.Disk(size=GIB, format="cow", interface="virtio",
                                    alias="cfloat"))
    got = api.disks.get(id=disk.id)
    assert [s.id for s in got.storage_domains.storage_domain] == [sd.id]
    assert disk.id in [d.id for d in sd.disks.list()]
    if system is not None:
        assert [s.id for s in system.disks_service().disk_service(disk.id).get()
                .storage_domains] == [sd.id]
    got.delete()


def test_I6_ambiguous_get(either):
    sd = params.StorageDomains(storage_domain=[either.storagedomains.get(name="data1")])
    for _ in range(2):
        either.disks.add(params.Disk(alias="i6dup", storage_domains=sd, size=GIB,
                                     interface="virtio", format="raw"))
    with pytest.raises(errors.AmbiguousQueryError):
        either.disks.get(alias="i6dup")
    assert len(either.disks.list(alias="i6dup")) == 2


# ---------------------------------------------------------------- J. Python 3

def test_J1_async_spelling(either):
    vm = _new_vm(either, "j1")
    assert params.Action(async_=False).get_async() is False
    with pytest.raises(TypeError, match="async_"):
        either.vms.list(**{"async": False})
    vm.delete(async_=False)
    assert either.vms.get(name="j1") is None


def test_J8_one_api_shared_by_threads(either, request):
    api, system = either, v4_system(request)
    errors_seen, names = [], []

    def work(n):
        try:
            vm = _new_vm(api, "j8-%d" % n)
            names.append(api.vms.get(id=vm.id).name)
        except Exception as exc:         # collected: the assert below names it
            errors_seen.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors_seen == [] and sorted(names) == ["j8-%d" % n for n in range(6)]
    if system is not None:
        assert sorted(v.name for v in system.vms_service().list(search="name=j8-*")) == \
            sorted(names)
