"""A server that drips its body slowly: the client's timeout still ends the request.

(An e2e test: it needs a real socket, which ``responses`` cannot fake.)"""
import socket
import threading
import time

import pytest

from ovirtsdk.infrastructure import connectionspool, errors


def _drip_server(total, step_bytes, pause):
    """A server announcing ``total`` bytes and sending them slowly."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                             b"Content-Length: %d\r\n\r\n" % total)
                sent = 0
                try:
                    while sent < total and not stop.is_set():
                        conn.sendall(b" " * step_bytes)
                        sent += step_bytes
                        time.sleep(pause)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, stop


def test_slow_drip_body_hits_the_timeout():
    listener, stop = _drip_server(400, 1, 0.05)    # 20 s of dripping
    try:
        pool = connectionspool.ConnectionsPool(
            "http://127.0.0.1:%d/ovirt-engine/api" % listener.getsockname()[1], timeout=1)
        start = time.monotonic()
        with pytest.raises(errors.ConnectionError, match="timed out"):
            pool.request("GET")
        assert time.monotonic() - start < 10
    finally:
        stop.set()
        listener.close()
