"""A fake engine on 127.0.0.1 for the benchmarks, run in its own process.

    python -m bench.server --vms 2000 --latency 0 --latency 0.02 [--tls DIR]

listens once per ``--latency`` value (seconds slept before every reply on that
port) and prints one JSON line ``{"ports": [...], "ids": [...]}`` when ready.
With ``--tls DIR`` it also serves HTTPS (no latency) on ``tls_port`` with a
certificate for 127.0.0.1 from a throw-away CA (trustme) written to DIR/ca.pem.
It lives in its own process so that its work never competes with the measured
client for the GIL.

Served (GET/HEAD, any query string or ``;matrix`` suffix):
  /ovirt-engine/api               the entry point (links, product_info, summary)
  /ovirt-engine/api/vms           the big collection document
  /ovirt-engine/api/vms/<id>      a single small VM
and POST /ovirt-engine/api/vms (201, the new VM) and /vms/<id>/<action> (a completed
action). A request with ``Version: 4`` (the v4 SDK) gets the v4-shaped documents.
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
        self.vms_v4 = data.as_v4(self.vms)
        self.api = data.api_document()
        self.single = {}
        self.single_v4 = {}
        self.actions = {3: data.action_document(3), 4: data.action_document(4)}
        self._lock = threading.Lock()
        self._replies = {}
        self.session_id = uuid.uuid4().hex

    def body(self, path, version=3, method="GET"):
        path = path.split("?", 1)[0].split(";", 1)[0].rstrip("/")
        if method == "POST":
            if path == PREFIX + "/vms":
                return "added", self.vm(data.ADDED_ID, version)
            if path.startswith(PREFIX + "/vms/"):
                vm_id, _, action = path[len(PREFIX) + 5:].partition("/")
                if action and "/" not in action:
                    return "action:" + vm_id, self.actions[version] % vm_id.encode("ascii")
            return None, None
        if path == PREFIX:
            return "api", self.api
        if path == PREFIX + "/vms":
            return "vms", self.vms if version == 3 else self.vms_v4
        if path.startswith(PREFIX + "/vms/"):
            vm_id = path[len(PREFIX) + 5:]
            if "/" not in vm_id:
                return "vm:" + vm_id, self.vm(vm_id, version)
        return None, None

    def vm(self, vm_id, version):
        cache = self.single if version == 3 else self.single_v4
        doc = cache.get(vm_id)
        if doc is None:
            doc = data.vm_document(vm_id)
            doc = cache.setdefault(vm_id, doc if version == 3 else data.as_v4(doc))
        return doc

    def reply(self, path, with_cookie, version=3, method="GET"):
        """A prebuilt ``Reply`` for ``path`` (kept: it encodes itself once)."""
        key, body = self.body(path, version, method)
        cache_key = (key, with_cookie, version, method)
        if key is not None:
            cached = self._replies.get(cache_key)
            if cached is not None:
                return cached
        headers = [("Content-Type", "application/xml;charset=UTF-8")]
        if with_cookie:
            headers.append(("Set-Cookie", "JSESSIONID=%s; Path=/ovirt-engine/api; HttpOnly"
                            % self.session_id))
        status = 404 if body is None else 201 if key == "added" else 200
        reply = Reply(status, body or b"", headers)
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
            version = 4 if request.headers.get("Version") == "4" else 3
            return self.reply(request.path, "JSESSIONID=" not in cookie, version,
                              request.method)
        return handle


def tls_context(directory):
    """A server context with a leaf for 127.0.0.1 from a new CA, and the CA file."""
    import os
    import ssl
    import trustme
    ca = trustme.CA()
    path = os.path.join(directory, "ca.pem")
    ca.cert_pem.write_to_path(path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context, path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vms", type=int, default=2000)
    parser.add_argument("--latency", type=float, action="append")
    parser.add_argument("--tls", metavar="DIR", help="also serve HTTPS; CA file in DIR")
    args = parser.parse_args(argv)
    engine = Engine(args.vms)
    servers = [HTTPServer(engine.handler(latency), keep=0, name="bench-server").start()
               for latency in (args.latency or [0.0])]
    info = {"ports": [s.port for s in servers], "ids": engine.ids,
            "vms_bytes": len(engine.vms), "vms_v4_bytes": len(engine.vms_v4)}
    if args.tls:
        context, info["ca_file"] = tls_context(args.tls)
        tls = HTTPServer(engine.handler(0.0), ssl_context=context, keep=0,
                         name="bench-server-tls").start()
        info["tls_port"] = tls.port
        servers.append(tls)
    sys.stdout.write(json.dumps(info) + "\n")
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
