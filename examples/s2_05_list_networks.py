#!/usr/bin/env python3
"""Guide 2.5 (example 2.4): list the logical networks collection."""
import sys

from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    n_list = api.networks.list()

    for n in n_list:
        print("%s (%s)" % (n.get_name(), n.get_id()))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
