#!/usr/bin/env python3
"""Guide 3.5 (examples 3.3 and 3.4): list resources, page by page.

list() returns at most the engine's search limit (SearchResultsLimit) of
results; asking for "page N" until a page comes back empty collects them all.
Keyword arguments filter the results on the client side (here by storage type).

The guide's filter is storage_type="nfs"; a 3.6 engine (and every later one) keeps
and reports only whether a data center is local (its storage_type is taken on
add, as local or not, and never served back), so that filter finds none there;
local=False finds the shared data centers.
"""
from ovirtsdk.api import API

import _prereqs
from _connect import connection_settings

url, username, password, ca_file = connection_settings()

# Set-up (not part of the example): a second data center, of storage type nfs.
_prereqs.prepare(_prereqs.demo_datacenter_exists)

api = API(url=url, username=username, password=password, ca_file=ca_file)

# Example 3.3: every data center.
dc_list = []
dc_page_index = 1
dc_page_current = api.datacenters.list(query="page %s" % dc_page_index)
while len(dc_page_current) != 0:
    dc_list = dc_list + dc_page_current
    dc_page_index = dc_page_index + 1
    dc_page_current = api.datacenters.list(query="page %s" % dc_page_index)

print("All data centers: %s" % ", ".join(dc.get_name() for dc in dc_list))

# Example 3.4: the data centers whose storage type is nfs.
dc_list = []
dc_page_index = 1
dc_page_current = api.datacenters.list(query="page %s" % dc_page_index,
                                       **{"storage_type": "nfs"})
while len(dc_page_current) != 0:
    dc_list = dc_list + dc_page_current
    dc_page_index = dc_page_index + 1
    dc_page_current = api.datacenters.list(query="page %s" % dc_page_index,
                                           **{"storage_type": "nfs"})

print("NFS data centers: %s" % ", ".join(dc.get_name() for dc in dc_list))

# The same filter on what the engine reports: the shared (not local) data centers.
shared = api.datacenters.list(local=False)
print("Shared data centers: %s" % ", ".join(dc.get_name() for dc in shared))

api.disconnect()
