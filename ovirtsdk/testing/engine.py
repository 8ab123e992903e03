"""The fake engine's core: one request in, one ``Reply`` out (no sockets here).

``Engine`` is assembled from its layers, each in its own module:

  routing.Router          URL → ``Target`` over the link model, method → operation
  operations.Operations   list / add / update / delete / action over the state
  state.State             the store (entities, homes, views), clock, events
  behaviour               the engine's rules: defaults, state changes, refusals
  dialects.v3             the 3.6 documents: request bodies in, replies out

``FakeEngine`` (``server.py``) puts it on HTTP(S) with users and sessions.  A v4
engine is the same class with ``dialect`` (and the model it routes on) set to a
v4 dialect: the state, operations and behaviour stay shared.
"""
from .dialects import v3
from .dialects.v3.access import Access
from .httpserver import Reply
from .operations import Operations
from .routing import Request, Router, Target
from .state import State

__all__ = ["Engine", "Reply", "Request", "Target"]


class Engine(Router, Operations, State):
    """State and request handling of one fake engine; thread-safe through ``lock``.

    ``handle(method, path, headers, body, user=None)`` serves one request.
    """

    #: The dialect that parses request bodies and renders replies.
    dialect = v3
    #: How the state and the rules read and make the dialect's objects.
    access = Access()

    def render_api(self):
        """The entry point document (an element), as ``GET /`` renders it."""
        return self.dialect.render_api(self)

    def render_member(self, member, path, cinfo, overlay=None, details=()):
        """A member as an element of its collection."""
        return self.dialect.render_member(self, member, path, cinfo, overlay, details)
