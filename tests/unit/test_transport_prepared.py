"""The per-call path of ConnectionsPool (issue 18) and its fixed TLS context (issue 17):
requests are prepared directly and sent through the session's adapter, cookies are
kept by the pool, proxies come from the environment once, one ``ssl.SSLContext`` per
set of TLS settings. With `responses` and direct calls: no server."""

import ssl
import sys
import types

import pytest
import requests
import responses
import trustme

from ovirtsdk.infrastructure import connectionspool
from ovirtsdk.infrastructure.connectionspool import ConnectionsPool, tls_context

URL = 'http://engine.example.com/ovirt-engine/api'
# requests < 2.32 has no per-request TLS pool keys: the fixed context is not used there
needs_tls_pool_keys = pytest.mark.skipif(
    not hasattr(requests.adapters.HTTPAdapter, 'build_connection_pool_key_attributes'),
    reason='requests < 2.32 builds TLS settings into urllib3 per connection')
HTTPS_URL = 'https://engine.example.com/ovirt-engine/api'


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as m:
        yield m


def make_pool(url=URL, **kwargs):
    kwargs.setdefault('username', 'admin@internal')
    kwargs.setdefault('password', 'secret-password')
    return ConnectionsPool(url, **kwargs)


def sent(mock, i=-1):
    return mock.calls[i].request.headers


# --- what goes on the wire ---------------------------------------------------------

def test_transport_prepared_headers_as_requests_sends_them(mock):
    mock.add(responses.GET, URL)
    mock.add(responses.POST, URL + '/vms')
    mock.add(responses.DELETE, URL + '/vms/1')
    pool = make_pool()
    pool.request('GET')
    pool.request('POST', 'vms', body='<vm/>')
    pool.request('DELETE', 'vms/1')
    get, post, delete = (sent(mock, i) for i in range(3))
    for headers in (get, post, delete):
        assert headers['User-Agent'].startswith('ovirt-engine-sdk3/')   # names this SDK (#16)
        assert headers['Accept-Encoding'] == 'gzip, deflate'
        assert headers['Connection'] == 'keep-alive'
        assert (headers['Version'], headers['Accept']) == ('3', 'application/xml')
        assert headers['Content-Type'] == 'application/xml'
    assert 'Content-Length' not in get
    assert post['Content-Length'] == '5'
    assert mock.calls[1].request.body == b'<vm/>'
    assert delete['Content-Length'] == '0'     # as requests: methods with a body


def test_transport_prepared_urls_are_encoded_like_requests(mock):
    mock.add(responses.GET, URL + '/vms')
    mock.add(responses.GET, URL + '/vms')
    pool = make_pool()
    pool.request('GET', 'vms?search=name%3Dweb')
    pool.request('GET', 'vms?search=name=w\u00e9b 1')
    assert mock.calls[0].request.url == URL + '/vms?search=name%3Dweb'
    assert mock.calls[1].request.url == URL + '/vms?search=name=w%C3%A9b%201'


def test_transport_prepared_user_cookie_header_wins(mock):
    mock.add(responses.GET, URL, headers={'Set-Cookie': 'JSESSIONID=abcd1234; Path=/'})
    mock.add(responses.GET, URL)
    pool = make_pool()
    pool.request('GET')
    pool.request('GET', headers={'cookie': 'JSESSIONID=mine5678'})
    assert sent(mock)['Cookie'] == 'JSESSIONID=mine5678'


# --- cookies -----------------------------------------------------------------------

def test_transport_cookies_all_kept_and_sent_back(mock):
    # An engine behind a balancer sets its own cookie too: both go back.
    mock.add(responses.GET, URL, headers=[
        ('Set-Cookie', 'JSESSIONID=sess-0001; Path=/ovirt-engine/api; Secure; HttpOnly'),
        ('Set-Cookie', 'ROUTE=node-2; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Path=/')])
    mock.add(responses.GET, URL + '/vms')
    pool = make_pool()
    pool.request('GET')
    pool.request('GET', 'vms')
    assert sent(mock)['Cookie'] == 'JSESSIONID=sess-0001; ROUTE=node-2'


def test_transport_cookies_replaced_and_expired(mock):
    mock.add(responses.GET, URL, headers=[('Set-Cookie', 'JSESSIONID=first111; Path=/'),
                                          ('Set-Cookie', 'ROUTE=a; Path=/')])
    mock.add(responses.GET, URL, headers=[('Set-Cookie', 'JSESSIONID="second22"; Path=/'),
                                          ('Set-Cookie', 'ROUTE=; Max-Age=0')])
    mock.add(responses.GET, URL, headers=[
        ('Set-Cookie', 'JSESSIONID=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT')])
    mock.add(responses.GET, URL)
    pool = make_pool()
    pool.request('GET')
    pool.request('GET')
    assert sent(mock)['Cookie'] == 'JSESSIONID=first111; ROUTE=a'
    pool.request('GET')
    assert sent(mock)['Cookie'] == 'JSESSIONID=second22'
    pool.request('GET')
    assert 'Cookie' not in sent(mock)


def test_transport_cookie_values_redacted_in_debug(mock, caplog):
    import logging
    mock.add(responses.GET, URL, body=b'<api/>',
             headers={'Set-Cookie': 'JSESSIONID=verysecretsession; Path=/'})
    mock.add(responses.GET, URL + '/vms', body=b'<vms/>')
    with caplog.at_level(logging.DEBUG, logger='ovirtsdk'):
        pool = make_pool(debug=True)
        pool.request('GET')
        pool.request('GET', 'vms')
    assert 'verysecretsession' not in caplog.text
    assert 'JSESSIONID=***' in caplog.text


def test_transport_kerberos_path_keeps_the_session_cookie(mock, monkeypatch):
    class FakeSPNEGO(requests.auth.AuthBase):
        def __call__(self, r):
            r.headers['Authorization'] = 'Negotiate fake-ticket'
            return r
    monkeypatch.setitem(sys.modules, 'requests_gssapi',
                        types.SimpleNamespace(HTTPSPNEGOAuth=FakeSPNEGO))
    mock.add(responses.GET, URL, headers={'Set-Cookie': 'JSESSIONID=kerb-sess; Path=/'})
    mock.add(responses.GET, URL + '/vms')
    pool = make_pool(kerberos=True, username=None, password=None)
    pool.request('GET')
    pool.request('GET', 'vms')
    assert sent(mock)['Authorization'] == 'Negotiate fake-ticket'
    assert sent(mock)['Cookie'] == 'JSESSIONID=kerb-sess'


# --- environment ---------------------------------------------------------------------

def test_transport_proxies_read_from_the_environment_once(mock, monkeypatch):
    for name in ('NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'HTTPS_PROXY',
                 'https_proxy'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('HTTP_PROXY', 'http://proxy.example.com:3128')
    monkeypatch.setenv('http_proxy', 'http://proxy.example.com:3128')
    mock.add(responses.GET, URL)
    mock.add(responses.GET, URL)
    pool = make_pool()
    pool.request('GET')
    monkeypatch.setenv('HTTP_PROXY', 'http://other.example.com:1')
    monkeypatch.setenv('http_proxy', 'http://other.example.com:1')
    pool.request('GET')
    for call in mock.calls:
        assert call.request.req_kwargs['proxies']['http'] == 'http://proxy.example.com:3128'


def test_transport_no_proxy_honoured(mock, monkeypatch):
    monkeypatch.setenv('HTTP_PROXY', 'http://proxy.example.com:3128')
    monkeypatch.setenv('http_proxy', 'http://proxy.example.com:3128')
    monkeypatch.setenv('NO_PROXY', '.example.com')
    monkeypatch.setenv('no_proxy', '.example.com')
    mock.add(responses.GET, URL)
    make_pool().request('GET')
    assert not mock.calls[0].request.req_kwargs['proxies']


def test_transport_no_per_call_environment_lookups(mock, monkeypatch):
    mock.add(responses.GET, URL)
    pool = make_pool()
    looked = []
    for module in (requests.utils, requests.sessions):
        real = module.get_environ_proxies
        monkeypatch.setattr(module, 'get_environ_proxies',
                            lambda *a, _real=real, **k: looked.append(a) or _real(*a, **k))
    pool.request('GET')
    assert looked == []


# --- the TLS context -----------------------------------------------------------------

@pytest.fixture(scope='module')
def ca():
    return trustme.CA()


@pytest.fixture
def ca_file(ca, tmp_path):
    path = tmp_path / 'ca.pem'
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def test_transport_tls_context_insecure_loads_no_ca_store():
    context = tls_context(False, None)
    assert context.verify_mode == ssl.CERT_NONE and not context.check_hostname
    assert context.cert_store_stats()['x509_ca'] == 0
    assert tls_context(False, None) is context      # once per process


def test_transport_tls_context_ca_file_only(ca_file, monkeypatch, tmp_path):
    other = tmp_path / 'other.pem'
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(other))
    monkeypatch.setenv('SSL_CERT_FILE', str(other))
    context = tls_context(ca_file, None)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.cert_store_stats()['x509_ca'] == 1    # ours, nothing else
    assert tls_context(ca_file, None) is context


def test_transport_tls_context_rebuilt_when_the_file_changes(ca_file):
    first = tls_context(ca_file, None)
    with open(ca_file, 'a') as f:
        f.write('\n')
    assert tls_context(ca_file, None) is not first


def test_transport_tls_context_with_client_certificate(ca, ca_file, tmp_path):
    leaf = ca.issue_cert('client@example.com')
    cert, key = tmp_path / 'c.pem', tmp_path / 'k.pem'
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    context = tls_context(ca_file, (str(cert), str(key)))
    assert context is tls_context(ca_file, (str(cert), str(key)))
    assert context is not tls_context(ca_file, None)


def test_transport_tls_context_missing_file_raises(tmp_path):
    with pytest.raises(OSError):
        tls_context(str(tmp_path / 'nope.pem'), None)


@needs_tls_pool_keys
def test_transport_adapter_uses_the_context_for_https(ca_file):
    pool = make_pool(HTTPS_URL, ca_file=ca_file)
    prepared = requests.Request('GET', HTTPS_URL).prepare()
    adapter = pool._adapter
    conn = adapter.get_connection_with_tls_context(prepared, ca_file, cert=None)
    assert conn.conn_kw['ssl_context'] is tls_context(ca_file, None)
    assert conn.ca_certs is None and conn.cert_file is None
    assert adapter.get_connection_with_tls_context(prepared, ca_file, cert=None) is conn
    # other settings than the pool's go through requests' own handling
    other = adapter.get_connection_with_tls_context(prepared, False, cert=None)
    assert 'ssl_context' not in other.conn_kw
    pool.close()


def test_transport_pools_with_same_settings_share_one_context(ca_file):
    one = make_pool(HTTPS_URL, ca_file=ca_file)
    two = make_pool(HTTPS_URL, ca_file=ca_file)
    assert one._adapter._ssl_context() is two._adapter._ssl_context()
    assert connectionspool.tls_context(ca_file, None) is one._adapter._ssl_context()


# --- one write per small request -----------------------------------------------------

class _RecordingSocket(object):
    def __init__(self):
        self.writes = []

    def sendall(self, data):
        self.writes.append(bytes(data))

    def settimeout(self, value):
        pass


@pytest.mark.parametrize('body, writes', [(b'<action/>', 1), (None, 1),
                                          (b'x' * (connectionspool.COALESCE_MAX + 1), 2)])
def test_transport_small_body_leaves_with_the_headers(body, writes):
    conn = connectionspool._HTTPConnection('127.0.0.1', 9)
    conn.sock = _RecordingSocket()
    headers = {'Content-Type': 'application/xml'}
    if body is not None:
        headers['Content-Length'] = str(len(body))
    conn.request('POST', '/ovirt-engine/api/vms/1/start', body=body, headers=headers)
    sent_bytes = b''.join(conn.sock.writes)
    assert len(conn.sock.writes) == writes
    assert sent_bytes.startswith(b'POST /ovirt-engine/api/vms/1/start HTTP/1.1\r\n')
    if body is not None:
        assert sent_bytes.endswith(b'\r\n\r\n' + body)
        assert b'Content-Length: %d\r\n' % len(body) in sent_bytes


def test_transport_pools_use_the_one_write_connections():
    pool = make_pool()
    conn = pool._adapter.poolmanager.connection_from_url(URL)
    assert conn.ConnectionCls is connectionspool._HTTPConnection
    pool.close()


@needs_tls_pool_keys
def test_transport_request_line_path_as_requests_makes_it():
    pool = make_pool()
    adapter = pool._adapter
    for url in (URL + '/vms?search=name%3Dx', URL + '/vms/1;detail=disks', URL):
        prepared = requests.Request('GET', url).prepare()
        adapter.get_connection_with_tls_context(prepared, False, cert=None)
        assert adapter.request_url(prepared, {}) == prepared.path_url
        # through a proxy the request line holds the absolute URL
        proxy = {'http': 'http://proxy.example.com:3128'}
        assert adapter.request_url(prepared, proxy) == url
    pool.close()


def test_transport_response_cookie_jar_on_demand():
    response = connectionspool._Response()
    assert len(response.cookies) == 0
    response.cookies.set('a', 'b')
    assert response.cookies['a'] == 'b'
