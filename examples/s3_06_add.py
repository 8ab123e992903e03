#!/usr/bin/env python3
"""Guide 3.6 (examples 3.5 and 3.6): add resources to collections.

Build the parameter object of the resource's type (ovirtsdk.xml.params), then
call add() of the collection it belongs to.  Parameter objects nest: a
DataCenter takes a Version.
"""
from ovirtsdk.api import API
from ovirtsdk.xml import params

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

api = API(url=url, username=username, password=password, ca_file=ca_file)

# Example 3.5: a VM (not ready to run: no disk, no NIC).
vm_params = params.VM(name="DemoVM",
                      cluster=api.clusters.get("Default"),
                      template=api.templates.get("Blank"),
                      memory=536870912)
vm = api.vms.add(vm_params)
print("Virtual machine '%s' added (%s)." % (vm.get_name(), vm.get_id()))

# Example 3.6: an NFS data center in 3.2 compatibility mode.
v_params = params.Version(major=3, minor=2)
dc_params = params.DataCenter(name="DemoDataCenter", storage_type="NFS",
                              version=v_params)
dc = api.datacenters.add(dc_params)
print("Data center '%s' added (compatibility version %s.%s)."
      % (dc.get_name(), dc.get_version().get_major(), dc.get_version().get_minor()))

api.disconnect()
