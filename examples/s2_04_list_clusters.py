#!/usr/bin/env python3
"""Guide 2.4 (example 2.3): list the clusters collection."""
import sys

from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    c_list = api.clusters.list()

    for c in c_list:
        print("%s (%s)" % (c.get_name(), c.get_id()))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
