#!/usr/bin/env python3
"""Guide 2.19 (example 2.20): start vm1."""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): an approved host, storage, vm1 with a boot disk.
_prereqs.prepare(_prereqs.vm1_has_disk)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm = api.vms.get(name="vm1")

    try:
        vm.start()
        print("Started '%s'." % vm.get_name())
    except Exception as ex:
        print("Unable to start '%s': %s" % (vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
