"""v3 scripts against the fake 4.5 engine (``FakeEngine(api_version=4)``): statistics,
guest info, capabilities and requests checked against the v4 model, over HTTP."""
import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params


@pytest.fixture(scope="module")
def engine():
    with FakeEngine(https=False, api_version=4) as fake:
        yield fake


@pytest.fixture(scope="module")
def api(engine):
    a = API(engine.url, engine.username, engine.password)
    assert a.get_protocol() == "v4"
    yield a
    a.disconnect()


@pytest.fixture(scope="module")
def running(api):
    vm = api.vms.add(params.VM(name="xl1", cluster=params.Cluster(name="Default"),
                               template=params.Template(name="Blank"), memory=1 << 30))
    vm.nics.add(params.NIC(name="nic1", interface="virtio",
                           network=params.Network(name="ovirtmgmt")))
    vm.start()
    return api.vms.get(name="xl1")


def test_translation_e2e_guest_info_in_one_list_request(api, engine, running):
    assert running.status.state == "up"
    assert running.guest_info.fqdn == "xl1.example.com"
    [ip] = running.guest_info.ips.ip
    assert ip.address.startswith("192.0.2.") and ip.version == "v4"
    engine.requests.clear()
    vms = api.vms.list()
    listed = [v for v in vms if v.name == "xl1"][0]
    assert listed.guest_info.ips.ip[0].address == ip.address
    assert [r.path for r in engine.requests] == [
        "/ovirt-engine/api/vms?case_sensitive=true&follow=reported_devices"]


def test_translation_e2e_statistics_as_v3(api, running):
    stats = {s.name: s for s in running.statistics.list()}
    memory = stats["memory.installed"]
    assert (memory.type_, memory.unit, memory.values.type_) == ("GAUGE", "BYTES", "INTEGER")
    assert memory.values.value[0].datum == 1 << 30
    host = api.hosts.list()[0]
    kinds = {s.type_ for s in host.statistics.list()}
    assert kinds and kinds <= {"GAUGE", "COUNTER"}


def test_translation_e2e_capabilities_from_cluster_levels(api, engine):
    caps = api.capabilities.list()
    versions = [(v.major, v.minor) for v in caps]
    assert versions == sorted(versions) and (4, 5) in versions
    assert [v.current for v in caps] == [False] * (len(caps) - 1) + [True]
    level = [v for v in caps if (v.major, v.minor) == (4, 5)][0]
    assert "Intel Conroe Family" in [c.id for c in level.cpus.cpu]
    assert api.capabilities.get(id=level.id).minor == 5


def test_translation_e2e_update_after_read_and_refused_member(api, engine, running):
    vm = api.vms.get(name="xl1")
    vm.set_description("from a v3 script")
    assert vm.update().description == "from a v3 script"
    engine.requests.clear()
    with pytest.raises(errors.NotTranslatedError, match=r"Network\.labels") as exc:
        api.networks.add(params.Network(name="n1", data_center=params.DataCenter(
            name="Default"), labels=params.Labels(label=[params.Label(id="l")])))
    assert "4.5" in str(exc.value)
    assert list(engine.requests) == []


def test_translation_e2e_vm_pools(api):
    pool = api.vmpools.add(params.VmPool(name="xlpool", size=1,
                                         cluster=api.clusters.get("Default"),
                                         template=api.templates.get("Blank")))
    assert pool.name == "xlpool"
    assert api.vmpools.get("xlpool").size == 1
    members = [v for v in api.vms.list() if v.vmpool is not None and v.vmpool.id == pool.id]
    assert len(members) == 1
