#!/usr/bin/env python3
"""Guide 3.8 (example 3.8): remove a resource: fetch it, then call delete()."""
from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the VM DemoVM.
_prereqs.prepare(_prereqs.demo_vm_exists)

api = API(url=url, username=username, password=password, ca_file=ca_file)

vm = api.vms.get("DemoVM")
vm.delete()
print("Virtual machine '%s' removed." % vm.get_name())

print("Still listed: %s" % (api.vms.get("DemoVM") is not None))

api.disconnect()
