"""Peak memory of hostile replies (issue 11), one case per fresh process:

    python -m bench.bombs vms1e6     # 10^6 empty <vm/> elements, plain (7 MB)
    python -m bench.bombs gz900      # 0.9 MB of gzip expanding to 900 MiB of blanks
    python -m bench.bombs gz10g      # 10 MB of gzip expanding to 10 GiB of blanks
    python -m bench.bombs gzvms      # 0.8 MB of gzip expanding to 500 MiB of <vm/>

Serves the case from a thread on 127.0.0.1, calls ``api.vms.list()`` once and
prints the growth of the peak RSS (ru_maxrss) during that call, the time and the
outcome. The compressed bodies are generated once into $TMPDIR/ovirtsdk-bombs.
"""
import http.server
import os
import resource
import socketserver
import sys
import tempfile
import threading
import time
import zlib

CACHE = os.path.join(tempfile.gettempdir(), "ovirtsdk-bombs")
ENTRY = b"<api><product_info><name>x</name></product_info></api>"


def _gzip_of(prefix, fill, total, suffix, name):
    path = os.path.join(CACHE, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    os.makedirs(CACHE, exist_ok=True)
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [c.compress(prefix)]
    block = fill * ((1 << 20) // len(fill))
    left = total
    while left > 0:
        piece = block[:min(left, len(block))]
        out.append(c.compress(piece))
        left -= len(piece)
    out += [c.compress(suffix), c.flush()]
    data = b"".join(out)
    with open(path, "wb") as f:
        f.write(data)
    return data


def case(name):
    """(body, extra headers) of a case."""
    gz = [("Content-Encoding", "gzip")]
    if name == "vms1e6":
        return b"<vms>" + b"<vm/>\n " * 10 ** 6 + b"</vms>", []
    if name == "gz900":
        return _gzip_of(b"<vms>", b" ", 900 << 20, b"</vms>", "gz900.gz"), gz
    if name == "gz10g":
        return _gzip_of(b"<vms>", b" ", 10 << 30, b"</vms>", "gz10g.gz"), gz
    if name == "gzvms":
        return _gzip_of(b"<vms>", b"<vm/>", 500 << 20, b"</vms>", "gzvms.gz"), gz
    raise SystemExit("unknown case %r (vms1e6, gz900, gz10g, gzvms)" % name)


def main(argv):
    name = argv[0] if argv else "gz900"
    body, headers = case(name)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            entry = self.path.rstrip("/").endswith("/api")
            data = ENTRY if entry else body
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            for k, v in ([] if entry else headers):
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(data)
            except OSError:
                pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None    # the client hangs up early
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from ovirtsdk.api import API
    from ovirtsdk.infrastructure import errors
    api = API("http://127.0.0.1:%d/ovirt-engine/api" % server.server_address[1],
              username="u", password="p", persistent_auth=False, timeout=600)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    try:
        outcome = "%d VMs listed" % len(api.vms.list())
    except errors.OvirtSdkError as exc:
        outcome = "%s: %s" % (type(exc).__name__, str(exc)[len("[ERROR]::"):][:90])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("%-7s body %7.1f MB on the wire  peak RSS +%5.0f MiB  %5.1f s  %s"
          % (name, len(body) / 1e6, (peak - before) / 1024.0, time.monotonic() - start,
             outcome))
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
