"""Whatever a server sends, a script sees SDK errors or valid objects — never a
stray traceback from deep inside, and never a resolved entity."""
import time

import pytest
import responses
from hypothesis import HealthCheck, given, seed, settings, strategies as st

from ovirtsdk.api import API
from ovirtsdk.infrastructure import connectionspool, errors
from ovirtsdk.xml import params, runtime

URL = "http://engine.example/ovirt-engine/api"
ENTRY = b'<api><product_info><name>oVirt</name></product_info></api>'
VM = b'<vm id="1" href="/ovirt-engine/api/vms/1"><name>a</name></vm>'


def _api(rsps):
    rsps.add("GET", URL, body=ENTRY)
    return API(URL, username="admin@internal", password="secret")


# ---------------------------------------------------------------- specific bodies

@pytest.mark.parametrize("status,body,error", [
    (200, b"<vms><vm id='1'><name>a</name></vms>", errors.FormatError),        # truncated
    (200, b"<html><body>hello</body></html>", errors.FormatError),            # wrong root
    (200, b"\x00\xff\xfe garbage", errors.FormatError),                       # binary
    (200, b"not xml at all", errors.FormatError),
    (200, b"<host id='1'><name>h</name></host>", errors.FormatError),         # wrong type
    (200, b"<vm id='1'><memory>lots</memory></vm>", errors.FormatError),      # bad value
    (500, b"<html><h1>JBWEB000065: HTTP Status 500 - boom</h1></html>", errors.RequestError),
    (503, b"", errors.RequestError),
    (302, b"", errors.RequestError),
])
def test_specific_bad_replies_to_get(status, body, error):
    with responses.RequestsMock() as rsps:
        api = _api(rsps)
        rsps.add("GET", URL + "/vms/1", status=status, body=body)
        with pytest.raises(error):
            vm = api.vms.get(id="1")
            runtime.materialize_deep(vm.superclass)


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = ('<?xml version="1.0"?><!DOCTYPE vms [<!ENTITY x SYSTEM "file://%s">]>'
            '<vms><vm id="1"><name>&x;</name></vm></vms>' % secret).encode()
    with responses.RequestsMock() as rsps:
        api = _api(rsps)
        rsps.add("GET", URL + "/vms;case_sensitive=True", body=body)
        try:
            result = api.vms.list()
        except errors.OvirtSdkError:
            return
        assert all("TOP-SECRET" not in (vm.name or "") for vm in result)


def test_billion_laughs_fails_fast():
    lol = "".join('<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">'
                  % ((i,) + (i - 1,) * 10) for i in range(1, 10))
    body = ('<?xml version="1.0"?><!DOCTYPE vms [<!ENTITY l0 "lol">%s]>'
            '<vms><vm><name>&l9;</name></vm></vms>' % lol).encode()
    with responses.RequestsMock() as rsps:
        api = _api(rsps)
        rsps.add("GET", URL + "/vms;case_sensitive=True", body=body)
        start = time.monotonic()
        with pytest.raises(errors.FormatError):
            api.vms.list()
        assert time.monotonic() - start < 5


# ---------------------------------------------------------------- transport limits

def test_huge_body_is_refused(monkeypatch):
    monkeypatch.setattr(connectionspool, "MAX_BODY_SIZE", 100000)
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=b"<api>" + b" " * 500000 + b"</api>")
        pool = connectionspool.ConnectionsPool(URL)
        with pytest.raises(errors.ConnectionError, match="exceeds"):
            pool.request("GET")


# ---------------------------------------------------------------- fuzzing

_TAGS = ["vms", "vm", "name", "memory", "status", "state", "cpu", "topology", "fault",
         "reason", "detail", "action", "host", "link", "os", "boot", "creation_time",
         "high_availability", "enabled", "html", "h1"]


def _element(children):
    return st.builds(
        lambda tag, attrs, kids, text: "<%s%s>%s%s</%s>" % (
            tag, "".join(' %s="%s"' % kv for kv in attrs), text, "".join(kids), tag),
        st.sampled_from(_TAGS),
        st.lists(st.tuples(st.sampled_from(["id", "href", "sockets", "dev", "rel", "type"]),
                           st.sampled_from(["1", "x", "-3", "true", "2016-05-03T10:20:30Z",
                                            "&amp;", ""])), max_size=2, unique_by=lambda t: t[0]),
        st.lists(children, max_size=3),
        st.sampled_from(["", "1", "lots", "true", "up", "2016-05-03T10:20:30.5+02:00",
                         "[detail]", "\u00e9", "&lt;"]))


_XML = st.recursive(_element(st.just("")), _element, max_leaves=12)
_BODIES = st.one_of(
    _XML.map(lambda s: s.encode("utf-8")),
    _XML.map(lambda s: s.encode("utf-8")).flatmap(
        lambda b: st.integers(0, max(len(b) - 1, 0)).map(lambda n: b[:n])),
    st.binary(max_size=200),
    st.text(max_size=100).map(lambda s: s.encode("utf-8")),
    st.just(b""),
)
_STATUS = st.sampled_from([200, 200, 200, 201, 202, 204, 301, 400, 401, 404, 409, 500, 503])
_CALLS = st.sampled_from(["list", "get_id", "get_name", "start", "add"])


@seed(20161122)
@settings(max_examples=1200, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(status=_STATUS, body=_BODIES, call=_CALLS)
def test_fuzz_only_sdk_errors_or_valid_objects(status, body, call):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        api = _api(rsps)
        rsps.add("GET", URL + "/vms/1", body=VM)
        vm = api.vms.get(id="1")
        rsps.replace("GET", URL + "/vms/1", status=status, body=body)
        for method, url in (("GET", URL + "/vms;case_sensitive=True"),
                            ("GET", URL + "/vms?search=name%3Da"),
                            ("POST", URL + "/vms/1/start"), ("POST", URL + "/vms")):
            rsps.add(method, url, status=status, body=body)
        try:
            if call == "list":
                result = api.vms.list()
            elif call == "get_id":
                result = api.vms.get(id="1")
            elif call == "get_name":
                result = api.vms.get(name="a")
            elif call == "start":
                result = vm.start()
            else:
                result = api.vms.add(params.VM(name="a"))
            for item in (result if isinstance(result, list) else [result]):
                if item is not None:
                    # build every member: lazy parsing must not hide errors
                    runtime.to_xml(item)
        except errors.OvirtSdkError:
            pass
