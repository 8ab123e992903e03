"""A fake engine on 127.0.0.1 for the benchmarks, run in its own process.

    python -m bench.server --vms 2000 --latency 0 --latency 0.02

listens once per ``--latency`` value (seconds slept before every reply on that
port) and prints one JSON line ``{"ports": [...], "ids": [...]}`` when ready.
It lives in its own process so that its work never competes with the measured
client for the GIL.

Served (GET/HEAD, any query string or ``;matrix`` suffix):
  /ovirt-engine/api               the entry point (links, product_info, summary)
  /ovirt-engine/api/vms           the big collection document
  /ovirt-engine/api/vms/<id>      a single small VM
Anything else is 404. HTTP/1.1 keep-alive, Content-Length, one ``sendall`` per
reply (headers and body together) on TCP_NODELAY sockets; a ``JSESSIONID``
cookie is set on replies to requests that carry none, as the engine does.
Basic auth is accepted without checking.
"""
import argparse
import http.server
import json
import socket
import sys
import threading
import time
import uuid

if __package__ in (None, ""):
    import os
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from bench import data
else:
    from . import data

PREFIX = data.PREFIX


class Engine(object):
    """Prebuilt replies (status line, headers and body in one bytes object)."""

    def __init__(self, n_vms):
        self.vms, self.ids = data.vms_document(n_vms)
        self.api = data.api_document()
        self.single = {}
        self._lock = threading.Lock()
        self._replies = {}
        self.session_id = uuid.uuid4().hex

    def body(self, path):
        path = path.split("?", 1)[0].split(";", 1)[0].rstrip("/")
        if path == PREFIX:
            return "api", self.api
        if path == PREFIX + "/vms":
            return "vms", self.vms
        if path.startswith(PREFIX + "/vms/"):
            vm_id = path[len(PREFIX) + 5:]
            if "/" not in vm_id:
                doc = self.single.get(vm_id)
                if doc is None:
                    doc = self.single.setdefault(vm_id, data.vm_document(vm_id))
                return "vm:" + vm_id, doc
        return None, None

    def reply(self, path, with_cookie, head_only=False):
        key, body = self.body(path)
        cache_key = (key, with_cookie, head_only)
        if key is not None:
            cached = self._replies.get(cache_key)
            if cached is not None:
                return cached
        if body is None:
            status, body = "404 Not Found", b""
        else:
            status = "200 OK"
        headers = ["HTTP/1.1 " + status,
                   "Content-Type: application/xml;charset=UTF-8",
                   "Content-Length: %d" % len(body)]
        if with_cookie:
            headers.append("Set-Cookie: JSESSIONID=%s; Path=/ovirt-engine/api; HttpOnly"
                           % self.session_id)
        head = ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1")
        out = head if head_only else head + body
        if key is not None:
            with self._lock:
                if len(self._replies) < 10000:
                    self._replies[cache_key] = out
        return out


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def log_message(self, *args):
        pass

    def _answer(self, head_only=False):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        latency = self.server.latency
        if latency:
            time.sleep(latency)
        cookie = self.headers.get("Cookie") or ""
        reply = self.server.engine.reply(self.path, "JSESSIONID=" not in cookie, head_only)
        self.connection.sendall(reply)

    def do_GET(self):
        self._answer()

    def do_HEAD(self):
        self._answer(head_only=True)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, engine, latency):
        self.engine = engine
        self.latency = latency
        super().__init__(("127.0.0.1", 0), Handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vms", type=int, default=2000)
    parser.add_argument("--latency", type=float, action="append")
    args = parser.parse_args(argv)
    engine = Engine(args.vms)
    servers = [Server(engine, latency) for latency in (args.latency or [0.0])]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write(json.dumps({"ports": [s.server_address[1] for s in servers],
                                 "ids": engine.ids, "vms_bytes": len(engine.vms)}) + "\n")
    sys.stdout.flush()
    # Run until the parent closes our stdin (or kills us).
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    for server in servers:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
