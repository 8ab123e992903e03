"""The one small threaded HTTP(S) server behind every test server of the project.

``FakeEngine`` (this package), the transport tests' ``tests/servers.py`` and the
benchmark's ``bench/server.py`` all run on it; each supplies only a handler::

    def handler(request):          # a Request
        return Reply(200, b"<api/>")

    with HTTPServer(handler) as server:     # 127.0.0.1, a free port
        ... server.origin ...

What it guarantees, for all of them:

- it listens on the given host (default 127.0.0.1) and a free port, serves from a
  daemon thread and stops by itself on ``stop()``/``with`` exit, dropping every
  open connection as an engine going down does;
- every reply is written with a single send on a TCP_NODELAY socket (no
  Nagle/delayed-ACK stalls), with ``Content-Length`` filled in and no body for
  HEAD;
- TLS (an ``ssl_context``) is negotiated in the connection's own thread, so a
  client that fails the handshake never blocks the accept loop;
- request bodies may be sized or chunked;
- a handler that raises gets ``on_error(exc)``'s reply (default: a bare 500),
  never a dropped connection.
"""
import collections
import email.utils
import http.server
import re
import socket
import socketserver
import ssl
import struct
import threading
import time

__all__ = ["HTTPServer", "Reply", "Request"]

_REASONS = http.server.BaseHTTPRequestHandler.responses


class Request(object):
    """One request as the handler sees it."""

    __slots__ = ("method", "path", "headers", "body", "client_cert")

    def __init__(self, method, path, headers, body, client_cert=None):
        self.method = method
        self.path = path
        self.headers = headers          # email.message.Message: case-insensitive get()
        self.body = body
        self.client_cert = client_cert  # the peer's certificate (dict) over TLS, or None


class Headers(object):
    """Case-insensitive view of request headers (a message, or a dict; None values
    dropped), what an engine's ``handle()`` reads them through."""

    def __init__(self, message):
        self._items = {k.lower(): v for k, v in message.items() if v is not None}

    def get(self, name, default=None):
        return self._items.get(name.lower(), default)

    def items(self):
        return self._items.items()


class Reply(object):
    """A reply to send: status, body, headers (a dict or (name, value) pairs).

    ``delay`` seconds are slept before sending; ``truncate`` sends only that many
    body bytes (announcing the full length) and then resets the connection;
    ``content_type`` is added when the body is not empty and no header names one;
    ``date`` adds a ``Date`` header.  The encoded form is computed once, so a
    handler may keep and reuse prebuilt replies.
    """

    def __init__(self, status=200, body=b"", headers=None, reason=None, delay=0,
                 truncate=None, content_type="application/xml", date=False):
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = list((headers or {}).items()) if isinstance(headers, dict) \
            else list(headers or [])
        self.reason = reason
        self.delay = delay
        self.truncate = truncate
        self.content_type = content_type
        self.date = date
        self._head = None

    def head(self):
        """The status line and headers, encoded (computed once unless ``date``)."""
        if self._head is not None:
            return self._head
        reason = self.reason or _REASONS.get(self.status, ("Unknown",))[0]
        lines = ["HTTP/1.1 %d %s" % (self.status, reason)]
        names = {n.lower() for n, _ in self.headers}
        if "content-type" not in names and self.body and self.content_type:
            lines.append("Content-Type: %s" % self.content_type)
        if "content-length" not in names:
            lines.append("Content-Length: %d" % len(self.body))
        if self.date and "date" not in names:
            lines.append("Date: %s" % email.utils.formatdate(usegmt=True))
        lines += ["%s: %s" % (n, v) for n, v in self.headers]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if not self.date:
            self._head = head
        return head

    def encode(self, head_only=False):
        """The bytes to send: head and body (or only the head, for HEAD)."""
        if head_only:
            return self.head()
        body = self.body if self.truncate is None else self.body[:self.truncate]
        return self.head() + body


MAX_REQUEST_BODY = 64 << 20      # bytes: larger request bodies get 400
_MAX_LINE = 4096
_DIGITS = re.compile(r"[0-9]{1,19}\Z")
_HEX = re.compile(rb"[0-9A-Fa-f]{1,16}\Z")


class _BadRequest(Exception):
    pass


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def log_message(self, *args):
        pass

    def _read_body(self):
        """The request body; ``_BadRequest`` for a framing no server may guess at
        (a Content-Length that is not a number, negative or beyond
        ``MAX_REQUEST_BODY``; a chunk size that is not hex; a body cut short)."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks, total = [], 0
            while True:
                line = self.rfile.readline(_MAX_LINE + 1)
                size_text = line.split(b";")[0].strip()
                if len(line) > _MAX_LINE or not _HEX.match(size_text):
                    raise _BadRequest("bad chunk size %r" % size_text[:40])
                size = int(size_text, 16)
                total += size
                if total > MAX_REQUEST_BODY:
                    raise _BadRequest("chunked body larger than %d bytes" % MAX_REQUEST_BODY)
                if size == 0:
                    while self.rfile.readline(_MAX_LINE + 1) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                data = self.rfile.read(size)
                if len(data) != size:
                    raise _BadRequest("chunk cut short")
                chunks.append(data)
                self.rfile.readline(_MAX_LINE + 1)
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return b""
        text = values[0].strip()
        if len(set(v.strip() for v in values)) != 1 or not _DIGITS.match(text):
            raise _BadRequest("bad Content-Length %r" % ", ".join(values)[:60])
        length = int(text)
        if length > MAX_REQUEST_BODY:
            raise _BadRequest("Content-Length %d is larger than %d bytes"
                              % (length, MAX_REQUEST_BODY))
        data = self.rfile.read(length) if length else b""
        if len(data) != length:
            raise _BadRequest("body cut short")
        return data

    def _do(self):
        owner = self.server.owner
        try:
            body = self._read_body()
        except _BadRequest as exc:
            # The framing is lost: answer and close, as an engine's front end does.
            self.close_connection = True
            self.wfile.write(Reply(400, ("Bad Request: %s\n" % exc).encode("utf-8"),
                                   headers=[("Connection", "close")],
                                   content_type="text/plain").encode())
            return
        peer = None
        if isinstance(self.connection, ssl.SSLSocket):
            peer = self.connection.getpeercert()
        reply = owner.dispatch(Request(self.command, self.path, self.headers, body, peer))
        if (self.headers.get("Connection") or "").lower() == "close":
            self.close_connection = True
        self.wfile.write(reply.encode(head_only=self.command == "HEAD"))     # one send
        if reply.truncate is not None:
            # Abortive close: RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _do


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 64
    address_family = socket.AF_INET

    def finish_request(self, request, client_address):
        owner = self.owner
        with owner._conn_lock:
            owner._connections.add(request)
        try:
            self._finish(request, client_address)
        finally:
            with owner._conn_lock:
                owner._connections.discard(request)

    def _finish(self, request, client_address):
        context = self.owner.ssl_context
        if context is not None:
            owner = self.owner
            try:
                request.settimeout(owner.handshake_timeout)
                wrapped = context.wrap_socket(request, server_side=True)
                wrapped.settimeout(None)
            except (OSError, ssl.SSLError):
                return      # the client refused us (or we refused it): fine in tests
            # wrap_socket detached the plain socket: stop() must see the wrapper.
            with owner._conn_lock:
                owner._connections.discard(request)
                owner._connections.add(wrapped)
            request = wrapped
        try:
            super().finish_request(request, client_address)
        except OSError:
            pass            # the client went away (timeouts are tested on purpose)
        finally:
            if context is not None:
                with self.owner._conn_lock:
                    self.owner._connections.discard(request)
                try:
                    request.close()     # the wrapper owns the socket now
                except OSError:
                    pass

    def handle_error(self, request, client_address):
        pass


class _TCPServer6(_TCPServer):
    address_family = socket.AF_INET6


class HTTPServer(object):
    """``handler(Request) -> Reply`` served on ``host:port`` (see the module docstring).

    ``requests`` keeps the last ``keep`` requests received (``None``: all, 0: none);
    ``in_flight`` and
    ``max_in_flight`` count concurrent handler calls.
    """

    handshake_timeout = 30

    def __init__(self, handler, host="127.0.0.1", port=0, ssl_context=None,
                 on_error=None, keep=1000, name="test-http-server"):
        self.handler = handler
        self.on_error = on_error or (lambda exc: Reply(500, b""))
        self.ssl_context = ssl_context
        self.name = name
        self.lock = threading.Lock()
        self.requests = collections.deque(maxlen=keep)
        self.in_flight = 0
        self.max_in_flight = 0
        self._connections = set()
        self._conn_lock = threading.Lock()
        server_class = _TCPServer6 if ":" in host else _TCPServer
        self._server = server_class((host, port), _Handler, bind_and_activate=True)
        self._server.owner = self
        self.host = host
        self.port = self._server.server_address[1]
        self.scheme = "https" if ssl_context is not None else "http"
        self.origin = "%s://%s:%d" % (self.scheme, "[%s]" % host if ":" in host else host,
                                      self.port)
        self._thread = None

    def dispatch(self, request):
        """The handler's reply to ``request`` (called from the connection threads)."""
        with self.lock:
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            try:
                reply = self.handler(request)
            except Exception as exc:      # never leave the client without an answer
                reply = self.on_error(exc)
            if reply.delay:
                time.sleep(reply.delay)   # counted as in flight, like a slow engine
            return reply
        finally:
            with self.lock:
                self.in_flight -= 1

    # ------------------------------------------------------------ lifecycle

    def start(self):
        """Serve from a daemon thread (idempotent); returns self."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever,
                                            kwargs={"poll_interval": 0.05},
                                            name=self.name, daemon=True)
            self._thread.start()
        return self

    def serve_forever(self):
        """Serve in the calling thread until ``stop()`` from another thread (or Ctrl-C)."""
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self.close()

    def shutdown(self):
        """End a ``serve_forever()`` running in another thread."""
        self._server.shutdown()

    def stop(self):
        """Stop listening and drop every open connection."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(5)
            self._thread = None
        with self._conn_lock:
            connections = list(self._connections)
        for sock in connections:
            try:
                # socket.socket's own shutdown, also for a TLS socket: it ends the
                # connection's reads at once, without touching the TLS state.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except (OSError, ValueError):
                pass
        self.close()

    def close(self):
        """Release the listening socket."""
        try:
            self._server.server_close()
        except OSError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
        return False
