"""The fake engine's test-double API as a user meets it: a test file outside the
package, run by pytest in a subprocess with only the installed ``fake_engine``
fixtures (entry point ``ovirtsdk``), and the command line's seeding, CA and
export lines."""
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ovirtsdk.api import API

HERE = Path(__file__).resolve().parent
USER_FILE = HERE / "user_tests" / "fake_engine_user_file.py"


def _env():
    import ovirtsdk
    # the child imports the same ovirtsdk as this test (installed or not)
    where = os.path.dirname(os.path.dirname(os.path.abspath(ovirtsdk.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [where] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return env


def test_user_test_file_runs_with_the_installed_fixtures(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(USER_FILE, project / "test_inventory_script.py")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "test_inventory_script.py"],
        cwd=str(project), env=_env(), capture_output=True, text=True, timeout=300)
    out = proc.stdout
    passed = set(re.findall(r"^PASSED \S+::(\S+)", out, re.M))
    errored = set(re.findall(r"^ERROR \S+::(\S+)", out, re.M))
    failed = set(re.findall(r"^FAILED \S+::(\S+)", out, re.M))
    assert not failed, out[-4000:]
    assert errored == {"test_expect_error_unused_fault_fails_the_test"}, out[-4000:]
    assert "injected faults not used up" in out and "DELETE /vms/*" in out
    # the test itself passes; its teardown (the fixture's check) errors
    expected = set(re.findall(r"^def (test_\w+)", USER_FILE.read_text(), re.M))
    expected.discard("test_indirect_parameters")
    expected |= {"test_indirect_parameters[fake_engine0]",
                 "test_indirect_parameters[fake_engine1]"}
    assert passed == expected, out[-4000:]


def test_readme_example_runs_as_a_user_test_file(tmp_path):
    readme = (HERE.parents[1] / "README.md").read_text()
    marker = "<!-- readme-test: fake-engine-double -->\n```python\n"
    assert marker in readme
    code = readme.split(marker, 1)[1].split("```", 1)[0]
    (tmp_path / "test_readme_example.py").write_text(code)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "test_readme_example.py"],
        cwd=str(tmp_path), env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert re.search(r"^2 passed", proc.stdout, re.M), proc.stdout[-3000:]


def test_command_line_seed_ca_and_exports(tmp_path):
    pytest.importorskip("trustme")
    inventory = tmp_path / "inv.json"
    inventory.write_text('{"vms": [{"name": "cli{n}", "count": 3}]}')
    ca_dir, ca_file, env_file = tmp_path / "ca", tmp_path / "engine-ca.pem", tmp_path / "env"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ovirtsdk.testing", "--seed", str(inventory),
         "--ca-dir", str(ca_dir), "--ca-file", str(ca_file), "--env-file", str(env_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), text=True)
    try:
        exports = {}
        for _ in range(20):
            line = proc.stdout.readline()
            if not line:
                break
            m = re.match(r"export (OVIRT_\w+)=(.*)$", line.strip())
            if m:
                exports[m.group(1)] = m.group(2).strip("'")
            if len(exports) == 4:
                break
        assert set(exports) == {"OVIRT_URL", "OVIRT_USERNAME", "OVIRT_PASSWORD",
                                "OVIRT_CA_FILE"}, proc.stderr.read() if proc.poll() else ""
        assert exports["OVIRT_CA_FILE"] == str(ca_file)
        assert (ca_dir / "ca.crt").is_file() and ca_file.read_bytes() == \
            (ca_dir / "ca.crt").read_bytes()
        assert sorted(env_file.read_text().splitlines()) == sorted(
            "export %s=%s" % (k, v) for k, v in exports.items())
        api = API(url=exports["OVIRT_URL"], username=exports["OVIRT_USERNAME"],
                  password=exports["OVIRT_PASSWORD"], ca_file=exports["OVIRT_CA_FILE"])
        assert sorted(vm.name for vm in api.vms.list()) == ["cli1", "cli2", "cli3"]
        api.disconnect()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert (ca_dir / "ca.crt").is_file()         # --ca-dir is kept after the stop


def test_command_line_bad_seed_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"vms": [{"name": "x", "colour": "red"}]}')
    proc = subprocess.run([sys.executable, "-m", "ovirtsdk.testing", "--http", "--seed",
                           str(bad)], env=_env(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "vms[0]: unknown member 'colour' of VM" in proc.stderr
