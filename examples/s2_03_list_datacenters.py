#!/usr/bin/env python3
"""Guide 2.3 (example 2.2): list the data centers collection."""
import sys

from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    dc_list = api.datacenters.list()

    for dc in dc_list:
        print("%s (%s)" % (dc.get_name(), dc.get_id()))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
