#!/usr/bin/env python3
"""Guide 2.7 (example 2.6): print the files of every ISO storage domain.

Each storage domain has a ``files`` sub-collection; on an ISO domain it lists
the images that can be put into a VM's CD-ROM drive.
"""
import sys

from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the ISO domain iso1 attached to Default,
# so that it has files to show.
_prereqs.prepare(_prereqs.storage_attached)

try:
    api = API(url=url,
              username=username,
              password=password,
              ca_file=ca_file)

    storage_domains = api.storagedomains.list()

    for storage_domain in storage_domains:
        if storage_domain.get_type() == "iso":

            print(storage_domain.get_name() + ":\n")

            files = storage_domain.files.list()

            for file in files:
                print("    %s" % file.get_name())

            print()

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
