"""``All-Content: true`` (and, in API v4, ``all_content=true``): what the fake engines
add to VMs, templates, hosts, clusters and disks, as an engine's REST layer does
(its devices: console, VirtIO-SCSI, sound card, TPM; a VM's OVF; a cluster's
management network; the VMs using a disk). One rule for both dialects
(``behaviour.ALL_CONTENT``); read with the v3 SDK from both engines (through the
translation on 4.5) and with ovirtsdk4."""
import pytest
import requests
from lxml import etree

from conftest import ovirtsdk4
from ovirtsdk.api import API
from ovirtsdk.testing import FakeEngine

INVENTORY = {"vms": [{"name": "full", "cluster": "Default", "template": "Blank",
                      "memory": 2 * 1024 ** 3, "type": "desktop",
                      "disks": [{"alias": "full_disk", "provisioned_size": 1024 ** 3,
                                 "format": "cow", "interface": "virtio"}]}]}


@pytest.fixture(scope="module")
def engines():
    pair = {}
    for v in (3, 4):
        pair[v] = FakeEngine(https=False, api_version=v).start()
        pair[v].seed(INVENTORY)
    yield pair
    for engine in pair.values():
        engine.stop()


def _v3_view(engine):
    api = API(**engine.api_kwargs())
    try:
        plain = api.vms.get(name="full")
        assert plain.console is None and plain.initialization is None
        out = []
        for vm in (api.vms.list(all_content=True)[0], api.vms.get(name="full",
                                                                   all_content=True)):
            ovf = vm.initialization.configuration
            out.append((vm.console.enabled, vm.virtio_scsi.enabled, vm.soundcard_enabled,
                        ovf.type_, "<Name>full</Name>" in ovf.data,
                        "<MemSizeMB>2048</MemSizeMB>" in ovf.data))
        template = api.templates.get(name="Blank", all_content=True)
        out.append((template.console.enabled, template.virtio_scsi.enabled,
                    template.soundcard_enabled))
        cluster = api.clusters.get(name="Default", all_content=True)
        out.append(cluster.management_network.id ==
                   api.networks.get(name="ovirtmgmt").id)
        assert api.clusters.get(name="Default").management_network is None
        return out
    finally:
        api.disconnect()


def test_a_v3_script_reads_the_same_content_from_both_engines(engines):
    seen = _v3_view(engines[3])
    assert _v3_view(engines[4]) == seen
    assert seen[0] == seen[1] == (False, True, True, "ovf", True, True)
    assert seen[2] == (False, True, False) and seen[3] is True


def test_the_header_adds_a_disks_vms_on_both_engines(engines):
    for engine in engines.values():
        auth = (engine.username, engine.password)
        disk = engine.engine.find("disks", name="full_disk") or next(
            m.entity for m in engine.engine.top["disks"])
        vm = engine.engine.find("vms", name="full")
        with_all = etree.fromstring(requests.get(engine.url + "/disks/" + disk.id, auth=auth,
                                                 headers={"All-Content": "true"}).content)
        assert [v.get("id") for v in with_all.iterfind("vms/vm")] == [vm.id]
        plain = etree.fromstring(requests.get(engine.url + "/disks/" + disk.id,
                                              auth=auth).content)
        assert plain.find("vms") is None


def test_the_v4_client_reads_all_content_the_v4_way(engines):
    sdk = ovirtsdk4()
    engine = engines[4]
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password)
    try:
        system = connection.system_service()
        vms = system.vms_service()
        assert vms.list()[0].console is None
        vm = vms.list(all_content=True)[0]
        assert (vm.console.enabled, vm.virtio_scsi.enabled, vm.soundcard_enabled,
                vm.tpm_enabled) == (False, True, True, False)
        assert vm.initialization.configuration.type == sdk.types.ConfigurationType.OVF
        assert "<Name>full</Name>" in vm.initialization.configuration.data
        got = vms.vm_service(vm.id).get(all_content=True)
        assert got.console.enabled is False and got.initialization is not None
        host = system.hosts_service().list()[0]
        assert system.hosts_service().host_service(host.id).get(
            all_content=True).network_operation_in_progress is False
        assert system.hosts_service().host_service(host.id).get() \
            .network_operation_in_progress is None
        attachment = vms.vm_service(vm.id).disk_attachments_service().list()[0]
        disk = system.disks_service().disk_service(attachment.disk.id).get(all_content=True)
        assert [v.id for v in disk.vms] == [vm.id]
    finally:
        connection.close()
