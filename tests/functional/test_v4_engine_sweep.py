"""Every v4 collection and resource the fake engine can reach, read back by the real
v4 client's reader.

The engine (``FakeEngine(api_version=4)``'s ``Engine``, no socket) is filled with one
entity of each common kind; then every collection href of the v4 model whose
placeholders resolve to stored entities is listed, and every resource href read,
and each reply is parsed by ``ovirtsdk4``'s own reader: it must give the type the
v4 model says. The counts are printed (v4 links served / total).
"""
import re

import pytest

from conftest import ovirtsdk4

sdk = ovirtsdk4()
from ovirtsdk4 import reader as sdk_reader  # noqa: E402

from ovirtsdk.testing.dialects.v4.engine import Engine  # noqa: E402
from ovirtsdk.testing.dialects.v4.model import PREFIX  # noqa: E402


def _post(engine, path, xml):
    reply = engine.handle("POST", PREFIX + path, {}, xml.encode("utf-8"))
    assert reply.status in (200, 201), (path, reply.body)
    found = re.search(rb' id="([^"]+)"', reply.body)
    return found.group(1).decode() if found else None


def _first(engine, href):
    reply = engine.handle("GET", PREFIX + "/" + href, {}, b"")
    found = re.search(rb' id="([^"]+)"', reply.body)
    return found.group(1).decode() if found else None


@pytest.fixture(scope="module")
def engine():
    e = Engine()
    host = _first(e, "hosts")
    _post(e, "/hosts/%s/approve" % host, "<action/>")
    sd = _post(e, "/storagedomains", "<storage_domain><name>data</name><type>data</type>"
                                     "<host><name>Atlantic</name></host><storage><type>nfs"
                                     "</type><address>a</address><path>/p</path></storage>"
                                     "</storage_domain>")
    dc = _first(e, "datacenters")
    _post(e, "/datacenters/%s/storagedomains" % dc, '<storage_domain id="%s"/>' % sd)
    vm = _post(e, "/vms", "<vm><name>vm1</name><cluster><name>Default</name></cluster>"
                          "<template><name>Blank</name></template></vm>")
    _post(e, "/vms/%s/diskattachments" % vm,
          "<disk_attachment><interface>virtio</interface><bootable>true</bootable><disk>"
          "<name>d1</name><format>cow</format><provisioned_size>1024</provisioned_size>"
          "<storage_domains><storage_domain><name>data</name></storage_domain>"
          "</storage_domains></disk></disk_attachment>")
    _post(e, "/vms/%s/nics" % vm, "<nic><name>nic1</name></nic>")
    _post(e, "/vms/%s/snapshots" % vm, "<snapshot><description>s</description></snapshot>")
    _post(e, "/vms/%s/start" % vm, "<action/>")
    _post(e, "/templates", '<template><name>t1</name><vm id="%s"/></template>' % vm)
    _post(e, "/tags", "<tag><name>t</name></tag>")
    _post(e, "/groups", "<group><name>g</name><domain><name>internal-authz</name></domain>"
                        "</group>")
    _post(e, "/jobs", "<job><description>j</description></job>")
    # (named to list after vm1: a searchable collection lists by name, _first takes the
    # first, and the pool's VM has no disks or NICs)
    _post(e, "/vmpools", "<vm_pool><name>zpool</name><size>1</size><cluster><name>Default"
                         "</name></cluster><template><name>Blank</name></template></vm_pool>")
    _post(e, "/bookmarks", "<bookmark><name>b</name><value>vms: name=*</value></bookmark>")
    return e


def _resolve(engine, href):
    """A concrete path for an href template, taking the first stored entity for each
    placeholder; None when one has no entity."""
    parts, path = href.split("/"), []
    for part in parts:
        if part.startswith("{"):
            ident = _first(engine, "/".join(path))
            if ident is None:
                return None
            path.append(ident)
        else:
            path.append(part)
    return "/".join(path)


def _check(reply, type_name, many):
    assert reply.status == 200, reply.body[:300]
    value = sdk_reader.Reader.read(reply.body)
    cls = getattr(sdk.types, type_name)
    if many:
        assert isinstance(value, list), type(value)
        assert all(isinstance(v, cls) for v in value)
    else:
        assert isinstance(value, cls), (type(value), type_name)
    return value


def test_every_reachable_collection_and_resource_reads_back_in_the_v4_client(engine):
    model = engine.model
    listed = read = unreachable = 0
    for href, info in sorted(model.collections.items()):
        path = _resolve(engine, href)
        if path is None:
            unreachable += 1
            continue
        _check(engine.handle("GET", PREFIX + "/" + path, {}, b""), info.member_type, True)
        listed += 1
        if info.resource_href is not None:
            rpath = _resolve(engine, info.resource_href)
            if rpath is not None:
                _check(engine.handle("GET", PREFIX + "/" + rpath, {}, b""),
                       info.member_type, False)
                read += 1
    routable = sum(1 for (method, href) in model.links if engine.routable(method, href))
    print("\nv4 links: %d/%d served; %d collections listed and %d resources read through "
          "ovirtsdk4's reader (%d collections without entities in this environment)"
          % (routable, len(model.links), listed, read, unreachable))
    assert listed >= 161 and read >= 46
    assert routable == len(model.links)


def test_the_entry_point_reads_back_as_the_api(engine):
    api = _check(engine.handle("GET", PREFIX, {}, b""), "Api", False)
    assert api.product_info.version.major == 4
    assert api.summary.vms.total == 2          # vm1 and the pool's VM
    assert api.summary.vms.active == 1
