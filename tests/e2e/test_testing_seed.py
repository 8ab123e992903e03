"""FakeEngine.seed / load: inventory in bulk, and the fault path patterns."""
import re

import pytest

from ovirtsdk.api import API
from ovirtsdk.testing import FakeEngine
from ovirtsdk.testing.double import path_matches
from ovirtsdk.xml import params as P


@pytest.fixture
def fake():
    with FakeEngine(https=False) as engine:
        yield engine


def test_seed_creates_with_the_engines_defaults_and_no_events(fake):
    events = len(fake.engine.top["events"])
    made = fake.seed({
        "vms": [{"name": "web{n}", "count": 3, "cluster": "Default", "template": "Blank",
                 "status": "up", "os": {"type": "rhel_7x64"},
                 "nics": [{"name": "nic1", "network": "ovirtmgmt"}]}],
        "networks": [{"name": "storage", "data_center": "Default", "vlan": {"id": 20}}],
    })
    assert [e.name for e in made["vms"]] == ["web1", "web2", "web3"]
    assert [e.name for e in made["networks"]] == ["storage"]
    assert len(fake.engine.top["events"]) == events
    api = API(**fake.api_kwargs())
    try:
        vm = api.vms.get(name="web2")
        assert vm.status.state == "up" and vm.os.type_ == "rhel_7x64"
        assert vm.memory == 1024 ** 3 and vm.cpu_shares == 0        # engine defaults
        assert vm.cluster.id == api.clusters.get(name="Default").id
        nic = vm.nics.get(name="nic1")
        assert nic.network.id == api.networks.get(name="ovirtmgmt").id
        assert nic.mac.address and nic.active is True
        assert [c.id for c in vm.cdroms.list()] == ["00000000-0000-0000-0000-000000000000"]
        assert api.networks.get(name="storage").vlan.id == 20
    finally:
        api.disconnect()


def test_seed_takes_params_objects_ids_and_views(fake):
    fake.seed({"vms": [P.VM(name="obj1", memory=2 * 1024 ** 3),
                       {"name": "withdisk", "id": "11111111-2222-3333-4444-555555555555",
                        "disks": [{"alias": "boot", "provisioned_size": 1024 ** 3}]}]})
    e = fake.engine
    assert e.find("vms", name="obj1").obj.memory == 2 * 1024 ** 3
    vm = e.find("vms", id_="11111111-2222-3333-4444-555555555555")
    assert vm.name == "withdisk"
    # a VM's disks live in the top-level disks collection, linked into the VM's view
    assert [d.entity.name for d in e.top["disks"]] == ["boot"]
    assert [d.entity.name for d in vm.children["disks"]] == ["boot"]


def test_seed_refusals_name_the_entry(fake):
    with pytest.raises(ValueError, match=r"unknown collection 'virtualmachines'"):
        fake.seed({"virtualmachines": []})
    with pytest.raises(ValueError, match=r"vms\[1\]#2: .*already in use"):
        fake.seed({"vms": [{"name": "dup2"}, {"name": "dup{n}", "count": 2}]})
    with pytest.raises(ValueError, match=r"vms\[0\]\.memory"):
        fake.seed({"vms": [{"name": "m", "memory": {"x": 1}}]})
    with pytest.raises(TypeError):
        fake.seed([{"name": "x"}])


def test_load_and_reset_keep_the_seed(tmp_path):
    inventory = tmp_path / "inv.json"
    inventory.write_text('{"hosts": [{"name": "h{n}", "count": 2, "address": "h{n}.example",'
                         ' "status": "maintenance"}]}')
    with FakeEngine(https=False, seed=str(inventory)) as engine:
        names = lambda: sorted(m.entity.name for m in engine.engine.top["hosts"])  # noqa
        assert names() == ["Atlantic", "h1", "h2"]
        engine.engine.destroy(engine.engine.find("hosts", name="h1"))
        engine.add_fault("GET", "/hosts", 500)
        engine.reset()
        assert names() == ["Atlantic", "h1", "h2"] and engine.faults == []
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    with pytest.raises(ValueError, match="not a JSON inventory"):
        FakeEngine(https=False, seed=str(bad))


@pytest.mark.parametrize("pattern,path,hit", [
    ("/vms/*/start", "/ovirt-engine/api/vms/123/start", True),
    ("vms/*/start", "/ovirt-engine/api/vms/123/start", True),
    ("/vms", "/ovirt-engine/api/vms;max=1?search=name%3Dx", True),
    ("/vms", "/ovirt-engine/api/vms/1", False),
    ("/vms*", "/ovirt-engine/api/vms/1/nics", True),
    ("*", "/ovirt-engine/api", True),
    ("/ovirt-engine/api/hosts", "/ovirt-engine/api/hosts", True),
    ("/vms", "/api/vms", True),                        # the legacy entry point too
    (re.compile(r"/nics$"), "/ovirt-engine/api/vms/1/nics", True),
    (re.compile(r"^/nics"), "/ovirt-engine/api/vms/1/nics", False),
])
def test_fault_path_patterns(pattern, path, hit):
    assert path_matches(pattern, path) is hit


def test_add_fault_refuses_nonsense(fake):
    with pytest.raises(ValueError, match="status"):
        fake.add_fault("GET", "/vms", 200)
    with pytest.raises(ValueError, match="times"):
        fake.add_fault("GET", "/vms", 500, times=0)
    with pytest.raises(ValueError, match="path"):
        fake.add_fault("GET", "", 500)
