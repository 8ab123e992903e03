"""The fake engine's dialects: how one API version's documents look.

A dialect parses request bodies into the store's objects and renders the store's
objects, faults and the entry point into that version's documents.  The v3 dialect
sits on the shared state (``state.py``, ``store.py``), operations
(``operations.py``) and behaviour layer (``behaviour.py``), which work on params
objects.

``v3``  the 3.6 API (params objects through ``ovirtsdk.xml``).
``v4``  the 4.5 API (``FakeEngine(api_version=4)``), generic over ``schema/v4``.  Its
        entities are v4 values (``v4/xmlio.Obj``), not params objects, so that
        nothing the v4 model has and v3 lacks is lost.

Both run on the same state (``state.State``) and, where the engines agree, the same
rules (``behaviour.py``); each dialect supplies its model, its object access
(``v3/access.py``, ``v4/access.py``: how the state and the rules read, write, make
and reference its objects) and its parsing and rendering.  The v4 dialect adds its
own rules (``v4/behaviour.py``) and its request operations (``v4/engine.py``).
"""

# The file name an engine gives its schema (``Content-Disposition``).
SCHEMA_FILE = "ovirt-engine-api-schema.xsd"


def wants_schema(param):
    """True when the entry point is asked for its schema (``?schema``, ``;schema``):
    ``param(name)`` reads a URL parameter (None when absent)."""
    return param("schema") is not None


def schema_reply(xsd):
    """``GET /ovirt-engine/api?schema``: the dialect's XSD (its generated ``apischema``
    module), sent as an engine sends it, a download of ``ovirt-engine-api-schema.xsd``."""
    from ..httpserver import Reply
    return Reply(200, xsd, [("Content-Type", "application/octet-stream"),
                            ("Content-Disposition", "attachment; filename = " + SCHEMA_FILE)])
