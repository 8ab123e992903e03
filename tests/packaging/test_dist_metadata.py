"""The metadata of the built wheel and sdist, as the package index and pip see it.

``.ci/run`` builds both (``python -m build``, isolated, so with a current
setuptools) and runs this file with ``OVIRTSDK_DIST_DIR`` (the built files)
and ``OVIRTSDK_BUILD_LOG`` (the build's output); without them it skips, as the
test suite itself builds no wheel.
"""
import email
import os
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

DIST_DIR = os.environ.get("OVIRTSDK_DIST_DIR")
pytestmark = pytest.mark.skipif(not DIST_DIR, reason="OVIRTSDK_DIST_DIR not set (.ci/run sets it)")

NAME = "ovirt-engine-sdk3"


def built(pattern):
    [path] = Path(DIST_DIR).glob(pattern)
    return path


@pytest.fixture(scope="module")
def wheel_metadata():
    with zipfile.ZipFile(str(built("ovirt_engine_sdk3-*.whl"))) as whl:
        [name] = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(whl.read(name))


@pytest.fixture(scope="module")
def sdist_metadata():
    with tarfile.open(str(built("ovirt_engine_sdk3-*.tar.gz"))) as tar:
        [name] = [n for n in tar.getnames() if n.count("/") == 1 and n.endswith("/PKG-INFO")]
        return email.message_from_bytes(tar.extractfile(name).read())


def version_tuple(text):
    return tuple(int(n) for n in text.split("."))


@pytest.mark.parametrize("which", ["wheel_metadata", "sdist_metadata"])
def test_name_and_version(request, which):
    meta = request.getfixturevalue(which)
    assert meta["Name"] == NAME
    version = meta["Version"]
    # above the Python 2 SDK's last release, inside the pins written for it
    assert version_tuple(version) > (3, 6, 9, 2)
    from packaging.specifiers import SpecifierSet   # comes with `build`
    from packaging.version import Version
    assert Version(version) in SpecifierSet(">=3.6.9,<4")
    assert Version(version) > Version("3.6.9.2")


def test_license_is_an_spdx_expression(wheel_metadata):
    assert wheel_metadata["Metadata-Version"] == "2.4"
    assert wheel_metadata["License-Expression"] == "Apache-2.0"
    assert wheel_metadata.get_all("License-File") == ["LICENSE"]
    # with an expression, license classifiers are deprecated
    assert not [c for c in wheel_metadata.get_all("Classifier") if c.startswith("License ::")]


def test_no_setuptools_warnings_about_the_metadata():
    log = Path(os.environ["OVIRTSDK_BUILD_LOG"]).read_text(errors="replace")
    assert "Successfully built" in log
    bad = [line for line in log.splitlines()
           if re.search(r"deprecat|license|unknown distribution option", line, re.I)
           and re.search(r"warn|deprecat|unknown", line, re.I)]
    assert not bad, bad


def test_project_metadata(wheel_metadata):
    meta = wheel_metadata
    assert meta["Requires-Python"] == ">=3.9"
    classifiers = meta.get_all("Classifier")
    for minor in range(9, 14):
        assert "Programming Language :: Python :: 3.%d" % minor in classifiers
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    assert "Typing :: Typed" in classifiers
    assert meta["Author"] and meta["Maintainer"]
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Source", "Issues", "Documentation"} <= set(urls), urls
    assert all(u.startswith("https://") for u in urls.values())
    assert "ovirtsdk" in meta["Summary"]


def test_runtime_requirements_are_requests_and_lxml(wheel_metadata):
    runtime = sorted(re.split(r"[<>=;\s\[]", r, 1)[0] for r in wheel_metadata.get_all("Requires-Dist")
                     if "extra ==" not in r)
    assert runtime == ["lxml", "requests"]
    # the porting tool's fissix is an extra, never a runtime requirement
    assert 'fissix; extra == "port"' in wheel_metadata.get_all("Requires-Dist")
    assert "port" in wheel_metadata.get_all("Provides-Extra")


def test_description_is_for_users(wheel_metadata):
    text = wheel_metadata.get_payload()
    assert wheel_metadata["Description-Content-Type"] == "text/markdown"
    assert "pip install ovirt-engine-sdk3" in text
    assert "from ovirtsdk.api import API" in text
    # the developer part of the README stays out of the package page
    for developer in (".ci/test", "python -m codegen", "make rpm"):
        assert developer not in text, developer
