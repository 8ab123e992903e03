"""Complete instance dicts: every params object the SDK returns lists all members of
its class in ``__dict__`` / ``vars()`` (absent ones None, lists []), lazily parsed
or not, like an object made by the constructor; brokers add superclass, parentclass,
their context and their sub-collections (utils-facts.md, real-clients F12)."""
import copy
import pickle

import pytest
import responses
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers
from ovirtsdk.utils.comperator import Comparator
from ovirtsdk.xml import params, runtime

URL = "http://engine.example/ovirt-engine/api"

VM_XML = ('<vm id="1" href="/ovirt-engine/api/vms/1"><name>web1</name>'
          '<actions><link href="/ovirt-engine/api/vms/1/start" rel="start"/></actions>'
          '<link href="/ovirt-engine/api/vms/1/nics" rel="nics"/>'
          '<link href="/ovirt-engine/api/vms/1/disks" rel="disks"/>'
          '<type>server</type><status><state>up</state></status><memory>1073741824</memory>'
          '<cpu><topology sockets="2" cores="1"/></cpu>'
          '<os type="rhel_7x64"><boot dev="hd"/><boot dev="cdrom"/></os>'
          '<cluster id="c1" href="/ovirt-engine/api/clusters/c1"/>'
          '<stateless>false</stateless>'
          '<creation_time>2016-05-03T10:20:30.123+02:00</creation_time></vm>')


def _classes():
    return sorted((c for c in vars(params).values()
                   if isinstance(c, type) and issubclass(c, params.GeneratedsSuper)
                   and c.__module__ == params.__name__ and c is not params.GeneratedsSuper),
                  key=lambda c: c.__name__)


CLASSES = _classes()


def _expected_empty(cls):
    """Every member None, lists [], plus generateDS's ``extensiontype_`` where a class
    of the chain takes one."""
    ci = runtime.info(cls)
    d = {f.name: ([] if f.many else None) for f in ci.fields}
    if any("extensiontype_" in c.__dict__.get("_ctor_args_", ()) for c in cls.__mro__):
        d["extensiontype_"] = None
    return d


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_class_lazy_dict_is_the_constructors(cls):
    built = cls()
    lazy = runtime.from_node(cls, etree.Element("x"))
    assert runtime.instance_dict(lazy) == {}              # nothing built yet
    assert built.__dict__ == _expected_empty(cls)
    assert lazy.__dict__ == built.__dict__
    assert list(lazy.__dict__) == list(built.__dict__)    # the constructor's order
    assert vars(lazy) is lazy.__dict__


def test_parsed_vm_dict_lists_every_member_with_its_value():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    d = vm.__dict__
    assert set(d) == set(params.VM().__dict__)
    assert d["name"] == "web1" and d["id"] == "1" and d["memory"] == 1073741824
    assert d["stateless"] is False and d["description"] is None and d["host"] is None
    assert d["status"].__dict__["state"] == "up"
    assert [b.__dict__["dev"] for b in d["os"].__dict__["boot"]] == ["hd", "cdrom"]
    assert [link.rel for link in d["link"]] == ["nics", "disks"]
    assert d["creation_time"].utcoffset().total_seconds() == 7200
    assert d["extensiontype_"] is None
    for key, value in d.items():
        assert getattr(vm, key) is value
    eager = params.parseString(VM_XML)
    assert vm == eager and d == eager.__dict__ and list(d) == list(eager.__dict__)


def test_values_read_before_keep_their_identity():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    status, name = vm.status, vm.get_name()
    assert set(runtime.instance_dict(vm)) == {"status", "name"}
    assert vm.__dict__["status"] is status and vm.__dict__["name"] == name
    vm.memory = 5
    assert vm.__dict__["memory"] == 5


def test_nested_objects_stay_lazy_until_looked_at():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    cpu = vm.__dict__["cpu"]
    assert runtime.instance_dict(cpu) == {}
    assert cpu.__dict__["topology"].__dict__["sockets"] == 2


def test_writes_through_the_dict_reach_the_xml():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    vm.__dict__["name"] = "renamed"
    assert vm.name == "renamed" and "<name>renamed</name>" in runtime.to_xml(vm)


def test_duplicated_single_element_first_counts_both_ways():
    xml = "<vm><name>first</name><name>second</name></vm>"
    assert runtime.parse_string(params, xml, lazy=True).name == "first"
    assert runtime.parse_string(params, xml, lazy=True).__dict__["name"] == "first"
    assert params.parseString(xml).name == "first"


def test_xsi_type_subclass_dict():
    xml = ('<link xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:type="DetailedLink" href="/x" rel="y"><description>d</description></link>')
    obj = runtime.parse_string(params, xml, lazy=True)
    assert type(obj) is params.DetailedLink
    assert set(obj.__dict__) == set(params.DetailedLink().__dict__)


def test_copies_and_pickles_have_complete_dicts():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    vm.name
    for other in (copy.copy(vm), copy.deepcopy(vm), pickle.loads(pickle.dumps(vm))):
        assert set(other.__dict__) == set(params.VM().__dict__) and other == vm


@pytest.mark.parametrize("cls", [params.Tag, params.VM, params.CpuTopology, params.Link])
def test_copies_of_any_class_keep_the_constructors_keys(cls):
    obj = runtime.from_node(cls, etree.Element("x"))
    for other in (copy.copy(obj), pickle.loads(pickle.dumps(obj)), copy.deepcopy(cls())):
        assert list(other.__dict__) == list(cls().__dict__)


def test_generateds_build_gives_complete_dict():
    built = params.VM()
    built.build(etree.fromstring(VM_XML))
    assert built.__dict__ == runtime.parse_string(params, VM_XML, lazy=True).__dict__


def test_comparator_reads_complete_dicts():
    lazy = runtime.parse_string(params, VM_XML, lazy=True)
    assert Comparator.compare(lazy, params.parseString(VM_XML))


@pytest.fixture
def api():
    vms = ("<vms>%s</vms>" % VM_XML).encode()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add("GET", URL, body=b"<api/>", content_type="application/xml")
        mock.add("GET", URL + "/vms;case_sensitive=True", body=vms)
        mock.add("GET", URL + "/vms/1/nics",
                 body=b'<nics><nic id="n1"><name>eth0</name></nic></nics>')
        yield API(URL, username="u", password="p")


def test_broker_superclass_dict_is_complete(api):
    vm = api.vms.list()[0]
    entity = vm.superclass
    assert runtime.instance_dict(entity) == {}
    assert set(entity.__dict__) == set(params.VM().__dict__)
    assert entity.__dict__["name"] == "web1"


def test_broker_dict_has_its_own_entries_and_sub_collections(api):
    vm = api.vms.list()[0]
    d = vm.__dict__
    subs = set(brokers.VM._subcollections_)
    assert set(d) == {"superclass", "_Base__context"} | subs
    assert isinstance(d["nics"], brokers.VMNICs) and d["nics"] is vm.nics
    nic = vm.nics.list()[0]
    assert set(nic.__dict__) >= {"superclass", "parentclass", "_Base__context"}
    assert nic.__dict__["parentclass"] is vm
    assert set(nic.superclass.__dict__) == set(params.NIC().__dict__)
    # the sub-collection hides the entity member of the same name, as before
    assert vm.get_nics() is d["nics"] and vm.superclass.__dict__["nics"] is None


def test_reads_through_a_broker_see_the_entity(api):
    vm = api.vms.list()[0]
    assert vm.name == "web1" and vm.get_memory() == 1073741824
    assert vm.status.state == "up" and vm.get_cpu().get_topology().get_sockets() == 2
    vm.superclass.name = "x"
    assert vm.name == "x"
    vm.memory = 7
    assert vm.superclass.memory == 7 and vm.__dict__.get("memory") is None
    with pytest.raises(AttributeError):
        vm.no_such_member
    with pytest.raises(AttributeError):
        api.vms.name


# ---------------------------------------------------------------- lazy members as class-level readers

def test_generated_class_dicts_hold_no_member_readers():
    # type(x).__dict__ is what ovirt-shell walks: only what the generator wrote
    for cls in CLASSES:
        readers = [k for k, v in vars(cls).items() if isinstance(v, runtime.LazyMember)]
        assert readers == [], cls


def test_lazy_read_is_stored_once_and_others_members_are_absent():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    status = vm.status
    assert runtime.instance_dict(vm) == {"status": status}
    assert vm.get_status() is status and vm.status.state == "up"
    link = params.Link()
    for obj in (link, runtime.from_node(params.Link, etree.Element("link"))):
        with pytest.raises(AttributeError, match="'Link' object has no attribute 'memory'"):
            obj.memory
        assert not hasattr(obj, "memory") and getattr(obj, "name", 1) == 1
    assert not hasattr(params.VM, "name")
    with pytest.raises(AttributeError, match="type object 'VM' has no attribute 'name'"):
        params.VM.name
    eager = params.VM(name="a")
    del eager.name
    with pytest.raises(AttributeError):
        eager.name
    del vm.status                   # read again from the node
    assert vm.status is not status and vm.status.state == "up"


def test_dir_lists_the_objects_own_members_only():
    vm = runtime.parse_string(params, VM_XML, lazy=True)
    names = dir(vm)
    assert {"name", "memory", "get_name", "extensiontype_"} <= set(names)
    assert "rel" not in names and names == sorted(names)     # a Link member
    link_names = set(dir(params.Link()))
    assert {"rel", "href", "get_rel"} <= link_names and "memory" not in link_names
    assert "memory" not in dir(params.Link) and "memory" not in dir(params.VM)
    assert set(dir(params.VM)) == {n for k in params.VM.__mro__ for n, v in vars(k).items()
                                   if not isinstance(v, runtime.LazyMember)}


def test_broker_reads_leave_its_own_dict_alone(api):
    vm = api.vms.list()[0]
    own = dict(runtime.holder_dict(vm))
    assert vm.get_name() == "web1" and vm.id == "1" and vm.get_type() == "server"
    assert runtime.holder_dict(vm) == own
    assert runtime.instance_dict(vm.superclass)["name"] == "web1"
    assert "name" not in dir(vm) and "nics" in dir(vm)
    assert isinstance(vm.disks, brokers.VMDisks)    # a sub-collection, also a member


def test_a_broker_base_attribute_a_member_would_hide_is_refused():
    class HolderBase(runtime.EntityHolder):
        def memory(self):
            return "the base's"

    with pytest.raises(TypeError, match="HolderBase.memory would be hidden"):
        class Broker(params.VM, HolderBase):
            pass
