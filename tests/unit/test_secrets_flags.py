"""Flags read from config files mean what they say, and credentials never leak into
error messages or debug logs (element content, attributes, URLs)."""
import base64
import logging
import socket

import pytest
import responses

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.xml import params

URL = "http://engine.example/ovirt-engine/api"
ENTRY = b"<api><product_info><name>oVirt</name></product_info></api>"


def _closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# ---------------------------------------------------------------- flags

@pytest.mark.parametrize("value", ["false", "False", "FALSE", "no", "No", "0", "", " false "])
def test_insecure_false_as_a_string_keeps_verification(value):
    url = "https://127.0.0.1:%d/ovirt-engine/api" % _closed_port()
    with pytest.raises(errors.NoCertificatesError):
        API(url, username="u", password="p", insecure=value)


@pytest.mark.parametrize("value", ["true", "True", "yes", "1"])
def test_insecure_true_as_a_string_skips_verification(value):
    url = "https://127.0.0.1:%d/ovirt-engine/api" % _closed_port()
    with pytest.warns(UserWarning, match="not verified"):
        with pytest.raises(errors.ConnectionError, match="connection refused"):
            API(url, username="u", password="p", insecure=value)


@pytest.mark.parametrize("key", ["insecure", "validate_cert_chain", "persistent_auth",
                                 "debug", "kerberos", "filter", "renew_session"])
def test_unreadable_flag_strings_are_refused_naming_the_key(key):
    with pytest.raises(TypeError, match=key):
        API(URL, username="u", password="p", **{key: "maybe"})


@pytest.mark.parametrize("value", ["False", "no", "0"])
def test_validate_cert_chain_false_string_keeps_chain_validation(value):
    url = "https://127.0.0.1:%d/ovirt-engine/api" % _closed_port()
    with pytest.raises(errors.NoCertificatesError):
        API(url, username="u", password="p", validate_cert_chain="yes")
    with pytest.warns(UserWarning, match="validate_cert_chain=False"):
        with pytest.raises(errors.ConnectionError):
            API(url, username="u", password="p", validate_cert_chain=value)


@pytest.mark.parametrize("value,sent", [("false", False), ("no", False), ("true", True)])
def test_persistent_auth_string(value, sent):
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY)
        API(URL, username="u", password="p", persistent_auth=value)
        assert ("Prefer" in rsps.calls[0].request.headers) is sent


@pytest.mark.parametrize("value", ["false", "no", "0"])
def test_kerberos_false_string_uses_basic_auth(value):
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY)
        API(URL, username="u", password="p", kerberos=value)
        assert rsps.calls[0].request.headers["Authorization"].startswith("Basic ")


@pytest.mark.parametrize("value,on", [("False", False), ("no", False), ("0", False),
                                      ("True", True), ("yes", True)])
def test_debug_string(value, on):
    logger = logging.getLogger("ovirtsdk")
    saved = logger.level, list(logger.handlers)
    logger.setLevel(logging.NOTSET)
    try:
        with responses.RequestsMock() as rsps:
            rsps.add("GET", URL, body=ENTRY)
            API(URL, username="u", password="p", debug=value)
        # debug=True makes the log visible (level DEBUG); a false string does not.
        assert (logger.level == logging.DEBUG) is on
    finally:
        logger.setLevel(saved[0])
        logger.handlers[:] = saved[1]


# ---------------------------------------------------------------- credentials in the URL

def test_credentials_in_the_url_are_used_and_removed_from_it():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY)
        api = API("http://admin%40internal:pa%3Ass@engine.example/ovirt-engine/api")
        request = rsps.calls[0].request
        assert "@" not in request.url and "pa" not in request.url
        expected = base64.b64encode(b"admin@internal:pa:ss").decode()
        assert request.headers["Authorization"] == "Basic " + expected
        assert "pa%3Ass" not in repr(api) and "@" not in repr(api)


def test_credentials_in_the_url_agreeing_with_the_arguments_are_fine():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY)
        API("http://admin@engine.example/ovirt-engine/api", username="admin",
            password="Sup3rSecret")
        expected = base64.b64encode(b"admin:Sup3rSecret").decode()
        assert rsps.calls[0].request.headers["Authorization"] == "Basic " + expected


@pytest.mark.parametrize("url,kwargs", [
    ("https://user:Sup3rSecret@engine.example/ovirt-engine/api", {"username": "other"}),
    ("https://user:Sup3rSecret@engine.example/ovirt-engine/api", {"password": "other"}),
    ("user:Sup3rSecret@engine.example/ovirt-engine/api", {}),        # no scheme
    ("ftp://user:Sup3rSecret@engine.example/ovirt-engine/api", {}),
    ("https://user:Sup3rSecret@/ovirt-engine/api", {}),              # no host
])
def test_bad_url_errors_never_echo_the_password(url, kwargs):
    with pytest.raises(ValueError) as info:
        API(url, insecure=True, **kwargs)
    assert "Sup3rSecret" not in str(info.value)


# ---------------------------------------------------------------- debug logs

def test_attribute_valued_secrets_are_redacted_in_debug_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="ovirtsdk")
    host_reply = (b'<host id="h1"><name>h</name><power_management type="ipmilan">'
                  b'<options><option name="passwd" value="Repl1edSecret"/>'
                  b'<option name="lanplus" value="1"/></options>'
                  b'<agents><agent password="AgentSecret1"/></agents>'
                  b'</power_management></host>')
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY)
        rsps.add("POST", URL + "/hosts", status=201, body=host_reply)
        api = API(URL, username="u", password="p", debug=True)
        api.hosts.add(params.Host(
            name="h", address="10.0.0.1", root_password="RootSecret1",
            power_management=params.PowerManagement(
                type_="ipmilan", enabled=True, address="10.0.0.2", username="ipmi",
                password="PmSecret1", options=params.Options(option=[
                    params.Option(name="passwd", value="OptionSecret1"),
                    params.Option(name="lanplus", value="1")]))))
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert 'name="lanplus" value="1"' in text     # the rest is still shown
    for secret in ("OptionSecret1", "Repl1edSecret", "AgentSecret1", "RootSecret1",
                   "PmSecret1"):
        assert secret not in text
