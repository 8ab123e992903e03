#!/usr/bin/env python3
"""Guide 2.16 (example 2.15): add a bootable virtio disk to vm1, stored on data1.

The size is the guide's value, 8*1024*1024 bytes; type system, format cow.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): data1 active in Default, and vm1.
_prereqs.prepare(_prereqs.storage_active, _prereqs.vm1_exists)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm = api.vms.get(name="vm1")

    sd = params.StorageDomains(storage_domain=[api.storagedomains.get(name="data1")])
    disk_size = 8 * 1024 * 1024
    disk_type = "system"
    disk_interface = "virtio"
    disk_format = "cow"
    disk_bootable = True

    disk_params = params.Disk(storage_domains=sd,
                              size=disk_size,
                              type_=disk_type,
                              interface=disk_interface,
                              format=disk_format,
                              bootable=disk_bootable)

    try:
        d = vm.disks.add(disk_params)
        print("Disk '%s' added to '%s'." % (d.get_name(), vm.get_name()))
    except Exception as ex:
        print("Adding disk to '%s' failed: %s" % (vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
