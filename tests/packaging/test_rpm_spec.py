"""The RPM spec on both of its paths, as far as rpm tools on this machine can tell.

- Fedora/EL: parsed with stand-ins for the pyproject-rpm-macros
  (``macros.pyproject`` beside this file): the build must go through
  ``%pyproject_*`` and the generated requirements, never pip by hand.
- Elsewhere (Debian's rpm, no python macros): the pip fallback that
  ``make rpm`` builds in CI.

Needs ``rpmspec`` (and rpmlint for the lint test): skipped without them,
except under ``OVIRTSDK_RPM_TOOLS=1``, which ``.ci/run`` sets after ``make rpm``
has installed them, so that CI never skips these.
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "ovirt-engine-sdk3.spec"
MACROS = Path(__file__).with_name("macros.pyproject")
RPMLINTRC = Path(__file__).with_name("rpmlintrc")
REQUIRED = os.environ.get("OVIRTSDK_RPM_TOOLS") == "1"


def tool(name):
    path = shutil.which(name)
    if path is None:
        if REQUIRED:
            pytest.fail("%s not installed (OVIRTSDK_RPM_TOOLS=1)" % name)
        pytest.skip("%s not installed" % name)
    if not SPEC.is_file():
        pytest.skip("no spec in this tree")
    return path


def rpmspec(*args, fedora):
    load = ["--load", str(MACROS)] if fedora else []
    proc = subprocess.run([tool("rpmspec")] + load + list(args) + [str(SPEC)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def sections(parsed):
    """{section name: body} of a parsed spec.

    rpm 4.18's ``rpmspec --parse`` leaves out some section headers
    (``%generate_buildrequires``, and ``%build`` after a false ``%if``): their
    bodies join the section before, so ``prep`` here is everything from %prep
    to %install.
    """
    found, name = {}, "preamble"
    for line in parsed.splitlines():
        m = re.match(r"^%(prep|build|install|check|files|changelog|description|package)\b", line)
        if m:
            name = m.group(1) if m.group(1) not in found else m.group(1) + "2"
        found.setdefault(name, []).append(line)
    found["prep"] = found.get("prep", []) + found.pop("build", [])
    return {k: "\n".join(v) for k, v in found.items()}


def test_fedora_path_uses_the_pyproject_macros():
    parsed = sections(rpmspec("--parse", fedora=True))
    assert "fedora-macro pyproject_buildrequires" in parsed["prep"]   # %generate_buildrequires
    assert "fedora-macro pyproject_wheel" in parsed["prep"]
    assert "fedora-macro pyproject_install" in parsed["install"]
    assert "fedora-macro pyproject_save_files -l ovirtsdk" in parsed["install"]
    assert "fedora-macro pyproject_check_import" in parsed["check"]
    assert re.search(r"fedora-macro pytest .*tests/", parsed["check"])
    assert "pyproject-files" in parsed["files"]
    everything = "\n".join(parsed.values())
    assert "pip" not in everything.replace("pipe", "")


def test_fallback_builds_with_pip_and_tests_the_buildroot():
    parsed = sections(rpmspec("--parse", fedora=False))
    assert "fedora-macro" not in "\n".join(parsed.values())
    assert "-m pip wheel --no-deps --no-build-isolation --no-index" in parsed["prep"]
    assert "-m pip install --no-deps --no-index" in parsed["install"]
    assert "-m pytest" in parsed["check"]


@pytest.mark.parametrize("fedora", [True, False], ids=["fedora", "fallback"])
def test_provides_and_obsoletes_the_old_names(fedora):
    version = rpmspec("-q", "--qf", "%{VERSION}\\n", fedora=fedora).split()[0]
    provides = rpmspec("-q", "--provides", fedora=fedora).splitlines()
    obsoletes = rpmspec("-q", "--obsoletes", fedora=fedora).splitlines()
    for name in ("ovirt-engine-sdk-python", "rhevm-sdk-python", "python3-ovirtsdk",
                 "python3-ovirt-engine-sdk-python"):
        assert any(re.fullmatch(r"%s = %s-1.*" % (re.escape(name), re.escape(version)), p)
                   for p in provides), (name, provides)
    for name in ("ovirt-engine-sdk-python", "rhevm-sdk-python", "python3-ovirt-engine-sdk-python"):
        assert "%s < 3.6.9.3" % name in obsoletes
    # the v4 SDK is a different module: neither replaced nor impersonated
    assert not [line for line in provides + obsoletes if "sdk4" in line]


def test_requirements_are_generated_on_fedora():
    fedora = rpmspec("-q", "--requires", fedora=True)
    fallback = rpmspec("-q", "--requires", fedora=False)
    # Fedora: python3dist() requirements come from the wheel's metadata at build time
    assert "python3-requests" not in fedora and "python3-lxml" not in fedora
    assert "python3-requests" in fallback and "python3-lxml" in fallback
    buildrequires = rpmspec("-q", "--buildrequires", fedora=True)
    assert "python3-devel" in buildrequires and "python3-pip" not in buildrequires
    assert "python3-pytest" in buildrequires and "python3-responses" in buildrequires


def test_rpm_version_comparison_puts_it_above_the_python2_sdk():
    version = rpmspec("-q", "--qf", "%{VERSION}\\n", fedora=True).split()[0]
    out = subprocess.run(
        [tool("rpm"), "--eval",
         "%%{lua: print(rpm.vercmp('%s', '3.6.9.2'), rpm.vercmp('%s', '3.6.9.1'))}"
         % (version, version)], capture_output=True, text=True, timeout=30).stdout.split()
    assert out == ["1", "1"]


@pytest.mark.parametrize("fedora", [True, False], ids=["fedora", "fallback"])
def test_rpmlint_is_clean(tmp_path, fedora):
    rpmlint = tool("rpmlint")
    env = dict(os.environ)
    if fedora:   # rpmlint reads macros from ~/.rpmmacros
        (tmp_path / ".rpmmacros").write_text(MACROS.read_text())
        env["HOME"] = str(tmp_path)
    proc = subprocess.run([rpmlint, "-r", str(RPMLINTRC), str(SPEC)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors, 0 warnings" in proc.stdout, proc.stdout
