"""Client-side v3 -> v4 translation: v3 scripts against engines that serve only v4.

oVirt 4.4 and later removed API v3. When ``API(...)`` finds such an engine (see
``protocol``), the context sends every broker request through a ``Translator``
instead of straight to the transport: each v3 call becomes one or more v4
requests and the replies become the v3 documents the brokers already parse.
Brokers and ``params`` stay v3.

- ``protocol``: the override (``protocol=`` keyword, ``OVIRTSDK_PROTOCOL``) and the
  detection at connect;
- ``translator``: the boundary (URL parsing, routing, v4 requests, per-API cache);
- ``routes``: the tables saying which v3 call goes where (data);
- ``xmlmap``: element-level conversion derived from the v3 schema plus its tables;
- ``handlers``: the calls whose structure differs (entry point, VM disks <-> disk
  attachments, NIC network <-> vNIC profile);
- ``v4links``: the v4 href templates and their URL parameters (generated);
- ``report.coverage()``: which v3 broker methods are translated (imports the
  brokers, so it is not loaded with the rest).
"""
from .translator import Translator, V3Call

__all__ = ["Translator", "V3Call"]
