"""Change list: repeated v3 ``logical_unit`` is v4 ``logical_units``; a host's storage
is ``<host_storages>`` of ``<host_storage>`` in v4 (``<host_storage>`` of ``<storage>``
in v3); the v3 add-time body flags ``disks/clone`` and ``permissions/clone``
are v4 URL parameters; the template disks a v3 VM add lists are disk attachments."""
import pytest
import responses
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.translation import xmlmap

URL = "http://engine.example.com/ovirt-engine/api"
API_V4 = (b"<api><product_info><name>oVirt Engine</name><version><major>4</major>"
          b"<minor>5</minor><build>6</build><revision>0</revision></version>"
          b"</product_info></api>")
LUNS_V4 = (b"<host_storages><host_storage id='s1'><type>iscsi</type>"
           b"<logical_units><logical_unit id='lun1'><size>1024</size>"
           b"<target>iqn.x</target></logical_unit><logical_unit id='lun2'/>"
           b"</logical_units></host_storage></host_storages>")


def test_storage_domain_logical_units_are_sent_in_a_v4_list():
    body = etree.fromstring(
        b"<storage_domain><name>d</name><type>data</type><storage><type>iscsi</type>"
        b"<logical_unit id='lun1'><address>10.0.0.1</address><port>3260</port>"
        b"<target>iqn.x</target></logical_unit><logical_unit id='lun2'/></storage>"
        b"<host><name>h</name></host></storage_domain>")
    xmlmap.request_to_v4(body, "POST /storagedomains")
    assert body.find("storage/logical_unit") is None
    units = body.findall("storage/logical_units/logical_unit")
    assert [u.get("id") for u in units] == ["lun1", "lun2"]
    assert (units[0].findtext("address"), units[0].findtext("port")) == ("10.0.0.1", "3260")


def test_logical_units_reply_are_repeated_v3_members():
    root = xmlmap.reply_to_v3(etree.fromstring(
        b"<storage_domain id='d'><storage><type>iscsi</type><logical_units>"
        b"<logical_unit id='lun1'><port>3260</port><status>used</status></logical_unit>"
        b"</logical_units></storage></storage_domain>"))
    assert root.find("storage/logical_units") is None
    [unit] = root.findall("storage/logical_unit")
    assert unit.get("id") == "lun1" and unit.findtext("port") == "3260"


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add("GET", URL, body=API_V4, status=200, content_type="application/xml")
        mock.add("HEAD", URL, status=200)
        yield API(URL, "admin@internal", "x", protocol="v4"), mock


def test_host_storage_list_is_one_v4_request(api):
    a, mock = api
    mock.add("GET", URL + "/hosts/h1", status=200, content_type="application/xml",
             body=b"<host href='/ovirt-engine/api/hosts/h1' id='h1'><name>h</name></host>")
    mock.add("GET", URL + "/hosts/h1/storage", body=LUNS_V4, status=200,
             content_type="application/xml")
    host = a.hosts.get(id="h1")
    [storage] = host.storage.list()
    assert storage.id == "s1" and storage.type_ == "iscsi"
    assert [u.id for u in storage.logical_unit] == ["lun1", "lun2"]
    assert storage.logical_unit[0].size == 1024
    assert [c.request.url.split("?")[0] for c in mock.calls][-1] == URL + "/hosts/h1/storage"


def test_host_storage_foreign_reply_is_a_format_error(api):
    a, mock = api
    mock.add("GET", URL + "/hosts/h1", status=200, content_type="application/xml",
             body=b"<host href='/ovirt-engine/api/hosts/h1' id='h1'><name>h</name></host>")
    mock.add("GET", URL + "/hosts/h1/storage", body=b"<vms/>", status=200,
             content_type="application/xml")
    with pytest.raises(errors.FormatError, match="host storage"):
        a.hosts.get(id="h1").storage.list()


# ---------------------------------------------------------------- add-time clone flags

VM_V4 = b"<vm href='/ovirt-engine/api/vms/v1' id='v1'><name>c1</name></vm>"


def _sent_add(api, vm):
    from urllib.parse import parse_qsl, urlsplit
    a, mock = api
    mock.add("POST", URL + "/vms", body=VM_V4, status=201, content_type="application/xml")
    a.vms.add(vm)
    call = [c for c in mock.calls if c.request.method == "POST"][-1]
    return (dict(parse_qsl(urlsplit(call.request.url).query)),
            etree.fromstring(call.request.body))


def test_vm_add_clone_flags_are_v4_url_parameters(api):
    from ovirtsdk.xml import params
    query, body = _sent_add(api, params.VM(
        name="c1", cluster=params.Cluster(name="Default"), template=params.Template(id="t1"),
        disks=params.Disks(clone=True), permissions=params.Permissions(clone=True)))
    assert query == {"clone": "true", "clone_permissions": "true"}
    assert body.find("disks") is None and body.find("permissions") is None
    assert body.find("template").get("id") == "t1"


def test_vm_add_template_disks_are_v4_disk_attachments(api):
    from ovirtsdk.xml import params
    disk = params.Disk(id="d1", format="cow", storage_domains=params.StorageDomains(
        storage_domain=[params.StorageDomain(id="sd1")]))
    query, body = _sent_add(api, params.VM(
        name="c1", cluster=params.Cluster(name="Default"), template=params.Template(id="t1"),
        disks=params.Disks(clone=False, disk=[disk])))
    assert query == {"clone": "false"}
    assert body.find("disks") is None
    [sent] = body.findall("disk_attachments/disk_attachment/disk")
    assert sent.get("id") == "d1" and sent.findtext("format") == "cow"
    assert sent.find("storage_domains/storage_domain").get("id") == "sd1"


def test_vm_add_unknown_disks_member_is_refused_before_sending(api):
    from ovirtsdk.xml import params
    a, mock = api
    with pytest.raises(errors.NotTranslatedError, match="VM.disks carries more"):
        a.vms.add(params.VM(name="c1", disks=params.Disks(total=1)))
    assert not [c for c in mock.calls if c.request.method == "POST"]
