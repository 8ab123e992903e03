#!/usr/bin/env python3
"""Guide 2.18 (example 2.19): detach a disk from a VM without deleting it.

The guide's placeholders VM_NAME and DISK_NAME are vm1 and its disk vm1_Disk1.
Deleting the VM's disk with an Action(detach=True) body only unplugs it from
the VM; the disk stays in the ``disks`` collection.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

VM_NAME = "vm1"
DISK_NAME = "vm1_Disk1"

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): vm1 with its disk vm1_Disk1.
_prereqs.prepare(_prereqs.vm1_has_disk)

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm = api.vms.get(name=VM_NAME)
    disk = vm.disks.get(name=DISK_NAME)

    detach = params.Action(detach=True)
    disk.delete(action=detach)

    print("Detached disk %s successfully!" % disk.get_name())

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
