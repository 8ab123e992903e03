"""pytest plugin: the ``fake_engine`` fixture.

Installed as a ``pytest11`` entry point (``ovirtsdk_testing``), so any test may ask
for ``fake_engine``; without the entry point, add
``pytest_plugins = ["ovirtsdk.testing.pytest_plugin"]`` to the root ``conftest.py``.

The engine is fresh for every test (its state starts as the default environment).
It speaks HTTPS when the ``testing`` extra (trustme) is installed, plain HTTP
otherwise; ``engine.api_kwargs()`` gives the matching ``API()`` arguments.
"""
import pytest


def _https_available():
    import importlib.util
    return importlib.util.find_spec("trustme") is not None


@pytest.fixture
def fake_engine():
    """A running ``ovirtsdk.testing.FakeEngine``; stopped after the test."""
    from ovirtsdk.testing import FakeEngine     # imported here: plugins load in every run
    with FakeEngine(https=_https_available()) as engine:
        yield engine
