#!/usr/bin/env python3
"""Guide 2.10 (example 2.9): add an NFS data storage domain named data1.

The new domain is described by a StorageDomain parameter object: its name,
the data center and the host (both fetched from their collections), its type,
its storage format and an NFS Storage (address and exported path).
"""
import sys

from ovirtsdk.api import API
from ovirtsdk.xml import params

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the engine needs an approved host to
# reach the NFS share.
_prereqs.prepare(_prereqs.host_approved)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    dc = api.datacenters.get(name="Default")
    h = api.hosts.get(name="Atlantic")

    s = params.Storage(address="192.0.43.10", path="/storage/data", type_="nfs")
    sd_params = params.StorageDomain(name="data1", data_center=dc, host=h, type_="data",
                                     storage_format="v3", storage=s)

    try:
        sd = api.storagedomains.add(sd_params)
        print("Storage Domain '%s' added (%s)." % (sd.get_name(), sd.get_id()))
    except Exception as ex:
        print("Adding storage domain failed: %s" % ex)
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
