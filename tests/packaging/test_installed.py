"""The suite tests the installed package, and the installed package is complete.

Active when ``OVIRTSDK_TEST_INSTALLED=1`` (``.ci/test`` sets it after a
non-editable install): then ``ovirtsdk`` must come from site-packages, not from
the checkout, and it must hold every module of the checkout's ``ovirtsdk``, so
that a file missing from the wheel fails here rather than in a user's script.
"""
import importlib.metadata
import os
import sys
import sysconfig
from pathlib import Path

import pytest

import ovirtsdk

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "ovirtsdk"
DIST = "ovirt-engine-sdk3"

pytestmark = pytest.mark.skipif(os.environ.get("OVIRTSDK_TEST_INSTALLED") != "1",
                                reason="OVIRTSDK_TEST_INSTALLED=1 not set (CI sets it)")


def installed_dir():
    return Path(ovirtsdk.__file__).resolve().parent


def package_files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")}


def test_ovirtsdk_comes_from_site_packages():
    here = installed_dir()
    assert here != SOURCE.resolve(), "ovirtsdk imported from the checkout, not the install"
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    assert here.parent in site, "ovirtsdk at %s, outside %s" % (here, sorted(map(str, site)))


def test_checkout_not_on_sys_path():
    entries = {Path(p or os.getcwd()).resolve() for p in sys.path}
    assert REPO not in entries


def test_installed_package_holds_every_source_file():
    missing = package_files(SOURCE) - package_files(installed_dir())
    assert not missing, "not in the installed package: %s" % sorted(missing)


def test_distribution_version_and_files():
    version = importlib.metadata.version(DIST)
    engine = (REPO / "schema" / "VERSION").read_text().strip()
    assert version.startswith(engine + "."), (version, engine)
    assert version.count(".") == 3 and version.rsplit(".", 1)[1].isdigit()

    from ovirtsdk import version as version_module
    assert version_module.__version__ == version
    assert version_module.VERSION == tuple(int(n) for n in version.split("."))
    assert ovirtsdk.__version__ == version

    tops = {f.parts[0] for f in importlib.metadata.files(DIST)
            if not f.parts[0].endswith((".dist-info", ".egg-info")) and f.parts[0] != ".."}
    assert tops == {"ovirtsdk"}, tops


def test_pkg_resources_sees_the_distribution():
    pkg_resources = pytest.importorskip("pkg_resources")
    dist = pkg_resources.get_distribution(DIST)
    assert dist.parsed_version >= pkg_resources.parse_version("3.6.7")


def test_pytest_plugin_entry_point():
    eps = [ep for ep in importlib.metadata.distribution(DIST).entry_points
           if ep.group == "pytest11"]
    if (SOURCE / "testing" / "pytest_plugin.py").is_file():
        assert [(ep.name, ep.value) for ep in eps] == [
            ("ovirtsdk", "ovirtsdk.testing.pytest_plugin")]
    else:
        assert eps == []
