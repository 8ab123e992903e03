"""Packaging files agree with each other and with the README.

Static checks on the checkout (skipped where a file is absent, e.g. in an
sdist, which carries neither .ci/ nor the Makefile) plus one real sdist build.
The wheel, the fresh-venv installs and the RPM are built by ``.ci/run``.
"""
import hashlib
import importlib.util
import os
import re
import shlex
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "ovirt-engine-sdk3.spec"
# sha256 of the Apache License 2.0 text as published at apache.org/licenses/LICENSE-2.0.txt
APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"


def read(relpath):
    path = REPO / relpath
    if not path.is_file():
        pytest.skip("%s not in this tree" % relpath)
    return path.read_text(encoding="utf-8")


def ci_command(name):
    """The value of NAME='...' in .ci/run, unquoted as bash would."""
    found = re.search(r"^%s=(.*)$" % name, read(".ci/run"), re.M)
    assert found, name
    return shlex.split(found.group(1))[0]


@pytest.mark.parametrize("name", ["TEST_CMD", "QUICKSTART_CMD"])
def test_readme_shows_the_commands_ci_runs(name):
    command = ci_command(name)
    readme = read("README.md")
    assert "\n%s\n" % command in readme, "README.md lacks the line: %s" % command
    assert '"$%s"' % name in read(".ci/run")


def test_test_command_tests_the_installed_package():
    script = read(".ci/test")
    assert "OVIRTSDK_TEST_INSTALLED=1" in script
    assert '"$VENV/bin/pytest"' in script
    code = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    # `python -m pytest` would put the checkout (cwd) first on sys.path
    assert not [line for line in code if "-m pytest" in line]
    assert [line for line in code if "pip install" in line]
    assert not [line for line in code if " -e " in line or "--editable" in line]


def test_make_test_is_the_same_command():
    makefile = read("Makefile")
    assert re.search(r"^test:\n\t%s\n" % re.escape(ci_command("TEST_CMD")), makefile, re.M)


def test_nothing_puts_the_checkout_on_sys_path():
    # pytest's default import mode inserts the rootdir of a package-less tests/
    # dir (tests/) only; a conftest.py at the root or tests/__init__.py would
    # insert the checkout itself and shadow the installed ovirtsdk.
    assert not (REPO / "conftest.py").exists()
    assert not (REPO / "tests" / "__init__.py").exists()
    assert "pythonpath" not in read("pyproject.toml")


@pytest.mark.parametrize("script", [".ci/run", ".ci/test", ".ci/check-rpm"])
def test_ci_scripts_are_strict_and_executable(script):
    text = read(script)
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in text
    assert os.stat(REPO / script).st_mode & stat.S_IXUSR


def test_license_is_apache_2():
    data = (REPO / "LICENSE").read_bytes()
    assert hashlib.sha256(data).hexdigest() == APACHE_2_SHA256


def test_makefile_targets():
    makefile = read("Makefile")
    for target in ("test", "generate", "check", "dist", "rpm", "doc"):
        assert re.search(r"^%s:" % target, makefile, re.M), target
    for module in ("ovirtsdk.api", "ovirtsdk.infrastructure.brokers",
                   "ovirtsdk.infrastructure.errors", "ovirtsdk.xml.params"):
        assert module in makefile


def setup_version():
    """The version setup.py computes (schema/VERSION + SDK_RELEASE)."""
    engine = read("schema/VERSION").strip()
    release = re.search(r"^SDK_RELEASE = (\d+)$", read("setup.py"), re.M).group(1)
    return "%s.%s" % (engine, release)


def test_spec():
    spec = read("ovirt-engine-sdk3.spec")
    assert re.search(r"^Version:\s+%s$" % re.escape(setup_version()), spec, re.M)
    assert re.search(r"^License:\s+Apache-2\.0$", spec, re.M)
    assert re.search(r"^BuildArch:\s+noarch$", spec, re.M)
    assert re.search(r"^URL:\s+https://", spec, re.M)
    assert "%package -n python3-%{srcname}" in spec
    for name in ("ovirt-engine-sdk-python", "rhevm-sdk-python", "python3-ovirtsdk",
                 "python3-ovirt-engine-sdk-python"):
        assert re.search(r"^Provides:\s+%s = %%\{version\}-%%\{release\}$" % re.escape(name),
                         spec, re.M), name
    for macro in ("%generate_buildrequires", "%pyproject_buildrequires", "%pyproject_wheel",
                  "%pyproject_install", "%pyproject_save_files", "%pyproject_check_import",
                  "%check"):
        assert macro in spec, macro
    assert "%py3_build" not in spec and "%py3_install" not in spec
    assert "@" not in re.sub(r"(?m)^#.*$", "", spec).replace("%", "")


def test_spec_unit_tests_exist():
    """The tests %check runs are files of this tree (tests move between tiers)."""
    found = re.search(r"^%global unit_tests (.+)$", read("ovirt-engine-sdk3.spec"), re.M)
    assert found
    for path in found.group(1).split():
        assert (REPO / path).is_file(), path


def test_version_sorts_above_the_python2_sdk():
    version = tuple(int(n) for n in setup_version().split("."))
    assert version > (3, 6, 9, 2)
    assert (3, 6, 9) <= version < (4,)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools not installed in this venv")
    read("setup.py")
    out = tmp_path_factory.mktemp("sdist")
    proc = subprocess.run(
        [sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(out),
         "sdist", "--dist-dir", str(out)],
        cwd=str(REPO), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [tarball] = out.glob("*.tar.gz")
    return tarball


def test_sdist_can_build_the_wheel_and_the_rpm(sdist):
    engine = (REPO / "schema" / "VERSION").read_text().strip()
    with tarfile.open(str(sdist)) as tar:
        names = tar.getnames()
        top = names[0].split("/")[0]
        # setuptools >= 69.3 (what `build` and Fedora use) names it ovirt_engine_sdk3-V
        assert re.fullmatch(r"ovirt[-_]engine[-_]sdk3-%s\.\d+" % re.escape(engine), top), top
        members = {n[len(top) + 1:] for n in names if n.startswith(top + "/")}
        spec = tar.extractfile("%s/ovirt-engine-sdk3.spec" % top).read().decode()
    for needed in ("setup.py", "pyproject.toml", "LICENSE", "README.md", "schema/VERSION",
                   "ovirt-engine-sdk3.spec", "tests/packaging/macros.pyproject"):
        assert needed in members, needed
    source = {p.relative_to(REPO).as_posix() for p in (REPO / "ovirtsdk").rglob("*.py")
              if "__pycache__" not in p.parts}
    assert source <= members, sorted(source - members)
    assert not [m for m in members if "__pycache__" in m or m.endswith(".pyc")]
    version = top.rsplit("-", 1)[1]
    assert re.search(r"^Version:\s+%s$" % re.escape(version), spec, re.M)
    # rpmbuild -ta unpacks the sdist into the directory the spec names
    assert "%autosetup -n %{distname}-%{version}" in spec
    assert "%global distname ovirt_engine_sdk3\n" in spec
    assert re.search(r"^Source0:.*/%\{distname\}-%\{version\}\.tar\.gz$", spec, re.M)
