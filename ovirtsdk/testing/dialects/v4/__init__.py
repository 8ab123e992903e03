"""The v4 (oVirt 4.5) dialect of the fake engine: ``FakeEngine(api_version=4)``.

  apimodel    generated from ``schema/v4`` (the v4 API imported from the v4 SDK) by
              ``python -m codegen``: types, enums, roots and links as data
  model       the run-time index over it: members in wire order, the collection tree
  xmlio       v4 documents <-> stored values (``Obj``), strict about the model
  access      how the shared state and rules read and make ``Obj`` values
  engine      ``Engine(state.State)``: routing (URL -> collection, resource, action)
              and the operations (list, add, get, update, remove, action)
  behaviour   the v4 engine's own rules (defaults, v4-only actions and views, the
              default environment); shared ones are ``ovirtsdk.testing.behaviour``
"""
