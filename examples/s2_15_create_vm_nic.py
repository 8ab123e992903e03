#!/usr/bin/env python3
"""Guide 2.15 (example 2.14): give vm1 a virtio NIC named nic1 on ovirtmgmt."""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the VM vm1 exists.
_prereqs.prepare(_prereqs.vm1_exists)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm = api.vms.get(name="vm1")

    nic_name = "nic1"
    nic_interface = "virtio"
    nic_network = api.networks.get(name="ovirtmgmt")

    nic_params = params.NIC(name=nic_name, interface=nic_interface, network=nic_network)

    try:
        nic = vm.nics.add(nic_params)
        print("Network interface '%s' added to '%s'." % (nic.get_name(), vm.get_name()))
    except Exception as ex:
        print("Adding network interface to '%s' failed: %s" % (vm.get_name(), ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
