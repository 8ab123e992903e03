"""ConnectionsPool unit tests with `responses`: headers, auth, cookies, renew, close,
URL forms, error mapping, debug logging and redaction."""

import base64
import logging
import sys
import types
import warnings

import pytest
import requests
import responses

from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.connectionspool import ConnectionsPool, Response
from ovirtsdk.infrastructure.proxy import Proxy

URL = 'http://engine.example.com/ovirt-engine/api'
HTTPS_URL = 'https://engine.example.com/ovirt-engine/api'
USER = 'admin@internal'
PASSWORD = 'p\u00e4ss-w\u00f6rd-42'
TOKEN = base64.b64encode(('%s:%s' % (USER, PASSWORD)).encode('utf-8')).decode()
COOKIE = 'Zq3Yx8F0cookievalue1234'
API_XML = b'<api><product_info><name>oVirt Engine</name></product_info></api>'


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as m:
        yield m


def make_pool(url=URL, **kwargs):
    kwargs.setdefault('username', USER)
    kwargs.setdefault('password', PASSWORD)
    return ConnectionsPool(url, **kwargs)


def sent(mock, i=-1):
    return mock.calls[i].request.headers


# --- headers -------------------------------------------------------------------------

def test_transport_standard_headers(mock):
    mock.add(responses.GET, URL, body=API_XML)
    response = make_pool().request('GET', URL)
    assert isinstance(response, Response)
    assert (response.status, response.reason, response.body) == (200, 'OK', API_XML)
    h = sent(mock)
    assert h['Version'] == '3'
    assert h['Content-Type'] == 'application/xml'
    assert h['Accept'] == 'application/xml'
    assert h['Filter'] == 'False'
    assert h['Prefer'] == 'persistent-auth'
    assert 'Session-TTL' not in h
    assert h['Authorization'] == 'Basic ' + TOKEN


def test_transport_basic_auth_is_utf8(mock):
    mock.add(responses.GET, URL)
    make_pool(username='j\u00fcrgen@internal', password='\u00e9t\u00e9').request('GET')
    token = sent(mock)['Authorization'].split()[1]
    assert base64.b64decode(token).decode('utf-8') == 'j\u00fcrgen@internal:\u00e9t\u00e9'


def test_transport_no_credentials_no_authorization(mock):
    mock.add(responses.GET, URL)
    ConnectionsPool(URL).request('GET')
    assert 'Authorization' not in sent(mock)


def test_transport_filter_true_and_set_filter_is_per_pool(mock):
    mock.add(responses.GET, URL)
    mock.add(responses.GET, URL)
    mock.add(responses.GET, URL)
    one, other = make_pool(filter=True), make_pool()
    one.request('GET')
    assert sent(mock)['Filter'] == 'True'
    one.set_filter(False)
    one.request('GET')
    assert sent(mock)['Filter'] == 'False'
    other.set_filter(True)
    assert one.get_filter() is False
    other.request('GET')
    assert sent(mock)['Filter'] == 'True'


def test_transport_session_ttl(mock):
    mock.add(responses.GET, URL)
    make_pool(session_timeout=30).request('GET')
    assert sent(mock)['Session-TTL'] == '30'


def test_transport_no_prefer_without_persistent_auth(mock):
    mock.add(responses.GET, URL)
    make_pool(persistent_auth=False).request('GET')
    assert 'Prefer' not in sent(mock)


def test_transport_last_request_has_no_prefer_but_auth(mock):
    mock.add(responses.GET, URL)
    make_pool().request('GET', last=True)
    assert 'Prefer' not in sent(mock)
    assert sent(mock)['Authorization'] == 'Basic ' + TOKEN


def test_transport_per_call_headers_merged_none_dropped_values_rendered(mock):
    mock.add(responses.GET, URL + '/vms')
    make_pool().request('GET', '/ovirt-engine/api/vms', headers={
        'All-Content': True, 'Correlation-Id': None, 'X-Custom': 'x', 'Expect': None})
    h = sent(mock)
    assert h['All-Content'] == 'True'
    assert h['X-Custom'] == 'x'
    assert 'Correlation-Id' not in h and 'Expect' not in h and 'X-Ovirt-Expect' not in h
    assert h['Version'] == '3'


def test_transport_per_call_header_overrides_default_case_insensitively(mock):
    mock.add(responses.GET, URL)
    make_pool().request('GET', headers={'accept': 'application/json', 'filter': 'True'})
    h = sent(mock)
    assert h['Accept'] == 'application/json'
    assert h['Filter'] == 'True'
    assert list(k.lower() for k in h).count('filter') == 1


def test_transport_expect_also_sent_as_x_ovirt_expect(mock):
    mock.add(responses.POST, URL + '/vms', status=201, body=b'<vm id="1"/>')
    response = make_pool().request('POST', '/ovirt-engine/api/vms', body='<vm/>',
                                   headers={'Expect': '201-created'})
    assert response.status == 201
    h = sent(mock)
    assert h['Expect'] == '201-created'
    assert h['X-Ovirt-Expect'] == '201-created'
    assert mock.calls[0].request.body == b'<vm/>'


def test_transport_body_str_sent_as_utf8(mock):
    mock.add(responses.PUT, URL + '/vms/1')
    make_pool().request('PUT', 'vms/1', body='<vm><name>d\u00e9j\u00e0</name></vm>')
    assert mock.calls[0].request.body == '<vm><name>d\u00e9j\u00e0</name></vm>'.encode()


# --- URL forms -----------------------------------------------------------------------

def test_transport_url_forms(mock):
    for _ in range(5):
        mock.add(responses.GET, URL)
    mock.add(responses.GET, URL + '/vms/1')
    mock.add(responses.GET, URL + '/vms/2')
    pool = make_pool()
    pool.request('GET')
    pool.request('GET', '')
    pool.request('GET', URL)
    pool.request('GET', '/ovirt-engine/api')
    pool.request('GET', 'HTTP://ENGINE.example.com/ovirt-engine/api')
    pool.request('GET', '/ovirt-engine/api/vms/1')
    pool.request('GET', 'vms/2')


def test_transport_foreign_origin_refused():
    pool = make_pool()
    for url in ('http://evil.example.com/ovirt-engine/api',
                'https://engine.example.com/ovirt-engine/api',
                'http://engine.example.com:8080/ovirt-engine/api'):
        with pytest.raises(ValueError):
            pool.request('GET', url)


def test_transport_bad_entry_url():
    with pytest.raises(ValueError):
        ConnectionsPool('engine.example.com/api')


def test_transport_query_string_kept(mock):
    mock.add(responses.GET, URL + '/vms;case_sensitive=True?search=name%3Dvm%2A',
             match=[responses.matchers.query_string_matcher('search=name%3Dvm%2A')])
    make_pool().request('GET', '/ovirt-engine/api/vms;case_sensitive=True?search=name%3Dvm%2A')
    assert mock.calls[0].request.url.endswith('/vms;case_sensitive=True?search=name%3Dvm%2A')


# --- cookies and renew ---------------------------------------------------------------

def set_cookie(value=COOKIE):
    return {'Set-Cookie': 'JSESSIONID=%s; Path=/ovirt-engine; HttpOnly' % value}


def test_transport_jsessionid_flow(mock):
    mock.add(responses.GET, URL, body=API_XML, headers=set_cookie())
    mock.add(responses.GET, URL + '/vms', body=b'<vms/>')
    pool = make_pool()
    pool.request('GET')
    assert 'Cookie' not in sent(mock, 0)
    pool.request('GET', 'vms')
    assert sent(mock, 1)['Cookie'] == 'JSESSIONID=' + COOKIE
    assert sent(mock, 1)['Authorization'] == 'Basic ' + TOKEN


def test_transport_renew_on_401_retries_once_without_cookie(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    mock.add(responses.GET, URL + '/vms', status=401, body=b'')
    mock.add(responses.GET, URL + '/vms', body=b'<vms/>', headers=set_cookie('newcookie99'))
    pool = make_pool(renew_session=True)
    pool.request('GET')
    assert pool.request('GET', 'vms').body == b'<vms/>'
    assert len(mock.calls) == 3
    assert sent(mock, 1)['Cookie'] == 'JSESSIONID=' + COOKIE
    assert 'Cookie' not in sent(mock, 2)
    assert sent(mock, 2)['Authorization'] == 'Basic ' + TOKEN


def test_transport_renew_retries_only_once(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    mock.add(responses.GET, URL + '/vms', status=401)
    mock.add(responses.GET, URL + '/vms', status=401)
    pool = make_pool(renew_session=True)
    pool.request('GET')
    with pytest.raises(errors.RequestError) as info:
        pool.request('GET', 'vms')
    assert info.value.status == 401
    assert len(mock.calls) == 3


def test_transport_401_without_renew_is_request_error(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    mock.add(responses.GET, URL + '/vms', status=401)
    pool = make_pool()
    pool.request('GET')
    with pytest.raises(errors.RequestError) as info:
        pool.request('GET', 'vms')
    assert info.value.status == 401
    assert len(mock.calls) == 2


def test_transport_401_without_session_is_not_retried(mock):
    mock.add(responses.GET, URL, status=401)
    with pytest.raises(errors.RequestError) as info:
        make_pool(renew_session=True).request('GET')
    assert (info.value.status, info.value.reason) == (401, 'Unauthorized')
    assert len(mock.calls) == 1


def test_transport_set_renew_session(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    mock.add(responses.GET, URL + '/vms', status=401)
    mock.add(responses.GET, URL + '/vms')
    pool = make_pool()
    pool.set_renew_session(True)
    assert pool.get_renew_session() is True
    pool.request('GET')
    pool.request('GET', 'vms')
    assert len(mock.calls) == 3


def test_transport_two_pools_do_not_share_cookies(mock):
    mock.add(responses.GET, URL, headers=set_cookie('cookie-of-pool-one'))
    mock.add(responses.GET, URL)
    one, two = make_pool(), make_pool()
    one.request('GET')
    two.request('GET')
    assert 'Cookie' not in sent(mock, 1)


# --- errors --------------------------------------------------------------------------

def test_transport_http_error_becomes_request_error(mock):
    mock.add(responses.GET, URL + '/vms/x', status=404, body=(
        b'<fault><reason>Operation Failed</reason><detail>[Entity not found: x]</detail>'
        b'</fault>'))
    with pytest.raises(errors.RequestError) as info:
        make_pool().request('GET', 'vms/x')
    e = info.value
    assert (e.status, e.reason, e.detail) == (404, 'Not Found', 'Entity not found: x')


def test_transport_redirect_not_followed(mock):
    mock.add(responses.GET, URL, status=302,
             headers={'Location': 'https://evil.example.com/steal'})
    with pytest.raises(errors.RequestError) as info:
        make_pool().request('GET')
    assert info.value.status == 302
    assert 'https://evil.example.com/steal' in info.value.detail
    assert len(mock.calls) == 1     # the credentials did not follow


@pytest.mark.parametrize('exc, kind', [
    (requests.exceptions.ConnectTimeout('connect timed out'), 'timed out'),
    (requests.exceptions.ReadTimeout('read timed out'), 'timed out'),
    (requests.exceptions.ConnectionError(ConnectionRefusedError(111, 'refused')),
     'connection refused'),
    (requests.exceptions.ChunkedEncodingError('broken'), 'connection broken'),
    (requests.exceptions.SSLError('bad handshake'), 'TLS error'),
])
def test_transport_transport_errors_become_connection_error(mock, exc, kind):
    mock.add(responses.GET, URL, body=exc)
    with pytest.raises(errors.ConnectionError) as info:
        make_pool().request('GET')
    message = str(info.value)
    assert message.startswith('[ERROR]::oVirt API connection failure, ' + kind)
    # The cause's text is in the message; the cause itself (whose frames hold the
    # credentials) is not chained (issue 11).
    assert str(exc) in message
    assert info.value.__cause__ is None and info.value.__context__ is None


# --- TLS options (the wire part is in test_transport_tls.py) -------------------------

def test_transport_https_needs_ca_file():
    with pytest.raises(errors.NoCertificatesError):
        make_pool(HTTPS_URL)


def test_transport_validate_cert_chain_false_disables_verification(mock):
    mock.add(responses.GET, HTTPS_URL)
    with pytest.warns(UserWarning, match='validate_cert_chain=False'):
        make_pool(HTTPS_URL, validate_cert_chain=False).request('GET')
    assert mock.calls[0].request.req_kwargs['verify'] is False


def test_transport_verify_and_cert_passed_on_every_request(mock, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/nonexistent/other-ca.pem')
    monkeypatch.setenv('CURL_CA_BUNDLE', '/nonexistent/other-ca.pem')
    mock.add(responses.GET, HTTPS_URL)
    mock.add(responses.GET, HTTPS_URL)
    pool = make_pool(HTTPS_URL, ca_file='/etc/engine-ca.pem', cert_file='/c.pem',
                     key_file='/k.pem')
    pool.request('GET')
    pool.request('GET', last=True)
    for call in mock.calls:
        assert call.request.req_kwargs['verify'] == '/etc/engine-ca.pem'
        assert call.request.req_kwargs['cert'] == ('/c.pem', '/k.pem')


def test_transport_timeout_passed_for_connect_and_read(mock):
    mock.add(responses.GET, URL)
    make_pool(timeout=7).request('GET')
    assert mock.calls[0].request.req_kwargs['timeout'] == (7, 7)


@pytest.mark.parametrize('insecure', [True, 'True', 'False', 1])
def test_transport_insecure_is_truthiness_and_warns_once(mock, insecure):
    mock.add(responses.GET, HTTPS_URL)
    mock.add(responses.GET, HTTPS_URL)
    with pytest.warns(UserWarning, match='insecure') as record:
        pool = make_pool(HTTPS_URL, insecure=insecure)
        pool.request('GET')
        pool.request('GET')
    assert len([w for w in record if 'ovirtsdk' in str(w.message)]) == 1
    assert mock.calls[0].request.req_kwargs['verify'] is False


def test_transport_no_warning_when_secure(mock):
    mock.add(responses.GET, HTTPS_URL)
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        make_pool(HTTPS_URL, ca_file='/ca.pem').request('GET')


def test_transport_kerberos_uses_spnego(mock, monkeypatch):
    class FakeSPNEGO(requests.auth.AuthBase):
        def __call__(self, r):
            r.headers['Authorization'] = 'Negotiate fake-ticket'
            return r
    monkeypatch.setitem(sys.modules, 'requests_gssapi',
                        types.SimpleNamespace(HTTPSPNEGOAuth=FakeSPNEGO))
    mock.add(responses.GET, URL)
    make_pool(kerberos=True).request('GET')
    assert sent(mock)['Authorization'] == 'Negotiate fake-ticket'


def test_transport_kerberos_missing_package_explains(monkeypatch):
    monkeypatch.setitem(sys.modules, 'requests_gssapi', None)
    with pytest.raises(errors.OvirtSdkError, match='requests-gssapi'):
        make_pool(kerberos=True)


# --- closing -------------------------------------------------------------------------

def test_transport_close_sends_last_request_then_disconnected(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    mock.add(responses.GET, URL)
    pool = make_pool()
    pool.request('GET')
    pool.close()
    assert len(mock.calls) == 2
    h = sent(mock, 1)
    assert 'Prefer' not in h
    assert h['Authorization'] == 'Basic ' + TOKEN
    assert h['Cookie'] == 'JSESSIONID=' + COOKIE
    assert pool.closed
    with pytest.raises(errors.DisconnectedError):
        pool.request('GET')
    pool.close()        # idempotent, sends nothing more
    assert len(mock.calls) == 2


def test_transport_close_ignores_errors(mock):
    mock.add(responses.GET, URL, status=500, body=b'oops')
    pool = make_pool()
    pool.close()
    with pytest.raises(errors.DisconnectedError):
        pool.request('GET')


def test_transport_close_ignores_connection_errors(mock):
    mock.add(responses.GET, URL, body=requests.exceptions.ConnectionError('gone'))
    make_pool().close()


def test_transport_close_without_persistent_auth_sends_nothing(mock):
    pool = make_pool(persistent_auth=False)
    pool.close()
    assert len(mock.calls) == 0
    with pytest.raises(errors.DisconnectedError):
        pool.request('GET')


def test_transport_proxy_delegates(mock):
    mock.add(responses.DELETE, URL + '/vms/1', body=b'<action/>')
    pool = make_pool()
    proxy = Proxy(pool)
    assert proxy.get_connections_pool() is pool
    response = proxy.request('DELETE', '/ovirt-engine/api/vms/1', '<action/>',
                             {'Correlation-Id': 'abc'})
    assert response.body == b'<action/>'
    assert sent(mock)['Correlation-Id'] == 'abc'
    assert PASSWORD not in repr(proxy)


# --- debug logging and redaction -----------------------------------------------------

def assert_no_secrets(text):
    assert PASSWORD not in text
    assert TOKEN not in text
    assert COOKIE not in text


def test_transport_debug_logs_exchange_redacted(mock, caplog):
    caplog.set_level(logging.DEBUG, logger='ovirtsdk')
    mock.add(responses.GET, URL, body=API_XML, headers=set_cookie())
    mock.add(responses.POST, URL + '/users', status=201,
             body=b'<user><name>bob</name></user>')
    pool = make_pool(debug=True)
    pool.request('GET')
    pool.request('POST', '/ovirt-engine/api/users',
                 body='<user><name>bob</name><password>%s</password></user>' % PASSWORD)
    text = caplog.text
    assert '> GET ' + URL in text
    assert '> POST ' + URL + '/users' in text
    assert '< 200 OK' in text and '< 201 Created' in text
    assert '> Version: 3' in text and '> Prefer: persistent-auth' in text
    assert '<product_info>' in text                  # response body
    assert '<name>bob</name>' in text                 # request body
    assert '> Authorization: Basic ***' in text
    assert 'Cookie: JSESSIONID=***' in text
    assert '<password>***</password>' in text
    assert_no_secrets(text)
    for record in caplog.records:
        assert record.name == 'ovirtsdk' and record.levelno == logging.DEBUG


def test_transport_no_debug_no_logs(mock, caplog):
    # debug=False and the ovirtsdk logger above DEBUG: nothing (at DEBUG, the
    # logger's level alone switches request logging on: test_messages_hints.py)
    caplog.set_level(logging.INFO, logger='ovirtsdk')
    mock.add(responses.GET, URL)
    make_pool().request('GET')
    assert caplog.text == ''


def test_transport_debug_logs_connection_failure_redacted(mock, caplog):
    caplog.set_level(logging.DEBUG, logger='ovirtsdk')
    mock.add(responses.GET, URL, body=requests.exceptions.ConnectionError(
        'failed with %s and %s' % (PASSWORD, TOKEN)))
    with pytest.raises(errors.ConnectionError) as info:
        make_pool(debug=True).request('GET')
    assert_no_secrets(str(info.value))
    assert_no_secrets(caplog.text)
    assert 'failed with ***' in caplog.text


def test_transport_debug_goes_to_stderr_without_logging_config(mock, capsys, monkeypatch):
    logger = logging.getLogger('ovirtsdk')
    monkeypatch.setattr(logging.root, 'handlers', [])
    monkeypatch.setattr(logger, 'handlers', [])
    monkeypatch.setattr(logger, 'level', logging.NOTSET)
    mock.add(responses.GET, URL, body=API_XML, headers=set_cookie())
    mock.add(responses.GET, URL)
    pool = make_pool(debug=True)
    pool.request('GET')
    pool.request('GET')
    err = capsys.readouterr().err
    assert '> GET ' + URL in err and '<product_info>' in err
    assert err.count('< 200 OK') == 2          # one handler only
    assert_no_secrets(err)


def test_transport_debug_respects_application_handlers(mock, monkeypatch):
    logger = logging.getLogger('ovirtsdk')
    monkeypatch.setattr(logger, 'handlers', [])
    monkeypatch.setattr(logger, 'level', logging.NOTSET)
    seen = []

    class Collect(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())
    monkeypatch.setattr(logging.root, 'handlers', [Collect()])
    mock.add(responses.GET, URL)
    make_pool(debug=True).request('GET')
    assert logger.handlers == []
    assert seen and '> GET' in seen[0]


def test_transport_repr_redacted(mock):
    mock.add(responses.GET, URL, headers=set_cookie())
    pool = make_pool()
    pool.request('GET')
    assert_no_secrets(repr(pool))
    assert_no_secrets(repr(pool._auth))


def test_transport_connection_error_names_no_object_address(mock):
    # urllib3 1.26 puts "<...HTTPConnection object at 0x7f...>" in its messages
    cause = ConnectionRefusedError(
        111, '<urllib3.connection.HTTPConnection object at 0x7f50fea84890>: Failed to '
             'establish a new connection: [Errno 111] Connection refused')
    mock.add(responses.GET, URL, body=requests.exceptions.ConnectionError(cause))
    with pytest.raises(errors.ConnectionError) as info:
        make_pool().request('GET')
    message = str(info.value)
    assert 'connection refused' in message
    assert '<urllib3.connection.HTTPConnection>: Failed to establish' in message
    assert '0x7f50fea84890' not in message
