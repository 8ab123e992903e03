"""Big and hostile replies: the body is decompressed in bounded pieces and fed to the
parser as it arrives (no copy of it is held), decompression bombs are refused early,
and the size limits count decompressed bytes."""
import gzip
import logging
import socket
import threading
import tracemalloc
import zlib

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import connectionspool, errors
from ovirtsdk.xml import parser as xmlparser

ENTRY = b"<api><product_info><name>oVirt</name></product_info></api>"


class CannedServer(object):
    """127.0.0.1: the entry point, then ``body`` (with ``headers``) for any other
    GET; keep-alive; stops with the ``with`` block."""

    def __init__(self, body, headers=()):
        self.body, self.headers = body, list(headers)
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.1)
        self.url = "http://127.0.0.1:%d/ovirt-engine/api" % self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.threads = []

    def _accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            t.start()
            self.threads.append((t, conn))

    def _serve(self, conn):
        conn.settimeout(10)
        buffered = b""
        with conn:
            try:
                while not self.stop.is_set():
                    while b"\r\n\r\n" not in buffered:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        buffered += chunk
                    head, _, buffered = buffered.partition(b"\r\n\r\n")
                    path = head.split(b" ")[1]
                    entry = path.rstrip(b"/").endswith(b"/api")
                    body = ENTRY if entry else self.body
                    lines = [b"HTTP/1.1 200 OK", b"Content-Type: application/xml",
                             b"Content-Length: %d" % len(body)]
                    if not entry:
                        lines += [("%s: %s" % h).encode() for h in self.headers]
                    conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
            except OSError:
                pass

    def __enter__(self):
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        for t, conn in self.threads:
            try:
                conn.shutdown(socket.SHUT_RDWR)     # a kept-alive client connection
            except OSError:
                pass
            t.join(12)
        self.listener.close()


def _vms(n):
    return (b"<vms>" + b"".join(b'<vm id="%08d" href="/ovirt-engine/api/vms/%08d">'
                                b"<name>vm-%d</name></vm>" % (i, i, i) for i in range(n))
            + b"</vms>")


def _api(server, **kwargs):
    return API(server.url, username="u", password="p", persistent_auth=False, **kwargs)


@pytest.fixture
def fed(monkeypatch):
    """Every piece the transport hands to the parser."""
    pieces = []
    original = xmlparser.Feeder.write

    def write(self, data):
        pieces.append(len(data))
        return original(self, data)
    monkeypatch.setattr(xmlparser.Feeder, "write", write)
    return pieces


@pytest.mark.parametrize("encoding,compress", [
    (None, lambda b: b),
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),                                        # zlib stream
    ("deflate", lambda b: zlib.compress(b)[2:-4]),                     # raw deflate
])
def test_replies_are_streamed_into_the_parser_in_bounded_pieces(fed, encoding, compress):
    body = _vms(20000)                      # ~1.4 MB
    headers = [("Content-Encoding", encoding)] if encoding else []
    with CannedServer(compress(body), headers) as server:
        vms = _api(server).vms.list()
    assert len(vms) == 20000 and vms[-1].name == "vm-19999"
    assert sum(fed) == len(ENTRY) + len(body)
    assert len(fed) > 1 and max(fed) <= connectionspool.READ_CHUNK


def test_a_parsed_reply_keeps_no_copy_of_its_body():
    with CannedServer(_vms(10)) as server:
        api = _api(server)
        pool = api._API__context.pool
        parsed = pool.request("GET", "vms", parse=True)
        assert parsed.body is None and parsed.root.tag == "vms" and len(parsed.root) == 10
        raw = pool.request("GET", "vms")         # the plain form still has the bytes
        assert raw.body == _vms(10) and raw.root is None


def test_whitespace_bomb_holds_no_body_copy_and_stops_early(fed):
    bomb = gzip.compress(b"<vms>" + b" " * (64 << 20) + b"</vms>", 9)    # 64 MiB
    with CannedServer(bomb, [("Content-Encoding", "gzip")]) as server:
        api = _api(server)
        collection = api.vms        # imports the brokers before counting
        tracemalloc.start()
        try:
            with pytest.raises(errors.OvirtSdkError):
                collection.list()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    # Python never held the decompressed body (the old reader joined all of it).
    assert peak < 8 << 20, "%d bytes traced" % peak
    assert sum(fed) < 32 << 20


def test_element_bomb_is_refused_by_the_expansion_limit(fed, monkeypatch):
    monkeypatch.setattr(connectionspool, "EXPANSION_FREE", 1 << 20)
    monkeypatch.setattr(connectionspool, "MAX_EXPANSION", 50)
    bomb = gzip.compress(b"<vms>" + b"<vm/>" * (2 << 20) + b"</vms>", 9)  # 10 MiB of <vm/>
    with CannedServer(bomb, [("Content-Encoding", "gzip")]) as server:
        with pytest.raises(errors.ConnectionError, match="decompression bomb"):
            _api(server).vms.list()
    assert sum(fed) < 4 << 20


def test_normal_compression_ratios_pass_the_expansion_limit(monkeypatch):
    monkeypatch.setattr(connectionspool, "EXPANSION_FREE", 64 << 10)
    body = _vms(30000)
    compressed = gzip.compress(body)
    assert len(body) / len(compressed) < connectionspool.MAX_EXPANSION
    with CannedServer(compressed, [("Content-Encoding", "gzip")]) as server:
        assert len(_api(server).vms.list()) == 30000


def test_size_limit_counts_decompressed_bytes(monkeypatch):
    monkeypatch.setattr(connectionspool, "MAX_BODY_SIZE", 1 << 20)
    body = _vms(40000)                   # ~2.8 MB, well under 1 MiB compressed
    compressed = gzip.compress(body)
    assert len(compressed) < 1 << 20 < len(body)
    with CannedServer(compressed, [("Content-Encoding", "gzip")]) as server:
        with pytest.raises(errors.ConnectionError, match="MAX_BODY_SIZE"):
            _api(server).vms.list()


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress"])
def test_unasked_content_encodings_are_a_format_error(encoding):
    with CannedServer(b"\x00\x01garbage", [("Content-Encoding", encoding)]) as server:
        with pytest.raises(errors.FormatError, match="Content-Encoding"):
            _api(server).vms.list()


def test_corrupt_gzip_is_a_format_error():
    broken = gzip.compress(_vms(100))[:-40] + b"\x00" * 40
    with CannedServer(broken, [("Content-Encoding", "gzip")]) as server:
        with pytest.raises(errors.OvirtSdkError):
            _api(server).vms.list()


def test_only_encodings_the_sdk_decodes_itself_are_asked_for():
    with CannedServer(_vms(1)) as server:
        api = _api(server)
        pool = api._API__context.pool
        assert pool._session.headers["Accept-Encoding"] == "gzip, deflate"


def test_debug_log_still_shows_a_streamed_reply(caplog):
    caplog.set_level(logging.DEBUG, logger="ovirtsdk")
    with CannedServer(_vms(3), [("Content-Encoding", "gzip")]) as server:
        server.body = gzip.compress(_vms(3))
        _api(server, debug=True).vms.list()
    assert any("<name>vm-2</name>" in r.getMessage() for r in caplog.records)
