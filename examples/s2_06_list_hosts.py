#!/usr/bin/env python3
"""Guide 2.6 (example 2.5): list the hosts collection."""
import sys

from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    h_list = api.hosts.list()

    for h in h_list:
        print("%s (%s)" % (h.get_name(), h.get_id()))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
