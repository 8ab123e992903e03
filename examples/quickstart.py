#!/usr/bin/env python3
"""Quick start: from an empty setup to a running VM, in one script.

The steps of the guide's chapter 2, one after the other:

 1. connect and approve the host Atlantic
 2. add an NFS data domain (data1) and an NFS ISO domain (iso1)
 3. attach both to the Default data center and activate them
 4. create the VM vm1 (cluster Default, template Blank)
 5. give it a NIC on ovirtmgmt and a boot disk on data1
 6. put an ISO image into its CD-ROM drive
 7. start it
 8. print the most recent events

Run it against an engine with OVIRT_URL, OVIRT_USERNAME, OVIRT_PASSWORD and
OVIRT_CA_FILE set, or without them to use the embedded fake engine:

    pip install '.[testing]' && python examples/quickstart.py

Steps already done (e.g. a second run against the same engine) are skipped.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.infrastructure.errors import RequestError
from ovirtsdk.xml import params

from _connect import connection_settings

DC_NAME = "Default"
HOST_NAME = "Atlantic"
VM_NAME = "vm1"
ISO_NAME = "RHEL6.3-Server-x86_64-DVD1.iso"
NFS_SERVER = "192.0.43.10"


def step(text):
    print("* " + text)


def done(text):
    print("    " + text)


def main():
    url, username, password, ca_file = connection_settings()

    step("Connecting to %s as %s" % (url, username))
    api = API(url=url, username=username, password=password, ca_file=ca_file)
    try:
        run(api)
    finally:
        api.disconnect()
    print("Done.")


def run(api):
    done("Connected to %s successfully!" % api.get_product_info().name)

    # 1. The host.
    step("Host")
    host = api.hosts.get(name=HOST_NAME)
    if host.get_status().get_state() == "pending_approval":
        host.approve()
        host = api.hosts.get(name=HOST_NAME)
        done("Host '%s' approved (Status: %s)." % (host.get_name(),
                                                  host.get_status().get_state()))
    else:
        done("Host '%s' is %s." % (host.get_name(), host.get_status().get_state()))

    # 2. Storage domains.
    step("Storage")
    dc = api.datacenters.get(name=DC_NAME)
    for name, kind, path in (("data1", "data", "/storage/data"),
                             ("iso1", "iso", "/storage/iso")):
        sd = api.storagedomains.get(name=name)
        if sd is None:
            sd = api.storagedomains.add(params.StorageDomain(
                name=name, data_center=dc, host=host, type_=kind, storage_format="v3",
                storage=params.Storage(address=NFS_SERVER, path=path, type_="nfs")))
            done("Storage Domain '%s' added (%s)." % (sd.get_name(), sd.get_id()))
        else:
            done("Storage Domain '%s' exists (%s)." % (sd.get_name(), sd.get_id()))

    # 3. Attach and activate them.
    for name in ("data1", "iso1"):
        dc_sd = dc.storagedomains.get(name=name)
        if dc_sd is None:
            dc_sd = dc.storagedomains.add(api.storagedomains.get(name=name))
            done("Attached storage domain '%s' to data center '%s' (Status: %s)."
                 % (dc_sd.get_name(), dc.get_name(), dc_sd.get_status().get_state()))
        if dc_sd.get_status().get_state() != "active":
            dc_sd.activate()
            dc_sd = dc.storagedomains.get(name=name)
            done("Activated storage domain '%s' in data center '%s' (Status: %s)."
                 % (dc_sd.get_name(), dc.get_name(), dc_sd.get_status().get_state()))

    # 4. The VM.
    step("Virtual machine")
    vm = api.vms.get(name=VM_NAME)
    if vm is None:
        vm = api.vms.add(params.VM(
            name=VM_NAME,
            memory=512 * 1024 * 1024,
            cluster=api.clusters.get(name="Default"),
            template=api.templates.get(name="Blank"),
            os=params.OperatingSystem(boot=[params.Boot(dev="hd")])))
        done("Virtual machine '%s' added (%s)." % (vm.get_name(), vm.get_id()))
    else:
        done("Virtual machine '%s' exists (%s)." % (vm.get_name(), vm.get_id()))

    # 5. NIC and disk.
    if vm.nics.get(name="nic1") is None:
        nic = vm.nics.add(params.NIC(name="nic1", interface="virtio",
                                     network=api.networks.get(name="ovirtmgmt")))
        done("Network interface '%s' added to '%s' (MAC %s)."
             % (nic.get_name(), vm.get_name(), nic.get_mac().get_address()))
    if not vm.disks.list():
        disk = vm.disks.add(params.Disk(
            storage_domains=params.StorageDomains(
                storage_domain=[api.storagedomains.get(name="data1")]),
            size=8 * 1024 * 1024 * 1024,
            type_="system",
            interface="virtio",
            format="cow",
            bootable=True))
        done("Disk '%s' added to '%s' (%d GiB)."
             % (disk.get_name(), vm.get_name(), disk.get_size() // 1024 ** 3))

    # 6. The installation ISO.
    step("CD-ROM")
    iso_domain = api.storagedomains.get(name="iso1")
    iso = iso_domain.files.get(name=ISO_NAME)
    vm.cdroms.add(params.CdRom(file=iso))
    done("Attached CD %s to '%s'." % (iso.get_name(), vm.get_name()))

    # 7. Start it.
    step("Start")
    vm = api.vms.get(name=VM_NAME)
    if vm.get_status().get_state() == "down":
        vm.start()
        vm = api.vms.get(name=VM_NAME)
        done("Started '%s' (Status: %s)." % (vm.get_name(), vm.get_status().get_state()))
    else:
        done("'%s' is already %s." % (vm.get_name(), vm.get_status().get_state()))

    # 8. Recent events, oldest first (the engine lists the newest first).
    step("Recent events")
    events = api.events.list(max=10)
    for event in reversed(events):
        done("%s %s CODE %s - %s" % (event.get_time(), event.get_severity().upper(),
                                     event.get_code(), event.get_description()))


if __name__ == "__main__":
    try:
        main()
    except RequestError as ex:
        print("The engine refused a request: %s" % ex)
        sys.exit(1)
    except Exception as ex:
        print("Unexpected error: %s" % ex)
        sys.exit(1)
