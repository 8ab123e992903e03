"""End to end: the SDK driving the fake engine over HTTPS, as the guide's examples do."""
import os
import signal
import subprocess
import sys

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.testing.pytest_plugin import fake_engine  # noqa: F401  (the shipped fixture)
from ovirtsdk.xml import params

trustme = pytest.importorskip("trustme")


@pytest.fixture
def api(fake_engine):  # noqa: F811
    api = API(url=fake_engine.url, username=fake_engine.username,
              password=fake_engine.password, ca_file=fake_engine.ca_file)
    yield api
    if not api._API__context.closed:
        api.disconnect()


def _add_vm(api, name="vm1"):
    return api.vms.add(params.VM(name=name, memory=512 * 1024 * 1024,
                                 cluster=api.clusters.get(name="Default"),
                                 template=api.templates.get(name="Blank"),
                                 os=params.OperatingSystem(boot=[params.Boot(dev="hd")])))


def _storage(api):
    """The guide's 2.10-2.13: NFS data + ISO domains, attached and activated."""
    api.hosts.get(name="Atlantic").approve()
    dc = api.datacenters.get(name="Default")
    host = api.hosts.get(name="Atlantic")
    for name, path, kind in (("data1", "/storage/data", "data"), ("iso1", "/storage/iso", "iso")):
        sd = api.storagedomains.add(params.StorageDomain(
            name=name, data_center=dc, host=host, type_=kind, storage_format="v3",
            storage=params.Storage(address="192.0.43.10", path=path, type_="nfs")))
        assert sd.get_name() == name and sd.get_status().get_state() == "unattached"
    states = []
    for name in ("data1", "iso1"):
        attached = dc.storagedomains.add(api.storagedomains.get(name=name))
        states.append(attached.get_status().get_state())
    assert states == ["maintenance", "maintenance"]
    for name in ("data1", "iso1"):
        dc.storagedomains.get(name=name).activate()
    return dc


# ---------------------------------------------------------------- the guide, chapter 2

def test_entry_point(api, fake_engine):  # noqa: F811
    info = api.get_product_info()
    assert info.name == "oVirt Engine" and info.vendor == "ovirt.org"
    assert (info.version.major, info.version.minor, info.version.build_) == (3, 6, 9)
    special = {link.rel: link.href for link in api.get_special_objects().link}
    assert special["templates/blank"].endswith("/templates/00000000-0000-0000-0000-000000000000")
    summary = api.get_summary()
    assert summary.hosts.total == 1 and summary.vms.total == 0
    assert api.get_time() is not None and api.get_time().tzinfo is not None
    assert api.test() is True


def test_default_environment(api):
    assert [dc.get_name() for dc in api.datacenters.list()] == ["Default"]
    assert [c.get_name() for c in api.clusters.list()] == ["Default"]
    assert [(n.get_name(), n.get_id()) for n in api.networks.list()] == [
        ("ovirtmgmt", "00000000-0000-0000-0000-000000000009")]
    host = api.hosts.get(name="Atlantic")
    assert host.get_status().get_state() == "pending_approval"
    assert host.cluster.id == api.clusters.get(name="Default").id
    assert [n.name for n in host.nics.list()] == ["eth0"]
    assert api.templates.get(name="Blank").get_id() == "00000000-0000-0000-0000-000000000000"
    assert api.clusters.get("Default").get_data_center().get_id() == \
        api.datacenters.get("Default").get_id()
    assert [c.name for c in api.datacenters.get("Default").clusters.list()] == ["Default"]
    assert [n.name for n in api.clusters.get("Default").networks.list()] == ["ovirtmgmt"]
    isos = [sd for sd in api.storagedomains.list() if sd.get_type() == "iso"]
    assert [sd.name for sd in isos] == ["ISO_DOMAIN"]
    assert isos[0].files.list() == []          # not attached yet
    assert api.events.list()


def test_host_approval(api):
    h = api.hosts.get(name="Atlantic")
    assert h.approve()
    assert api.hosts.get(name="Atlantic").status.state == "up"
    h.deactivate()
    assert api.hosts.get(name="Atlantic").status.state == "maintenance"
    h.activate()
    assert api.hosts.get(name="Atlantic").status.state == "up"


def test_storage_domains_attach_and_activate(api):
    dc = _storage(api)
    assert [(sd.name, sd.status.state) for sd in dc.storagedomains.list()] == [
        ("data1", "active"), ("iso1", "active")]
    assert api.datacenters.get(name="Default").status.state == "up"
    top = api.storagedomains.get(name="data1")
    assert top.status is None and top.master is True       # engine: no status once attached
    assert [d.id for d in top.data_centers.data_center] == [dc.id]
    dc.storagedomains.get(name="data1").deactivate()
    assert dc.storagedomains.get(name="data1").status.state == "maintenance"


def test_iso_files_once_attached(api):
    _storage(api)
    sd = api.storagedomains.get(name="iso1")
    names = [f.get_name() for f in sd.files.list()]
    assert "RHEL6.3-Server-x86_64-DVD1.iso" in names
    f = sd.files.get(name="RHEL6.3-Server-x86_64-DVD1.iso")
    assert f.id == f.name == "RHEL6.3-Server-x86_64-DVD1.iso"


def test_vm_nic_disk_cdrom_start(api):
    _storage(api)
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    assert vm.status.state == "down" and vm.memory == 512 * 1024 * 1024
    assert vm.cluster.id == api.clusters.get(name="Default").id
    assert vm.template.id == "00000000-0000-0000-0000-000000000000"

    nic = vm.nics.add(params.NIC(name="nic1", interface="virtio",
                                 network=api.networks.get(name="ovirtmgmt")))
    assert nic.get_name() == "nic1" and nic.mac.address
    assert nic.network.id == "00000000-0000-0000-0000-000000000009"

    sd = params.StorageDomains(storage_domain=[api.storagedomains.get(name="data1")])
    disk = vm.disks.add(params.Disk(storage_domains=sd, size=8 * 1024 * 1024, type_="system",
                                    interface="virtio", format="cow", bootable=True))
    assert disk.get_name() == "vm1_Disk1"
    assert [d.get_size() for d in vm.disks.list()] == [8 * 1024 * 1024]
    assert vm.disks.list()[0].active is True
    assert [d.alias for d in api.storagedomains.get(name="data1").disks.list()] == ["vm1_Disk1"]

    iso = api.storagedomains.get(name="iso1").files.get(name="RHEL6.3-Server-x86_64-DVD1.iso")
    assert vm.cdroms.add(params.CdRom(file=iso))
    assert [c.file.id for c in vm.cdroms.list()] == ["RHEL6.3-Server-x86_64-DVD1.iso"]
    assert vm.cdroms.list()[0].id == "00000000-0000-0000-0000-000000000000"

    assert vm.start()
    assert api.vms.get("vm1").status.state == "up"
    assert api.vms.get("vm1").host.id == api.hosts.get(name="Atlantic").id
    cdrom = vm.cdroms.get(id="00000000-0000-0000-0000-000000000000")
    cdrom.set_file(params.File(id="windows_example.iso"))
    assert cdrom.update(current=True).file.id == "windows_example.iso"
    # the running VM's disc changed; its configuration (next run) did not
    assert vm.cdroms.list(current=True)[0].file.id == "windows_example.iso"
    assert vm.cdroms.list()[0].file.id == "RHEL6.3-Server-x86_64-DVD1.iso"
    vm.stop()
    assert api.vms.get("vm1").status.state == "down"
    result = vm.start(action=params.Action(vm=params.VM(
        os=params.OperatingSystem(boot=[params.Boot(dev="cdrom")]),
        floppies=params.Floppies(floppy=[params.Floppy(file=params.File(id="x.vfd"))]))))
    assert result.status.state == "complete"
    vm.shutdown()
    assert api.vms.get("vm1").status.state == "down"


def test_disk_detach_keeps_the_disk_delete_removes_it(api):
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    for _ in range(2):
        vm.disks.add(params.Disk(provisioned_size=1024 ** 3, interface="virtio", format="raw"))
    first, second = vm.disks.list()
    first.delete(action=params.Action(detach=True))
    assert [d.id for d in vm.disks.list()] == [second.id]
    assert api.disks.get(id=first.id) is not None          # still in the system
    second.delete()
    assert vm.disks.list() == [] and api.disks.get(id=second.id) is None
    # an existing disk attaches by id
    attached = vm.disks.add(params.Disk(id=first.id))
    assert attached.id == first.id and [d.id for d in vm.disks.list()] == [first.id]


def test_update_merges(api):
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    vm.memory = 2 * 1024 ** 3
    vm.description = "resized"
    updated = vm.update()
    assert updated.memory == 2 * 1024 ** 3
    again = api.vms.get(name="vm1")
    assert (again.memory, again.description) == (2 * 1024 ** 3, "resized")
    assert again.os.boot[0].dev == "hd" and again.cluster is not None
    # a partial PUT keeps what it does not mention
    vm = api.vms.get(name="vm1")
    vm.superclass = params.VM(id=vm.id, name="vm1", cpu=params.CPU(
        topology=params.CpuTopology(cores=2)))
    vm.update()
    again = api.vms.get(name="vm1")
    assert again.cpu.topology.cores == 2 and again.cpu.topology.sockets == 1
    assert again.description == "resized"


def test_delete_vm(api):
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    vm.delete()
    assert api.vms.get(name="vm1") is None
    assert api.vms.get(id=vm.id) is None


def test_expect_201_created(api):
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    disk = params.Disk(provisioned_size=1024 ** 3, interface="virtio", format="raw")
    # asynchronous creation: 202 and a locked disk, unless Expect: 201-created
    assert vm.disks.add(disk).status.state == "locked"
    disk.alias = "waited"
    assert vm.disks.add(disk, expect="201-created").status.state == "ok"
    assert [d.status.state for d in vm.disks.list()] == ["ok", "ok"]


def test_events_paging(api, fake_engine):  # noqa: F811
    fake_engine.engine.page_size = 4
    for i in range(10):
        _add_vm(api, "vm%d" % i)
    pages, index = [], 1
    while True:
        page = api.events.list(query="page %d" % index)
        if not page:
            break
        pages.append(page)
        index += 1
    events = [e for page in pages for e in page]
    ids = [int(e.id) for e in events]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert all(len(p) == 4 for p in pages[:-1])
    created = [e for e in events if e.get_code() == 34]
    assert len(created) == 10
    assert created[0].get_description() == "VM vm9 was created by admin@internal."
    assert created[0].get_severity() == "normal" and created[0].get_time().tzinfo
    assert created[0].vm.id == api.vms.get(name="vm9").id


def test_sub_collections_of_every_kind(api):
    _add_vm(api)
    vm = api.vms.get(name="vm1")
    # owned sub-collection (nics), views (disks, tags, permissions), empty ones
    assert [s.description for s in vm.snapshots.list()] == ["Active VM"]
    vm.snapshots.add(params.Snapshot(description="before upgrade"))
    assert [(s.description, s.type_) for s in vm.snapshots.list()] == [
        ("Active VM", "active"), ("before upgrade", "regular")]
    stats = {s.name: s for s in vm.statistics.list()}
    assert sorted(stats) == ["cpu.current.guest", "elapsed.time", "memory.installed",
                             "memory.used"]
    installed = stats["memory.installed"]
    assert (installed.type_, installed.unit, installed.values.type_) == (
        "GAUGE", "BYTES", "INTEGER")
    assert installed.values.value[0].datum == vm.memory and installed.vm.id == vm.id
    tag = api.tags.add(params.Tag(name="prod"))
    vm.tags.add(params.Tag(name="prod"))
    assert [t.id for t in vm.tags.list()] == [tag.id]
    vm.tags.get(name="prod").delete()
    assert vm.tags.list() == [] and api.tags.get(name="prod") is not None
    cluster = api.clusters.get(name="Default")
    assert [n.name for n in cluster.networks.list()] == ["ovirtmgmt"]
    net = api.networks.add(params.Network(name="net2",
                                          data_center=api.datacenters.get(name="Default")))
    assert [n.name for n in api.datacenters.get(name="Default").networks.list()] == [
        "ovirtmgmt", "net2"]
    cluster.networks.add(params.Network(id=net.id))
    assert [n.name for n in cluster.networks.list()] == ["ovirtmgmt", "net2"]


# ---------------------------------------------------------------- transport

@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_https_requires_the_engine_ca(fake_engine):  # noqa: F811
    other = trustme.CA()
    path = os.path.join(os.path.dirname(fake_engine.ca_file), "other.crt")
    other.cert_pem.write_to_path(path)
    with pytest.raises(errors.ConnectionError):
        API(url=fake_engine.url, username=fake_engine.username,
            password=fake_engine.password, ca_file=path)
    with pytest.warns(UserWarning):
        api = API(url=fake_engine.url, username=fake_engine.username,
                  password=fake_engine.password, insecure=True)
    api.disconnect()


def test_client_certificate_requirement():
    with FakeEngine(require_client_cert=True) as engine:
        assert engine.client_cert_file and engine.client_key_file
        with pytest.raises(errors.ConnectionError):
            API(url=engine.url, username=engine.username, password=engine.password,
                ca_file=engine.ca_file)
        api = API(**engine.api_kwargs())
        assert api.hosts.get(name="Atlantic") is not None
        api.disconnect()


def test_plain_http_mode():
    with FakeEngine(https=False, port=0) as engine:
        assert engine.url.startswith("http://127.0.0.1:") and engine.ca_file is None
        api = API(url=engine.url, username=engine.username, password=engine.password)
        assert api.get_product_info().name == "oVirt Engine"
        api.disconnect()


def test_certificate_files_are_removed_on_stop():
    engine = FakeEngine()
    engine.start()
    assert os.path.exists(engine.ca_file)
    engine.stop()
    assert not os.path.exists(engine.ca_file)


def test_command_line():
    import ovirtsdk
    # the child imports the same ovirtsdk as this test (installed or not)
    where = os.path.dirname(os.path.dirname(os.path.abspath(ovirtsdk.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [where] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    proc = subprocess.Popen([sys.executable, "-m", "ovirtsdk.testing", "--http", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        fields = dict(line.strip().split(": ", 1) for line in lines[1:])
        api = API(url=fields["url"].strip(), username=fields["username"].strip(),
                  password=fields["password"].strip())
        assert api.hosts.get(name="Atlantic") is not None
        api.disconnect()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out


def test_summary_counts_active_storage_domains(api):
    # data1 and iso1 attached and activated, ISO_DOMAIN unattached
    dc = _storage(api)
    summary = api.get_summary().storage_domains
    assert (summary.total, summary.active) == (3, 2)
    dc.storagedomains.get(name="data1").deactivate()
    summary = api.get_summary().storage_domains
    assert (summary.total, summary.active) == (3, 1)     # attached but in maintenance
    dc.storagedomains.get(name="iso1").deactivate()
    assert api.get_summary().storage_domains.active == 0
