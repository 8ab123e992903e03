"""The state one ``API`` instance hands down to every broker it creates."""
from ovirtsdk.infrastructure import errors


class Context(object):
    """What one API instance hands to its brokers: the transport and the entry point.

    ``pool`` is the ``ConnectionsPool`` (it also carries the ``Filter`` header and
    the session); ``base_url`` the entry point every URL is relative to.  Every
    broker keeps the context of the API it came from (``common.context_of``);
    nothing is shared between API instances.
    """

    def __init__(self, pool, url):
        self.pool = pool
        self.base_url = url
        # Where broker requests go: the pool itself (v3), or the translation
        # layer in front of it when the engine speaks only v4.
        self.transport = pool
        self.protocol = "v3"

    def use_translation(self):
        """Speak v4 from now on, through ``ovirtsdk.infrastructure.translation``."""
        from ovirtsdk.infrastructure.translation import Translator
        self.pool.set_api_version("4")
        self.transport = Translator(self.pool, self.base_url)
        self.protocol = "v4"
        return self.transport

    def use_v3(self):
        self.pool.set_api_version("3")
        self.transport = self.pool
        self.protocol = "v3"

    @property
    def closed(self):
        return self.pool.closed

    def check(self):
        if self.pool.closed:
            raise errors.DisconnectedError()

    def url(self, path):
        """Absolute URL of ``path`` ('/vms/123') below the entry point."""
        return self.base_url + path

    def request(self, method, url, body=None, headers=None):
        """A successful reply. From the pool (v3) its body is already parsed
        (``root``), fed to the parser as it arrived; the translation layer hands
        back the translated tree the same way (``root``, ``body`` None).
        ``root()`` reads either."""
        if self.transport is self.pool:
            return self.pool.request(method, url, body=body, headers=headers, parse=True)
        return self.transport.request(method, url, body=body, headers=headers)

    def root(self, response):
        """The root element of a reply, None for an empty body."""
        if response.body is None:
            return response.root
        body = response.body
        if not body or not body.strip():
            return None
        return self.parse_root(body)

    def entity(self, response):
        """The (lazily built) params object of a reply, None for an empty body."""
        root = self.root(response)
        return None if root is None else self.parse_node(root, dialect_of(response))

    def parse_root(self, body):
        """The root element of a reply (the SDK's hardened parser; FormatError if bad)."""
        from ovirtsdk.xml import parser     # lazy: lxml loads with the first reply
        return parser.fromstring(body)

    def parse(self, body):
        """The (lazily built) params object of a response body."""
        return self.parse_node(self.parse_root(body))

    def parse_node(self, root, dialect=None):
        from ovirtsdk.xml import params, runtime
        try:
            return runtime.parse_node(params, root, dialect=dialect)
        except ValueError as exc:
            raise errors.FormatError(str(exc)) from None


def dialect_of(response):
    """The dialect the tree of a reply is still read in (``runtime.Pending``): None
    for the pool's replies, possibly the translation's for its replies."""
    return getattr(response, "dialect", None)


# The original module exposed its context registry under this name.
context = Context
