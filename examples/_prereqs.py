"""Quiet set-up steps, so that each example runs on its own.

The guide's examples build on each other (approve the host, add storage,
attach it, activate it, create vm1, ...).  An example that needs an earlier
step calls ``prepare(step)`` first: each step does only what is still missing
(it is harmless against an engine where it was already done) and prints
nothing.  None of this is part of the examples themselves.
"""
from ovirtsdk.xml import params

from _connect import connect

CDROM_ID = "00000000-0000-0000-0000-000000000000"
RHEL_ISO = "RHEL6.3-Server-x86_64-DVD1.iso"


def prepare(*steps):
    """Run the given set-up steps on a connection of their own."""
    api, cleanup = connect()
    try:
        for step in steps:
            step(api)
    finally:
        cleanup()


def host_approved(api):
    host = api.hosts.get(name="Atlantic")
    if host.get_status().get_state() in ("pending_approval", "install_failed"):
        host.approve()


def storage_added(api):
    """NFS data domain ``data1`` and NFS ISO domain ``iso1``."""
    host_approved(api)
    dc = api.datacenters.get(name="Default")
    host = api.hosts.get(name="Atlantic")
    for name, kind, path in (("data1", "data", "/storage/data"),
                             ("iso1", "iso", "/storage/iso")):
        if api.storagedomains.get(name=name) is None:
            api.storagedomains.add(params.StorageDomain(
                name=name, data_center=dc, host=host, type_=kind, storage_format="v3",
                storage=params.Storage(address="192.0.43.10", path=path, type_="nfs")))


def storage_attached(api):
    """``data1`` and ``iso1`` attached to the Default data center."""
    storage_added(api)
    dc = api.datacenters.get(name="Default")
    for name in ("data1", "iso1"):
        if dc.storagedomains.get(name=name) is None:
            dc.storagedomains.add(api.storagedomains.get(name=name))


def storage_active(api):
    """``data1`` and ``iso1`` active in the Default data center."""
    storage_attached(api)
    dc = api.datacenters.get(name="Default")
    for name in ("data1", "iso1"):
        sd = dc.storagedomains.get(name=name)
        if sd.get_status().get_state() != "active":
            sd.activate()


def vm_exists(name):
    """A step creating VM ``name`` (Default cluster, Blank template) if missing."""
    def step(api):
        if api.vms.get(name=name) is None:
            api.vms.add(params.VM(
                name=name, memory=512 * 1024 * 1024,
                cluster=api.clusters.get(name="Default"),
                template=api.templates.get(name="Blank"),
                os=params.OperatingSystem(boot=[params.Boot(dev="hd")])))
    step.__name__ = "vm_exists_%s" % name
    return step


def vm_down(name):
    """A step making sure VM ``name`` exists and is not running."""
    def step(api):
        vm_exists(name)(api)
        vm = api.vms.get(name=name)
        if vm.get_status().get_state() != "down":
            vm.stop()
    return step


def vm1_exists(api):
    vm_exists("vm1")(api)


def vm1_has_disk(api):
    """``vm1`` with its boot disk ``vm1_Disk1`` on ``data1``."""
    storage_active(api)
    vm1_exists(api)
    vm = api.vms.get(name="vm1")
    if not vm.disks.list():
        vm.disks.add(params.Disk(
            storage_domains=params.StorageDomains(
                storage_domain=[api.storagedomains.get(name="data1")]),
            size=8 * 1024 * 1024, type_="system", interface="virtio", format="cow",
            bootable=True))


def vm1_has_iso(api):
    """``vm1`` with the RHEL ISO in its CD-ROM drive."""
    storage_active(api)
    vm1_exists(api)
    vm = api.vms.get(name="vm1")
    cdrom = vm.cdroms.get(id=CDROM_ID)
    if cdrom is None or cdrom.get_file() is None or not cdrom.get_file().get_id():
        iso = api.storagedomains.get(name="iso1").files.get(name=RHEL_ISO)
        vm.cdroms.add(params.CdRom(file=iso))


def demo_vm_exists(api):
    vm_exists("DemoVM")(api)


def vm01_exists(api):
    vm_exists("VM01")(api)


def demo_datacenter_exists(api):
    """A second data center, DemoDataCenter, of storage type nfs."""
    if api.datacenters.get(name="DemoDataCenter") is None:
        api.datacenters.add(params.DataCenter(name="DemoDataCenter", storage_type="nfs",
                                              local=False,
                                              version=params.Version(major=3, minor=2)))
