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


def _new_vm(api, name, **members):
    return api.vms.add(params.VM(name=name, cluster=api.clusters.get(name="Default"),
                                 template=api.templates.get(name="Blank"), **members))


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
def api3():
    """The same environment on the v3 fake engine (``FakeEngine()``)."""
    with FakeEngine() as fake:
        a = API(fake.url, fake.username, fake.password, ca_file=fake.ca_file)
        assert a.get_protocol() != "v4"
        _setup(a)
        yield a
        a.disconnect()


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


def test_E7_G14_G16_export_and_import_vm(api, system):
    vm = _new_vm(api, "e7")
    vm.export(params.Action(storage_domain=params.StorageDomain(name="exp1")))
    exp = api.storagedomains.get(name="exp1")
    assert "e7" in [v.name for v in exp.vms.list()]
    assert [v.name for v in exp.vms.list(name="e7*")] == ["e7"]
    assert "e7" in [v.name for v in _sd4(system, "exp1").vms_service().list()]
    action = exp.vms.get("e7").import_vm(params.Action(
        cluster=params.Cluster(name="Default"),
        storage_domain=params.StorageDomain(name="data1")))
    assert action.status.state == "complete"


def test_E8_G14_export_template_and_list(api, system):
    api.templates.add(params.Template(name="e8tpl", vm=api.vms.get(name="vm1")))
    tpl = api.templates.get(name="e8tpl")
    tpl.export(params.Action(storage_domain=params.StorageDomain(name="exp1")))
    exp = api.storagedomains.get(name="exp1")
    assert "e8tpl" in [t.name for t in exp.templates.list()]
    assert "e8tpl" in [t.name for t in _sd4(system, "exp1").templates_service().list()]
    assert exp.templates.get("e8tpl").id == tpl.id
    data = api.storagedomains.get(name="data1")
    assert data.templates.list(unregistered=True) == \
        [] == _sd4(system, "data1").templates_service().list(unregistered=True)


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


def test_E10_cdroms(api, system):
    vm = _new_vm(api, "e10")
    cdrom = vm.cdroms.add(params.CdRom(file=params.File(id=ISO)))
    assert cdrom.file.id == ISO
    cd4 = _vm4(system, "e10").cdroms_service()
    assert [c.file.id for c in cd4.list()] == [ISO]
    got = vm.cdroms.get(id=ZERO)
    assert got.id == ZERO
    vm.start()
    got = api.vms.get(name="e10").cdroms.get(id=ZERO)
    got.set_file(params.File(id="windows_example.iso"))
    assert got.update(current=True).file.id == "windows_example.iso"
    assert cd4.cdrom_service(ZERO).get(current=True).file.id == "windows_example.iso"
    assert cd4.cdrom_service(ZERO).get().file.id == ISO


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


# ---------------------------------------------------------------- G. methods

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
    via_dc = api.datacenters.get(name="Default").clusters.get(name="Default") \
        .glustervolumes.get(name="e17gv")
    assert [b.id for b in via_dc.bricks.list()] == [b.id for b in bricks4.list()]


def test_G25_vm_move_raises_not_translated(api, engine):
    vm = api.vms.get(name="vm1")
    last = engine.requests[-1]
    _not_translated(lambda: vm.move(params.Action(
        storage_domain=params.StorageDomain(name="data1"))), "/vms/{}/move")
    assert engine.requests[-1] is last


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
        if items and depth < 2 and label + "." + name != "hosts[0].nics":
            # (host NIC labels and attachments: the hostnics change translates them)
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
