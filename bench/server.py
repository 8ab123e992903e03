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
Anything else is 404. The sockets are ``ovirtsdk.testing.httpserver`` (the test
server the fake engine and the transport tests use too: HTTP/1.1 keep-alive,
Content-Length, one send per reply on TCP_NODELAY sockets); the replies are built
once and reused. A ``JSESSIONID`` cookie is set on replies to requests that carry
none, as the engine does. Basic auth is accepted without checking.
"""
import argparse
import json
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

from ovirtsdk.testing.httpserver import HTTPServer, Reply  # noqa: E402

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

    def reply(self, path, with_cookie):
        """A prebuilt ``Reply`` for ``path`` (kept: it encodes itself once)."""
        key, body = self.body(path)
        cache_key = (key, with_cookie)
        if key is not None:
            cached = self._replies.get(cache_key)
            if cached is not None:
                return cached
        headers = [("Content-Type", "application/xml;charset=UTF-8")]
        if with_cookie:
            headers.append(("Set-Cookie", "JSESSIONID=%s; Path=/ovirt-engine/api; HttpOnly"
                            % self.session_id))
        reply = Reply(404 if body is None else 200, body or b"", headers)
        if key is not None:
            with self._lock:
                if len(self._replies) < 10000:
                    self._replies[cache_key] = reply
        return reply

    def handler(self, latency):
        """The ``HTTPServer`` handler of a port that sleeps ``latency`` s per request."""
        def handle(request):
            if latency:
                time.sleep(latency)
            cookie = request.headers.get("Cookie") or ""
            return self.reply(request.path, "JSESSIONID=" not in cookie)
        return handle


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vms", type=int, default=2000)
    parser.add_argument("--latency", type=float, action="append")
    args = parser.parse_args(argv)
    engine = Engine(args.vms)
    servers = [HTTPServer(engine.handler(latency), keep=0, name="bench-server").start()
               for latency in (args.latency or [0.0])]
    sys.stdout.write(json.dumps({"ports": [s.port for s in servers],
                                 "ids": engine.ids, "vms_bytes": len(engine.vms)}) + "\n")
    sys.stdout.flush()
    # Run until the parent closes our stdin (or kills us).
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    for server in servers:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
