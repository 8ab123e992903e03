"""Throwaway certificates for the fake engine's HTTPS (needs the ``testing`` extra)."""
import os
import ssl

EXTRA_HINT = ("HTTPS in ovirtsdk.testing needs the optional 'testing' extra "
              "(pip install 'ovirt-engine-sdk3[testing]', i.e. trustme); "
              "or use FakeEngine(https=False)")


class Certificates(object):
    """A CA, a server certificate for 127.0.0.1/localhost and, on request, a client
    certificate, written as PEM files into ``directory``."""

    def __init__(self, directory, client=False, host="127.0.0.1"):
        try:
            import trustme
        except ImportError as exc:        # pragma: no cover - depends on the install
            raise ImportError(EXTRA_HINT) from exc
        self.ca = trustme.CA(organization_name="oVirt fake engine",
                             organization_unit_name="ovirtsdk.testing")
        names = ["127.0.0.1", "localhost", "::1"]
        if host not in names:
            names.insert(0, host)
        self.server = self.ca.issue_cert(*names)
        self.ca_file = os.path.join(directory, "ca.crt")
        self.ca.cert_pem.write_to_path(self.ca_file)
        self.client_cert_file = self.client_key_file = None
        if client:
            leaf = self.ca.issue_cert("admin@internal")
            self.client_cert_file = os.path.join(directory, "client.crt")
            self.client_key_file = os.path.join(directory, "client.key")
            for blob in leaf.cert_chain_pems:
                blob.write_to_path(self.client_cert_file, append=True)
            leaf.private_key_pem.write_to_path(self.client_key_file)
        self.require_client_cert = client

    def server_context(self):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server.configure_cert(context)
        if self.require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            self.ca.configure_trust(context)
        return context
