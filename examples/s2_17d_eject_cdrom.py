#!/usr/bin/env python3
"""Guide 2.17 (example 2.18): eject the CD from vm1.

The guide calls delete() on the VM's CD-ROM device (the well-known zero id).
A 3.6 engine has no DELETE for a VM's CD-ROM, so the 3.6 SDK's VMCdRom has no
delete() (only update()); the guide's call fails with AttributeError there.
What works on 3.6 is to update the drive with an empty file.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): vm1 with the RHEL ISO in its drive.
_prereqs.prepare(_prereqs.vm1_has_iso)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm = api.vms.get(name="vm1")

    try:
        cdrom = vm.cdroms.get(id="00000000-0000-0000-0000-000000000000")
        cdrom.set_file(params.File(id=""))
        cdrom.update()
        print("Removed CD from '%s'." % vm.get_name())
    except Exception as ex:
        print("Failed to remove CD from '%s': %s" % (vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
