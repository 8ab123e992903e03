#!/usr/bin/env python3
"""Guide 2.14 (example 2.13): create the virtual machine vm1.

512 MiB of memory (given in bytes), cluster Default, template Blank, booting
from the hard disk.
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    vm_name = "vm1"
    vm_memory = 512 * 1024 * 1024
    vm_cluster = api.clusters.get(name="Default")
    vm_template = api.templates.get(name="Blank")
    vm_os = params.OperatingSystem(boot=[params.Boot(dev="hd")])

    vm_params = params.VM(name=vm_name,
                          memory=vm_memory,
                          cluster=vm_cluster,
                          template=vm_template,
                          os=vm_os)

    try:
        api.vms.add(vm=vm_params)
        print("Virtual machine '%s' added." % vm_name)
    except Exception as ex:
        print("Adding virtual machine '%s' failed: %s" % (vm_name, ex))
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
