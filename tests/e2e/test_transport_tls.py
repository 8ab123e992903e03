"""Real HTTP(S) on 127.0.0.1: TLS verification, client certificates, environment
variables, proxies, timeouts, refused and broken connections, cookies on the wire."""

import datetime

import pytest
import trustme

from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.connectionspool import ConnectionsPool

try:
    from . import servers
except ImportError:
    import servers

Reply = servers.Reply
PREFIX = '[ERROR]::oVirt API connection failure, '


@pytest.fixture(scope='module')
def ca():
    return trustme.CA()


@pytest.fixture(scope='module')
def ca_file(ca, tmp_path_factory):
    path = tmp_path_factory.mktemp('ca') / 'ca.pem'
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope='module')
def other_ca_file(tmp_path_factory):
    path = tmp_path_factory.mktemp('other') / 'other-ca.pem'
    trustme.CA().cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def https(ca):
    with servers.Server(ssl_context=servers.server_context(ca)) as server:
        yield server


@pytest.fixture
def unrelated_ca_env(monkeypatch, other_ca_file):
    """What many hosts export; it must not replace the CA given to the SDK."""
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', other_ca_file)
    monkeypatch.setenv('CURL_CA_BUNDLE', other_ca_file)


def pool(url, **kwargs):
    kwargs.setdefault('username', 'admin@internal')
    kwargs.setdefault('password', 'secret-password')
    kwargs.setdefault('timeout', 5)
    return ConnectionsPool(url, **kwargs)


def test_transport_tls_ca_file_ok(https, ca_file):
    response = pool(https.url, ca_file=ca_file).request('GET')
    assert (response.status, response.body) == (200, b'<api/>')


def test_transport_tls_env_ca_bundle_does_not_override_ca_file(https, ca_file,
                                                               unrelated_ca_env):
    assert pool(https.url, ca_file=ca_file).request('GET').status == 200


def test_transport_tls_env_ca_bundle_does_not_rescue_wrong_ca(https, other_ca_file,
                                                              monkeypatch, ca_file):
    # The right CA is in the environment, the wrong one given: the given one wins.
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', ca_file)
    monkeypatch.setenv('CURL_CA_BUNDLE', ca_file)
    with pytest.raises(errors.ConnectionError, match='verification failed'):
        pool(https.url, ca_file=other_ca_file).request('GET')


def test_transport_tls_wrong_ca(https, other_ca_file):
    with pytest.raises(errors.ConnectionError) as info:
        pool(https.url, ca_file=other_ca_file).request('GET')
    message = str(info.value)
    assert message.startswith(PREFIX + 'TLS certificate verification failed')
    assert 'secret-password' not in message


def test_transport_tls_hostname_mismatch(ca, ca_file):
    context = servers.server_context(ca, 'engine.example.com')
    with servers.Server(ssl_context=context) as server:
        with pytest.raises(errors.ConnectionError) as info:
            pool(server.url, ca_file=ca_file).request('GET')
    assert 'verification failed' in str(info.value)
    assert 'mismatch' in str(info.value).lower()


def test_transport_tls_expired_certificate(ca, ca_file):
    now = datetime.datetime.now(datetime.timezone.utc)
    context = servers.server_context(ca, not_before=now - datetime.timedelta(days=30),
                                     not_after=now - datetime.timedelta(days=1))
    with servers.Server(ssl_context=context) as server:
        with pytest.raises(errors.ConnectionError) as info:
            pool(server.url, ca_file=ca_file).request('GET')
    assert 'expired' in str(info.value)


def test_transport_tls_insecure_works_and_warns_once(https, unrelated_ca_env):
    with pytest.warns(UserWarning, match='insecure=True') as record:
        p = pool(https.url, insecure=True)
        assert p.request('GET').status == 200
        assert p.request('GET').status == 200
    assert len(record) == 1         # urllib3's per-request warning is not repeated


def test_transport_tls_validate_cert_chain_false_skips_validation(https, other_ca_file):
    with pytest.warns(UserWarning, match='validate_cert_chain=False'):
        p = pool(https.url, ca_file=other_ca_file, validate_cert_chain=False)
        assert p.request('GET').status == 200


@pytest.fixture(scope='module')
def client_ca():
    return trustme.CA()


@pytest.fixture(scope='module')
def client_files(client_ca, tmp_path_factory):
    leaf = client_ca.issue_cert('client.example.com')
    folder = tmp_path_factory.mktemp('client')
    cert, key = folder / 'client.crt', folder / 'client.key'
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    return str(cert), str(key)


@pytest.fixture
def mtls(ca, client_ca):
    context = servers.server_context(ca, require_client_cert_from=client_ca)
    with servers.Server(ssl_context=context) as server:
        yield server


def test_transport_tls_client_certificate_accepted(mtls, ca_file, client_files):
    cert_file, key_file = client_files
    p = pool(mtls.url, ca_file=ca_file, cert_file=cert_file, key_file=key_file)
    assert p.request('GET').status == 200
    assert ('DNS', 'client.example.com') in mtls.requests[0].client_cert['subjectAltName']


def test_transport_tls_client_certificate_required(mtls, ca_file):
    with pytest.raises(errors.ConnectionError) as info:
        pool(mtls.url, ca_file=ca_file).request('GET')
    assert str(info.value).startswith(PREFIX)


def test_transport_tls_missing_client_cert_file(https, ca_file, tmp_path):
    with pytest.raises(errors.ConnectionError):
        pool(https.url, ca_file=ca_file, cert_file=str(tmp_path / 'nope.crt'),
             key_file=str(tmp_path / 'nope.key')).request('GET')


# --- plain HTTP failures -----------------------------------------------------------

def test_transport_timeout_on_slow_server():
    with servers.Server(lambda r: Reply(200, b'<api/>', delay=1.5)) as server:
        with pytest.raises(errors.ConnectionError) as info:
            pool(server.url, timeout=0.2).request('GET')
    assert str(info.value).startswith(PREFIX + 'timed out')


def test_transport_connection_refused():
    url = 'http://127.0.0.1:%d/ovirt-engine/api' % servers.free_port()
    with pytest.raises(errors.ConnectionError) as info:
        pool(url).request('GET')
    assert str(info.value).startswith(PREFIX + 'connection refused')


def test_transport_name_resolution_failure():
    with pytest.raises(errors.ConnectionError) as info:
        pool('http://no-such-host.invalid/ovirt-engine/api').request('GET')
    assert str(info.value).startswith(PREFIX)


@pytest.mark.parametrize('tls', [False, True])
def test_transport_reset_mid_body(tls, ca, ca_file):
    context = servers.server_context(ca) if tls else None
    handler = lambda r: Reply(200, b'<vms>' + b'<vm/>' * 2000 + b'</vms>', truncate=100)
    with servers.Server(handler, ssl_context=context) as server:
        with pytest.raises(errors.ConnectionError) as info:
            pool(server.url, ca_file=ca_file).request('GET')
    message = str(info.value)
    assert message.startswith(PREFIX + 'connection')     # broken / reset


def test_transport_http_against_tls_server(https):
    with pytest.raises(errors.ConnectionError):
        pool(https.url.replace('https:', 'http:')).request('GET')


def test_transport_proxy_from_environment(monkeypatch):
    with servers.Server() as proxy:
        for name in ('NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv('HTTP_PROXY', proxy.origin)
        monkeypatch.setenv('http_proxy', proxy.origin)
        response = pool('http://engine.invalid/ovirt-engine/api').request('GET', 'vms')
    assert response.status == 200
    assert proxy.requests[0].path == 'http://engine.invalid/ovirt-engine/api/vms'


# --- on the wire: auth, cookies, closing ---------------------------------------------

def cookie_server():
    counter = iter(range(1, 10 ** 6))

    def handler(request):
        if 'JSESSIONID' not in (request.headers.get('Cookie') or ''):
            return Reply(200, b'<api/>', headers={
                'Set-Cookie': 'JSESSIONID=session-%d; Path=/ovirt-engine; HttpOnly'
                              % next(counter)})
        return Reply(200, b'<api/>')
    return servers.Server(handler)


def test_transport_wire_auth_cookie_and_close():
    with cookie_server() as server:
        p = pool(server.url, persistent_auth=True)
        p.request('GET')
        p.request('GET', 'vms')
        p.close()
        with pytest.raises(errors.DisconnectedError):
            p.request('GET')
    first, second, last = server.requests
    assert all(r.headers['Authorization'].startswith('Basic ') for r in server.requests)
    assert first.headers.get('Cookie') is None
    assert second.headers['Cookie'] == 'JSESSIONID=session-1'
    assert second.headers['Prefer'] == 'persistent-auth'
    assert last.headers['Cookie'] == 'JSESSIONID=session-1'
    assert last.headers.get('Prefer') is None
    assert (last.method, last.path) == ('GET', '/ovirt-engine/api')


def test_transport_wire_two_pools_do_not_share_cookies():
    with cookie_server() as server:
        one, two = pool(server.url), pool(server.url)
        one.request('GET')
        two.request('GET')
        one.request('GET')
        two.request('GET')
    cookies = [r.headers.get('Cookie') for r in server.requests]
    assert cookies == [None, None, 'JSESSIONID=session-1', 'JSESSIONID=session-2']


def test_transport_wire_error_reply():
    body = b'<fault><reason>Operation Failed</reason><detail>[VM is locked]</detail></fault>'
    with servers.Server(lambda r: Reply(409, body)) as server:
        with pytest.raises(errors.RequestError) as info:
            pool(server.url).request('POST', 'vms/1/start', body='<action/>')
    assert (info.value.status, info.value.reason, info.value.detail) == \
        (409, 'Conflict', 'VM is locked')
    assert server.requests[0].body == b'<action/>'
