"""A user's test file: only public names and the installed ``fake_engine`` fixtures.

Not collected by this project's suite (``tests/e2e/test_testing_double_api.py``
runs it with pytest in a subprocess, from a directory outside the checkout, as a
project depending on ovirt-engine-sdk3 would).  Tests named ``test_expect_error_*``
must end in an error: the fixture's check of unused injected faults.
"""
import json
import re

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.xml import params


def connect(engine):
    return API(**engine.api_kwargs())


def add_vm(api, name):
    return api.vms.add(params.VM(name=name, cluster=api.clusters.get(name="Default"),
                                 template=api.templates.get(name="Blank")))


def test_fixture_is_a_running_engine(fake_engine):
    api = connect(fake_engine)
    assert api.hosts.get(name="Atlantic").status.state == "pending_approval"
    api.disconnect()


def test_injected_fault_reaches_the_script(fake_engine):
    fault = fake_engine.add_fault("POST", "/vms/*/start", 409, "Operation Failed",
                                  "[Cannot run VM. Low disk space.]")
    api = connect(fake_engine)
    vm = add_vm(api, "web1")
    with pytest.raises(errors.RequestError) as info:
        vm.start()
    assert info.value.status == 409
    assert info.value.detail == "Cannot run VM. Low disk space."
    assert fault.hits == 1
    vm.start()                      # times=1: the next start works
    assert api.vms.get(name="web1").status.state == "up"
    fake_engine.assert_faults_used()
    api.disconnect()


def test_fault_times_and_regex(fake_engine):
    fake_engine.add_fault("GET", re.compile(r"^/vms$"), 503, times=2)
    api = connect(fake_engine)
    for _ in range(2):
        with pytest.raises(errors.RequestError) as info:
            api.vms.list()
        assert info.value.status == 503
    assert api.vms.list() == []
    api.disconnect()


def test_expect_error_unused_fault_fails_the_test(fake_engine):
    fake_engine.add_fault("DELETE", "/vms/*", 409)


def test_unused_faults_can_be_asserted(fake_engine):
    fake_engine.add_fault("*", "/hosts", 500, times=None)
    with pytest.raises(AssertionError, match="/hosts"):
        fake_engine.assert_faults_used()
    fake_engine.clear_faults()


def test_request_log_has_body_and_status(fake_engine):
    api = connect(fake_engine)
    add_vm(api, "web1")
    with pytest.raises(errors.RequestError):
        add_vm(api, "web1")          # the name is taken
    posts = fake_engine.requests_to("POST", "/vms")
    assert [r.status for r in posts] == [201, 409]
    assert b"<name>web1</name>" in posts[0].body
    assert posts[0].xml.findtext("name") == "web1"
    assert posts[0].headers["content-type"] == "application/xml"
    assert posts[0].user == fake_engine.username
    api.disconnect()


@pytest.mark.fake_engine(page_size=2, users={"alice@internal": "secret"},
                         seed={"vms": [{"name": "vm{n}", "count": 5, "status": "up"}]})
def test_marker_options(fake_engine):
    assert fake_engine.username == "alice@internal"
    api = connect(fake_engine)
    assert len(api.vms.list()) == 2                       # the search results limit
    assert len(api.vms.list(max=10)) == 5
    assert [vm.name for vm in api.vms.list(query="page 2")] == ["vm3", "vm4"]
    assert api.get_summary().vms.active == 5
    api.disconnect()


@pytest.mark.parametrize("fake_engine", [{"https": False}, {"populate": False}],
                         indirect=True)
def test_indirect_parameters(fake_engine):
    api = connect(fake_engine)
    if fake_engine.https:
        assert api.datacenters.list() == []               # populate=False: empty
    else:
        assert fake_engine.url.startswith("http://")
        assert [dc.name for dc in api.datacenters.list()] == ["Default"]
    api.disconnect()


def test_factory_and_seed_file(fake_engine_factory, tmp_path):
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({
        "datacenters": [{"name": "dc1"}],
        "clusters": [{"name": "c1", "data_center": "dc1",
                      "cpu": {"id": "Intel Conroe Family"}}],
        "hosts": [{"name": "h{n}", "count": 2, "address": "h{n}.example.com",
                   "cluster": "c1", "status": "up"}],
        "vms": [{"name": "db{n}", "count": 3, "cluster": "c1", "template": "Blank",
                 "memory": 2147483648, "nics": [{"name": "nic1", "network": "ovirtmgmt"}]}],
    }))
    first = fake_engine_factory(seed=str(inventory), https=False, api_version=3)
    second = fake_engine_factory(page_size=1)
    api = connect(first)
    vm = api.vms.get(name="db2")
    assert vm.memory == 2147483648 and vm.cluster.id == api.clusters.get(name="c1").id
    assert [n.name for n in vm.nics.list()] == ["nic1"]
    assert sorted(h.name for h in api.hosts.list(query="status=up")) == ["h1", "h2"]
    api.disconnect()
    other = connect(second)
    assert other.vms.list() == [] and second.url != first.url
    other.disconnect()


def test_seed_errors_name_the_entry(fake_engine):
    with pytest.raises(ValueError, match=r"vms\[0\]: unknown member 'colour'"):
        fake_engine.seed({"vms": [{"name": "x", "colour": "red"}]})
    with pytest.raises(ValueError, match=r"vms\[0\].*Cluster"):
        fake_engine.seed({"vms": [{"name": "x", "cluster": "nosuchcluster"}]})


def test_api_version_four_is_refused_or_served(fake_engine_factory):
    try:
        engine = fake_engine_factory(api_version=4, https=False)
    except ValueError as exc:
        assert "version 3" in str(exc)
    else:
        assert engine is not None
