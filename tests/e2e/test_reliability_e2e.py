"""Reliability against the fake engine over real HTTP(S): load from threads, two
engines side by side, session expiry, engine restart, and secrets in debug output."""
import base64
import logging
import threading

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params

trustme = pytest.importorskip("trustme")


def _new_vm(api, name):
    return api.vms.add(params.VM(name=name, memory=64 * 1024 ** 2,
                                 cluster=params.Cluster(name="Default"),
                                 template=params.Template(name="Blank")))


def _run_threads(target, count):
    failures = []

    def guarded(index):
        try:
            target(index)
        except BaseException as exc:   # noqa: B902 - report everything to the main thread
            failures.append((index, repr(exc)))

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return failures


def test_eight_threads_mixed_requests_on_one_api():
    with FakeEngine() as engine:
        api = API(**engine.api_kwargs())
        own = {i: _new_vm(api, "load-%d" % i) for i in range(8)}
        done = [0] * 8

        def work(index):
            mine = own[index]
            for i in range(500):
                kind = i % 5
                if kind == 0:
                    names = {vm.name for vm in api.vms.list(query="name=load-*")}
                    assert mine.name in names
                elif kind == 1:
                    got = api.vms.get(id=mine.id)
                    assert got.id == mine.id and got.name == mine.name
                elif kind == 2:
                    got = api.vms.get(name=mine.name)
                    assert got.id == mine.id
                elif kind == 3:
                    result = mine.start() if i % 2 else mine.stop()
                    assert result.status.state == "complete"
                else:
                    nic = mine.nics.add(params.NIC(name="nic-%d-%d" % (index, i),
                                                   interface="virtio"))
                    assert nic.name == "nic-%d-%d" % (index, i)
                    assert nic.parentclass is mine
                done[index] += 1

        failures = _run_threads(work, 8)
        assert not failures, failures[:5]
        assert sum(done) == 4000
        assert len(engine.sessions) == 1       # one session for the whole API instance
        api.disconnect()


def test_two_api_instances_on_two_engines_share_nothing():
    with FakeEngine() as one, FakeEngine() as two:
        api_one, api_two = API(**one.api_kwargs()), API(**two.api_kwargs())
        _new_vm(api_one, "only-on-one")
        _new_vm(api_two, "only-on-two")

        def work(index):
            api, mine, other = ((api_one, "only-on-one", "only-on-two") if index % 2
                                else (api_two, "only-on-two", "only-on-one"))
            for _ in range(150):
                names = {vm.name for vm in api.vms.list()}
                assert mine in names and other not in names
                assert api.vms.get(name=other) is None

        failures = _run_threads(work, 8)
        assert not failures, failures[:5]
        for engine in (one, two):
            cookies = {r.headers.get("cookie") for r in engine.requests if r.headers.get("cookie")}
            own = {"JSESSIONID=%s" % sid for sid in engine.sessions}
            assert cookies and cookies <= own, (cookies, own)


@pytest.mark.parametrize("renew", [False, True])
def test_session_expiry_mid_script(renew):
    with FakeEngine() as engine:
        api = API(**engine.api_kwargs(renew_session=renew, session_timeout=5))
        assert api.vms.get(name="nope") is None
        first = set(engine.sessions)
        engine.advance_clock(6 * 60)          # the session's TTL is over
        assert len(api.clusters.list()) >= 1  # re-authenticates, no error
        assert set(engine.sessions) - first   # a new session was opened
        api.disconnect()


def test_engine_restart_gives_connection_error_then_works_again():
    engine = FakeEngine(https=False).start()
    port = engine.port
    api = API(**engine.api_kwargs())
    assert api.clusters.get(name="Default") is not None
    engine.stop()
    with pytest.raises(errors.ConnectionError) as exc:
        api.clusters.get(name="Default")
    assert str(exc.value).startswith("[ERROR]::oVirt API connection failure, ")
    with FakeEngine(https=False, port=port):
        assert api.clusters.get(name="Default") is not None
        api.disconnect()


def test_secrets_never_appear_in_debug_output_errors_or_reprs(caplog, capfd):
    password = "S3cr3t-pa55word"
    caplog.set_level(logging.DEBUG, logger="ovirtsdk")
    texts = []
    with FakeEngine(users={"admin@internal": password}) as engine:
        api = API(**engine.api_kwargs(debug=True))
        vm = _new_vm(api, "secret-test")
        vm.start()
        texts += [repr(api), repr(vm), repr(api.vms)]
        for bad in (lambda: api.vms.add(params.VM(name="secret-test",
                                                  cluster=params.Cluster(name="Default"),
                                                  template=params.Template(name="Blank"))),
                    lambda: api.vms.add(params.VM(name="x"))):
            with pytest.raises(errors.RequestError) as exc:
                bad()
            texts += [str(exc.value), repr(exc.value)]
        cookies = list(engine.sessions)
        with pytest.raises(errors.RequestError) as exc:
            API(**engine.api_kwargs(password="wrong-" + password))
        texts.append(str(exc.value))
        api.disconnect()
    captured = capfd.readouterr()
    texts += [captured.out, captured.err, caplog.text]
    token = base64.b64encode(("admin@internal:" + password).encode()).decode()
    everything = "\n".join(texts)
    assert "> POST" in caplog.text or "POST" in caplog.text     # debug did log the exchange
    for secret in [password, token] + cookies:
        assert secret not in everything, secret
