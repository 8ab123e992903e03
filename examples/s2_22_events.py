#!/usr/bin/env python3
"""Guide 2.22 (example 2.23): print the engine's events, oldest first.

A list returns one page of results (the engine's search limit); asking for
"page 1", "page 2", ... until an empty page collects them all.  The engine
returns the newest first, hence the reverse().
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

    event_list = []
    event_page_index = 1
    event_page_current = api.events.list(query="page %s" % event_page_index)

    while len(event_page_current) != 0:
        event_list = event_list + event_page_current
        event_page_index = event_page_index + 1
        try:
            event_page_current = api.events.list(query="page %s" % event_page_index)
        except Exception as ex:
            print("Error retrieving page %s of list: %s" % (event_page_index, ex))
            break

    event_list.reverse()

    for event in event_list:
        print("%s %s CODE %s - %s" % (event.get_time(),
                                      event.get_severity().upper(),
                                      event.get_code(),
                                      event.get_description()))

    api.disconnect()

except Exception as ex:
    print("Unexpected error: %s" % ex)
    sys.exit(1)
