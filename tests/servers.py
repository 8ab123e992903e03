"""A small threaded HTTP(S) server on 127.0.0.1 for transport tests.

Each reply is written with a single send on a TCP_NODELAY socket (no Nagle/delayed-ACK
stalls). TLS is done in the connection's own thread, so a client that fails the handshake
never blocks the accept loop. The handler is a function ``handler(request) -> Reply``.
"""

import http.server
import socket
import socketserver
import ssl
import struct
import threading
import time


class Request(object):
    def __init__(self, method, path, headers, body, client_cert=None):
        self.method = method
        self.path = path
        self.headers = headers          # email.message.Message (case-insensitive get)
        self.body = body
        self.client_cert = client_cert


class Reply(object):
    """status/headers/body to send; ``delay`` sleeps first; ``truncate`` sends only that
    many body bytes (announcing the full length) and then resets the connection."""

    def __init__(self, status=200, body=b'', headers=None, reason=None, delay=0,
                 truncate=None):
        self.status = status
        self.body = body.encode('utf-8') if isinstance(body, str) else body
        self.headers = list((headers or {}).items()) if isinstance(headers, dict) \
            else list(headers or [])
        self.reason = reason
        self.delay = delay
        self.truncate = truncate

    def encode(self):
        reason = self.reason or http.server.BaseHTTPRequestHandler.responses.get(
            self.status, ('Unknown',))[0]
        lines = ['HTTP/1.1 %d %s' % (self.status, reason)]
        names = {n.lower() for n, _ in self.headers}
        if 'content-type' not in names and self.body:
            lines.append('Content-Type: application/xml')
        if 'content-length' not in names:
            lines.append('Content-Length: %d' % len(self.body))
        lines += ['%s: %s' % (n, v) for n, v in self.headers]
        head = ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')
        body = self.body if self.truncate is None else self.body[:self.truncate]
        return head + body


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def log_message(self, *args):
        pass

    def _do(self):
        server = self.server.owner
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        peer = None
        if isinstance(self.connection, ssl.SSLSocket):
            peer = self.connection.getpeercert()
        request = Request(self.command, self.path, self.headers, body, peer)
        with server.lock:
            server.requests.append(request)
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            reply = server.handler(request)
            if reply.delay:
                time.sleep(reply.delay)
        finally:
            with server.lock:
                server.in_flight -= 1
        self.wfile.write(reply.encode())        # one send
        if reply.truncate is not None:
            # Abortive close: RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack('ii', 1, 0))
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _do


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def finish_request(self, request, client_address):
        context = self.owner.ssl_context
        if context is not None:
            try:
                request.settimeout(10)
                request = context.wrap_socket(request, server_side=True)
            except (OSError, ssl.SSLError):
                return      # the client refused us (or we refused it): fine in tests
        try:
            super().finish_request(request, client_address)
        except OSError:
            pass            # the client went away (timeouts are tested on purpose)
        finally:
            if context is not None:
                request.close()     # the wrapper owns the socket now

    def handle_error(self, request, client_address):
        pass


class Server(object):
    """``with Server(handler, ssl_context=ctx) as s: ... s.url ...``"""

    def __init__(self, handler=None, ssl_context=None):
        self.handler = handler or (lambda request: Reply(200, b'<api/>'))
        self.ssl_context = ssl_context
        self.lock = threading.Lock()
        self.requests = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._server = _TCPServer(('127.0.0.1', 0), _Handler, bind_and_activate=True)
        self._server.owner = self
        self.port = self._server.server_address[1]
        scheme = 'https' if ssl_context is not None else 'http'
        self.origin = '%s://127.0.0.1:%d' % (scheme, self.port)
        self.url = self.origin + '/ovirt-engine/api'
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={'poll_interval': 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def free_port():
    """A port on 127.0.0.1 that nothing listens on (for 'connection refused')."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def server_context(ca, *identities, require_client_cert_from=None, **issue_kwargs):
    """A server-side SSLContext with a leaf issued by the trustme ``ca``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf = ca.issue_cert(*(identities or ('127.0.0.1', 'localhost')), **issue_kwargs)
    leaf.configure_cert(context)
    if require_client_cert_from is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        require_client_cert_from.configure_trust(context)
    return context
