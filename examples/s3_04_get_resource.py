#!/usr/bin/env python3
"""Guide 3.4 (examples 3.1 and 3.2): get a specific resource.

The first positional argument of get() is the name.  all_content=True asks the
engine for the resource's complete representation (the All-Content header).
"""
from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): a VM named VM01.
_prereqs.prepare(_prereqs.vm01_exists)

api = API(url=url, username=username, password=password, ca_file=ca_file)

# Example 3.1: by name, positionally or with the keyword.
dc = api.datacenters.get("Default")
print("get(\"Default\"):      %s (%s)" % (dc.get_name(), dc.get_id()))

dc = api.datacenters.get(name="Default")
print("get(name=\"Default\"): %s (%s)" % (dc.get_name(), dc.get_id()))

# Example 3.2: with all of its content.
vm = api.vms.get(name="VM01", all_content=True)
print("VM %s (%s): %d MiB, status %s"
      % (vm.get_name(), vm.get_id(), vm.get_memory() // (1024 * 1024),
         vm.get_status().get_state()))

api.disconnect()
