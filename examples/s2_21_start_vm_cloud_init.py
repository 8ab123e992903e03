#!/usr/bin/env python3
"""Guide 2.21 (example 2.22): start a VM with cloud-init settings.

The start action's ``vm`` carries an Initialization with a CloudInit: the
guest's host name and a static IPv4 configuration of eth0.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): an approved host and the VM MyVM, down.
_prereqs.prepare(_prereqs.host_approved, _prereqs.vm_down("MyVM"))

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)
except Exception as ex:
    print("Failed to connect to API: %s" % ex)
    sys.exit(1)

try:
    vm = api.vms.get(name="MyVM")
except Exception as ex:
    print("Failed to retrieve VM: %s" % ex)
    sys.exit(1)

status = 0
try:
    vm.start(
        action=params.Action(
            vm=params.VM(
                initialization=params.Initialization(
                    cloud_init=params.CloudInit(
                        host=params.Host(address="MyHost.example.com"),
                        network_configuration=params.NetworkConfiguration(
                            nics=params.Nics(
                                nic=[params.NIC(
                                    name="eth0",
                                    boot_protocol="static",
                                    on_boot=True,
                                    network=params.Network(
                                        ip=params.IP(
                                            address="10.10.10.1",
                                            netmask="255.255.255.0",
                                            gateway="10.10.10.1"
                                        )
                                    )
                                )]
                            )
                        )
                    )
                )
            )
        )
    )
    # Not in the guide (it prints only failures): say that it worked.
    print("Started '%s' with cloud-init." % vm.get_name())
except Exception as ex:
    print("Failed to start VM: %s" % ex)
    status = 1

api.disconnect()
sys.exit(status)
