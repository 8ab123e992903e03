#!/usr/bin/env python3
"""Guide 3.1: connect to the API, check the connection with test(), disconnect.

API() takes the engine URL (with its /api path), the user (user@domain), the
password and the engine's CA certificate; other options: key_file/cert_file
(client certificate), port, timeout, persistent_auth, insecure, filter, debug,
kerberos.  Several API instances (to several engines) can be used side by side.
"""
from ovirtsdk.api import API

from _connect import connection_settings

url, username, password, ca_file = connection_settings()

api_instance = API(url=url,
                   username=username,
                   password=password,
                   ca_file=ca_file)

if api_instance.test():
    print("Connected successfully!")

api_instance.disconnect()
