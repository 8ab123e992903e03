#!/usr/bin/env python3
"""Guide 2.13 (example 2.12): activate data1 and iso1 in the Default data center.

``activate`` is an action of the storage domain as seen through the data
center (``dc.storagedomains``).
"""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): data1 and iso1 attached to Default.
_prereqs.prepare(_prereqs.storage_attached)

status = 0
try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    dc = api.datacenters.get(name="Default")

    sd_data = dc.storagedomains.get(name="data1")
    sd_iso = dc.storagedomains.get(name="iso1")

    try:
        sd_data.activate()
        # The action leaves sd_data as it was fetched: read it again for its status.
        sd_data = dc.storagedomains.get(name="data1")
        print("Activated data storage domain '%s' in data center '%s' (Status: %s)."
              % (sd_data.get_name(), dc.get_name(), sd_data.get_status().get_state()))
    except Exception as ex:
        print("Activating data storage domain in data center failed: %s." % ex)
        status = 1

    try:
        sd_iso.activate()
        sd_iso = dc.storagedomains.get(name="iso1")
        print("Activated ISO storage domain '%s' in data center '%s' (Status: %s)."
              % (sd_iso.get_name(), dc.get_name(), sd_iso.get_status().get_state()))
    except Exception as ex:
        print("Activating ISO storage domain in data center failed: %s." % ex)
        status = 1

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    status = 1

sys.exit(status)
