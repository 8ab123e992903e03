"""Change list: v3 ``placement_policy.host`` (one host) is v4 ``placement_policy.hosts``."""
import pytest
from lxml import etree

from ovirtsdk.infrastructure.translation import xmlmap


def _request(body):
    root = etree.fromstring(body)
    xmlmap.request_to_v4(root, "POST /vms")
    return root


def test_placement_host_is_sent_as_the_one_item_of_hosts():
    root = _request(b"<vm><placement_policy><affinity>pinned</affinity>"
                    b"<host><name>h1</name></host></placement_policy></vm>")
    assert root.find("placement_policy/host") is None
    assert [h.findtext("name") for h in root.iterfind("placement_policy/hosts/host")] == ["h1"]
    assert root.findtext("placement_policy/affinity") == "pinned"


def test_placement_host_sent_with_hosts_must_be_one_of_them():
    root = _request(b"<vm><placement_policy><hosts><host id='a'/><host id='b'/></hosts>"
                    b"<host id='b'/></placement_policy></vm>")
    assert [h.get("id") for h in root.iterfind("placement_policy/hosts/host")] == ["a", "b"]
    assert root.find("placement_policy/host") is None
    with pytest.raises(xmlmap.NotTranslatable, match=r"VmPlacementPolicy\.host is not among"):
        _request(b"<vm><placement_policy><host id='c'/><hosts><host id='a'/></hosts>"
                 b"</placement_policy></vm>")
    with pytest.raises(xmlmap.NotTranslatable, match=r"VmPlacementPolicy\.host names no id"):
        _request(b"<vm><placement_policy><host/><hosts><host id='a'/></hosts>"
                 b"</placement_policy></vm>")


def test_placement_reply_with_one_host_also_gives_v3_host():
    v4 = (b"<vm id='v'><placement_policy><affinity>pinned</affinity><hosts>"
          b"<host href='/ovirt-engine/api/hosts/h1' id='h1'/></hosts></placement_policy></vm>")
    root = xmlmap.reply_to_v3(etree.fromstring(v4))
    assert root.find("placement_policy/host").get("id") == "h1"
    assert [h.get("id") for h in root.iterfind("placement_policy/hosts/host")] == ["h1"]


def test_placement_reply_with_several_hosts_names_no_single_host():
    v4 = (b"<vm id='v'><placement_policy><hosts><host id='h1'/><host id='h2'/></hosts>"
          b"</placement_policy></vm>")
    root = xmlmap.reply_to_v3(etree.fromstring(v4))
    assert root.find("placement_policy/host") is None
    assert [h.get("id") for h in root.iterfind("placement_policy/hosts/host")] == ["h1", "h2"]
