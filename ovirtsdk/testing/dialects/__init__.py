"""The fake engine's dialects: how one API version's documents look.

A dialect parses request bodies into the store's objects and renders the store's
objects, faults and the entry point into that version's documents.  All dialects
share one state (``state.py``, ``store.py``), one set of operations
(``operations.py``) and one behaviour layer (``behaviour.py``); only the wire
format differs.

``v3``  the 3.6 API (params objects through ``ovirtsdk.xml``): the only one today.
``v4``  the place for the 4.x API: a module with the same functions as ``v3``
        (see ``v3/__init__.py``), translating between v4 documents and the store.
"""
