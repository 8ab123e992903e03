# A Python 2 inventory script in the style of the 3.x SDK guide: list data
# centers, clusters and hosts, with dict helpers and `**{'async': ...}`.
import os

from ovirtsdk.api import API
from ovirtsdk.xml import params

api = API(url=os.environ["OVIRT_URL"], username=os.environ["OVIRT_USERNAME"],
          password=os.environ["OVIRT_PASSWORD"], ca_file=os.environ.get("OVIRT_CA_FILE"))

counts = {}
for dc in api.datacenters.list():
    counts[dc.get_name()] = len(dc.clusters.list()) if hasattr(dc, "clusters") else 0
    print "data center %s" % dc.get_name()
for name, number in sorted(counts.iteritems()):
    print "%-20s %d cluster(s)" % (name, number)
for host in api.hosts.list():
    print "host", host.get_name(), host.get_status().get_state()
print "total", long(len(counts))
options = {'async': False}
vm = api.vms.add(params.VM(name="ported2", cluster=params.Cluster(name="Default"),
                           template=params.Template(name="Blank")))
api.vms.get(name="ported2").delete(**{'async': False})
print "deleted ported2:", api.vms.get(name="ported2") is None
api.disconnect()
