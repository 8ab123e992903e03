"""Authentication and sessions of the fake engine: Basic, JSESSIONID, TTL, close, Filter."""
import pytest
import requests

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine


@pytest.fixture
def engine():
    with FakeEngine(https=False, users={"admin@internal": "secret",
                                        "user@example.com": "pass"}) as fake:
        yield fake


def _login(engine, **headers):
    headers.setdefault("Prefer", "persistent-auth")
    reply = requests.get(engine.url, auth=(engine.username, engine.password), headers=headers)
    assert reply.status_code == 200
    return reply


def _with_cookie(engine, cookie, path="/vms", **headers):
    headers["Cookie"] = "JSESSIONID=%s" % cookie
    return requests.get(engine.url + path, headers=headers)


def test_credentials_are_the_first_user(engine):
    assert (engine.username, engine.password) == ("admin@internal", "secret")
    assert requests.get(engine.url, auth=("user@example.com", "pass")).status_code == 200


def test_persistent_auth_sets_a_session_cookie(engine):
    reply = _login(engine)
    cookie = reply.cookies["JSESSIONID"]
    assert "Path=/ovirt-engine/api" in reply.headers["Set-Cookie"]
    assert "HttpOnly" in reply.headers["Set-Cookie"]
    # the cookie alone authenticates from now on
    assert _with_cookie(engine, cookie, Prefer="persistent-auth").status_code == 200
    assert len(engine.sessions) == 1


def test_without_prefer_no_session(engine):
    reply = requests.get(engine.url, auth=(engine.username, engine.password))
    assert reply.status_code == 200
    assert "Set-Cookie" not in reply.headers
    assert not engine.sessions


def test_unknown_cookie_needs_credentials(engine):
    assert _with_cookie(engine, "forged").status_code == 401
    reply = requests.get(engine.url + "/vms", auth=(engine.username, engine.password),
                         headers={"Cookie": "JSESSIONID=forged"})
    assert reply.status_code == 200


def test_session_ttl_expiry(engine):
    cookie = _login(engine, **{"Session-TTL": "1"}).cookies["JSESSIONID"]
    engine.advance_clock(50)
    assert _with_cookie(engine, cookie, Prefer="persistent-auth").status_code == 200
    engine.advance_clock(50)           # idle time counts from the last request
    assert _with_cookie(engine, cookie, Prefer="persistent-auth").status_code == 200
    engine.advance_clock(61)
    assert _with_cookie(engine, cookie, Prefer="persistent-auth").status_code == 401
    assert not engine.sessions


def test_default_ttl_and_no_expiry(engine):
    cookie = _login(engine).cookies["JSESSIONID"]
    engine.advance_clock(29 * 60)
    assert _with_cookie(engine, cookie, Prefer="persistent-auth").status_code == 200
    engine.advance_clock(31 * 60)
    assert _with_cookie(engine, cookie).status_code == 401
    forever = _login(engine, **{"Session-TTL": "0"}).cookies["JSESSIONID"]
    engine.advance_clock(10 ** 7)
    assert _with_cookie(engine, forever, Prefer="persistent-auth").status_code == 200


def test_entry_point_without_prefer_ends_the_session(engine):
    cookie = _login(engine).cookies["JSESSIONID"]
    # other requests without Prefer keep it
    assert _with_cookie(engine, cookie, "/hosts").status_code == 200
    assert _with_cookie(engine, cookie, "").status_code == 200       # this one closes it
    assert _with_cookie(engine, cookie, "/hosts").status_code == 401


def test_login_is_an_event(engine):
    before = len(engine.engine.top["events"])
    _login(engine)
    events = engine.engine.top["events"]
    assert len(events) == before + 1
    last = list(events)[-1].entity.obj
    assert (last.code, last.description) == (30, "User admin@internal logged in.")


def test_sdk_session_lifecycle(engine):
    api = API(**engine.api_kwargs(session_timeout=5))
    assert len(engine.sessions) == 1
    session = next(iter(engine.sessions.values()))
    assert session.ttl == 5 and session.user == "admin@internal"
    api.vms.list()
    api.hosts.list()
    assert len(engine.sessions) == 1          # one session for the whole script
    api.disconnect()
    assert not engine.sessions                # disconnect() closed it


def test_sdk_survives_session_expiry(engine):
    # the SDK sends its credentials with every request: an expired session is renewed
    api = API(**engine.api_kwargs(session_timeout=1))
    try:
        engine.advance_clock(120)
        assert api.datacenters.get(name="Default") is not None
    finally:
        api.disconnect()


def test_sdk_without_persistent_auth(engine):
    api = API(**engine.api_kwargs(persistent_auth=False))
    api.vms.list()
    assert not engine.sessions
    api.disconnect()


def test_filter_header_is_accepted(engine):
    api = API(**engine.api_kwargs(filter=True))
    try:
        assert api.datacenters.get(name="Default") is not None
        assert any(r.headers.get("filter") == "True" for r in engine.requests)
    finally:
        api.disconnect()


def test_other_user(engine):
    api = API(url=engine.url, username="user@example.com", password="pass")
    try:
        assert next(iter(engine.sessions.values())).user == "user@example.com"
    finally:
        api.disconnect()
    with pytest.raises(errors.RequestError):
        API(url=engine.url, username="user@example.com", password="secret")


def test_replies_do_not_stall(engine):
    # one send per reply on a TCP_NODELAY socket: no 40 ms Nagle/delayed-ACK stalls
    import time
    session = requests.Session()
    session.auth = (engine.username, engine.password)
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        assert session.get(engine.url + "/datacenters").status_code == 200
        timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[len(timings) // 2] < 0.03, timings


def test_concurrent_clients(engine):
    import threading
    api = API(**engine.api_kwargs())
    failures = []

    def work():
        try:
            for _ in range(5):
                assert api.datacenters.get(name="Default") is not None
                assert api.hosts.list()
        except Exception as exc:          # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    api.disconnect()
    assert not failures


def test_reset_restores_the_default_environment(engine):
    api = API(**engine.api_kwargs())
    api.hosts.get(name="Atlantic").approve()
    api.disconnect()
    engine.reset()
    assert not engine.sessions
    api = API(**engine.api_kwargs())
    assert api.hosts.get(name="Atlantic").status.state == "pending_approval"
    api.disconnect()


def test_empty_engine():
    with FakeEngine(https=False, populate=False) as fake:
        api = API(**fake.api_kwargs())
        assert api.vms.list() == [] and api.datacenters.list() == []
        api.disconnect()


def test_plain_http_needs_no_extra(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "trustme", None)       # as if not installed
    with pytest.raises(ImportError, match="testing"):
        FakeEngine()
    with FakeEngine(https=False) as fake:
        assert requests.get(fake.url, auth=(fake.username, fake.password)).status_code == 200
