#!/usr/bin/env python3
"""Guide 2.2 (example 2.1): connect to the API entry point.

Creating the API object reads the engine's entry point; the product name comes
from what was read.  disconnect() closes the session.
"""
import sys

from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    print("Connected to %s successfully!" % api.get_product_info().name)

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
