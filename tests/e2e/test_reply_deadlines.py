"""A script never waits forever unless it asked to: a default whole-reply limit, any
timeout value (floats below 1 included), and the limit covers the status line, the
headers and 1xx replies, not only the body. Every server here gives up by itself
after a few seconds, so a regression fails instead of hanging."""
import gc
import os
import socket
import threading
import time

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import connectionspool, errors

ENTRY = b"<api><product_info><name>oVirt</name></product_info></api>"
OK = (b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n\r\n"
      % len(ENTRY)) + ENTRY
GIVE_UP = 8.0       # seconds after which every scripted server closes by itself


class ScriptedServer(object):
    """127.0.0.1, a free port; ``script(conn, stop)`` runs for each connection."""

    def __init__(self, script):
        self.script = script
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
            t = threading.Thread(target=self._run, args=(conn,), daemon=True)
            t.start()
            self.threads.append(t)

    def _run(self, conn):
        with conn:
            conn.settimeout(GIVE_UP)
            try:
                _read_request(conn)
                self.script(conn, self.stop)
            except OSError:
                pass

    def __enter__(self):
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        for t in self.threads:
            t.join(GIVE_UP + 2)
        self.listener.close()


def _read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk


def _sleep(stop, seconds):
    stop.wait(seconds)


def silent(conn, stop):
    _sleep(stop, GIVE_UP)


def drip_headers(conn, stop):
    """The status line and headers, one byte every 50 ms (~10 s in all)."""
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: 0123456789abcdef\r\n" * 7
    start = time.monotonic()
    for byte in head:
        if stop.is_set() or time.monotonic() - start > GIVE_UP:
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.05)


def continue_forever(conn, stop):
    start = time.monotonic()
    while not stop.is_set() and time.monotonic() - start < GIVE_UP:
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        time.sleep(0.1)


def late_answer(delay):
    def script(conn, stop):
        _sleep(stop, delay)
        conn.sendall(OK)
    return script


def _fails_fast(make_api, limit):
    start = time.monotonic()
    with pytest.raises(errors.ConnectionError) as info:
        make_api()
    elapsed = time.monotonic() - start
    assert "timed out" in str(info.value)
    assert elapsed < limit, "cut off after %.1f s" % elapsed
    return str(info.value)


def test_no_timeout_given_still_has_a_default_limit(monkeypatch):
    assert 0 < connectionspool.DEFAULT_TIMEOUT < float("inf")
    monkeypatch.setattr(connectionspool, "DEFAULT_TIMEOUT", 1.0)
    with ScriptedServer(silent) as server:
        _fails_fast(lambda: API(server.url, username="u", password="p"), 5)


@pytest.mark.parametrize("timeout", [0.5, 0.9, "0.7"])
def test_timeouts_below_one_second_apply(timeout):
    with ScriptedServer(silent) as server:
        message = _fails_fast(lambda: API(server.url, username="u", password="p",
                                          timeout=timeout), 4)
    assert "within %s seconds" % float(timeout) in message


def test_a_non_integer_timeout_lets_a_timely_reply_through():
    with ScriptedServer(late_answer(0.3)) as server:
        api = API(server.url, username="u", password="p", timeout=1.5,
                  persistent_auth=False)
        assert api.get_product_info().name == "oVirt"


def test_timeout_zero_means_no_limit(monkeypatch):
    monkeypatch.setattr(connectionspool, "DEFAULT_TIMEOUT", 0.3)
    with ScriptedServer(late_answer(1.0)) as server:
        api = API(server.url, username="u", password="p", timeout=0, persistent_auth=False)
        assert api.get_product_info().name == "oVirt"


def test_dripping_status_line_and_headers_are_cut_off():
    with ScriptedServer(drip_headers) as server:
        _fails_fast(lambda: API(server.url, username="u", password="p", timeout=2), 6)


def test_endless_100_continue_is_cut_off():
    with ScriptedServer(continue_forever) as server:
        _fails_fast(lambda: API(server.url, username="u", password="p", timeout=2), 6)


def test_deadline_on_later_requests_of_a_kept_alive_connection():
    calls = []

    def script(conn, stop):
        conn.sendall(OK)                    # the entry point
        _read_request(conn)                 # the next request, same connection
        calls.append(1)
        drip_headers(conn, stop)

    with ScriptedServer(script) as server:
        api = API(server.url, username="u", password="p", timeout=1.5,
                  persistent_auth=False)
        _fails_fast(api.vms.list, 5)
    assert calls == [1]


@pytest.mark.parametrize("value,error", [("soon", TypeError), (True, TypeError),
                                         ([3], TypeError), (-1, ValueError),
                                         (float("nan"), ValueError)])
def test_bad_timeouts_are_refused(value, error):
    with pytest.raises(error, match="timeout"):
        API("http://127.0.0.1:9/ovirt-engine/api", username="u", password="p",
            timeout=value)


# ---------------------------------------------------------------- disconnect() closes

def _open_sockets_to(port):
    """File descriptors of this process connected to 127.0.0.1:``port`` (Linux)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if int(fields[2].rsplit(":", 1)[1], 16) == port:
                        inodes.add(fields[9])
        except OSError:
            continue
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink("/proc/self/fd/" + fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            found.append(fd)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc (Linux)")
def test_disconnect_closes_every_socket_also_one_a_thread_still_reads(monkeypatch):
    gc.disable()        # nothing may depend on the garbage collector
    try:
        def script(conn, stop):
            conn.sendall(OK)              # the entry point
            _read_request(conn)           # the engine restarts: this one hangs
            _sleep(stop, GIVE_UP)

        with ScriptedServer(script) as server:
            port = server.listener.getsockname()[1]
            api = API(server.url, username="u", password="p", persistent_auth=False,
                      timeout=30)
            failures = []

            def reader():
                try:
                    api.vms.list()
                except errors.OvirtSdkError as exc:
                    failures.append(exc)

            thread = threading.Thread(target=reader, daemon=True)
            thread.start()
            time.sleep(0.5)               # the list is waiting for its reply
            assert _open_sockets_to(port)
            api.disconnect()
            thread.join(3)
            assert not thread.is_alive(), "disconnect() left a reader blocked"
            assert failures and isinstance(failures[0], errors.ConnectionError)
            deadline = time.monotonic() + 2
            while _open_sockets_to(port) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _open_sockets_to(port) == []
    finally:
        gc.enable()
