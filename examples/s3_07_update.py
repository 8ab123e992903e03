#!/usr/bin/env python3
"""Guide 3.7 (example 3.7): update a resource.

Fetch it, change it with its set_* methods, then call update(); update()
returns the resource as the engine stored it.
"""
from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): the data center DemoDataCenter.
_prereqs.prepare(_prereqs.demo_datacenter_exists)

api = API(url=url, username=username, password=password, ca_file=ca_file)

dc = api.datacenters.get("DemoDataCenter")
dc.set_description("This data center description provided using the Python SDK")
dc = dc.update()

print("Data center '%s' updated: %s" % (dc.get_name(), dc.get_description()))

api.disconnect()
