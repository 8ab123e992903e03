"""The fake engine's dialects: how one API version's documents look.

A dialect parses request bodies into the store's objects and renders the store's
objects, faults and the entry point into that version's documents.  The v3 dialect
sits on the shared state (``state.py``, ``store.py``), operations
(``operations.py``) and behaviour layer (``behaviour.py``), which work on params
objects.

``v3``  the 3.6 API (params objects through ``ovirtsdk.xml``).
``v4``  the 4.5 API (``FakeEngine(api_version=4)``), generic over ``schema/v4``.  It
        shares the store classes (``store.py``), the search language
        (``search.py``), faults, the HTTP layer (``server.py``, ``httpserver.py``) and
        the v3 dialect's facts (``behaviour.py``: well-known ids, ISO files, event
        codes); its entities are v4 values (``v4/xmlio.Obj``), not params objects, so
        that nothing the v4 model has and v3 lacks is lost, and it brings its own
        operations and rules for them (``v4/engine.py``, ``v4/behaviour.py``).
"""
