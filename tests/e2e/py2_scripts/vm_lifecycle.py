# A Python 2 script in the style of the 3.x SDK guide (chapter 2): create a
# VM, give it a NIC, start it, stop it and delete it.  Not valid Python 3 as
# it stands; tests/e2e/test_port_scripts.py ports it and runs the result.
import os
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params
from ovirtsdk.infrastructure.errors import RequestError

URL = os.environ["OVIRT_URL"]
MB = long(1024 * 1024)

api = API(url=URL, username=os.environ["OVIRT_USERNAME"],
          password=os.environ["OVIRT_PASSWORD"], ca_file=os.environ.get("OVIRT_CA_FILE"))

try:
    vm_params = params.VM(name="ported1", memory=512 * MB,
                          cluster=api.clusters.get(name="Default"),
                          template=api.templates.get(name="Blank"))
    try:
        api.vms.add(vm_params)
        print "VM created successfully"
    except Exception, ex:
        print "Adding VM failed: %s" % ex
        sys.exit(1)

    vm = api.vms.get(name="ported1")
    vm.nics.add(params.NIC(name="nic1", network=params.Network(name="ovirtmgmt"),
                           interface="virtio"))
    sizes = {"ported1": vm.get_memory() / MB}
    for name, size in sizes.iteritems():
        print "%s has %d MB" % (name, size)
    if sizes.has_key("ported1"):
        print "NICs: %s" % ", ".join([nic.get_name() for nic in vm.nics.list()])

    vm.start()
    print "Started '%s'." % vm.get_name()
    vm.stop(params.Action(async=False, force=True))
    action = params.Action(async=False)
    print "async flag: %s" % action.async
    vm = api.vms.get(name="ported1")
    vm.delete(async=False)
    print "Deleted: %s" % (api.vms.get(name="ported1") is None)
finally:
    api.disconnect()
