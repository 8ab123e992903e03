"""The fake engine's error replies: 400, 401, 404, 405, 409 as the engine renders them."""
import pytest
import requests
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params


@pytest.fixture(scope="module")
def engine():
    with FakeEngine(https=False) as fake:
        yield fake


@pytest.fixture
def http(engine):
    session = requests.Session()
    session.auth = (engine.username, engine.password)
    session.headers["Content-Type"] = "application/xml"
    yield session
    session.close()


def _fault(reply, status):
    assert reply.status_code == status, reply.text
    root = etree.fromstring(reply.content)
    assert root.tag == "fault"
    return root.findtext("reason"), root.findtext("detail")


def _cluster_id(engine):
    return engine.engine.find("clusters", name="Default").id


# ---------------------------------------------------------------- 400

def test_missing_required_parameters(engine, http):
    reply = http.post(engine.url + "/vms", data="<vm><name>x</name>"
                      "<template><name>Blank</name></template></vm>")
    reason, detail = _fault(reply, 400)
    assert reason == "Incomplete parameters"
    assert detail == "VM [cluster.id|name] required for add"


def test_either_id_or_name_satisfies_a_parameter(engine, http):
    reply = http.post(engine.url + "/vms", data=(
        '<vm><name>byid</name><cluster id="%s"/><template><name>Blank</name></template></vm>'
        % _cluster_id(engine)), headers={"Expect": "201-created"})
    assert reply.status_code == 201, reply.text
    vm = etree.fromstring(reply.content)
    assert vm.find("cluster").get("href") == "/ovirt-engine/api/clusters/%s" % _cluster_id(
        engine)
    assert reply.headers["Location"] == vm.get("href")


def test_one_of_several_parameter_sets(engine, http):
    # storagedomains add has five sets; this body satisfies none of them
    reply = http.post(engine.url + "/storagedomains",
                      data="<storage_domain><name>sd</name><type>data</type></storage_domain>")
    reason, detail = _fault(reply, 400)
    assert reason == "Incomplete parameters"
    assert detail.startswith("StorageDomain [") and detail.endswith("required for add")
    assert "host.id|name" in detail


def test_collection_parameter_members_are_checked(engine, http):
    vm = http.get(engine.url + "/vms?search=name%3Dbyid").content
    vm_id = etree.fromstring(vm)[0].get("id")
    # a direct-LUN disk needs every logical unit to carry id/address/port/target
    reply = http.post(engine.url + "/vms/%s/disks" % vm_id, data=(
        "<disk><interface>virtio</interface><lun_storage><type>iscsi</type>"
        "<logical_unit><address>a</address></logical_unit></lun_storage></disk>"))
    reason, detail = _fault(reply, 400)
    assert reason == "Incomplete parameters"


def test_action_parameters_are_checked(engine, http):
    vm_id = etree.fromstring(http.get(engine.url + "/vms?search=name%3Dbyid").content)[0]
    reply = http.delete(engine.url + "/vms/%s/disks/%s" % (vm_id.get("id"), "nope"))
    _fault(reply, 404)


@pytest.mark.parametrize("body,reason", [
    ("<vm><name>x</name><memory>lots</memory></vm>", "Invalid value"),
    ("<vm><name>x", "Syntax error"),
    ("<host><name>x</name></host>", "Invalid value"),
])
def test_bad_bodies(engine, http, body, reason):
    assert _fault(http.post(engine.url + "/vms", data=body), 400)[0] == reason


def test_enum_values_are_validated(engine, http):
    vm_id = etree.fromstring(http.get(engine.url + "/vms?search=name%3Dbyid").content)[0]
    reply = http.post(engine.url + "/vms/%s/disks" % vm_id.get("id"), data=(
        "<disk><provisioned_size>1024</provisioned_size><interface>floppy</interface>"
        "<format>cow</format></disk>"))
    reason, detail = _fault(reply, 400)
    assert reason == "Invalid value"
    assert detail.startswith("floppy is not a member of DiskInterface.")


def test_bad_url_parameter(engine, http):
    assert _fault(http.get(engine.url + "/vms;max=ten"), 400)[0] == "Invalid value"


def test_reference_by_unknown_name(engine, http):
    reply = http.post(engine.url + "/vms", data=(
        "<vm><name>x</name><cluster><name>Nope</name></cluster>"
        "<template><name>Blank</name></template></vm>"))
    reason, detail = _fault(reply, 400)
    assert detail == "Entity not found: Cluster: name=Nope"


# ---------------------------------------------------------------- 404 / 405

def test_unknown_ids(engine, http):
    assert _fault(http.get(engine.url + "/vms/123"), 404)[1] == "Entity not found: 123"
    _fault(http.post(engine.url + "/vms/123/start", data="<action/>"), 404)
    _fault(http.get(engine.url + "/vms/123/nics"), 404)
    _fault(http.delete(engine.url + "/hosts/123"), 404)


def test_unknown_paths_and_methods(engine, http):
    reply = http.get(engine.url + "/nothing")
    assert reply.status_code == 404 and "<h1>" in reply.text
    assert http.get(engine.url.replace("/api", "/other")).status_code == 404
    assert http.put(engine.url + "/vms", data="<vms/>").status_code == 405
    assert http.delete(engine.url).status_code == 405


def test_sdk_get_by_unknown_id_is_none(engine):
    api = API(**engine.api_kwargs())
    try:
        assert api.vms.get(id="no-such-vm") is None
        assert api.vms.get(name="no-such-vm") is None
    finally:
        api.disconnect()


# ---------------------------------------------------------------- 401

def test_bad_credentials(engine):
    reply = requests.get(engine.url, auth=(engine.username, "wrong"))
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].startswith("Basic")
    assert requests.get(engine.url).status_code == 401
    assert requests.get(engine.url + "/vms", auth=("nobody@internal", "x")).status_code == 401


def test_sdk_bad_credentials_fail_in_the_constructor(engine):
    with pytest.raises(errors.RequestError) as info:
        API(url=engine.url, username=engine.username, password="wrong")
    assert info.value.status == 401


# ---------------------------------------------------------------- 409

def test_name_clash(engine):
    api = API(**engine.api_kwargs())
    try:
        vm = params.VM(name="twice", cluster=api.clusters.get(name="Default"),
                       template=api.templates.get(name="Blank"))
        api.vms.add(vm)
        with pytest.raises(errors.RequestError) as info:
            api.vms.add(vm)
        assert info.value.status == 409
        assert info.value.detail == "Cannot add VM. The given name is already in use."
        assert "status: 409" in str(info.value)
        # the same name in another collection is fine
        assert api.templates.get(name="twice") is None
        api.clusters.get(name="Default").networks.list()
        with pytest.raises(errors.RequestError) as info:
            api.datacenters.add(params.DataCenter(name="Default", local=False))
        assert info.value.status == 409
    finally:
        api.disconnect()


def test_rename_onto_an_existing_name(engine):
    api = API(**engine.api_kwargs())
    try:
        blank = api.templates.get(name="Blank")
        for name in ("first", "second"):
            api.vms.add(params.VM(name=name, cluster=api.clusters.get(name="Default"),
                                  template=blank))
        vm = api.vms.get(name="second")
        vm.name = "first"
        with pytest.raises(errors.RequestError) as info:
            vm.update()
        assert info.value.status == 409
    finally:
        api.disconnect()


def test_state_conflicts(engine):
    api = API(**engine.api_kwargs())
    try:
        api.vms.add(params.VM(name="running", cluster=api.clusters.get(name="Default"),
                              template=api.templates.get(name="Blank")))
        vm = api.vms.get(name="running")
        vm.start()
        with pytest.raises(errors.RequestError) as info:
            vm.start()
        assert info.value.status == 409
        with pytest.raises(errors.RequestError) as info:
            api.vms.get(name="running").delete()
        assert info.value.status == 409 and "running" in info.value.detail
        with pytest.raises(errors.RequestError):
            api.templates.get(name="Blank").delete()
    finally:
        api.disconnect()
