"""ovirtsdk.utils helpers, each against the behaviour sheet (utils-facts.md)."""
import threading

import pytest
import responses

from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers, errors
from ovirtsdk.utils.comperator import Comparator
from ovirtsdk.utils.filterhelper import FilterHelper
from ovirtsdk.utils.ordereddict import OrderedDict
from ovirtsdk.utils.parsehelper import ParseHelper
from ovirtsdk.utils.reflectionhelper import ReflectionHelper
from ovirtsdk.utils.searchhelper import SearchHelper
from ovirtsdk.utils.urlhelper import UrlHelper
from ovirtsdk.xml import params

URL = "http://engine.example/ovirt-engine/api"


# ---------------------------------------------------------------- ParseHelper

@pytest.mark.parametrize("name, cls", [
    ("datacenter", params.DataCenter), ("data_center", params.DataCenter),
    ("DataCenter", params.DataCenter), ("DATA_CENTER", params.DataCenter),
    ("vm", params.VM), ("VM", params.VM), ("vms", params.VMs),
    ("storagedomain", params.StorageDomain), ("storage_domain", params.StorageDomain),
    ("hostnic", params.HostNIC), ("host_nic", params.HostNIC),
    ("affinitygroup", params.AffinityGroup), ("vnicprofile", params.VnicProfile),
    ("action", params.Action), ("glustervolume", params.GlusterVolume),
    ("cputopology", params.CpuTopology),          # class name of a type without root tag
])
def test_get_xml_type_by_class_name_or_tag(name, cls):
    assert ParseHelper.getXmlType(name) is cls


@pytest.mark.parametrize("name", ["", None, "nosuchthing", "data center"])
def test_get_xml_type_none(name):
    assert ParseHelper.getXmlType(name) is None


def test_get_xml_type_instance_is_the_tag():
    assert ParseHelper.getXmlTypeInstance("datacenter") == "data_center"
    assert ParseHelper.getXmlTypeInstance("DataCenter") == "data_center"
    assert ParseHelper.getXmlTypeInstance("storagedomain") == "storage_domain"
    assert ParseHelper.getXmlTypeInstance("vm") == "vm"
    assert ParseHelper.getXmlTypeInstance("datacenters") == "data_centers"
    # only class names are looked up; anything else comes back as given
    assert ParseHelper.getXmlTypeInstance("data_center") == "data_center"
    assert ParseHelper.getXmlTypeInstance("NoSuch") == "NoSuch"
    # ovirt-shell: findRootClass(getXmlTypeInstance(type name)) is the class again
    assert params.findRootClass(ParseHelper.getXmlTypeInstance("hostnic")) is params.HostNIC


def test_get_xml_wrapper_type_is_the_class_name():
    assert ParseHelper.getXmlWrapperType("datacenter") == "DataCenter"
    assert ParseHelper.getXmlWrapperType("data_center") == "DataCenter"
    assert ParseHelper.getXmlWrapperType("datacenters") == "DataCenters"
    assert ParseHelper.getXmlWrapperType("vmnumanode") == "VirtualNumaNode"   # tag w/o '_'
    assert ParseHelper.getXmlWrapperType("storage_domains") == "StorageDomains"
    assert ParseHelper.getXmlWrapperType("nosuch") == "nosuch"


def test_get_singular_xml_type_instance():
    assert ParseHelper.getSingularXmlTypeInstance("datacenters") == "data_center"
    assert ParseHelper.getSingularXmlTypeInstance("vms") == "vm"
    assert ParseHelper.getSingularXmlTypeInstance("storagedomains") == "storage_domain"
    assert ParseHelper.getSingularXmlTypeInstance("status") == "statu"   # one 's', blindly
    assert ParseHelper.getSingularXmlTypeInstance("nosuchs") == "nosuch"


def test_to_xml_of_params_and_broker():
    dc = params.DataCenter(name="dc2", local=False)
    xml = ParseHelper.toXml(dc)
    assert xml.startswith("<data_center>") and "<name>dc2</name>" in xml
    assert "<local>false</local>" in xml
    broker = brokers.DataCenter(params.DataCenter(id="d1", name="x"), context=None)
    assert ParseHelper.toXml(broker).startswith('<data_center id="d1">')


def test_to_xml_of_a_type_without_root_element_names_it():
    with pytest.raises(Exception) as info:
        ParseHelper.toXml(params.CpuTopology(cores=2))
    assert "CpuTopology" in str(info.value)


class _Wrapper(object):
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


def test_to_type_and_collections():
    a, b, parent = object(), object(), object()
    t = ParseHelper.toType(a, _Wrapper, context="c")
    assert t.args == (a,) and t.kwargs == {"context": "c"}
    col = ParseHelper.toCollection(_Wrapper, [a, b], context="c")
    assert [w.args for w in col] == [(a,), (b,)] and col[1].kwargs == {"context": "c"}
    sub = ParseHelper.toSubType(a, _Wrapper, parent, context="c")
    assert sub.args == (parent, a)
    subs = ParseHelper.toSubCollection(_Wrapper, parent, [a, b])
    assert [w.args for w in subs] == [(parent, a), (parent, b)]
    assert ParseHelper.toTypeFromCollection(_Wrapper, [a, b]).args == (a,)
    assert ParseHelper.toTypeFromCollection(_Wrapper, []).args == (None,)
    assert ParseHelper.toSubTypeFromCollection(_Wrapper, parent, [b, a]).args == (parent, b)
    assert ParseHelper.toSubTypeFromCollection(_Wrapper, parent, []) is None


def test_to_type_wraps_entities_into_brokers():
    vm = params.VM(id="1", name="a")
    broker = ParseHelper.toType(vm, brokers.VM, context=None)
    assert isinstance(broker, brokers.VM) and broker.superclass is vm
    nics = ParseHelper.toSubCollection(brokers.VMNIC, broker, [params.NIC(id="n")], context=None)
    assert nics[0].parentclass is broker and nics[0].id == "n"


# ---------------------------------------------------------------- ReflectionHelper

def test_reflection_helper():
    classes = ReflectionHelper.getClasses(params)
    assert classes["datacenter"] is params.DataCenter and classes["vm"] is params.VM
    names = ReflectionHelper.getClasses(params, byName=True)
    assert names["datacenter"] == "DataCenter"
    assert ReflectionHelper.getClassNames(params) == names
    assert ReflectionHelper.getClasses(brokers)["vmnics"] is brokers.VMNICs
    assert ReflectionHelper.isModuleMember(params.__name__, params.VM)
    assert ReflectionHelper.isModuleMember("ovirtsdk.infrastructure.brokers", brokers.VM)
    assert not ReflectionHelper.isModuleMember(params.__name__, brokers.VM)
    assert not ReflectionHelper.isModuleMember(params.__name__, None)


# ---------------------------------------------------------------- UrlHelper

def test_url_helper_replace_and_append():
    url = "/vms/{vm:id}/nics/{nic:id}"
    assert UrlHelper.replace(url, {"{vm:id}": "123", "{nic:id}": "n1"}) == "/vms/123/nics/n1"
    assert UrlHelper.replace(url, {}) == url
    assert UrlHelper.append("/vms", "123") == "/vms/123"
    assert UrlHelper.append("/vms", None) == "/vms"
    assert UrlHelper.append("/vms", "") == "/vms"


def test_url_helper_append_parameters():
    url = UrlHelper.appendParameters("/vms", {
        "search:query": "name=vm* and status=up", "max:matrix": 10,
        "case_sensitive:matrix": True, "skip:query": None, "from": "x y"})
    assert url == "/vms;max=10;case_sensitive=True?search=name%3Dvm%2A+and+status%3Dup&from=x+y"
    assert UrlHelper.appendParameters("/vms", {"max:matrix": None}) == "/vms"
    assert UrlHelper.appendParameters("/vms", {}) == "/vms"


# ---------------------------------------------------------------- Filter/SearchHelper

def _vms():
    return [params.VM(name="web1", memory=1, stateless=True,
                      status=params.Status(state="up"),
                      os=params.OperatingSystem(boot=[params.Boot(dev="hd"), params.Boot(dev="cdrom")])),
            params.VM(name="web2", memory=2, status=params.Status(state="down")),
            params.VM(name="db1", memory=1, stateless=False)]


def test_search_helper_filter_results():
    vms = _vms()
    names = lambda items: [v.name for v in items]   # noqa: E731
    assert names(SearchHelper.filterResults(vms, {"name": "web*"})) == ["web1", "web2"]
    assert names(SearchHelper.filterResults(vms, {"name": "web?", "memory": 2})) == ["web2"]
    assert names(SearchHelper.filterResults(vms, {"status.state": "up"})) == ["web1"]
    assert names(SearchHelper.filterResults(vms, {"os.boot.dev": "cdrom"})) == ["web1"]
    assert names(SearchHelper.filterResults(vms, {"stateless": False})) == ["db1"]
    assert names(SearchHelper.filterResults(vms, {"memory": "1"})) == ["web1", "db1"]  # str()
    assert names(SearchHelper.filterResults(vms, {"stateless": "True"})) == ["web1"]
    # a missing value fails the constraint, whatever it is
    assert SearchHelper.filterResults(vms, {"description": None}) == []
    assert names(SearchHelper.filterResults(vms, {"status.state": "*"})) == ["web1", "web2"]
    assert SearchHelper.filterResults(vms, {"nosuch": "*"}) == []
    assert SearchHelper.filterResults(vms, {}) == vms


def test_filter_helper():
    vms = _vms()
    assert FilterHelper.filter(vms, {}) is vms
    assert FilterHelper.filter(vms, None) is vms
    assert [v.name for v in FilterHelper.filter(vms, {"name": "db*"})] == ["db1"]
    assert FilterHelper.getItem([], "q") is None
    assert FilterHelper.getItem([vms[0]], "q") is vms[0]
    with pytest.raises(errors.AmbiguousQueryError) as info:
        FilterHelper.getItem(vms, "name=web*")
    assert "name=web*" in str(info.value)


# ---------------------------------------------------------------- Comparator

def test_comparator():
    a = params.VM(name="a", memory=1)
    assert Comparator.compare(a, params.VM(name="a", memory=1))
    assert not Comparator.compare(a, params.VM(name="a", memory=2))
    assert not Comparator.compare(a, params.Template(name="a", memory=1))
    parsed = params.parseString('<vm><name>a</name><memory>1</memory></vm>')
    assert Comparator.compare(a, parsed) and Comparator.compare(parsed, a)
    seen = []
    assert not Comparator.compare(a, params.VM(name="a", memory=2), seen.append)
    assert seen == ["memory"]
    seen = []
    assert Comparator.compare(a, params.VM(name="a", memory=1), seen.append) and seen == []


def test_comparator_on_brokers_compares_their_entities():
    one = brokers.VM(params.VM(id="1", name="a"), context=None)
    two = brokers.VM(params.VM(id="1", name="a"), context=None)
    assert Comparator.compare(one, two)
    assert Comparator.compare(one, params.VM(id="1", name="a"))
    assert not Comparator.compare(one, brokers.VM(params.VM(id="2", name="a"), context=None))


# ---------------------------------------------------------------- OrderedDict

def test_ordered_dict():
    d = OrderedDict()
    for key in ("b", "a", "c"):
        d[key] = key.upper()
    assert list(d.keys()) == ["b", "a", "c"] and list(d.values()) == ["B", "A", "C"]
    assert list(d.items())[0] == ("b", "B") and d.has_key("a") and not d.has_key("z")
    copy = d.copy()
    assert type(copy) is OrderedDict and copy == d and copy is not d
    assert d.setdefault("d", "D") == "D" and d.setdefault("b", "x") == "B"
    d.update({"e": "E"})
    assert d.popitem() == ("e", "E")
    assert list(OrderedDict.fromkeys(["x", "y"], 0).items()) == [("x", 0), ("y", 0)]
    assert type(OrderedDict.fromkeys(["x"])) is OrderedDict
    d.clear()
    with pytest.raises(KeyError) as info:
        d.popitem()
    assert info.value.args == ("Empty",)


def test_ordered_dict_is_safe_to_mutate_from_threads():
    d = OrderedDict()

    def work(k):
        for i in range(2000):
            d["%d-%d" % (k, i)] = i
            d.setdefault("shared", 0)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(d) == 4 * 2000 + 1


# ---------------------------------------------------------------- list(**kwargs) uses the same rules

def test_list_kwargs_filter_with_search_helper_rules():
    vms = (b'<vms><vm id="1"><name>web1</name><status><state>up</state></status></vm>'
           b'<vm id="2"><name>db1</name><status><state>down</state></status>'
           b'<description>d</description></vm></vms>')
    with responses.RequestsMock() as mock:
        mock.add("GET", URL, body=b"<api/>", content_type="application/xml")
        mock.add("GET", URL + "/vms;case_sensitive=True", body=vms)
        api = API(URL, username="u", password="p")
        assert [v.name for v in api.vms.list(status__state="up")] == ["web1"]
        assert [v.name for v in api.vms.list(**{"status.state": "d*"})] == ["db1"]
        assert [v.name for v in api.vms.list(description="*")] == ["db1"]
        assert api.vms.list(name="nope*") == []
