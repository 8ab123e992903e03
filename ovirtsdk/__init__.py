"""oVirt engine 3.6 Python SDK (Python 3 reimplementation)."""
