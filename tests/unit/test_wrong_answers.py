"""A reply that is not the answer asked for is an SDK error, never an empty list or
a None that looks legitimate."""
import pytest
import responses

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.xml import params

URL = "http://engine.example/ovirt-engine/api"
ENTRY = b"<api><product_info><name>oVirt</name></product_info></api>"
LIST = URL + "/vms;case_sensitive=True"
VM = b'<vm id="1" href="/ovirt-engine/api/vms/1"><name>a</name></vm>'


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add("GET", URL, body=ENTRY)
        yield mock


@pytest.fixture
def api(rsps):
    return API(URL, username="admin@internal", password="secret")


@pytest.mark.parametrize("body", [
    b"<hosts/>",
    b"<hosts><host id='1'><name>h</name></host></hosts>",
    b"<hosts><vm id='1'><name>a</name></vm></hosts>",      # VMs under the wrong root
    VM,                                                       # a single <vm>
    b"<fault><reason>x</reason><detail>y</detail></fault>",
    b"<vms xmlns='http://example.com/other'><vm id='1'/></vms>",
    b"<action><status><state>complete</state></status></action>",
    b"",
    b"   \n  ",
    b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Maintenance</p></body></html>',
    b"<html><body><vms/></body></html>",
])
def test_list_with_the_wrong_document_is_a_format_error(api, rsps, body):
    rsps.add("GET", LIST, body=body)
    with pytest.raises(errors.FormatError):
        api.vms.list()


def test_list_reads_the_collection_and_an_empty_collection(api, rsps):
    rsps.add("GET", LIST, body=b"<vms>" + VM + b"</vms>")
    assert [vm.name for vm in api.vms.list()] == ["a"]
    rsps.replace("GET", LIST, body=b"<vms/>")
    assert api.vms.list() == []


def test_sub_collection_list_checks_its_own_root(api, rsps):
    rsps.add("GET", URL + "/vms/1", body=VM)
    vm = api.vms.get(id="1")
    rsps.add("GET", URL + "/vms/1/nics", body=b"<disks><nic id='n'/></disks>")
    with pytest.raises(errors.FormatError, match="<nics>"):
        vm.nics.list()
    rsps.replace("GET", URL + "/vms/1/nics", body=b"<nics><nic id='n'><name>eth0</name></nic></nics>")
    assert [n.name for n in vm.nics.list()] == ["eth0"]


def test_get_by_name_checks_the_root_too(api, rsps):
    rsps.add("GET", URL + "/vms?search=name%3Da",
             body=b"<hosts><vm id='1'><name>a</name></vm></hosts>")
    with pytest.raises(errors.FormatError):
        api.vms.get(name="a")


@pytest.mark.parametrize("body", [b"", b"  \r\n"])
def test_empty_reply_to_get_by_id_is_not_not_found(api, rsps, body):
    rsps.add("GET", URL + "/vms/1", status=200, body=body)
    with pytest.raises(errors.FormatError, match="empty"):
        api.vms.get(id="1")


def test_404_to_get_by_id_is_still_none(api, rsps):
    rsps.add("GET", URL + "/vms/1", status=404, body=b"<fault><reason>Not Found</reason></fault>")
    assert api.vms.get(id="1") is None


@pytest.mark.parametrize("status", [200, 201, 202])
def test_empty_reply_to_add_is_an_error(api, rsps, status):
    rsps.add("POST", URL + "/vms", status=status, body=b"")
    with pytest.raises(errors.FormatError, match="empty"):
        api.vms.add(params.VM(name="a"))


def test_empty_reply_to_update_is_an_error(api, rsps):
    rsps.add("GET", URL + "/vms/1", body=VM)
    vm = api.vms.get(id="1")
    rsps.add("PUT", URL + "/vms/1", status=200, body=b"")
    with pytest.raises(errors.FormatError, match="empty"):
        vm.update()


def test_empty_reply_to_an_action_is_an_error(api, rsps):
    rsps.add("GET", URL + "/vms/1", body=VM)
    vm = api.vms.get(id="1")
    rsps.add("POST", URL + "/vms/1/start", status=200, body=b"")
    with pytest.raises(errors.FormatError, match="empty"):
        vm.start()


def test_empty_reply_to_delete_is_fine(api, rsps):
    rsps.add("GET", URL + "/vms/1", body=VM)
    vm = api.vms.get(id="1")
    rsps.add("DELETE", URL + "/vms/1", status=200, body=b"")
    assert vm.delete() is None
