# Type stubs; see codegen/emit_stubs.py.
"""Types of ``ovirtsdk.infrastructure.common`` as the brokers need them."""
from typing import Any

from ovirtsdk.xml.runtime import EntityHolder


class Base(EntityHolder):
    parentclass: Any
    def __init__(self, context: Any, parent: Any = ..., entity: Any = ...) -> None: ...


def __getattr__(name: str) -> Any: ...   # internal helpers
