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

For tests it is a test double: ``engine.add_fault(method, path, status, reason,
detail, times=1)`` and ``assert_faults_used()``; ``engine.requests`` /
``requests_to(method, path)`` (method, path, headers, body, reply status);
``engine.seed(inventory)`` / ``load(file)`` for inventory in bulk
(``ovirtsdk.testing.seed``); ``page_size`` is the engine's SearchResultsLimit.

HTTPS (the default) needs the optional ``testing`` extra (trustme:
``pip install 'ovirt-engine-sdk3[testing]'``); ``FakeEngine(https=False)`` works
without it. The pytest fixtures ``fake_engine`` and ``fake_engine_factory`` are in
``ovirtsdk.testing.pytest_plugin`` (registered as the pytest plugin ``ovirtsdk``);
``python -m ovirtsdk.testing`` runs an engine from the command line.
"""
from .double import InjectedFault, RecordedRequest
from .fault import Fault
from .server import FakeEngine

__all__ = ["FakeEngine", "Fault", "InjectedFault", "RecordedRequest"]
