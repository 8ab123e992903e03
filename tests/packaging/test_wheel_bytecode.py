"""The built package carries bytecode (issue 17, cold start): build_py byte-compiles
every module into the build tree the wheel is made from, hash-checked."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build_lib(tmp_path_factory):
    pytest.importorskip("setuptools")
    if not (REPO / "setup.py").is_file():
        pytest.skip("no checkout next to the tests")
    out = tmp_path_factory.mktemp("build-lib")
    subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(out)],
                   cwd=str(REPO), check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return out / "ovirtsdk"


def test_every_module_has_hash_checked_bytecode(build_lib):
    modules = sorted(build_lib.rglob("*.py"))
    assert len(modules) > 20 and build_lib / "version.py" in modules
    for module in modules:
        pyc = Path(importlib.util.cache_from_source(str(module)))
        assert pyc.is_file(), "no bytecode for %s" % module.relative_to(build_lib)
        header = pyc.read_bytes()[:16]
        assert header[:4] == importlib.util.MAGIC_NUMBER
        flags = int.from_bytes(header[4:8], "little")
        assert flags == 0b11, "%s: not a checked hash-based pyc" % pyc.name


def test_bytecode_is_used_without_writing_any(build_lib, tmp_path):
    # A fresh interpreter that may not write bytecode imports the generated
    # modules from the shipped pycs: nothing is compiled.
    code = ("import sys, importlib.machinery as m\n"
            "compiled = []\n"
            "real = m.SourceFileLoader.source_to_code\n"
            "m.SourceFileLoader.source_to_code = "
            "lambda self, *a, **k: compiled.append(a[1]) or real(self, *a, **k)\n"
            "import ovirtsdk.xml.params, ovirtsdk.infrastructure.brokers, ovirtsdk.api\n"
            "print([c for c in compiled if 'ovirtsdk' in str(c)])\n")
    env = {"PYTHONPATH": str(build_lib.parent), "PYTHONDONTWRITEBYTECODE": "1",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path), env=env,
                         check=True, stdout=subprocess.PIPE, universal_newlines=True)
    assert out.stdout.strip() == "[]"
