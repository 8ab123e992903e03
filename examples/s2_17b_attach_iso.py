#!/usr/bin/env python3
"""Guide 2.17 (example 2.17): put an ISO image into vm1's CD-ROM drive (VM down).

The file is fetched from the ISO domain's ``files`` and added to the VM's
``cdroms`` sub-collection.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): iso1 active in Default, and vm1 (down).
_prereqs.prepare(_prereqs.storage_active, _prereqs.vm_down("vm1"))

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    sd = api.storagedomains.get(name="iso1")

    cd_iso = sd.files.get(name="RHEL6.3-Server-x86_64-DVD1.iso")
    cd_vm = api.vms.get(name="vm1")
    cd_params = params.CdRom(file=cd_iso)

    try:
        cd_vm.cdroms.add(cd_params)
        print("Attached CD to '%s'." % cd_vm.get_name())
    except Exception as ex:
        print("Failed to attach CD to '%s': %s" % (cd_vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
