#!/usr/bin/env python3
"""Guide 3.3: get() fetches one resource of a collection, by name or by id.

With an id, get() asks for that resource directly; an unknown id gives None.
"""
from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

api = API(url=url, username=username, password=password, ca_file=ca_file)

dc = api.datacenters.get(name="Default")
print("By name: %s (%s)" % (dc.get_name(), dc.get_id()))

same_dc = api.datacenters.get(id=dc.get_id())
print("By id:   %s (%s)" % (same_dc.get_name(), same_dc.get_id()))

unknown = api.datacenters.get(id="00000000-0000-0000-0000-0000000000ff")
print("Unknown id: %s" % unknown)

api.disconnect()
