"""``seed=`` for the fake 4.5 engine: the 3.6 engine's inventory, expressed the v4 way.

The same inventory seeded into ``FakeEngine()`` and ``FakeEngine(api_version=4)``
must read the same to a v3 script (the latter through the SDK's translation), and
the v4 client must read it the v4 way: VM disks as disk attachments, NICs on the
network's vNIC profile.
"""
import json

import pytest

from conftest import ovirtsdk4
from ovirtsdk.api import API
from ovirtsdk.testing import FakeEngine

INVENTORY = {
    "datacenters": [{"name": "dc1"}],
    "clusters": [{"name": "c1", "data_center": "dc1", "cpu": {"id": "Intel Conroe Family"}}],
    "networks": [{"name": "storage", "data_center": "Default", "vlan": {"id": 20}}],
    "hosts": [{"name": "h{n}", "count": 2, "address": "h{n}.example.com", "cluster": "c1",
               "status": "up"}],
    "vms": [{"name": "web{n}", "count": 3, "cluster": "Default", "template": "Blank",
             "status": "up", "memory": 2 * 1024 ** 3, "os": {"type": "rhel_7x64"},
             "nics": [{"name": "nic1", "network": "ovirtmgmt", "interface": "e1000"}],
             "disks": [{"alias": "web{n}_boot", "provisioned_size": 1024 ** 3,
                        "interface": "virtio", "bootable": True, "format": "cow"}]},
            {"name": "given", "id": "11111111-2222-3333-4444-555555555555",
             "cluster": "c1", "template": "Blank"}],
}


def _seeded(api_version, inventory=INVENTORY):
    engine = FakeEngine(https=False, api_version=api_version).start()
    events = len(engine.engine.top["events"])
    made = engine.seed(inventory)
    assert len(engine.engine.top["events"]) == events, "seeding logs no events"
    return engine, made


@pytest.fixture(scope="module")
def engines():
    pair = {v: _seeded(v) for v in (3, 4)}
    yield pair
    for engine, _ in pair.values():
        engine.stop()


def _summary(engine):
    """What a v3 script reads of the seeded inventory (names, not ids, for what the
    two engines number differently)."""
    api = API(**engine.api_kwargs())
    try:
        networks = {n.id: n.name for n in api.networks.list()}
        clusters = {c.id: c.name for c in api.clusters.list()}
        out = {"hosts": sorted((h.name, h.status.state, clusters[h.cluster.id])
                               for h in api.hosts.list()),
               "networks": sorted((n.name, n.vlan.id if n.vlan else None)
                                  for n in api.networks.list()),
               "datacenters": sorted(d.name for d in api.datacenters.list()),
               "vms": []}
        for vm in api.vms.list():
            out["vms"].append((
                vm.id if vm.name == "given" else vm.name, vm.status.state, vm.memory,
                vm.os.type_, clusters[vm.cluster.id],
                sorted((n.name, networks[n.network.id], n.interface) for n in vm.nics.list()),
                sorted((d.alias, d.provisioned_size, d.interface, d.bootable, d.format,
                        d.active) for d in vm.disks.list()),
                [c.id for c in vm.cdroms.list()]))
        out["vms"].sort()
        out["disks"] = sorted(d.alias for d in api.disks.list())
        return out
    finally:
        api.disconnect()


def test_a_v3_script_reads_the_same_inventory_from_both_engines(engines):
    v3, made3 = engines[3]
    v4, made4 = engines[4]
    assert {k: [e.name for e in v] for k, v in made4.items()} == \
        {k: [e.name for e in v] for k, v in made3.items()}
    seen = _summary(v3)
    assert _summary(v4) == seen
    # and it is the inventory, with the engine's defaults around it
    web2 = next(vm for vm in seen["vms"] if vm[0] == "web2")
    assert web2[:5] == ("web2", "up", 2 * 1024 ** 3, "rhel_7x64", "Default")
    assert web2[5] == [("nic1", "ovirtmgmt", "e1000")]
    assert web2[6] == [("web2_boot", 1024 ** 3, "virtio", True, "cow", True)]
    assert ("11111111-2222-3333-4444-555555555555", "down") == \
        next(vm for vm in seen["vms"] if vm[0].startswith("1111"))[:2]
    assert ("h1", "up", "c1") in seen["hosts"] and ("storage", 20) in seen["networks"]


def test_the_v4_client_reads_the_inventory_the_v4_way(engines):
    sdk = ovirtsdk4()
    engine = engines[4][0]
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password)
    try:
        system = connection.system_service()
        vm = system.vms_service().list(search="name=web3")[0]
        assert vm.status == sdk.types.VmStatus.UP and vm.memory == 2 * 1024 ** 3
        service = system.vms_service().vm_service(vm.id)
        attachments = service.disk_attachments_service().list(follow="disk")
        assert [(a.disk.alias, a.interface, a.bootable, a.active) for a in attachments] == \
            [("web3_boot", sdk.types.DiskInterface.VIRTIO, True, True)]
        assert attachments[0].disk.format == sdk.types.DiskFormat.COW
        nic = service.nics_service().list()[0]
        profile = system.vnic_profiles_service().profile_service(nic.vnic_profile.id).get()
        network = system.networks_service().network_service(profile.network.id).get()
        assert (nic.name, profile.name, network.name) == ("nic1", "ovirtmgmt", "ovirtmgmt")
        assert system.vms_service().vm_service(
            "11111111-2222-3333-4444-555555555555").get().name == "given"
        hosts = system.hosts_service().list(search="status=up")
        assert sorted(h.name for h in hosts) == ["h1", "h2"]
    finally:
        connection.close()


def test_v4_seed_errors_name_the_entry():
    with FakeEngine(https=False, api_version=4) as engine:
        with pytest.raises(ValueError, match=r"vms\[0\]: unknown member 'colour' of VM"):
            engine.seed({"vms": [{"name": "x", "colour": "red"}]})
        with pytest.raises(ValueError, match=r"vms\[0\]: .*Cluster.*nosuchcluster"):
            engine.seed({"vms": [{"name": "x", "cluster": "nosuchcluster",
                                  "template": "Blank"}]})
        with pytest.raises(ValueError, match=r"vms\[1\]#2: .*already in use"):
            engine.seed({"vms": [{"name": "dup2", "cluster": "Default", "template": "Blank"},
                                 {"name": "dup{n}", "count": 2, "cluster": "Default",
                                  "template": "Blank"}]})
        with pytest.raises(ValueError, match=r"unknown collection 'virtualmachines'"):
            engine.seed({"virtualmachines": []})


def test_v4_seed_file_cli_equivalent_and_reset(tmp_path):
    inventory = tmp_path / "inv.json"
    inventory.write_text(json.dumps({"hosts": [{"name": "h{n}", "count": 2,
                                                "address": "h{n}.example",
                                                "status": "maintenance"}]}))
    with FakeEngine(https=False, api_version=4, seed=str(inventory)) as engine:
        def names():
            return sorted(m.entity.name for m in engine.engine.top["hosts"])
        assert names() == ["Atlantic", "h1", "h2"]
        assert engine.engine.find("hosts", name="h2").obj["status"] == "maintenance"
        engine.engine.destroy(engine.engine.find("hosts", name="h1"))
        engine.reset()
        assert names() == ["Atlantic", "h1", "h2"]


@pytest.mark.fake_engine(api_version=4, https=False,
                         seed={"vms": [{"name": "vm{n}", "count": 3, "status": "up"}]})
def test_fixture_seeds_the_v4_engine(fake_engine):
    api = API(**fake_engine.api_kwargs())
    try:
        assert api.get_protocol() == "v4"
        assert sorted(vm.name for vm in api.vms.list(query="status=up")) == \
            ["vm1", "vm2", "vm3"]
    finally:
        api.disconnect()
