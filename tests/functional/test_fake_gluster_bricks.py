"""A gluster volume's bricks on both fake engines (the engine cores, no sockets).

The bricks a new volume's request lists become members of its bricks sub-collection
(3.6 ``bricks``, v4 ``glusterbricks``), named ``host:brick_dir``; a DELETE on that
collection removes the bricks its body names (by id, as 3.6 requires), and nothing when one of them is not
the volume's.
"""
import re

import pytest

from ovirtsdk.testing.dialects.v4.engine import Engine as Engine4
from ovirtsdk.testing.engine import Engine as Engine3

PREFIX = "/ovirt-engine/api"
HEADERS = {"Content-Type": "application/xml"}


def _first_id(reply, tag):
    return re.search(rb'<%s href="[^"]*" id="([^"]+)"' % tag.encode(), reply.body) \
        .group(1).decode()


@pytest.fixture(params=[(Engine3, "bricks"), (Engine4, "glusterbricks")],
                ids=["v3", "v4"])
def volume(request):
    """(engine, path of a new volume's bricks collection)."""
    cls, segment = request.param
    engine = cls()

    def handle(method, path, body=b""):
        return engine.handle(method, PREFIX + path, HEADERS, body)

    host = _first_id(handle("GET", "/hosts"), "host")
    cluster = _first_id(handle("GET", "/clusters"), "cluster")
    bricks = "".join("<brick><server_id>%s</server_id><brick_dir>/b%d</brick_dir></brick>"
                     % (host, i) for i in (1, 2))
    reply = handle("POST", "/clusters/%s/glustervolumes" % cluster,
                   ("<gluster_volume><name>gv</name><volume_type>distribute</volume_type>"
                    "<bricks>%s</bricks></gluster_volume>" % bricks).encode())
    assert reply.status == 201, reply.body
    ident = re.search(rb' id="([^"]+)"', reply.body).group(1).decode()
    return handle, "/clusters/%s/glustervolumes/%s/%s" % (cluster, ident, segment)


def _names(handle, path):
    reply = handle("GET", path)
    assert reply.status == 200
    return re.findall(rb"<name>([^<]+)</name>", reply.body)


def _ids(handle, path):
    return re.findall(rb'<brick href="[^"]*" id="([^"]+)"', handle("GET", path).body)


def test_a_new_volumes_bricks_are_its_members(volume):
    handle, path = volume
    assert _names(handle, path) == [b"atlantic.example.com:/b1", b"atlantic.example.com:/b2"]
    assert b"<brick_dir>/b2</brick_dir>" in handle("GET", path).body


def test_delete_on_the_bricks_removes_the_ones_named(volume):
    handle, path = volume
    first = _ids(handle, path)[0]
    reply = handle("DELETE", path, b'<bricks><brick id="%s"/></bricks>' % first)
    assert reply.status == 200, reply.body
    assert _names(handle, path) == [b"atlantic.example.com:/b2"]


def test_delete_naming_a_brick_the_volume_has_not_removes_nothing(volume):
    handle, path = volume
    first = _ids(handle, path)[0]
    reply = handle("DELETE", path, b'<bricks><brick id="%s"/><brick id="%s"/></bricks>'
                   % (first, b"0" * 8))
    assert reply.status == 400 and b"0" * 8 in reply.body
    assert len(_names(handle, path)) == 2
    reply = handle("DELETE", path, b"<bricks/>")
    assert reply.status == 400
    assert len(_names(handle, path)) == 2
