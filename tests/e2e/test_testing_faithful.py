"""The fake engine answers as a 3.6 engine does (issue 15, items 1-9), where real v3
programs (Ansible's modules, ovirt-system-tests, wrapanapi ...) depend on it."""
import pytest
import requests
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params as P

DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@pytest.fixture
def fake():
    with FakeEngine(https=False) as engine:
        yield engine


@pytest.fixture
def api(fake):
    api = API(**fake.api_kwargs())
    yield api
    api.disconnect()


def _get(fake, suffix, url=None):
    return requests.get((url or fake.url) + suffix, auth=(fake.username, fake.password))


def _vm(api, name="vm1", **kwargs):
    return api.vms.add(P.VM(name=name, cluster=api.clusters.get(name="Default"),
                            template=api.templates.get(name="Blank"), **kwargs))


def _data_domain(api, name="data1"):
    api.hosts.get(name="Atlantic").approve()
    sd = api.storagedomains.add(P.StorageDomain(
        name=name, type_="data", host=api.hosts.get(name="Atlantic"),
        storage=P.Storage(type_="nfs", address="192.0.2.5", path="/exports/" + name)))
    api.datacenters.get(name="Default").storagedomains.add(sd)
    return api.storagedomains.get(name=name)


# 1 ------------------------------------------------------------ the XML declaration

def test_every_xml_reply_has_the_engines_declaration(fake):
    for suffix, status in (("", 200), ("/vms", 200), ("/vms/nope", 404),
                           ("/vms?search=colour%3Dred", 400)):
        reply = _get(fake, suffix)
        assert reply.status_code == status
        assert reply.content.startswith(DECLARATION), reply.content[:80]
        etree.fromstring(reply.content)
    created = requests.post(fake.url + "/tags", data=b"<tag><name>t1</name></tag>",
                            auth=(fake.username, fake.password),
                            headers={"Content-Type": "application/xml"})
    assert created.status_code == 201 and created.content.startswith(DECLARATION)


def test_error_pages_are_the_application_servers(fake):
    reply = requests.get(fake.url + "/vms")         # no credentials
    assert reply.status_code == 401
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"<h1>JBWEB000065: HTTP Status 401 - </h1>" in reply.content
    assert b"Error report" in reply.content
    reply = _get(fake, "/nosuchcollection")
    assert reply.status_code == 404 and b"HTTP Status 404" in reply.content
    with pytest.raises(errors.RequestError) as info:
        API(url=fake.url, username=fake.username, password="wrong")
    assert info.value.status == 401 and "HTTP Status 401" in info.value.detail


# 2 ------------------------------------------------------------ the legacy /api

def test_legacy_entry_point_api(fake):
    legacy = fake.url[:-len("/ovirt-engine/api")] + "/api"
    reply = _get(fake, "", url=legacy)
    assert reply.status_code == 200 and reply.content.startswith(DECLARATION)
    root = etree.fromstring(reply.content)
    hrefs = [link.get("href") for link in root.iter("link")]
    assert "/api/vms" in hrefs and not any(h.startswith("/ovirt-engine") for h in hrefs)
    api = API(url=legacy, username=fake.username, password=fake.password)
    try:
        vm = _vm(api)
        assert vm.href.startswith("/api/vms/")
        assert api.vms.get(name="vm1").id == vm.id
        assert [h.name for h in api.hosts.list()] == ["Atlantic"]
    finally:
        api.disconnect()


# 3 ------------------------------------------------------------ VM and NIC defaults

def test_new_vm_defaults(api):
    vm = _vm(api, os=P.OperatingSystem(type_="rhel_7x64"),
             cpu=P.CPU(topology=P.CpuTopology(cores=2)))
    vm = api.vms.get(id=vm.id)
    assert vm.cpu_shares == 0
    assert vm.os.type_ == "rhel_7x64" and [b.dev for b in vm.os.boot] == ["hd"]
    topology = vm.cpu.topology
    assert (topology.sockets, topology.cores, topology.threads) == (1, 2, 1)
    kept = _vm(api, "vm2", os=P.OperatingSystem(boot=[P.Boot(dev="network")]))
    assert [b.dev for b in kept.os.boot] == ["network"]


def test_nic_reports_active(api):
    vm = _vm(api)
    nic = vm.nics.add(P.NIC(name="nic1", network=P.Network(name="ovirtmgmt")))
    assert nic.active is True and nic.plugged is True
    nic.plugged = False
    nic = nic.update()
    assert (nic.active, nic.plugged) == (False, False)


# 4 ------------------------------------------------------------ host search storage=

def test_host_search_by_storage_domain(api, fake):
    _data_domain(api)
    assert [h.name for h in api.hosts.list(query="storage=data1")] == ["Atlantic"]
    assert api.hosts.list(query="storage=nosuchdomain") == []
    assert _get(fake, "/hosts?search=storage%3Ddata1").status_code == 200


# 5 ------------------------------------------------------------ iSCSI data domain

def test_iscsi_data_domain_add(api):
    api.hosts.get(name="Atlantic").approve()
    lun = P.LogicalUnit(id="3600a0b80005b", address="192.0.2.20", port=3260,
                        target="iqn.2016-01.com.example:storage")
    sd = api.storagedomains.add(P.StorageDomain(
        name="iscsi1", type_="data", host=P.Host(name="Atlantic"),
        storage=P.Storage(type_="iscsi", volume_group=P.VolumeGroup(logical_unit=[lun]))))
    assert sd.name == "iscsi1" and sd.storage.type_ == "iscsi"
    assert sd.status.state == "unattached"
    # a unit without an id names nothing: still refused
    with pytest.raises(errors.RequestError) as info:
        api.storagedomains.add(P.StorageDomain(
            name="iscsi2", type_="data", host=P.Host(name="Atlantic"),
            storage=P.Storage(type_="iscsi", volume_group=P.VolumeGroup(
                logical_unit=[P.LogicalUnit(address="192.0.2.20")]))))
    assert info.value.status == 400


# 6 ------------------------------------------------------------ label ids

def test_label_keeps_the_id_given(api):
    net = api.networks.get(name="ovirtmgmt")
    label = net.labels.add(P.Label(id="lbl_storage"))
    assert label.id == "lbl_storage"
    assert [lb.id for lb in net.labels.list()] == ["lbl_storage"]
    assert net.labels.get(id="lbl_storage").id == "lbl_storage"
    with pytest.raises(errors.RequestError) as info:
        net.labels.add(P.Label(id="lbl_storage"))
    assert info.value.status == 409


# 7 ------------------------------------------------------------ labelled networks

def test_labelled_network_added_to_cluster_attaches_to_labelled_host_nics(api):
    host = api.hosts.get(name="Atlantic")
    nic = host.nics.get(name="eth0")
    nic.labels.add(P.Label(id="lbl_vm"))
    dc = api.datacenters.get(name="Default")
    net = api.networks.add(P.Network(name="vmnet", data_center=dc))
    net.labels.add(P.Label(id="lbl_vm"))
    other = api.networks.add(P.Network(name="plain", data_center=dc))
    mgmt = api.networks.get(name="ovirtmgmt")
    assert [(a.network.id, a.host_nic.id) for a in host.networkattachments.list()] == [
        (mgmt.id, nic.id)]
    cluster = api.clusters.get(name="Default")
    cluster.networks.add(api.networks.get(name="vmnet"))
    cluster.networks.add(other)
    attachments = host.networkattachments.list()
    assert [(a.network.id, a.host_nic.id) for a in attachments] == [
        (mgmt.id, nic.id), (net.id, nic.id)]


def test_labelling_afterwards_attaches_too(api):
    dc = api.datacenters.get(name="Default")
    cluster = api.clusters.get(name="Default")
    host = api.hosts.get(name="Atlantic")
    net = api.networks.add(P.Network(name="late", data_center=dc))
    cluster.networks.add(net)
    net.labels.add(P.Label(id="lbl_late"))                  # the network is labelled first
    mgmt = api.networks.get(name="ovirtmgmt").id
    assert [a.network.id for a in host.networkattachments.list()] == [mgmt]
    nic = host.nics.get(name="eth0")
    nic.labels.add(P.Label(id="lbl_late"))                  # ... then the host NIC
    assert [(a.network.id, a.host_nic.id) for a in host.networkattachments.list()] == [
        (mgmt, nic.id), (net.id, nic.id)]
    nic.labels.add(P.Label(id="lbl_other"))                 # no second attachment
    assert len(host.networkattachments.list()) == 2
    other = api.networks.add(P.Network(name="other", data_center=dc))
    cluster.networks.add(other)
    other.labels.add(P.Label(id="lbl_other"))               # NIC first, then the network
    assert sorted(a.network.id for a in host.networkattachments.list()) == sorted(
        [mgmt, net.id, other.id])


# 8 ------------------------------------------------------------ PUT and read-only refs

def test_template_update_after_source_vm_removed(api):
    vm = _vm(api, "source")
    template = api.templates.add(P.Template(name="tmpl", vm=vm),
                                 expect="201-created")
    api.vms.get(name="source").delete()
    template = api.templates.get(name="tmpl")
    assert template.vm is not None and template.vm.id == vm.id   # the stored reference
    template.description = "after the VM went away"
    updated = template.update()
    assert updated.description == "after the VM went away"
    assert updated.vm.id == vm.id            # read-only: neither resolved nor changed


def test_put_still_resolves_the_references_it_changes(api):
    vm = _vm(api)
    vm.cluster = P.Cluster(name="nosuchcluster")
    with pytest.raises(errors.RequestError) as info:
        vm.update()
    assert info.value.status == 400 and "Cluster" in info.value.detail


# 9 ------------------------------------------------------------ no disk on an ISO domain

def test_disk_on_iso_domain_is_refused(api):
    iso = api.storagedomains.get(name="ISO_DOMAIN")
    with pytest.raises(errors.RequestError) as info:
        api.disks.add(P.Disk(alias="d1", provisioned_size=1024 ** 3, format="raw",
                             interface="virtio",
                             storage_domains=P.StorageDomains(storage_domain=[iso])))
    assert info.value.status == 409 and "Cannot add Virtual Disk" in info.value.detail
    assert api.disks.list() == []
    data = _data_domain(api)
    disk = api.disks.add(P.Disk(alias="d2", provisioned_size=1024 ** 3, format="raw",
                                interface="virtio",
                                storage_domains=P.StorageDomains(storage_domain=[data])))
    assert disk.alias == "d2"


# 9 ------------------------------------------------------------ data center storage type

def test_data_center_storage_type_is_taken_as_local_and_not_reported(api):
    """3.6's DataCenterMapper: storage_type in a request sets local (localfs or not);
    a reply carries local and never storage_type."""
    local = api.datacenters.add(P.DataCenter(name="dc_local", storage_type="localfs"))
    shared = api.datacenters.add(P.DataCenter(name="dc_nfs", storage_type="nfs"))
    assert (local.local, local.storage_type) == (True, None)
    assert (shared.local, shared.storage_type) == (False, None)
    assert [d.name for d in api.datacenters.list(local=True)] == ["dc_local"]
    shared.set_storage_type("localfs")
    assert shared.update().local is False       # local, sent back as read, wins (3.6)
    shared.set_local(None)
    assert shared.update().local is True
    assert api.datacenters.get(name="dc_nfs").storage_type is None
