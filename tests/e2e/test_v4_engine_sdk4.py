"""The fake engine's v4 dialect (an oVirt 4.5 engine), driven by the real v4 client.

Everything here goes through ``ovirtsdk4`` (ovirt-engine-sdk-python 4.6, the test
extra): what the fake serves is what that client reads, and what it accepts is what
that client writes. Each collection is listed, read, added to, updated and removed
from, and the actions are run, asserting the values read back.
"""
import pytest

from conftest import ovirtsdk4

sdk = ovirtsdk4()
types = sdk.types

pytestmark = pytest.mark.fake_engine(api_version=4)


@pytest.fixture(scope="module")
def engine():
    from ovirtsdk.testing import FakeEngine
    with FakeEngine(api_version=4) as fake:
        yield fake


@pytest.fixture
def conn(engine):
    engine.reset()
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password, ca_file=engine.ca_file)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def system(conn):
    return conn.system_service()


def _data_domain(system, name="data", kind=types.StorageDomainType.DATA):
    return system.storage_domains_service().add(types.StorageDomain(
        name=name, type=kind, host=types.Host(name="Atlantic"),
        storage=types.HostStorage(type=types.StorageType.NFS, address="nfs.example.com",
                                  path="/exports/%s" % name)))


def _up_environment(system):
    """Atlantic approved, a data domain attached and active in Default."""
    hosts = system.hosts_service()
    atlantic = hosts.list(search="name=Atlantic")[0]
    hosts.host_service(atlantic.id).approve()
    sd = _data_domain(system)
    dc = system.data_centers_service().list(search="name=Default")[0]
    attached = system.data_centers_service().data_center_service(dc.id) \
        .storage_domains_service()
    attached.add(types.StorageDomain(id=sd.id))
    attached.storage_domain_service(sd.id).activate()
    return atlantic, sd, dc


def _vm(system, name="vm1", **extra):
    return system.vms_service().add(types.Vm(
        name=name, cluster=types.Cluster(name="Default"),
        template=types.Template(name="Blank"), **extra))


# ---------------------------------------------------------------- connecting


def test_the_v4_client_connects_with_its_defaults_through_sso(engine, system):
    api = system.get()
    assert api.product_info.name == "oVirt Engine"
    assert (api.product_info.version.major, api.product_info.version.minor) == (4, 5)
    assert api.special_objects.blank_template.id == "00000000-0000-0000-0000-000000000000"
    assert api.special_objects.root_tag.id == "00000000-0000-0000-0000-000000000000"
    assert api.summary.hosts.total == 1 and api.summary.vms.total == 0
    assert api.authenticated_user.id is not None
    assert engine.tokens, "the client authenticated with an SSO bearer token"


def test_a_wrong_password_is_an_auth_error(engine):
    engine.reset()
    conn = sdk.Connection(url=engine.url, username=engine.username, password="wrong",
                          ca_file=engine.ca_file)
    with pytest.raises(sdk.AuthError, match="access_denied"):
        conn.system_service().get()
    conn.close(logout=False)


def test_the_default_environment_the_v4_way(system):
    dcs = system.data_centers_service().list()
    assert [d.name for d in dcs] == ["Default"]
    assert dcs[0].status == types.DataCenterStatus.UNINITIALIZED
    clusters = system.clusters_service().list()
    assert [(c.name, c.data_center.id) for c in clusters] == [("Default", dcs[0].id)]
    host = system.hosts_service().list()[0]
    assert (host.name, host.status) == ("Atlantic", types.HostStatus.PENDING_APPROVAL)
    assert host.cluster.id == clusters[0].id
    net = system.networks_service().list(search="name=ovirtmgmt")[0]
    profiles = system.networks_service().network_service(net.id).vnic_profiles_service().list()
    assert [p.name for p in profiles] == ["ovirtmgmt"]
    assert [p.name for p in system.vnic_profiles_service().list()] == ["ovirtmgmt"]
    cnets = system.clusters_service().cluster_service(clusters[0].id).networks_service().list()
    assert [n.name for n in cnets] == ["ovirtmgmt"]
    assert set(n.name for n in [net]) == {"ovirtmgmt"}
    assert types.NetworkUsage.MANAGEMENT in cnets[0].usages
    sds = system.storage_domains_service().list()
    assert [(s.name, s.type, s.status) for s in sds] == [
        ("ISO_DOMAIN", types.StorageDomainType.ISO, types.StorageDomainStatus.UNATTACHED)]
    blank = system.templates_service().list()[0]
    assert (blank.name, blank.id) == ("Blank", "00000000-0000-0000-0000-000000000000")
    dc_svc = system.data_centers_service().data_center_service(dcs[0].id)
    assert [c.name for c in dc_svc.clusters_service().list()] == ["Default"]
    assert [n.name for n in dc_svc.networks_service().list()] == ["ovirtmgmt"]
    levels = [lv.id for lv in system.cluster_levels_service().list()]
    assert "4.7" in levels and "4.2" in levels


# ---------------------------------------------------------------- data centers, clusters


def test_data_centers_list_get_add_update_remove(system):
    dcs = system.data_centers_service()
    dc = dcs.add(types.DataCenter(name="dc2", description="second", local=False))
    assert dc.status == types.DataCenterStatus.UNINITIALIZED
    assert (dc.version.major, dc.version.minor) == (4, 7)
    svc = dcs.data_center_service(dc.id)
    assert svc.get().description == "second"
    assert svc.update(types.DataCenter(description="renamed")).description == "renamed"
    assert svc.get().description == "renamed"
    assert svc.clusters_service().list() == []
    assert svc.quotas_service().list() == []
    assert sorted(d.name for d in dcs.list()) == ["Default", "dc2"]
    svc.remove()
    with pytest.raises(sdk.NotFoundError):
        svc.get()


def test_clusters_and_their_networks(system):
    clusters = system.clusters_service()
    cluster = clusters.add(types.Cluster(name="c2", data_center=types.DataCenter(name="Default"),
                                         cpu=types.Cpu(type="Intel Conroe Family"),
                                         version=types.Version(major=4, minor=7)))
    svc = clusters.cluster_service(cluster.id)
    assert svc.get().cpu.type == "Intel Conroe Family"
    assert svc.update(types.Cluster(description="d")).description == "d"
    net = system.networks_service().add(types.Network(
        name="blue", data_center=types.DataCenter(name="Default"), vlan=types.Vlan(id=10)))
    svc.networks_service().add(types.Network(id=net.id, required=False))
    names = {n.name: n for n in svc.networks_service().list()}
    assert set(names) == {"ovirtmgmt", "blue"}
    assert names["blue"].required is False
    svc.networks_service().network_service(net.id).remove()
    assert [n.name for n in svc.networks_service().list()] == ["ovirtmgmt"]
    svc.remove()
    assert [c.name for c in clusters.list()] == ["Default"]


# ---------------------------------------------------------------- hosts


def test_host_status_transitions_nics_statistics_and_setup_networks(system):
    hosts = system.hosts_service()
    host = hosts.list(search="name=Atlantic")[0]
    svc = hosts.host_service(host.id)
    svc.approve()
    assert svc.get().status == types.HostStatus.UP
    with pytest.raises(sdk.Error) as caught:
        svc.approve()
    assert caught.value.code == 409
    svc.deactivate()
    assert svc.get().status == types.HostStatus.MAINTENANCE
    svc.activate()
    assert svc.get().status == types.HostStatus.UP
    svc.install(root_password="secret")
    nics = svc.nics_service().list()
    assert [(n.name, n.ip.address) for n in nics] == [("eth0", "192.0.2.11")]
    assert svc.statistics_service().list()[0].kind == types.StatisticKind.GAUGE
    blue = system.networks_service().add(types.Network(
        name="blue", data_center=types.DataCenter(name="Default")))
    svc.setup_networks(modified_network_attachments=[types.NetworkAttachment(
        network=types.Network(id=blue.id), host_nic=types.HostNic(name="eth0"))])
    atts = {system.networks_service().network_service(a.network.id).get().name: a
            for a in svc.network_attachments_service().list()}
    assert set(atts) == {"ovirtmgmt", "blue"}
    assert atts["blue"].host_nic.id == nics[0].id
    targets = svc.iscsi_discover(iscsi=types.IscsiDetails(address="192.0.2.5"))
    assert targets == ["iqn.2016-01.com.example:storage.target0"]


def test_hosts_add_update_remove(system):
    hosts = system.hosts_service()
    host = hosts.add(types.Host(name="h2", address="h2.example.com", root_password="x",
                                cluster=types.Cluster(name="Default")))
    assert host.status == types.HostStatus.UP and host.address == "h2.example.com"
    svc = hosts.host_service(host.id)
    assert svc.update(types.Host(comment="rack 4")).comment == "rack 4"
    with pytest.raises(sdk.Error) as caught:
        svc.remove()
    assert caught.value.code == 409 and "Maintenance" in caught.value.fault.detail
    svc.deactivate()
    svc.remove()
    assert [h.name for h in hosts.list()] == ["Atlantic"]


# ---------------------------------------------------------------- networks, profiles


def test_networks_come_with_their_vnic_profile(system):
    nets = system.networks_service()
    net = nets.add(types.Network(name="red", data_center=types.DataCenter(name="Default"),
                                 mtu=9000))
    assert net.mtu == 9000 and net.data_center is not None
    svc = nets.network_service(net.id)
    assert [p.name for p in svc.vnic_profiles_service().list()] == ["red"]
    assert svc.update(types.Network(description="storage")).description == "storage"
    assert svc.network_labels_service().list() == []
    svc.network_labels_service().add(types.NetworkLabel(id="lbl1"))
    assert [lb.id for lb in svc.network_labels_service().list()] == ["lbl1"]
    svc.remove()
    assert sorted(n.name for n in nets.list()) == ["ovirtmgmt"]


def test_vnic_profiles_list_get_add_update_remove(system):
    net = system.networks_service().list(search="name=ovirtmgmt")[0]
    profiles = system.vnic_profiles_service()
    prof = profiles.add(types.VnicProfile(name="mirror", network=types.Network(id=net.id),
                                          port_mirroring=True))
    svc = profiles.profile_service(prof.id)
    got = svc.get()
    assert (got.name, got.port_mirroring, got.network.id) == ("mirror", True, net.id)
    assert svc.update(types.VnicProfile(description="d")).description == "d"
    in_net = system.networks_service().network_service(net.id).vnic_profiles_service().list()
    assert sorted(p.name for p in in_net) == ["mirror", "ovirtmgmt"]
    svc.remove()
    assert [p.name for p in profiles.list()] == ["ovirtmgmt"]


# ---------------------------------------------------------------- storage domains


def test_storage_domains_attach_activate_deactivate_detach(system):
    hosts = system.hosts_service()
    hosts.host_service(hosts.list(search="name=Atlantic")[0].id).approve()
    sd = _data_domain(system)
    assert sd.status is None or sd.status == types.StorageDomainStatus.UNATTACHED
    dc = system.data_centers_service().list(search="name=Default")[0]
    dcs = system.data_centers_service()
    attached = dcs.data_center_service(dc.id).storage_domains_service()
    attached.add(types.StorageDomain(id=sd.id))
    in_dc = attached.storage_domain_service(sd.id)
    assert in_dc.get().status == types.StorageDomainStatus.MAINTENANCE    # until activated
    in_dc.activate()
    assert in_dc.get().status == types.StorageDomainStatus.ACTIVE
    assert in_dc.get().master is True
    assert dcs.data_center_service(dc.id).get().status == types.DataCenterStatus.UP
    in_dc.deactivate()
    assert in_dc.get().status == types.StorageDomainStatus.MAINTENANCE
    in_dc.activate()
    assert in_dc.get().status == types.StorageDomainStatus.ACTIVE
    top = system.storage_domains_service().storage_domain_service(sd.id).get()
    assert [d.id for d in top.data_centers] == [dc.id]
    with pytest.raises(sdk.Error) as caught:
        in_dc.remove()
    assert caught.value.code == 409
    in_dc.deactivate()
    in_dc.remove()
    assert [s.id for s in attached.list()] == []
    svc = system.storage_domains_service().storage_domain_service(sd.id)
    assert svc.get().status == types.StorageDomainStatus.UNATTACHED
    assert svc.update(types.StorageDomain(comment="spare")).comment == "spare"
    svc.remove()


def test_iso_domain_files_disks_templates_and_vms_of_a_domain(system):
    atlantic, sd, dc = _up_environment(system)
    iso = system.storage_domains_service().list(search="name=ISO_DOMAIN")[0]
    iso_svc = system.storage_domains_service().storage_domain_service(iso.id)
    assert iso_svc.files_service().list() == []
    system.data_centers_service().data_center_service(dc.id).storage_domains_service() \
        .add(types.StorageDomain(name="ISO_DOMAIN"))
    files = [f.name for f in iso_svc.files_service().list()]
    assert "Fedora-Server-DVD-x86_64-23.iso" in files
    disk = system.disks_service().add(types.Disk(
        name="d1", format=types.DiskFormat.COW, provisioned_size=2 ** 30,
        storage_domains=[types.StorageDomain(id=sd.id)]))
    sd_svc = system.storage_domains_service().storage_domain_service(sd.id)
    assert [d.id for d in sd_svc.disks_service().list()] == [disk.id]
    export = _data_domain(system, "export", types.StorageDomainType.EXPORT)
    vm = _vm(system)
    system.vms_service().vm_service(vm.id).export(
        storage_domain=types.StorageDomain(id=export.id))
    ex_svc = system.storage_domains_service().storage_domain_service(export.id)
    assert [v.name for v in ex_svc.vms_service().list()] == ["vm1"]
    assert ex_svc.templates_service().list() == []


# ---------------------------------------------------------------- VMs


def test_vms_list_get_add_update_remove(system):
    vms = system.vms_service()
    vm = _vm(system, memory=2 * 2 ** 30, description="web")
    assert vm.status == types.VmStatus.DOWN
    assert vm.memory == 2 * 2 ** 30 and vm.description == "web"
    assert vm.cluster.id == system.clusters_service().list()[0].id
    assert vm.template.id == "00000000-0000-0000-0000-000000000000"
    assert vm.cpu.topology.sockets == 1
    svc = vms.vm_service(vm.id)
    got = svc.get()
    assert got.os.boot.devices == [types.BootDevice.HD]
    updated = svc.update(types.Vm(memory=4 * 2 ** 30, cpu=types.Cpu(
        topology=types.CpuTopology(sockets=2, cores=2, threads=1))))
    assert updated.memory == 4 * 2 ** 30 and updated.cpu.topology.cores == 2
    assert svc.get().cpu.topology.sockets == 2
    svc.remove()
    with pytest.raises(sdk.NotFoundError):
        svc.get()


def test_vm_status_transitions_ticket_and_reported_devices(system):
    atlantic, sd, dc = _up_environment(system)
    vms = system.vms_service()
    vm = _vm(system)
    svc = vms.vm_service(vm.id)
    svc.nics_service().add(types.Nic(name="nic1", vnic_profile=types.VnicProfile(
        id=system.vnic_profiles_service().list()[0].id)))
    svc.start()
    got = svc.get()
    assert got.status == types.VmStatus.UP and got.host.id == atlantic.id
    with pytest.raises(sdk.Error) as caught:
        svc.start()
    assert caught.value.code == 409
    assert caught.value.fault.detail == "[Cannot run VM. VM is running.]"
    ticket = svc.ticket(ticket=types.Ticket(expiry=300))
    assert ticket.expiry == 300 and ticket.value
    devices = svc.reported_devices_service().list()
    assert devices[0].ips[0].address.startswith("192.0.2.")
    assert devices[0].mac.address == svc.nics_service().list()[0].mac.address
    svc.suspend()
    assert svc.get().status == types.VmStatus.SUSPENDED
    svc.start()
    svc.reboot()
    h2 = system.hosts_service().add(types.Host(name="h2", address="h2.example.com",
                                               cluster=types.Cluster(name="Default")))
    svc.migrate(host=types.Host(id=h2.id))
    assert svc.get().host.id == h2.id
    svc.shutdown()
    assert svc.get().status == types.VmStatus.DOWN
    assert svc.reported_devices_service().list() == []
    with pytest.raises(sdk.Error):
        svc.stop()
    svc.start()
    svc.stop()
    assert svc.get().status == types.VmStatus.DOWN
    codes = {e.code for e in system.events_service().list()}
    assert {33, 34, 73, 153} <= codes


def test_vm_disk_attachments_follow_and_the_disk_itself(system):
    atlantic, sd, dc = _up_environment(system)
    vm = _vm(system)
    svc = system.vms_service().vm_service(vm.id)
    atts = svc.disk_attachments_service()
    att = atts.add(types.DiskAttachment(
        disk=types.Disk(name="vm1_disk1", format=types.DiskFormat.COW,
                        provisioned_size=10 * 2 ** 30,
                        storage_domains=[types.StorageDomain(name="data")]),
        interface=types.DiskInterface.VIRTIO_SCSI, bootable=True, active=True))
    assert att.interface == types.DiskInterface.VIRTIO_SCSI and att.bootable is True
    assert att.disk.id and att.disk.provisioned_size is None     # a reference only
    assert att.id == att.disk.id           # an attachment is addressed by its disk's id
    disk = system.disks_service().disk_service(att.disk.id).get()
    assert (disk.name, disk.provisioned_size, disk.format) == (
        "vm1_disk1", 10 * 2 ** 30, types.DiskFormat.COW)
    assert disk.status == types.DiskStatus.OK
    assert disk.storage_domains[0].id == sd.id
    followed = atts.list(follow="disk")
    assert followed[0].disk.name == "vm1_disk1"
    assert followed[0].disk.provisioned_size == 10 * 2 ** 30
    vm_followed = svc.get(follow="disk_attachments.disk")
    assert vm_followed.disk_attachments[0].disk.alias == "vm1_disk1"
    one = atts.attachment_service(att.id)
    assert one.update(types.DiskAttachment(bootable=False)).bootable is False
    one.remove()                           # detaches only
    assert atts.list() == []
    assert system.disks_service().disk_service(disk.id).get().id == disk.id
    atts.add(types.DiskAttachment(disk=types.Disk(id=disk.id), interface=types.DiskInterface.IDE,
                                  bootable=False, active=True))
    assert atts.list()[0].interface == types.DiskInterface.IDE
    assert atts.list()[0].id == disk.id
    unnamed = atts.add(types.DiskAttachment(
        disk=types.Disk(format=types.DiskFormat.COW, provisioned_size=2 ** 30,
                        storage_domains=[types.StorageDomain(name="data")]),
        interface=types.DiskInterface.VIRTIO, bootable=False, active=True))
    assert system.disks_service().disk_service(unnamed.disk.id).get().alias == "vm1_Disk2"
    svc.remove()                           # removes the attached disks too
    with pytest.raises(sdk.NotFoundError):
        system.disks_service().disk_service(disk.id).get()


def test_vm_nics_cdroms_snapshots_statistics_tags_permissions(system):
    _up_environment(system)
    vm = _vm(system)
    svc = system.vms_service().vm_service(vm.id)
    prof = system.vnic_profiles_service().list()[0]
    nics = svc.nics_service()
    nic = nics.add(types.Nic(name="nic1", interface=types.NicInterface.E1000,
                             vnic_profile=types.VnicProfile(id=prof.id)))
    assert nic.vnic_profile.id == prof.id and nic.mac.address
    nsvc = nics.nic_service(nic.id)
    assert nsvc.update(types.Nic(linked=False)).linked is False
    assert [n.name for n in nics.list()] == ["nic1"]
    nsvc.remove()
    assert nics.list() == []
    cdroms = svc.cdroms_service()
    cd = cdroms.list()[0]
    assert cd.id == "00000000-0000-0000-0000-000000000000" and cd.file is None
    cdsvc = cdroms.cdrom_service(cd.id)
    cdsvc.update(types.Cdrom(file=types.File(id="windows_example.iso")))
    assert cdsvc.get().file.id == "windows_example.iso"
    svc.start()
    cdsvc.update(types.Cdrom(file=types.File(id="virtio-win_x86.vfd")), current=True)
    assert cdsvc.get(current=True).file.id == "virtio-win_x86.vfd"
    assert cdsvc.get().file.id == "windows_example.iso"
    svc.stop()
    snaps = svc.snapshots_service()
    snap = snaps.add(types.Snapshot(description="before upgrade"))
    assert snap.snapshot_status == types.SnapshotStatus.OK
    assert sorted(s.description for s in snaps.list()) == ["Active VM", "before upgrade"]
    svc.preview_snapshot(snapshot=types.Snapshot(id=snap.id))
    assert snaps.snapshot_service(snap.id).get().snapshot_status == \
        types.SnapshotStatus.IN_PREVIEW
    svc.undo_snapshot()
    svc.preview_snapshot(snapshot=types.Snapshot(id=snap.id))
    svc.commit_snapshot()
    assert snaps.snapshot_service(snap.id).get().snapshot_status == types.SnapshotStatus.OK
    snaps.snapshot_service(snap.id).remove()
    stats = {s.name: s for s in svc.statistics_service().list()}
    assert stats["memory.installed"].values[0].datum == 2 ** 30
    assert stats["memory.installed"].unit == types.StatisticUnit.BYTES
    tag = system.tags_service().add(types.Tag(name="web"))
    svc.tags_service().add(types.Tag(name="web"))
    assert [t.id for t in svc.tags_service().list()] == [tag.id]
    assert system.vms_service().list(search="tag=web")[0].id == vm.id
    svc.tags_service().tag_service(tag.id).remove()
    assert svc.tags_service().list() == []
    role = [r for r in system.roles_service().list() if r.name == "UserRole"][0]
    user = system.users_service().list()[0]
    perm = svc.permissions_service().add(types.Permission(role=types.Role(id=role.id),
                                                          user=types.User(id=user.id)))
    assert (perm.role.id, perm.user.id, perm.vm.id) == (role.id, user.id, vm.id)
    assert [p.id for p in svc.permissions_service().list()] == [perm.id]
    svc.permissions_service().permission_service(perm.id).remove()
    assert svc.permissions_service().list() == []
    system_perms = system.permissions_service()
    granted = system_perms.add(types.Permission(role=types.Role(name="SuperUser"),
                                                user=types.User(id=user.id)))
    assert [p.id for p in system_perms.list()] == [granted.id]
    system_perms.permission_service(granted.id).remove()
    assert system_perms.list() == []


# ---------------------------------------------------------------- templates, disks


def test_templates_list_get_add_update_remove(system):
    vm = _vm(system, memory=3 * 2 ** 30)
    templates = system.templates_service()
    tpl = templates.add(types.Template(name="tpl1", vm=types.Vm(id=vm.id)))
    assert tpl.status == types.TemplateStatus.OK and tpl.memory == 3 * 2 ** 30
    svc = templates.template_service(tpl.id)
    assert svc.update(types.Template(description="golden")).description == "golden"
    assert sorted(t.name for t in templates.list()) == ["Blank", "tpl1"]
    clone = system.vms_service().add(types.Vm(name="vm2", cluster=types.Cluster(name="Default"),
                                              template=types.Template(name="tpl1")))
    assert clone.memory == 3 * 2 ** 30
    svc.remove()
    with pytest.raises(sdk.Error) as caught:
        templates.template_service("00000000-0000-0000-0000-000000000000").remove()
    assert caught.value.code == 409


def test_disks_list_get_add_update_remove(system):
    _, sd, _ = _up_environment(system)
    disks = system.disks_service()
    disk = disks.add(types.Disk(name="scratch", format=types.DiskFormat.RAW,
                                provisioned_size=2 ** 30, sparse=False,
                                storage_domains=[types.StorageDomain(id=sd.id)]))
    assert (disk.alias, disk.sparse, disk.status) == ("scratch", False, types.DiskStatus.OK)
    svc = disks.disk_service(disk.id)
    assert svc.update(types.Disk(alias="renamed")).alias == "renamed"
    assert [d.alias for d in disks.list(search="alias=ren*")] == ["renamed"]
    svc.remove()
    assert disks.list() == []


# ---------------------------------------------------------------- the rest of the tree


def test_events_search_max_and_from(system):
    events = system.events_service()
    all_events = events.list()
    ids = [int(e.id) for e in all_events]
    assert ids == sorted(ids, reverse=True)
    assert len(events.list(max=1)) == 1
    newer = events.list(from_=ids[-1])
    assert [int(e.id) for e in newer] == ids[:-1]
    added = events.add(types.Event(description="custom", severity=types.LogSeverity.WARNING,
                                   origin="tests", custom_id=7))
    assert events.event_service(added.id).get().description == "custom"
    assert [e.id for e in events.list(search="severity=warning")] == [added.id]
    events.event_service(added.id).remove()


def test_users_groups_roles_tags_list_get_add_update_remove(system):
    users = system.users_service()
    user = users.add(types.User(user_name="joe@internal-authz",
                                domain=types.Domain(name="internal-authz")))
    assert users.user_service(user.id).get().user_name == "joe@internal-authz"
    users.user_service(user.id).remove()
    groups = system.groups_service()
    group = groups.add(types.Group(name="ops", domain=types.Domain(name="internal-authz")))
    assert [g.name for g in groups.list()] == ["ops"]
    groups.group_service(group.id).remove()
    roles = system.roles_service()
    role = roles.add(types.Role(name="viewer", permits=[types.Permit(id="1")]))
    assert roles.role_service(role.id).update(types.Role(description="d")).description == "d"
    roles.role_service(role.id).remove()
    with pytest.raises(sdk.Error):
        roles.role_service([r.id for r in roles.list() if r.name == "SuperUser"][0]).remove()
    tags = system.tags_service()
    tag = tags.add(types.Tag(name="prod", description="production"))
    assert tag.parent.id == "00000000-0000-0000-0000-000000000000"
    assert tags.tag_service(tag.id).update(types.Tag(name="production")).name == "production"
    tags.tag_service(tag.id).remove()
    assert [t.name for t in tags.list()] == ["root"]


def test_cluster_levels_jobs_instance_types_and_vm_pools(system):
    level = system.cluster_levels_service().level_service("4.7").get()
    assert "Intel Conroe Family" in [c.name for c in level.cpu_types]
    jobs = system.jobs_service()
    job = jobs.add(types.Job(description="backup", auto_cleared=True))
    assert job.status == types.JobStatus.STARTED
    jobs.job_service(job.id).end(succeeded=True)
    assert jobs.job_service(job.id).get().status == types.JobStatus.FINISHED
    its = system.instance_types_service()
    assert "Small" in [i.name for i in its.list()]
    it = its.add(types.InstanceType(name="Huge", memory=64 * 2 ** 30))
    assert its.instance_type_service(it.id).get().memory == 64 * 2 ** 30
    its.instance_type_service(it.id).update(types.InstanceType(description="d"))
    its.instance_type_service(it.id).remove()
    pools = system.vm_pools_service()
    pool = pools.add(types.VmPool(name="pool", size=2, cluster=types.Cluster(name="Default"),
                                  template=types.Template(name="Blank")))
    assert pools.pool_service(pool.id).get().size == 2
    assert sorted(v.name for v in system.vms_service().list(search="name=pool-*")) == \
        ["pool-1", "pool-2"]
    assert pools.pool_service(pool.id).update(types.VmPool(max_user_vms=2)).max_user_vms == 2
    pools.pool_service(pool.id).remove()


# ---------------------------------------------------------------- search, paging, faults


def test_search_wildcards_page_and_max():
    from ovirtsdk.testing import FakeEngine
    with FakeEngine(api_version=4, https=False, page_size=3) as small:
        conn = sdk.Connection(url=small.url, username=small.username, password=small.password)
        try:
            _search_checks(conn.system_service())
        finally:
            conn.close()


def _search_checks(system):
    for i in range(5):
        _vm(system, "web%d" % i)
    _vm(system, "db0")
    vms = system.vms_service()
    first = [v.name for v in vms.list(search="name=web*")]          # page 1 of 3
    assert first == [v.name for v in vms.list(search="name=web* page 1")]
    second = [v.name for v in vms.list(search="name=web* page 2")]
    assert (len(first), len(second)) == (3, 2)                      # the engine's page size
    assert sorted(first + second) == ["web0", "web1", "web2", "web3", "web4"]
    assert vms.list(search="name=web* page 3") == []
    assert len(vms.list(search="name=web*", max=2)) == 2
    assert [v.name for v in vms.list(search="name=WEB0", case_sensitive=False)] == ["web0"]
    assert vms.list(search="name=WEB0", case_sensitive=True) == []
    assert [v.name for v in vms.list(search="name=db* or name=web0 sortby name")] == \
        ["db0", "web0"]
    with pytest.raises(sdk.Error) as caught:
        vms.list(search="nosuchfield=1")
    assert caught.value.code == 400


def test_v4_faults_for_bad_requests_conflicts_and_missing_entities(system):
    vms = system.vms_service()
    with pytest.raises(sdk.Error) as caught:
        vms.add(types.Vm(name="x"))
    assert caught.value.code == 400
    assert caught.value.fault.reason == "Incomplete parameters"
    assert "cluster" in caught.value.fault.detail
    _vm(system, "dup")
    with pytest.raises(sdk.Error) as caught:
        _vm(system, "dup")
    assert caught.value.code == 409
    assert "name is already in use" in caught.value.fault.detail
    with pytest.raises(sdk.NotFoundError) as caught:
        vms.vm_service("no-such-id").get()
    assert caught.value.code == 404 and caught.value.fault.detail
    with pytest.raises(sdk.Error) as caught:
        vms.add(types.Vm(name="y", cluster=types.Cluster(name="nope"),
                         template=types.Template(name="Blank")))
    assert caught.value.code == 404 and "nope" in caught.value.fault.detail


def test_actions_on_collections_are_served(system, engine):
    """An action on a collection (``events/undelete``) is answered as a v4 engine
    answers an action; a name that is no action of the collection is still a member
    id (404 when there is none)."""
    events = system.events_service()
    before = [e.id for e in events.list()]
    events.undelete()
    assert engine.requests[-1].path.endswith("/events/undelete")
    assert engine.requests[-1].status == 200
    assert [e.id for e in events.list()] == before
    with pytest.raises(sdk.NotFoundError):
        events.event_service("nosuchaction").get()


# ---------------------------------------------------------------- services of the system


def test_reload_configurations_and_options(engine, system):
    system.reload_configurations()
    assert [r.status for r in engine.requests_to("POST", "/reloadconfigurations")][-1:] \
        == [200]
    options = system.options_service()
    pool = options.option_service("MaxVmsInPool").get()
    assert (pool.name, [(v.value, v.version) for v in pool.values]) == (
        "MaxVmsInPool", [("1000", "general")])
    cpus = options.option_service("MaxNumOfVmCpus").get(version="4.7")
    assert [(v.value, v.version) for v in cpus.values] == [("512", "4.7")]
    assert len(options.option_service("MaxNumOfVmCpus").get().values) > 1
    with pytest.raises(sdk.NotFoundError):
        options.option_service("NoSuchOption").get()


def test_external_vm_and_template_imports_make_a_vm_and_a_template(system):
    _, sd, _ = _up_environment(system)
    done = system.external_vm_imports_service().add(types.ExternalVmImport(
        name="web-on-vmware", provider=types.ExternalVmProviderType.VMWARE,
        url="vpx://vcenter.example.com/DC/cluster/esx1?no_verify=1",
        username="admin", password="secret", cluster=types.Cluster(name="Default"),
        storage_domain=types.StorageDomain(id=sd.id), vm=types.Vm(name="web1")))
    vm = system.vms_service().vm_service(done.vm.id).get()
    assert (vm.name, vm.status) == ("web1", types.VmStatus.DOWN)
    assert done.password is None and done.username == "admin"
    template = system.external_template_imports_service().add(types.ExternalTemplateImport(
        url="ova:///var/tmp/rhel9.ova", template=types.Template(name="rhel9"),
        host=types.Host(name="Atlantic"), cluster=types.Cluster(name="Default"),
        storage_domain=types.StorageDomain(id=sd.id))).template
    assert system.templates_service().template_service(template.id).get().name == "rhel9"
    with pytest.raises(sdk.Error) as caught:
        system.external_vm_imports_service().add(types.ExternalVmImport(name="x"))
    assert caught.value.code == 400 and "url" in str(caught.value)


def test_a_host_nics_lldp_elements(system):
    host = system.hosts_service().list(search="name=Atlantic")[0]
    nics = system.hosts_service().host_service(host.id).nics_service()
    eth0 = [n for n in nics.list() if n.name == "eth0"][0]
    elements = nics.nic_service(eth0.id).link_layer_discovery_protocol_elements_service() \
        .list()
    by_name = {e.name: e for e in elements}
    assert [(e.name, e.type) for e in elements][:3] == [
        ("Chassis ID", 1), ("Port ID", 2), ("Time To Live", 3)]
    assert {p.name: p.value for p in by_name["Port Description"].properties} == {
        "port description": "uplink eth0"}
