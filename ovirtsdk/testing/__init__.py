"""An embedded fake oVirt 3.6 engine for tests and examples.

    from ovirtsdk.api import API
    from ovirtsdk.testing import FakeEngine

    with FakeEngine() as engine:
        api = API(url=engine.url, username=engine.username,
                  password=engine.password, ca_file=engine.ca_file)
        print(api.hosts.get(name="Atlantic").status.state)    # pending_approval

It speaks the 3.6 REST API over real HTTP(S) on 127.0.0.1 and serves every
collection, sub-collection and action of the schema generically (driven by the
generated link model ``ovirtsdk.infrastructure.linkmodel``, the brokers' too):
list/search/paging, add (201, or 202 for asynchronously
created types without ``Expect: 201-created``), get, update (merge), delete and
actions, with the engine's faults, Basic auth, ``JSESSIONID`` sessions and a
default environment (data center and cluster ``Default``, template ``Blank``,
network ``ovirtmgmt``, host ``Atlantic`` waiting for approval, an ISO domain).

HTTPS (the default) needs the optional ``testing`` extra (trustme);
``FakeEngine(https=False)`` works without it. A pytest fixture ``fake_engine`` is in
``ovirtsdk.testing.pytest_plugin``; ``python -m ovirtsdk.testing`` runs one from
the command line.
"""
from .fault import Fault
from .server import FakeEngine

__all__ = ["FakeEngine", "Fault"]
