#!/usr/bin/env python3
"""Guide 2.17 (example 2.16): find the ISO images of the ISO domain iso1.

On an ISO domain a file's id is its name (names are unique there).
"""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): iso1 attached to Default, so it has files.
_prereqs.prepare(_prereqs.storage_attached)

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    sd = api.storagedomains.get(name="iso1")
    iso = sd.files.list()

    for i in iso:
        print("%s" % i.get_name())

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
