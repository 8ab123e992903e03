#!/usr/bin/env python3
"""Guide 2.17 (note to example 2.17): change the CD of a running VM.

A running VM's CD-ROM (id 00000000-0000-0000-0000-000000000000) gets its new
file through update(current=True): the change applies to the running VM now.
"""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()


def vm1_running(api):
    vm = api.vms.get(name="vm1")
    if vm.get_status().get_state() == "down":
        vm.start()


# Set-up (not part of the example): iso1 active in Default, vm1 with a disk, running.
_prereqs.prepare(_prereqs.vm1_has_disk, vm1_running)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    sd = api.storagedomains.get(name="iso1")

    cd_iso = sd.files.get(name="RHEL6.3-Server-x86_64-DVD1.iso")
    cd_vm = api.vms.get(name="vm1")

    try:
        cdrom = cd_vm.cdroms.get(id="00000000-0000-0000-0000-000000000000")
        cdrom.set_file(cd_iso)
        cdrom.update(current=True)
        print("Attached CD to '%s'." % cd_vm.get_name())
    except Exception as ex:
        print("Failed to attach CD to '%s': %s" % (cd_vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
