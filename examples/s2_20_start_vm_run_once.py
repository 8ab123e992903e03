#!/usr/bin/env python3
"""Guide 2.20 (example 2.21): start a VM once with overriding parameters.

Like "Run Once" in the portals: boot Win_machine from a Windows ISO and give it
the virtio-win floppy with the drivers.  Both files must be on the ISO domain.
The overrides travel in the start action's ``vm`` element; they do not change
the VM's stored configuration.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): active storage (the ISO domain holds both
# files) and the VM Win_machine, down.
_prereqs.prepare(_prereqs.storage_active, _prereqs.vm_down("Win_machine"))

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)
except Exception as ex:
    print("Failed to connect to API: %s" % ex)
    sys.exit(1)

try:
    vm = api.vms.get(name="Win_machine")
except Exception as ex:
    print("Failed to retrieve VM: %s" % ex)
    sys.exit(1)

cdrom = params.CdRom(file=params.File(id="windows_example.iso"))
floppy = params.Floppy(file=params.File(id="virtio-win_x86.vfd"))
status = 0
try:
    vm.start(
        action=params.Action(
            vm=params.VM(
                os=params.OperatingSystem(
                    boot=[params.Boot(dev="cdrom")]
                ),
                cdroms=params.CdRoms(cdrom=[cdrom]),
                floppies=params.Floppies(floppy=[floppy])
            )
        )
    )
    # Not in the guide (it prints only failures): say that it worked.
    print("Started '%s' once from %s with floppy %s."
          % (vm.get_name(), cdrom.get_file().get_id(), floppy.get_file().get_id()))
except Exception as ex:
    print("Failed to start VM: %s" % ex)
    status = 1

api.disconnect()
sys.exit(status)
