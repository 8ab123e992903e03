"""The transport tests' HTTP(S) server: ``ovirtsdk.testing.httpserver`` (the one test
server of the project, shared with the fake engine and the benchmark) plus TLS helpers.

``with Server(handler, ssl_context=ctx) as s: ... s.url ...`` where
``handler(request) -> Reply``; ``s.requests``, ``s.max_in_flight`` record what came in.
"""
import socket
import ssl

from ovirtsdk.testing.httpserver import HTTPServer, Reply, Request

__all__ = ["Reply", "Request", "Server", "free_port", "server_context"]


class Server(HTTPServer):
    """An ``HTTPServer`` on 127.0.0.1 whose ``url`` is the API entry point."""

    handshake_timeout = 10

    def __init__(self, handler=None, ssl_context=None):
        super().__init__(handler or (lambda request: Reply(200, b"<api/>")),
                         ssl_context=ssl_context, keep=None)   # every request
        self.url = self.origin + "/ovirt-engine/api"


def free_port():
    """A port on 127.0.0.1 that nothing listens on (for 'connection refused')."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def server_context(ca, *identities, require_client_cert_from=None, **issue_kwargs):
    """A server-side SSLContext with a leaf issued by the trustme ``ca``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf = ca.issue_cert(*(identities or ("127.0.0.1", "localhost")), **issue_kwargs)
    leaf.configure_cert(context)
    if require_client_cert_from is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        require_client_cert_from.configure_trust(context)
    return context
