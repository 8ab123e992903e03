"""Types for IDEs: py.typed and the generated stubs, checked with mypy --strict
and pyright on examples/typing/ against the installed package, and the
typed sample script run against the fake engine.

mypy and pyright come with the ``test`` extra (pyright's PyPI package runs
pyright on the machine's Node.js, fetching pyright itself on first use).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import ovirtsdk

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "typing"
PACKAGE = Path(ovirtsdk.__file__).resolve().parent


def expected_errors():
    """Line numbers of examples/typing/type_errors.py marked ``# error``."""
    lines = (EXAMPLES / "type_errors.py").read_text().splitlines()
    return {n for n, line in enumerate(lines, 1) if "  # error: " in line}


def tool(name):
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        if os.environ.get("OVIRTSDK_TEST_INSTALLED") == "1":
            pytest.fail("%s missing from the test venv (test extra)" % name)
        pytest.skip("%s not installed" % name)
    if not EXAMPLES.is_dir():
        pytest.skip("examples/typing not in this tree")
    site = {Path(p).resolve() for k, p in sysconfig.get_paths().items()
            if k in ("purelib", "platlib")}
    if PACKAGE.parent not in site and os.environ.get("OVIRTSDK_TEST_INSTALLED") != "1":
        # an editable install: type checkers cannot follow setuptools' import hook
        pytest.skip("ovirtsdk is not installed in site-packages (editable install?)")
    return str(path)


def run(args, tmp_path, timeout=600):
    # from a scratch directory: the checkout's ovirtsdk must not be what is checked
    return subprocess.run(args, cwd=str(tmp_path), capture_output=True, text=True,
                          timeout=timeout)


def test_package_is_marked_typed_and_has_the_stubs():
    assert (PACKAGE / "py.typed").is_file()
    for stub in ("api.py", "infrastructure/brokers.pyi", "infrastructure/apicollections.pyi",
                 "xml/params.pyi", "xml/runtime.pyi", "infrastructure/common.pyi"):
        assert (PACKAGE / stub).is_file(), stub


def test_mypy_strict_accepts_the_typed_script(tmp_path):
    proc = run([tool("mypy"), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c"),
                str(EXAMPLES / "typed_script.py")], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout


def test_mypy_reports_exactly_the_marked_mistakes(tmp_path):
    proc = run([tool("mypy"), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c"),
                str(EXAMPLES / "type_errors.py")], tmp_path)
    found = {int(m.group(1)) for m in re.finditer(r"type_errors\.py:(\d+): error:", proc.stdout)}
    assert found == expected_errors(), proc.stdout
    assert 'Unexpected keyword argument "nmae" for "VM"' in proc.stdout


def pyright(tmp_path, *files):
    proc = run([tool("pyright"), "--outputjson", "--pythonpath", sys.executable]
               + [str(EXAMPLES / f) for f in files], tmp_path)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        pytest.fail("pyright gave no report: %s %s" % (proc.stdout[-2000:], proc.stderr[-2000:]))
    return [d for d in report["generalDiagnostics"] if d["severity"] == "error"]


def test_pyright_strict_accepts_the_typed_script(tmp_path):
    errors = pyright(tmp_path, "typed_script.py")
    assert errors == []


def test_pyright_reports_exactly_the_marked_mistakes(tmp_path):
    errors = pyright(tmp_path, "type_errors.py")
    assert {e["range"]["start"]["line"] + 1 for e in errors} == expected_errors(), errors
    assert any('"nmae"' in e["message"] for e in errors)


def test_the_typed_script_runs_against_the_fake_engine(tmp_path):
    if not EXAMPLES.is_dir():
        pytest.skip("examples/typing not in this tree")
    from ovirtsdk.testing import FakeEngine
    with FakeEngine() as engine:
        env = dict(os.environ, OVIRT_URL=engine.url, OVIRT_USERNAME=engine.username,
                   OVIRT_PASSWORD=engine.password, OVIRT_CA_FILE=engine.ca_file or "")
        proc = subprocess.run([sys.executable, str(EXAMPLES / "typed_script.py")], env=env,
                              cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "typed1 NICs: nic1" in proc.stdout and "typed1 deleted: True" in proc.stdout
