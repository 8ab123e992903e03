"""The v4 (oVirt 4.5) dialect of the fake engine: ``FakeEngine(api_version=4)``.

  apimodel    generated from ``schema/v4`` (the v4 API imported from the v4 SDK) by
              ``python -m codegen``: types, enums, roots and links as data
  model       the run-time index over it: members in wire order, the collection tree
  xmlio       v4 documents <-> stored values (``Obj``), strict about the model
  engine      routing (URL -> collection, resource, action) and the operations
              (list, add, get, update, remove, action) over the store
  behaviour   the engine's defaults, state changes, refusals and default environment
"""
