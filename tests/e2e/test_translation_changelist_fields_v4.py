"""v3 scripts against the fake 4.5 engine, over HTTP: a VM pinned to one host, a VM cloned
from a template, a host's storage."""
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


def test_translation_e2e_vm_add_cloned_from_template(api):
    template = api.templates.get(name="Blank")
    vm = api.vms.add(params.VM(name="clone1", cluster=params.Cluster(name="Default"),
                               template=template, disks=params.Disks(clone=True),
                               permissions=params.Permissions(clone=True)))
    assert vm.name == "clone1" and vm.template.id == template.id


def test_translation_e2e_host_storage_lists_as_v3(api):
    host = api.hosts.list()[0]
    from ovirtsdk.testing import behaviour
    storages = host.storage.list()
    assert [(s.id, s.type_, [u.id for u in s.logical_unit]) for s in storages] == \
        [(lun[0], "iscsi", [lun[0]]) for lun in behaviour.DEFAULT_HOST_LUNS]


def test_translation_e2e_host_nic_network_changes_are_setupnetworks(api):
    """attach/detach/legacy setupnetworks through translation change the host's network
    attachments; bonds still raise, naming the call."""
    from ovirtsdk.infrastructure import errors
    host = api.hosts.list()[0]
    nic = host.nics.list()[0]
    calls = [lambda: nic.detach(params.Action(network=params.Network(name="ovirtmgmt"))),
             lambda: nic.attach(params.Action(network=params.Network(name="ovirtmgmt"))),
             lambda: host.nics.setupnetworks(params.Action(host_nics=params.HostNics(
                 host_nic=[params.HostNIC(name=nic.name, network=params.Network(
                     name="ovirtmgmt"))])))]
    for call in calls:
        assert call().status.state == "complete"
    assert [a.host_nic.id for a in host.networkattachments.list()] == [nic.id]
    with pytest.raises(errors.NotTranslatedError, match="hosts/{}/nics") as caught:
        host.nics.add(params.HostNIC(name="bond0", bonding=params.Bonding()))
    assert "4.5" in str(caught.value) and "bonding.slaves" in str(caught.value)
