#!/usr/bin/env python3
"""Guide 2.8 (example 2.7): print each VM with the total size of its disks (bytes)."""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): a VM with a disk, so there is something to list.
_prereqs.prepare(_prereqs.vm1_has_disk)

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    virtual_machines = api.vms.list()

    if len(virtual_machines) > 0:

        print("%-30s  %s" % ("Name", "Disk Size"))
        print("=====")

        for virtual_machine in virtual_machines:

            disks = virtual_machine.disks.list()

            disk_size = 0

            for disk in disks:
                disk_size += disk.get_size()

            print("%-30s: %d" % (virtual_machine.get_name(), disk_size))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
