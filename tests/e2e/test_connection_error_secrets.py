"""A ConnectionError must not keep the failed request's frames reachable: traceback
collectors (Sentry and friends) record the locals of every frame they can reach, and
urllib3/http.client frames hold the Authorization header and the session cookie."""
import base64
import socket
import threading

import pytest

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors

PASSWORD = "Pr1vatePassw0rd"
COOKIE = "S3ssionCookieValue42"
ENTRY = b"<api><product_info><name>oVirt</name></product_info></api>"


class _BreakingServer(object):
    """Answers the first request (setting a session cookie), then breaks every
    connection as soon as a request arrives: reset before any reply byte."""

    def __init__(self, mode):
        self.mode = mode
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.1)
        self.url = "http://127.0.0.1:%d/ovirt-engine/api" % self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.answered = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            conn.settimeout(5)
            try:
                while not self.stop.is_set():
                    data = conn.recv(65536)
                    if not data:
                        break
                    if self.answered == 0:
                        self.answered += 1
                        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                                     b"Set-Cookie: JSESSIONID=" + COOKIE.encode() +
                                     b"; Path=/ovirt-engine/api\r\nContent-Length: %d\r\n\r\n"
                                     % len(ENTRY) + ENTRY)
                        continue
                    if self.mode == "midbody":
                        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<vms>")
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    break
            except OSError:
                pass
            finally:
                conn.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


def _reachable(exc):
    """Every exception and frame a traceback collector can reach from ``exc``."""
    exceptions, frames, todo = [], [], [exc]
    while todo:
        e = todo.pop()
        if not isinstance(e, BaseException) or any(e is s for s in exceptions):
            continue
        exceptions.append(e)
        tb = e.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        todo += list(e.args)
    return exceptions, frames


@pytest.mark.parametrize("mode", ["reset", "midbody"])
def test_connection_error_keeps_no_frame_holding_credentials(mode):
    token = base64.b64encode(("admin@internal:%s" % PASSWORD).encode()).decode()
    with _BreakingServer(mode) as server:
        api = API(server.url, username="admin@internal", password=PASSWORD)
        try:
            api.vms.list()
        except errors.ConnectionError as exc:
            error = exc
        else:
            pytest.fail("no ConnectionError")
        assert server.answered == 1
    assert error.__cause__ is None and error.__context__ is None
    assert str(error).startswith("[ERROR]::oVirt API connection failure, ")
    assert "connection" in str(error)           # the cause's text is kept
    exceptions, frames = _reachable(error)
    assert exceptions == [error]
    for frame in frames:
        if frame.f_globals.get("__name__") == __name__:
            continue        # this test's own frame holds the secrets, of course
        for name, value in frame.f_locals.items():
            text = repr(value)
            for secret in (token, PASSWORD, COOKIE):
                assert secret not in text, "%s in %s of %s" % (
                    secret, name, frame.f_code.co_name)
    del error
