#!/usr/bin/env python3
"""Guide 2.9 (example 2.8): approve the host Atlantic.

A newly registered hypervisor waits for approval before the engine uses it.
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

    h = api.hosts.get(name="Atlantic")

    if h.approve():
        # An action does not refresh the object it was called on: fetch the
        # host again to show the status it has now.
        h = api.hosts.get(name="Atlantic")
        print("Host '%s' approved (Status: %s)." % (h.get_name(),
                                                   h.get_status().get_state()))
    else:
        print("Approval of '%s' failed." % h.get_name())

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
