"""The direct path of the transport (``ConnectionsPool._send_direct``): once the engine's
urllib3 pool is known, requests skip requests' and urllib3's per-request machinery.
What reaches the server must be exactly what the requests path sends, connections are
kept alive and given back, a broken reply costs its connection only, and a test double
that patches ``HTTPAdapter.send`` (``responses``) still sees every request."""

import pytest
import requests
import responses

from ovirtsdk.infrastructure import connectionspool, errors
from ovirtsdk.infrastructure.connectionspool import ConnectionsPool

try:
    from . import servers
except ImportError:
    import servers

USER, PASSWORD = "admin@internal", "pw"
EXTRA = {"Correlation-Id": "c-1", "All-Content": True, "Expect": "201-created",
         "accept": "application/xml; detail=disks"}


def handler(request):
    if request.path.endswith("/broken"):
        return servers.Reply(200, b"<vm>" + b"x" * 1000 + b"</vm>", truncate=10)
    if request.path.endswith("/closing"):
        return servers.Reply(200, b"<api/>", headers={"Connection": "close"})
    if request.path.endswith("/start"):
        return servers.Reply(200, b"<action><status><state>complete</state></status>"
                                  b"</action>")
    return servers.Reply(200, b"<api/>", headers={"Set-Cookie": "JSESSIONID=s1; Path=/"})


def exchange(pool):
    pool.request("GET", None)
    pool.request("POST", "vms/1/start", b"<action/>", headers=EXTRA, parse=True)
    pool.request("GET", "vms?search=name%3Dx", headers={"Filter": None})
    pool.request("DELETE", "vms/1")


def seen(server):
    host = "127.0.0.1:%d" % server.port
    assert all(r.headers.get_all("Host") == [host] for r in server.requests)
    return [(r.method, r.path,
             [(n, "<port>" if n == "Host" else v) for n, v in r.headers.items()], r.body)
            for r in server.requests]


def count_direct(monkeypatch):
    calls = []
    send = ConnectionsPool._send_direct

    def spy(self, *args):
        calls.append(args[1].url)
        return send(self, *args)
    monkeypatch.setattr(ConnectionsPool, "_send_direct", spy)
    return calls


def count_connections(monkeypatch):
    opened = []
    add = connectionspool._Connections.add

    def spy(self, conn):
        opened.append(conn)
        return add(self, conn)
    monkeypatch.setattr(connectionspool._Connections, "add", spy)
    return opened


def test_transport_direct_path_sends_what_requests_sends(monkeypatch):
    calls = count_direct(monkeypatch)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        exchange(pool)
        pool.close()
    direct = seen(server)
    # the first request found the urllib3 pool; every later one went direct
    assert len(calls) == len(direct) - 1 == 4

    # requests' own path: what a patched HTTPAdapter.send would also get
    monkeypatch.setattr(connectionspool, "_REQUESTS_SEND", None)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        exchange(pool)
        pool.close()
    assert len(calls) == 4
    assert direct == seen(server)
    names = [n for n, _ in direct[1][2]]
    assert names[0] == "Host" and "Cookie" in names and "X-Ovirt-Expect" in names
    assert dict(direct[1][2])["Content-Length"] == "9"
    assert direct[1][3] == b"<action/>"


def test_transport_direct_path_keeps_one_connection(monkeypatch):
    calls = count_direct(monkeypatch)
    opened = count_connections(monkeypatch)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        for _ in range(20):
            assert pool.request("POST", "vms/1/start", b"<action/>",
                                parse=True).root.tag == "action"
        pool.close()
    assert len(calls) == 20     # the first found the urllib3 pool; + the closing one
    assert len(opened) == 1


def test_transport_direct_path_broken_reply_costs_its_connection_only(monkeypatch):
    calls = count_direct(monkeypatch)
    opened = count_connections(monkeypatch)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        pool.request("GET", None)
        with pytest.raises(errors.ConnectionError, match="connection broken|reset"):
            pool.request("GET", "vms/broken")
        assert pool.request("POST", "vms/1/start", b"<action/>",
                            parse=True).root.tag == "action"
        assert pool.request("GET", "vms/1").body == b"<api/>"
        pool.close()
    assert len(calls) == 4
    assert len(opened) == 2


def test_transport_direct_path_validates_header_values(monkeypatch):
    count_direct(monkeypatch)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        pool.request("GET", None)
        with pytest.raises(ValueError):
            pool.request("GET", "vms", headers={"Correlation-Id": "a\r\nX-Evil: 1"})
        pool.request("GET", "vms", headers={"Correlation-Id": "ok"})
        pool.close()
    assert all(r.headers.get("X-Evil") is None for r in server.requests)
    assert server.requests[-2].headers["Correlation-Id"] == "ok"


def test_transport_patched_adapter_send_sees_requests_after_direct_ones(monkeypatch):
    calls = count_direct(monkeypatch)
    with servers.Server(handler) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD)
        pool.request("GET", None)
        pool.request("GET", "vms/1")
        assert len(calls) == 1
        with responses.RequestsMock() as mock:
            mock.add(responses.GET, server.url + "/vms/2", body=b"<vm id='2'/>",
                     content_type="application/xml")
            assert pool.request("GET", "vms/2").body == b"<vm id='2'/>"
            assert len(mock.calls) == 1
        assert len(calls) == 1
        pool.request("GET", "vms/3")
        pool.close()
    assert len(calls) == 3      # + the closing request
    assert [r.path.rsplit("/", 1)[-1] for r in server.requests][-3:] == ["1", "3", "api"]


def test_transport_requests_send_is_requests_own():
    assert connectionspool._REQUESTS_SEND is requests.adapters.HTTPAdapter.send


def test_transport_direct_path_over_tls_verifies_every_new_connection(monkeypatch, tmp_path):
    trustme = pytest.importorskip("trustme")
    ca, other = trustme.CA(), trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    calls = count_direct(monkeypatch)
    opened = count_connections(monkeypatch)
    with servers.Server(handler, ssl_context=servers.server_context(ca)) as server:
        pool = ConnectionsPool(server.url, username=USER, password=PASSWORD,
                               ca_file=str(ca_file))
        for _ in range(3):
            assert pool.request("POST", "vms/1/start", b"<action/>",
                                parse=True).root.tag == "action"
        assert len(opened) == 1
        # the server closes this connection after its reply; the next one meets a
        # certificate the CA did not sign, and the direct path refuses it too
        assert pool.request("GET", "vms/closing").body == b"<api/>"
        server.ssl_context = servers.server_context(other)
        with pytest.raises(errors.ConnectionError, match="verification failed"):
            pool.request("GET", "vms/1")
        server.ssl_context = servers.server_context(ca)
        assert pool.request("GET", "vms/1").body == b"<api/>"
        pool.close()
    assert len(calls) == 6      # every request but the first
    assert len(opened) == 3
