#!/usr/bin/env python3
"""Guide 3.9 (example 3.9): the SDK's exceptions, caught by name.

They live in ovirtsdk.infrastructure.errors (note that its ConnectionError is
not Python's built-in one).  Each case below provokes one of them.
"""
import socket

from ovirtsdk.api import API
from ovirtsdk.infrastructure.errors import (ConnectionError, DisconnectedError,
                                            MissingParametersError, NoCertificatesError,
                                            RequestError)

from _connect import connection_settings

url, username, password, ca_file = connection_settings()


def unused_local_port():
    """A local port nobody listens on (handed out by the OS, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Example 3.9: a transport failure -> ConnectionError.
try:
    api = API(url="https://127.0.0.1:%d/ovirt-engine/api" % unused_local_port(),
              username=username,
              password=password,
              ca_file=ca_file)
except ConnectionError as err:
    print("Connection failed: %s" % err)

# HTTPS without a CA certificate (and without insecure=True) -> NoCertificatesError.
try:
    api = API(url="https://engine.example.com/ovirt-engine/api",
              username=username,
              password=password)
except NoCertificatesError as err:
    print("No CA certificate: %s" % err)

# An error reply of the engine (here 401, wrong password) -> RequestError.
try:
    api = API(url=url, username=username, password=password + "-wrong", ca_file=ca_file)
except RequestError as err:
    print("Request failed: status %s (%s)" % (err.status, err.reason))

api = API(url=url, username=username, password=password, ca_file=ca_file)

# get() with neither a name nor an id -> MissingParametersError.
try:
    api.datacenters.get()
except MissingParametersError as err:
    print("Missing parameters: %s" % err)

# Any use after disconnect() -> DisconnectedError.
api.disconnect()
try:
    api.datacenters.list()
except DisconnectedError as err:
    print("Disconnected: %s" % err)
