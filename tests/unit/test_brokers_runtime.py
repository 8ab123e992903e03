"""Request building and response wrapping of the brokers, against canned responses."""
import pickle
import re

import pytest
import responses
from responses import matchers

from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers, errors
from ovirtsdk.xml import params

URL = "http://engine.example/ovirt-engine/api"
ENTRY = b"""<api href="/ovirt-engine/api">
  <link href="/ovirt-engine/api/vms" rel="vms"/>
  <special_objects><link href="/ovirt-engine/api/templates/0" rel="templates/blank"/></special_objects>
  <product_info><name>oVirt Engine</name><vendor>ovirt.org</vendor>
    <version major="3" minor="6" build="9" revision="0"/></product_info>
  <summary><vms><total>2</total><active>1</active></vms></summary>
  <time>2016-05-03T10:20:30.123+02:00</time>
</api>"""

VM1 = ('<vm id="1" href="/ovirt-engine/api/vms/1"><name>web1</name>'
       '<actions><link href="/ovirt-engine/api/vms/1/start" rel="start"/></actions>'
       '<link href="/ovirt-engine/api/vms/1/nics" rel="nics"/>'
       '<type>server</type><status><state>up</state></status><memory>1073741824</memory>'
       '<cpu><topology sockets="2" cores="1" threads="1"/></cpu>'
       '<os type="rhel_7x64"><boot dev="hd"/><boot dev="cdrom"/></os>'
       '<high_availability><enabled>true</enabled><priority>1</priority></high_availability>'
       '<cluster id="c1" href="/ovirt-engine/api/clusters/c1"/>'
       '<creation_time>2016-05-03T10:20:30.123+02:00</creation_time></vm>')
VM2 = ('<vm id="2" href="/ovirt-engine/api/vms/2"><name>db1</name>'
       '<status><state>down</state></status><memory>2147483648</memory></vm>')
VMS = ("<vms>%s%s</vms>" % (VM1, VM2)).encode()


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        rsps.add("GET", URL, body=ENTRY, content_type="application/xml")
        yield rsps


@pytest.fixture
def api(mock):
    a = API(URL, username="admin@internal", password="secret")
    yield a


def calls(mock, method=None):
    return [c for c in mock.calls if method is None or c.request.method == method]


def test_list_sends_matrix_parameters_then_query(api, mock):
    mock.add("GET", URL + "/vms;case_sensitive=False;max=10?search=name%3Dweb%2A+and+status%3Dup",
             body=VMS)
    result = api.vms.list(query="name=web* and status=up", case_sensitive=False, max=10)
    assert type(result) is list and len(result) == 2
    assert isinstance(result[0], brokers.VM) and isinstance(result[0], params.VM)


def test_searchable_list_always_sends_case_sensitive(api, mock):
    mock.add("GET", URL + "/vms;case_sensitive=True", body=VMS)
    assert [vm.get_name() for vm in api.vms.list()] == ["web1", "db1"]


def test_paging_by_query_and_empty_page(api, mock):
    mock.add("GET", URL + "/vms;case_sensitive=True?search=page+2", body=b"<vms/>")
    assert api.vms.list(query="page 2") == []


def test_sub_collection_list_sends_only_declared_matrix_parameters(api, mock):
    mock.add("GET", URL + "/vms?search=name%3Dweb1", body=("<vms>%s</vms>" % VM1).encode())
    mock.add("GET", URL + "/vms/1/nics",
             body=b'<nics><nic id="n1"><name>nic1</name><interface>virtio</interface></nic></nics>')
    vm = api.vms.get("web1")
    nics = vm.nics.list()
    assert [n.name for n in nics] == ["nic1"]
    assert isinstance(nics[0], brokers.VMNIC)
    assert nics[0].parentclass is vm


def test_get_by_name_searches_and_filters_exact_matches(api, mock):
    # the engine's search is case-insensitive and wildcard-ish: keep only exact names
    mock.add("GET", URL + "/vms?search=name%3Dweb1",
             body=("<vms>%s%s</vms>" % (VM1, VM1.replace("web1", "WEB1").replace('"1"', '"3"')))
             .encode())
    vm = api.vms.get(name="web1")
    assert vm.id == "1"


def test_get_by_name_ambiguous_and_missing(api, mock):
    mock.add("GET", URL + "/vms?search=name%3Dweb1",
             body=("<vms>%s%s</vms>" % (VM1, VM1.replace('"1"', '"3"'))).encode())
    mock.add("GET", URL + "/vms?search=name%3Dnope", body=b"<vms/>")
    with pytest.raises(errors.AmbiguousQueryError):
        api.vms.get(name="web1")
    assert api.vms.get(name="nope") is None
    with pytest.raises(errors.MissingParametersError):
        api.vms.get()


def test_get_by_id_and_404_is_none(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("GET", URL + "/vms/404", status=404,
             body=b"<fault><reason>Not Found</reason><detail>[entity not found]</detail></fault>")
    mock.add("GET", URL + "/vms/500", status=500, body=b"<fault><reason>x</reason></fault>")
    assert api.vms.get(id="1").name == "web1"
    assert api.vms.get(id="404") is None
    with pytest.raises(errors.RequestError) as exc:
        api.vms.get(id="500")
    assert exc.value.status == 500


def test_non_searchable_get_by_name_lists_and_filters(api, mock):
    mock.add("GET", URL + "/vms?search=name%3Dweb1", body=("<vms>%s</vms>" % VM1).encode())
    mock.add("GET", URL + "/vms/1/nics",
             body=b'<nics><nic id="n1"><name>nic1</name></nic><nic id="n2"><name>nic2</name></nic>'
                  b'</nics>')
    nic = api.vms.get("web1").nics.get(name="nic2")
    assert nic.id == "n2"


def test_all_content_header(api, mock):
    mock.add("GET", URL + "/vms;case_sensitive=True", body=VMS,
             match=[matchers.header_matcher({"All-Content": "True"})])
    assert len(api.vms.list(all_content=True)) == 2


def test_kwargs_filtering(api, mock):
    for _ in range(4):
        mock.add("GET", URL + "/vms;case_sensitive=True", body=VMS)
    assert [v.name for v in api.vms.list(name="web*")] == ["web1"]
    assert [v.name for v in api.vms.list(status__state="down")] == ["db1"]
    assert [v.name for v in api.vms.list(**{"status.state": "up"})] == ["web1"]
    # lists are searched element-wise
    assert [v.name for v in api.vms.list(**{"os.boot.dev": "cdrom"})] == ["web1"]


def test_add_posts_entity_and_returns_resource_broker(api, mock):
    mock.add("POST", URL + "/vms", status=201, body=VM1.encode(),
             match=[matchers.header_matcher({"Expect": "201-created",
                                             "X-Ovirt-Expect": "201-created",
                                             "Correlation-Id": "abc"})])
    vm = api.vms.add(params.VM(name="web1", memory=512 * 1024 ** 2,
                               cluster=params.Cluster(name="Default"),
                               template=params.Template(name="Blank")),
                     correlation_id="abc", expect="201-created")
    assert isinstance(vm, brokers.VM) and vm.id == "1"
    body = calls(mock, "POST")[0].request.body.decode()
    assert body.startswith("<vm>") and "<memory>536870912</memory>" in body
    assert "<cluster><name>Default</name></cluster>" in body


def test_brokers_as_values_send_the_whole_entity(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("POST", URL + "/vms", status=201, body=VM2.encode())
    template_source = api.vms.get(id="1")
    api.vms.add(params.VM(name="copy", template=params.Template(vm=template_source)))
    body = calls(mock, "POST")[0].request.body.decode()
    assert '<template><vm href="/ovirt-engine/api/vms/1" id="1"><actions>' in body
    assert '<cluster href="/ovirt-engine/api/clusters/c1" id="c1"/>' in body
    assert "<name>web1</name>" in body


def test_broker_in_list_value_and_setter_is_unwrapped(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    vm = api.vms.get(id="1")
    holder = params.VMs(vm=[vm])
    assert type(holder.vm[0]) is params.VM
    other = params.Template()
    other.set_vm(vm)
    assert type(other.vm) is params.VM
    other.add_link(vm)      # add_x unwraps too
    assert type(other.link[0]) is params.VM


def test_attribute_write_through_and_update(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("PUT", URL + "/vms/1", body=VM1.replace("1073741824", "2147483648").encode())
    vm = api.vms.get(id="1")
    vm.memory = 2 * 1024 ** 3
    vm.cpu.topology.cores = 4
    vm.set_description("updated")
    new = vm.update()
    body = calls(mock, "PUT")[0].request.body.decode()
    assert "<memory>2147483648</memory>" in body
    assert 'cores="4"' in body and "<description>updated</description>" in body
    assert new is not vm and isinstance(new, brokers.VM) and new.memory == 2 * 1024 ** 3
    assert "memory" not in vm.__dict__    # written through to the entity


def test_subcollection_hides_entity_field(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    vm = api.vms.get(id="1")
    assert isinstance(vm.nics, brokers.VMNICs)
    assert vm.get_nics() is vm.nics
    assert isinstance(vm.disks, brokers.VMDisks)


def test_actions_post_action_body_and_return_action(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("POST", URL + "/vms/1/start", body=b"<action><status><state>complete</state>"
                                                b"</status></action>")
    mock.add("POST", URL + "/vms/1/migrate", body=b"<action><status><state>complete</state>"
                                                  b"</status></action>")
    vm = api.vms.get(id="1")
    result = vm.start()
    assert isinstance(result, params.Action) and result.status.state == "complete" and result
    assert calls(mock, "POST")[0].request.body == b"<action/>"
    vm.migrate(params.Action(host=params.Host(name="h2"), async_=False))
    assert calls(mock, "POST")[1].request.body == \
        b"<action><async>false</async><host><name>h2</name></host></action>"
    assert vm.status.state == "up"     # actions do not refresh the resource


def test_action_fault_raises_request_error(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("POST", URL + "/vms/1/stop", status=409,
             body=b"<action><fault><reason>Operation Failed</reason>"
                  b"<detail>[Cannot stop VM. VM is not running.]</detail></fault></action>")
    with pytest.raises(errors.RequestError) as exc:
        api.vms.get(id="1").stop()
    assert exc.value.status == 409
    assert exc.value.detail == "Cannot stop VM. VM is not running."
    assert "status: 409" in str(exc.value)


def test_delete_with_matrix_parameters_and_action_body(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("DELETE", URL + "/vms/1;async=True", body=b"")
    mock.add("DELETE", URL + "/vms/1", body=b"")
    vm = api.vms.get(id="1")
    assert vm.delete(async_=True) is None
    assert calls(mock, "DELETE")[0].request.body == b"<action/>"
    vm.delete(action=params.Action(force=True))
    assert calls(mock, "DELETE")[1].request.body == b"<action><force>true</force></action>"


def test_plain_delete_sends_no_body(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("GET", URL + "/vms/1/nics", body=b'<nics><nic id="n1"><name>a</name></nic></nics>')
    mock.add("DELETE", URL + "/vms/1/nics/n1", body=b"")
    nic = api.vms.get(id="1").nics.list()[0]
    nic.delete()
    assert calls(mock, "DELETE")[0].request.body is None


def test_sub_resource_urls_are_filled_from_the_parent_chain(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("GET", URL + "/vms/1/nics/n%2F1", body=b'<nic id="n/1"><name>a</name></nic>')
    mock.add("POST", URL + "/vms/1/nics/n%2F1/activate", body=b"<action/>")
    nic = api.vms.get(id="1").nics.get(id="n/1")
    nic.activate()


def test_values_parsed_from_xml_have_python_types(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    vm = api.vms.get(id="1")
    assert vm.memory == 1073741824 and isinstance(vm.memory, int)
    assert vm.cpu.topology.sockets == 2
    assert vm.high_availability.enabled is True
    assert str(vm.creation_time) == "2016-05-03 10:20:30.123000+02:00"
    assert vm.os.type_ == "rhel_7x64" and vm.os.get_type() == "rhel_7x64"


def test_disconnect_makes_every_broker_unusable(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    vm = api.vms.get(id="1")
    nics = vm.nics
    api.disconnect()
    closing = calls(mock)[-1].request
    assert closing.method == "GET" and "Prefer" not in closing.headers
    for use in (vm.start, vm.update, vm.delete, nics.list, lambda: api.vms,
                api.test, api.get_product_info):
        with pytest.raises(errors.DisconnectedError):
            use()


def test_equality_and_hash_of_params_and_brokers(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    a, b = api.vms.get(id="1"), api.vms.get(id="1")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a == a.superclass and a != None and a != api    # noqa: E711
    assert params.VM(name="x") == params.VM(name="x") != params.VM(name="y")
    assert hash(params.VM(id="1", name="x")) == hash(params.VM(id="1", name="x"))


def test_params_pickle_but_brokers_do_not(api, mock):
    mock.add("GET", URL + "/vms/1", body=VM1.encode())
    vm = api.vms.get(id="1")
    copy = pickle.loads(pickle.dumps(vm.superclass))
    assert copy == vm.superclass and copy.cpu.topology.sockets == 2
    with pytest.raises(TypeError):
        pickle.dumps(vm)


def test_entry_point_methods(api, mock):
    assert api.get_product_info().get_version().get_major() == 3
    assert api.get_special_objects() is not None
    mock.add("GET", URL, body=ENTRY)
    assert api.get_summary().get_vms().total == 2
    mock.add("GET", URL, body=ENTRY)
    assert api.get_time().utcoffset().total_seconds() == 7200
    mock.add("GET", URL, body=ENTRY)
    assert api.test() is True
    mock.add("GET", URL, status=500, body=b"boom")
    assert api.test() is False
    mock.add("GET", URL, status=500, body=b"boom")
    with pytest.raises(errors.RequestError):
        api.test(throw_exception=True)


def test_api_id_is_immutable_and_arbitrary_attributes_work(api):
    with pytest.raises(errors.ImmutableError):
        api.id = "x"
    api.verbosity = 3
    assert api.verbosity == 3 and isinstance(api.id, str)


@pytest.mark.parametrize("given,expected", [
    ("https://e.example/ovirt-engine/api/", "https://e.example/ovirt-engine/api"),
    ("https://e.example", "https://e.example/api"),
    ("https://e.example/", "https://e.example/api"),
    ("https://e.example/ovirt-engine/api?x=1#f", "https://e.example/ovirt-engine/api"),
])
def test_url_normalisation(given, expected):
    from ovirtsdk.api import normalize_url
    assert normalize_url(given) == expected


def test_port_is_added_only_when_missing():
    from ovirtsdk.api import normalize_url
    assert normalize_url("https://e/api", 8443) == "https://e:8443/api"
    assert normalize_url("https://e:443/api", 8443) == "https://e:443/api"


@pytest.mark.parametrize("key,value", [("session_timeout", "ten"), ("filter", "maybe"),
                                       ("renew_session", 3)])
def test_constructor_type_errors_name_the_key(key, value):
    with pytest.raises(TypeError) as exc:
        API(URL, **{key: value})
    assert exc.value.args[0].startswith(key + "=")


def test_no_certificates_error_before_any_request():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        with pytest.raises(errors.NoCertificatesError):
            API("https://engine.example/ovirt-engine/api", username="u", password="p")
        assert len(rsps.calls) == 0


def test_empty_entry_point_is_unsecured_connection_attempt():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=b"")
        with pytest.raises(errors.UnsecuredConnectionAttemptError):
            API(URL, username="u", password="p")


def test_bad_credentials_fail_in_the_constructor():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, status=401, body=b"<html><h1>HTTP Status 401 - Unauthorized</h1>"
                                              b"</html>")
        with pytest.raises(errors.RequestError) as exc:
            API(URL, username="u", password="wrong")
        assert exc.value.status == 401


def test_context_manager_disconnects(mock):
    with API(URL, username="u", password="p") as api:
        pass
    with pytest.raises(errors.DisconnectedError):
        api.vms


def test_two_api_instances_share_nothing():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=ENTRY, headers={"Set-Cookie": "JSESSIONID=one; Path=/"})
        rsps.add("GET", "http://other.example/api", body=ENTRY,
                 headers={"Set-Cookie": "JSESSIONID=two; Path=/"})
        rsps.add("GET", URL + "/vms;case_sensitive=True", body=b"<vms/>")
        rsps.add("GET", "http://other.example/api/vms;case_sensitive=True", body=b"<vms/>")
        a = API(URL, username="a", password="pa", filter=True)
        b = API("http://other.example", username="b", password="pb")
        a.vms.list()
        b.vms.list()
        ra, rb = rsps.calls[2].request, rsps.calls[3].request
        assert ra.headers["Filter"] == "True" and rb.headers["Filter"] == "False"
        assert "two" not in ra.headers.get("Cookie", "")
        assert "one" not in rb.headers.get("Cookie", "")
        assert a.vms is not b.vms and a.id != b.id


def test_bad_entity_type_is_a_clear_error(api):
    with pytest.raises(TypeError, match="params object"):
        api.vms.add("not a vm")


def test_bad_value_type_is_a_clear_error(api):
    with pytest.raises(TypeError, match="memory"):
        api.vms.add(params.VM(name="x", memory="lots"))


def test_wrong_keyword_in_params_constructor():
    with pytest.raises(TypeError, match="nme"):
        params.VM(nme="x")


def test_misspelt_member_is_an_error_not_silently_dropped():
    vm = params.VM(name="x")
    with pytest.raises(AttributeError, match="memroy"):
        vm.memroy = 5
    vm._private_note = "scripts may stash underscore names"


def test_wrong_class_or_shape_for_a_member_is_a_clear_error(api):
    with pytest.raises(TypeError, match="cluster: expected a params.Cluster, got params.Host"):
        api.vms.add(params.VM(name="x", cluster=params.Host(name="h")))
    with pytest.raises(TypeError, match="name: expected a single"):
        api.vms.add(params.VM(name=["a", "b"]))


def test_async_in_kwargs_is_refused_with_the_python3_spelling():
    """``**{'async': ...}`` into a method's ``**kwargs`` is no filter: TypeError naming async_."""
    broker = brokers.VMs(object())
    with pytest.raises(TypeError, match=r"VMs\.list\(\) got the keyword argument 'async'.*async_"):
        broker.list(**{"async": False})
    nics = brokers.VMNICs(brokers.VM(brokers.params.VM(id="1"), object()), object())
    with pytest.raises(TypeError, match=r"VMNICs\.list\(\) .*async_"):
        nics.list(**{"async": True, "name": "nic1"})
