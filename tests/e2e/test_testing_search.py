"""The fake engine's search language: grammar, matching, sorting, paging, max."""
import pytest
import requests
from lxml import etree

from ovirtsdk.testing import FakeEngine, search
from ovirtsdk.xml import params as P


# ---------------------------------------------------------------- grammar

def test_parse_simple_term():
    q = search.parse("name=vm1")
    assert [[(t.field, t.op, t.value) for t in g] for g in q.groups] == [[("name", "=", "vm1")]]


def test_parse_spaces_quotes_and_prefix():
    q = search.parse('Vms: name = "my vm" and status!=up')
    assert [(t.field, t.op, t.value) for t in q.groups[0]] == [
        ("name", "=", "my vm"), ("status", "!=", "up")]


def test_parse_or_binds_looser_than_and():
    q = search.parse("name=a and status=up or name=b")
    assert [[t.value for t in g] for g in q.groups] == [["a", "up"], ["b"]]


def test_parse_sortby_and_page():
    q = search.parse("name=vm* sortby memory desc page 3")
    assert (q.sortby, q.descending, q.page) == ("memory", True, 3)
    q = search.parse("sortby name page 2")
    assert q.groups == [] and q.sortby == "name" and not q.descending and q.page == 2


def test_parse_bare_value_means_name():
    q = search.parse("vm1")
    assert q.groups[0][0].field is None and q.groups[0][0].value == "vm1"


@pytest.mark.parametrize("text", ["name=", "page x", "sortby", "or name=a", "name=a or"])
def test_parse_errors(text):
    with pytest.raises(search.SearchError):
        search.parse(text)


def _values(item, field):
    return [item.get(field)]


@pytest.mark.parametrize("text,expected", [
    ("name=vm1", ["vm1"]),
    ("name=vm*", ["vm1", "vm2", "vm10"]),
    ("name=v*1", ["vm1"]),
    ("memory>1024", ["vm2", "vm10"]),
    ("memory>=1024", ["vm1", "vm2", "vm10"]),
    ("name!=vm1", ["vm2", "vm10", "other"]),
    ("name=vm1 or name=other", ["vm1", "other"]),
    ("name=vm* and memory<3000", ["vm1", "vm2"]),
])
def test_matching(text, expected):
    items = [{"name": "vm1", "memory": 1024}, {"name": "vm2", "memory": 2048},
             {"name": "vm10", "memory": 4096}, {"name": "other", "memory": 0}]
    q = search.parse(text)
    assert [i["name"] for i in items if search.matches(q, i, _values)] == expected


def test_case_insensitive_matching():
    q = search.parse("name=VM*")
    item = {"name": "vm1"}
    assert not search.matches(q, item, _values, case_sensitive=True)
    assert search.matches(q, item, _values, case_sensitive=False)


def test_severity_orders_like_the_engine():
    q = search.parse("severity>normal")
    assert [s for s in ("normal", "warning", "error", "alert")
            if search.matches(q, {"severity": s}, _values)] == ["warning", "error", "alert"]


# ---------------------------------------------------------------- over HTTP

@pytest.fixture(scope="module")
def engine():
    with FakeEngine(https=False, page_size=3) as fake:
        e = fake.engine
        cluster = e.find("clusters", name="Default")
        blank = e.find("templates", name="Blank")
        for i, name in enumerate(["web1", "web2", "db1", "db2", "Web3", "cache"]):
            vm = e.create_top("vms", P.VM(name=name, memory=(i + 1) * 1024 ** 3,
                                          cluster=e.ref(cluster), template=e.ref(blank)))
            if name.startswith("db"):
                vm.obj.status = P.Status(state="up")
        yield fake


def _names(engine, url_suffix, expect=200):
    reply = requests.get(engine.url + url_suffix, auth=(engine.username, engine.password))
    assert reply.status_code == expect, reply.text
    root = etree.fromstring(reply.content)
    return [vm.findtext("name") for vm in root]


def test_search_by_name_and_wildcards(engine):
    assert _names(engine, "/vms?search=name%3Dweb1") == ["web1"]
    assert _names(engine, "/vms?search=name%3Dweb*") == ["web1", "web2"]
    assert _names(engine, "/vms?search=name%3D*1") == ["db1", "web1"]


def test_search_case_insensitive(engine):
    assert _names(engine, "/vms;case_sensitive=false?search=name%3Dweb*") == [
        "Web3", "web1", "web2"]
    assert _names(engine, "/vms;case_sensitive=False?search=name%3DWEB1") == ["web1"]


def test_search_other_attributes_and_conjunction(engine):
    assert _names(engine, "/vms?search=status%3Dup") == ["db1", "db2"]
    assert _names(engine, "/vms?search=status%3Ddown+and+name%3Dweb*") == ["web1", "web2"]
    assert _names(engine, "/vms?search=cluster%3DDefault+and+memory%3E5368709120") == [
        "cache"]


def test_search_sortby(engine):
    assert _names(engine, "/vms?search=name%3Dweb*+or+name%3Ddb*+sortby+memory+desc") == [
        "db2", "db1", "web2"]        # first page of 3
    assert _names(engine, "/vms?search=sortby+name+asc+page+2") == ["db2", "web1", "web2"]


def test_paging_with_engine_page_size(engine):
    assert _names(engine, "/vms?search=page+1") == ["Web3", "cache", "db1"]
    assert _names(engine, "/vms?search=page+2") == ["db2", "web1", "web2"]
    assert _names(engine, "/vms?search=page+3") == []
    assert _names(engine, "/vms") == ["Web3", "cache", "db1"]     # default: the first page


def test_max(engine):
    assert _names(engine, "/vms;max=2") == ["Web3", "cache"]
    assert _names(engine, "/vms;max=1?search=name%3Ddb*") == ["db1"]


def test_page_with_max_pages_by_max(engine):
    # With max given, page N is items (N-1)*max .. N*max-1 (the engine's search paging).
    assert _names(engine, "/vms;max=1?search=name%3Ddb*+page+1") == ["db1"]
    assert _names(engine, "/vms;max=1?search=name%3Ddb*+page+2") == ["db2"]
    assert _names(engine, "/vms;max=1?search=name%3Ddb*+page+3") == []
    assert _names(engine, "/vms;max=2?search=page+2") == ["db1", "db2"]
    assert _names(engine, "/vms;max=4?search=page+2") == ["web1", "web2"]
    # max larger than the configured limit: the page is max long
    assert _names(engine, "/vms;max=5?search=sortby+name") == [
        "Web3", "cache", "db1", "db2", "web1"]
    assert _names(engine, "/vms?max=2&search=sortby+name+desc+page+2") == ["db2", "db1"]


def test_page_without_max_pages_by_the_search_limit(engine):
    # engine fixture: page_size=3 (the engine's SearchResultsLimit)
    assert _names(engine, "/vms?search=name%3D*+page+2") == ["db2", "web1", "web2"]
    with FakeEngine(https=False, page_size=0) as unlimited:
        e = unlimited.engine
        for i in range(4):
            e.create_top("vms", P.VM(name="vm%d" % i))
        assert len(_names(unlimited, "/vms")) == 4
        assert _names(unlimited, "/vms;max=3?search=page+2") == ["vm3"]


def test_sdk_page_with_max(engine):
    from ovirtsdk.api import API
    api = API(**engine.api_kwargs())
    try:
        assert [vm.name for vm in api.vms.list(query="name=db* page 2", max=1)] == ["db2"]
        assert [vm.name for vm in api.vms.list(query="name=db* page 1", max=1)] == ["db1"]
        assert [vm.name for vm in api.vms.list(query="page 2")] == ["db2", "web1", "web2"]
    finally:
        api.disconnect()


def test_paging_rule_lives_in_the_shared_search_layer():
    # the dialect-independent rule every dialect's list goes through
    items = list(range(10))
    assert search.paginate(items, 2, 3, 100) == [3, 4, 5]
    assert search.paginate(items, None, 4, 100) == [0, 1, 2, 3]
    assert search.paginate(items, 3, None, 4) == [8, 9]
    assert search.paginate(items, 2, None, 0) == items       # no limit configured
    assert search.paginate(items, 2, 0, 4) == []


def test_unknown_search_field_is_a_fault(engine):
    reply = requests.get(engine.url + "/vms?search=colour%3Dred",
                         auth=(engine.username, engine.password))
    assert reply.status_code == 400
    fault = etree.fromstring(reply.content)
    assert fault.tag == "fault"
    assert "colour" in fault.findtext("detail")


def test_sdk_list_query_and_kwargs(engine):
    from ovirtsdk.api import API
    api = API(**engine.api_kwargs())
    try:
        assert [vm.name for vm in api.vms.list(query="name=web*")] == ["web1", "web2"]
        assert [vm.name for vm in api.vms.list(query="name=WEB*", case_sensitive=False)] == [
            "Web3", "web1", "web2"]
        assert [vm.name for vm in api.vms.list(query="page 2")] == ["db2", "web1", "web2"]
        assert [vm.name for vm in api.vms.list(max=1)] == ["Web3"]
        assert api.vms.get(name="db2").status.state == "up"
        assert [vm.name for vm in api.vms.list(query="page 1", name="db*")] == ["db1"]
    finally:
        api.disconnect()


def test_detail_inlines_sub_collections(engine):
    e = engine.engine
    vm = e.find("vms", name="web1")
    e.create_child(vm, "nics", P.NIC(name="eth0"))
    reply = requests.get(engine.url + "/vms?search=name%3Dweb1",
                         auth=(engine.username, engine.password),
                         headers={"Accept": "application/xml; detail=nics+cdroms"})
    node = etree.fromstring(reply.content)[0]
    assert [n.findtext("name") for n in node.find("nics")] == ["eth0"]
    assert node.find("nics/nic").get("href").endswith("/vms/%s/nics/%s" % (
        vm.id, vm.children["nics"].members and next(iter(vm.children["nics"])).entity.id))
    assert len(node.find("cdroms")) == 1
    plain = requests.get(engine.url + "/vms/" + vm.id, auth=(engine.username, engine.password))
    assert etree.fromstring(plain.content).find("nics") is None


def test_events_from_and_order(engine):
    e = engine.engine
    newest = max(int(m.entity.id) for m in e.top["events"])
    for i in range(3):
        e.event(9000 + i, "custom %d" % i, severity="warning" if i else "normal")
    reply = requests.get(engine.url + "/events;from=%d" % newest,
                         auth=(engine.username, engine.password))
    codes = [int(ev.findtext("code")) for ev in etree.fromstring(reply.content)]
    assert codes == [9002, 9001, 9000]             # newest first
    reply = requests.get(engine.url + "/events;from=%d?search=severity%%3Dwarning" % newest,
                         auth=(engine.username, engine.password))
    assert [int(ev.findtext("code")) for ev in etree.fromstring(reply.content)] == [
        9002, 9001]
