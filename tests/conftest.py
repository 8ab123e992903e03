"""Shared test set-up.

The suite runs against the *installed* ``ovirtsdk`` (see ``.ci/test``), so the
checkout's root must not be on ``sys.path``: it would shadow the installed
package with the source tree.  The generator, ``codegen``, is not installed (it
is build-time only), so it is loaded from the checkout by file path and
registered as ``codegen`` in ``sys.modules``: ``import codegen`` and
``from codegen.x import y`` then work in test modules without exposing anything
else from the checkout.
"""
import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CODEGEN_DIR = REPO / "codegen"


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
