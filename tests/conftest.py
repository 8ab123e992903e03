"""Shared test set-up.

The suite runs against the *installed* ``ovirtsdk`` (see ``.ci/test``), so the
checkout's root must not be on ``sys.path``: it would shadow the installed
package with the source tree.  The generator, ``codegen``, is not installed (it
is build-time only), so it is loaded from the checkout by file path and
registered as ``codegen`` in ``sys.modules``: ``import codegen`` and
``from codegen.x import y`` then work in test modules without exposing anything
else from the checkout.

Tests live in tiers, one folder each; every test gets its folder's marker, so
``bash .ci/test -m unit`` runs the fast tier alone (``-m "not e2e"`` etc. work too):

  unit/        inline XML or ``responses``: no socket, no generated-code sweep
  functional/  parametrised over the schema's links / the generated code, codegen
  e2e/         real HTTP(S) on 127.0.0.1: the fake engine, ``servers.Server``
  packaging/   the installed package, wheel/sdist/RPM, README and CI scripts, pydoc

A test file outside these folders is an error (it would run in no tier).
"""
import importlib.util
import logging
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CODEGEN_DIR = REPO / "codegen"
TESTS = Path(__file__).resolve().parent

TIERS = {
    "unit": "fast tests: inline XML or mocked HTTP (responses), no socket",
    "functional": "sweeps over the schema's links and the generated code, codegen",
    "e2e": "real HTTP(S) on 127.0.0.1: the fake engine or tests/servers.py",
    "packaging": "installed package, wheel/sdist/RPM, README/CI scripts, pydoc",
}


def pytest_configure(config):
    for name, text in TIERS.items():
        config.addinivalue_line("markers", "%s: %s" % (name, text))


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath)).resolve()
        try:
            tier = path.relative_to(TESTS).parts[0]
        except ValueError:
            continue            # a test outside tests/ (e.g. a path given by hand)
        if tier not in TIERS:
            raise pytest.UsageError(
                "%s is in no test tier: put it under tests/{%s}/"
                % (path.relative_to(TESTS), ",".join(TIERS)))
        item.add_marker(getattr(pytest.mark, tier))


def load_codegen():
    """The checkout's ``codegen`` package, imported by path (once)."""
    module = sys.modules.get("codegen")
    if module is not None:
        return module
    init = CODEGEN_DIR / "__init__.py"
    if not init.is_file():
        raise ImportError("codegen/ not found next to tests/ (%s)" % CODEGEN_DIR)
    spec = importlib.util.spec_from_file_location(
        "codegen", init, submodule_search_locations=[str(CODEGEN_DIR)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["codegen"] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules["codegen"]
        raise
    return module


# Registered at start-up so that test modules can import codegen at module level.
if CODEGEN_DIR.is_dir():
    load_codegen()


@pytest.fixture(scope="session")
def codegen():
    """The generator package (tests that need it; skipped when absent)."""
    try:
        return load_codegen()
    except ImportError as exc:
        pytest.skip(str(exc))


# ---------------------------------------------------------------- the v4 SDK (test-only)
#
# The real v4 client (``ovirtsdk4``, ovirt-engine-sdk-python 4.x, in the ``test``
# extra) checks the fake engine's v4 dialect; its sdist is the source of
# ``schema/v4``: ``.ci/test`` downloads it and exports OVIRTSDK4_SDIST. Under
# ``.ci/test`` (OVIRTSDK_TEST_INSTALLED=1) a missing one fails the tests that
# need it instead of skipping them.

import os  # noqa: E402


def _v4_required():
    return os.environ.get("OVIRTSDK_TEST_INSTALLED") == "1"


def v4_sdist():
    """Path of the v4 SDK's sdist, or skip (fail under .ci/test) when absent."""
    value = os.environ.get("OVIRTSDK4_SDIST")
    if value and Path(value).is_file():
        return Path(value)
    message = "the v4 SDK sdist is not available (set OVIRTSDK4_SDIST; .ci/test does)"
    if _v4_required():
        pytest.fail(message)
    pytest.skip(message)


def ovirtsdk4():
    """The ``ovirtsdk4`` module, or skip (fail under .ci/test) when absent."""
    try:
        import ovirtsdk4 as module
    except ImportError as exc:
        message = "the v4 SDK (ovirtsdk4, the test extra) is not importable: %s" % exc
        if _v4_required():
            pytest.fail(message)
        pytest.skip(message, allow_module_level=True)
    return module


@pytest.fixture(autouse=True)
def _ovirtsdk_logger_restored():
    """Each test leaves the ``ovirtsdk`` logger as it found it: ``debug=True`` sets its
    level and may add a stderr handler, and a test that kept them would change what
    later tests measure (e.g. the reply-memory bounds, logging at DEBUG)."""
    logger = logging.getLogger("ovirtsdk")
    saved = logger.level, list(logger.handlers)
    yield
    logger.setLevel(saved[0])
    logger.handlers[:] = saved[1]
