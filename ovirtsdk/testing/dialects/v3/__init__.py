"""The v3 (oVirt 3.6) dialect of the fake engine.

The interface every dialect offers to the routing (``routing.Router``); each
function takes the engine first:

  read(engine, req, link)            -> Body  (required body, parameter sets checked)
  read_optional(engine, req, link)   -> Body or None  (actions)
  read_delete(engine, req, link)     -> Body or None  (DELETE options)
  details(req)                       -> the sub-collections asked to be inlined
  entry_point(engine, req)           -> Reply of GET / (the XSD for ``?schema``)
  collection(engine, target, members, details, extra=None),
  resource(engine, target, details, extra=None)  (extra(member): added members),
  created(engine, target, status, member, overlay), action(status, response),
  empty(), fault_reply(engine, fault) -> Reply
"""
from .parsing import Body, read, read_delete, read_optional
from .rendering import (action, collection, created, details, empty, entry_point,
                        fault_reply, render_api, render_member, resource)

__all__ = ["Body", "action", "collection", "created", "details", "empty", "entry_point",
           "fault_reply", "read", "read_delete", "read_optional", "render_api",
           "render_member", "resource"]
