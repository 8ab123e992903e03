#!/usr/bin/env python3
"""Guide 2.12 (example 2.11): attach data1 and iso1 to the Default data center.

Attaching is an add on the data center's ``storagedomains`` sub-collection,
given the storage domain fetched from the top-level collection.  Attached
domains start in maintenance.
"""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the storage domains data1 and iso1 exist.
_prereqs.prepare(_prereqs.storage_added)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    dc = api.datacenters.get(name="Default")

    sd_data = api.storagedomains.get(name="data1")
    sd_iso = api.storagedomains.get(name="iso1")

    try:
        dc_sd = dc.storagedomains.add(sd_data)
        print("Attached data storage domain '%s' to data center '%s' (Status: %s)."
              % (dc_sd.get_name(), dc.get_name(), dc_sd.get_status().get_state()))
    except Exception as ex:
        print("Attaching data storage domain to data center failed: %s." % ex)
        status = 1

    try:
        dc_sd = dc.storagedomains.add(sd_iso)
        print("Attached ISO storage domain '%s' to data center '%s' (Status: %s)."
              % (dc_sd.get_name(), dc.get_name(), dc_sd.get_status().get_state()))
    except Exception as ex:
        print("Attaching ISO storage domain to data center failed: %s." % ex)
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
