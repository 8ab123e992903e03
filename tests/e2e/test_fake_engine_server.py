"""The fake engine as a server (users run ``python -m ovirtsdk.testing`` in CI): bad
request framing gets a 400, odd ids no 500, ``stop()`` drops every connection (TLS
ones too), and SIGINT stops the command even when it was started in the background."""
import base64
import os
import signal
import socket
import ssl
import subprocess
import sys
import time

import pytest

from ovirtsdk.testing import FakeEngine

AUTH = "Basic " + base64.b64encode(b"admin@internal:letmein").decode()


def _exchange(sock, data, limit=5.0):
    """Send ``data`` and return what the server answers until it stops (or b'')."""
    sock.settimeout(limit)
    sock.sendall(data)
    received = b""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except OSError:
            break
        if not chunk:
            break
        received += chunk
        if b"\r\n\r\n" in received:
            head, _, rest = received.partition(b"\r\n\r\n")
            length = [int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:")]
            if length and len(rest) >= length[0]:
                break
    return received


def _request(path, extra=b"", method=b"POST", body=b""):
    return (method + b" " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
            + AUTH.encode() + b"\r\nContent-Type: application/xml\r\n" + extra
            + b"\r\n" + body)


@pytest.fixture(scope="module")
def http_engine():
    with FakeEngine(https=False) as engine:
        yield engine


@pytest.mark.parametrize("framing", [
    b"Content-Length: abc\r\n",
    b"Content-Length: -1\r\n",
    b"Content-Length: 1000000000000\r\n",
    b"Content-Length: 99999999999999999999999999\r\n",
    b"Content-Length: 5\r\nContent-Length: 6\r\n",
    b"Transfer-Encoding: chunked\r\n",      # followed by a chunk size that is not hex
])
def test_bad_request_framing_gets_400_at_once(http_engine, framing):
    body = b"zz\r\n<vm/>\r\n0\r\n\r\n" if b"chunked" in framing else b"<vm/>"
    with socket.create_connection(("127.0.0.1", http_engine.port), timeout=5) as sock:
        start = time.monotonic()
        reply = _exchange(sock, _request(b"/ovirt-engine/api/vms", framing, body=body))
        assert time.monotonic() - start < 4
    assert reply.startswith(b"HTTP/1.1 400 "), reply[:200]


def test_good_framing_still_works(http_engine):
    body = b"<vm><name>framing-ok</name><cluster><name>Default</name></cluster>" \
           b"<template><name>Blank</name></template></vm>"
    with socket.create_connection(("127.0.0.1", http_engine.port), timeout=5) as sock:
        reply = _exchange(sock, _request(b"/ovirt-engine/api/vms",
                                         b"Content-Length: %d\r\n" % len(body), body=body))
        assert reply.startswith(b"HTTP/1.1 201 "), reply[:200]
        second = body.replace(b"framing-ok", b"chunk-ok")
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(second), second)
        reply = _exchange(sock, _request(b"/ovirt-engine/api/vms",
                                         b"Transfer-Encoding: chunked\r\n", body=chunked))
        assert reply.startswith(b"HTTP/1.1 201 "), reply[:200]


@pytest.mark.parametrize("path", [b"/ovirt-engine/api/vms/%00", b"/ovirt-engine/api/vms/a%01b",
                                  b"/ovirt-engine/api/vms;max=%00",
                                  b"/ovirt-engine/api/vms?search=name%3D%00"])
def test_control_characters_in_the_url_are_not_a_server_error(http_engine, path):
    with socket.create_connection(("127.0.0.1", http_engine.port), timeout=5) as sock:
        reply = _exchange(sock, _request(path, method=b"GET"))
    status = int(reply.split(b" ", 2)[1])
    assert status in (400, 404), reply[:300]


def test_https_stop_drops_kept_alive_connections():
    engine = FakeEngine().start()
    try:
        context = ssl.create_default_context(cafile=engine.ca_file)
        raw = socket.create_connection(("127.0.0.1", engine.port), timeout=5)
        sock = context.wrap_socket(raw, server_hostname="127.0.0.1")
        first = _exchange(sock, _request(b"/ovirt-engine/api", method=b"GET"))
        assert first.startswith(b"HTTP/1.1 200 ")
    finally:
        engine.stop()
    try:
        second = _exchange(sock, _request(b"/ovirt-engine/api", method=b"GET"), limit=3)
    except (OSError, ssl.SSLError):
        second = b""
    finally:
        sock.close()
    assert second == b"", "a stopped engine still answered: %r" % second[:80]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_stops_the_command_started_in_the_background():
    import ovirtsdk
    where = os.path.dirname(os.path.dirname(os.path.abspath(ovirtsdk.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [where] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))

    def as_a_background_job():
        # What `cmd &` in a non-interactive shell does to the child.
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    proc = subprocess.Popen([sys.executable, "-m", "ovirtsdk.testing", "--http"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True, preexec_fn=as_a_background_job)
    try:
        assert "running" in proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    assert proc.returncode == 0, err
    assert "stopped" in out
