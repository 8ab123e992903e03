"""A v3 script pins a VM to one host against the fake 4.5 engine, over HTTP."""
import pytest

from ovirtsdk.api import API
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params


@pytest.fixture(scope="module")
def api():
    with FakeEngine(https=False, api_version=4) as fake:
        a = API(fake.url, fake.username, fake.password)
        assert a.get_protocol() == "v4"
        yield a
        a.disconnect()


def test_translation_e2e_vm_pinned_to_one_host(api):
    host = api.hosts.list()[0]
    policy = params.VmPlacementPolicy(affinity="pinned", host=params.Host(name=host.name))
    api.vms.add(params.VM(name="pin1", cluster=params.Cluster(name="Default"),
                          template=params.Template(name="Blank"), memory=1 << 30,
                          placement_policy=policy))
    vm = api.vms.get(name="pin1")
    assert vm.placement_policy.affinity == "pinned"
    assert vm.placement_policy.host.id == host.id
    assert [h.id for h in vm.placement_policy.hosts.host] == [host.id]
