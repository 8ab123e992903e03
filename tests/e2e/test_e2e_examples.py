"""End to end: every script of examples/ against the embedded fake engine.

Each example runs in a subprocess of the current interpreter, as a user would
run it, against a fresh HTTPS ``FakeEngine`` started here (passed through
OVIRT_URL, OVIRT_USERNAME, OVIRT_PASSWORD, OVIRT_CA_FILE).  What it prints is
compared with what the SDK guide says it prints (ids and times as patterns),
and some examples' effect on the engine is checked as well.  The quick start
also runs without OVIRT_URL (it then starts its own engine: the README's
command).
"""
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ovirtsdk

pytest.importorskip("trustme")          # the fake engine's HTTPS needs the testing extra

from ovirtsdk.api import API  # noqa: E402
from ovirtsdk.testing import FakeEngine  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TIMEOUT = 60

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# The guide shows 2012-09-25T18:40:10.065-04:00; str(datetime) gives a space and microseconds.
TIME = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)"
EVENT = r"(?P<time>%s) (NORMAL|WARNING|ERROR|ALERT) CODE -?\d+ - .+" % TIME
ERROR = r"\[ERROR\]::.+"

if not EXAMPLES.is_dir():
    pytest.skip("examples/ not found next to tests/", allow_module_level=True)


def _child_env(engine=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVIRT_")}
    # The subprocess must import the same ovirtsdk as this process (the installed
    # package in CI, the checkout in a development run without an install).
    root = str(Path(ovirtsdk.__file__).resolve().parents[1])
    if root == str(REPO):
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    if engine is not None:
        env.update(OVIRT_URL=engine.url, OVIRT_USERNAME=engine.username,
                   OVIRT_PASSWORD=engine.password, OVIRT_CA_FILE=engine.ca_file)
    return env


def run_example(name, engine=None):
    proc = subprocess.run([sys.executable, str(EXAMPLES / name)], cwd=str(REPO),
                          env=_child_env(engine), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=TIMEOUT)
    return proc


def _api(engine):
    return API(**engine.api_kwargs())


# ---------------------------------------------------------------- effect checks

def _host_up(api):
    assert api.hosts.get(name="Atlantic").get_status().get_state() == "up"


def _domains_added(api):
    assert api.storagedomains.get(name="data1").get_type() == "data"


def _iso_added(api):
    assert api.storagedomains.get(name="iso1").get_type() == "iso"


def _domains_in(state):
    def check(api):
        dc = api.datacenters.get(name="Default")
        for name in ("data1", "iso1"):
            assert dc.storagedomains.get(name=name).get_status().get_state() == state
    return check


def _vm1_created(api):
    vm = api.vms.get(name="vm1")
    assert vm.get_memory() == 512 * 1024 * 1024
    assert [b.get_dev() for b in vm.get_os().get_boot()] == ["hd"]


def _nic_on_ovirtmgmt(api):
    nic = api.vms.get(name="vm1").nics.get(name="nic1")
    assert nic.get_interface() == "virtio"
    assert nic.get_network().get_id() == api.networks.get(name="ovirtmgmt").get_id()


def _disk_added(api):
    disk = api.vms.get(name="vm1").disks.get(name="vm1_Disk1")
    assert (disk.get_format(), disk.get_interface(), disk.get_bootable()) == \
        ("cow", "virtio", True)


def _cd(api):
    return api.vms.get(name="vm1").cdroms.get(id="00000000-0000-0000-0000-000000000000")


def _cd_in(api):
    assert _cd(api).get_file().get_id() == "RHEL6.3-Server-x86_64-DVD1.iso"


def _cd_in_running_vm(api):
    """update(current=True): the running VM's disc (its configuration keeps none)."""
    cdroms = api.vms.get(name="vm1").cdroms
    assert [c.get_file().get_id() for c in cdroms.list(current=True)] == [
        "RHEL6.3-Server-x86_64-DVD1.iso"]
    assert api.vms.get(name="vm1").get_status().get_state() == "up"


def _cd_out(api):
    cd_file = _cd(api).get_file()
    assert cd_file is None or not cd_file.get_id()


def _disk_detached(api):
    assert api.vms.get(name="vm1").disks.get(name="vm1_Disk1") is None
    assert api.disks.get(alias="vm1_Disk1") is not None      # detached, not deleted


def _vm_up(name):
    def check(api):
        assert api.vms.get(name=name).get_status().get_state() == "up"
    return check


def _demo_vm_gone(api):
    assert api.vms.get(name="DemoVM") is None


def _events_in_order(stdout):
    lines = stdout.splitlines()
    assert lines and all(re.fullmatch(EVENT, line) for line in lines), stdout
    times = [datetime.datetime.fromisoformat(re.fullmatch(EVENT, line).group("time"))
             for line in lines]
    assert times == sorted(times), "events not oldest first"
    assert any(line.endswith("NORMAL CODE 30 - User admin@internal logged in.")
               for line in lines)


def _iso_listing(stdout):
    assert re.search(r"^iso1:\n\n(    \S+\n)*    RHEL6\.3-Server-x86_64-DVD1\.iso\n",
                     stdout, re.M), stdout
    for line in stdout.splitlines():
        assert line == "" or line.endswith(":") or line.startswith("    "), line


def _file_names(stdout):
    lines = stdout.splitlines()
    assert "RHEL6.3-Server-x86_64-DVD1.iso" in lines
    assert all(re.fullmatch(r"\S+\.(iso|vfd)", line) for line in lines), stdout


# ---------------------------------------------------------------- the examples
# script -> (expected stdout lines as full-line patterns, or a check function;
#            check of the engine afterwards, or None)

CASES = {
    # Chapter 2: the guide's output (sections 2.2 ... 2.22).
    "s2_02_entry_point.py": ([r"Connected to .+ successfully!"], None),
    "s2_03_list_datacenters.py": ([r"Default \(%s\)" % UUID], None),
    "s2_04_list_clusters.py": ([r"Default \(%s\)" % UUID], None),
    "s2_05_list_networks.py": ([r"ovirtmgmt \(%s\)" % UUID], None),
    "s2_06_list_hosts.py": ([r"Atlantic \(%s\)" % UUID], None),
    "s2_07_iso_domain_files.py": (_iso_listing, None),
    "s2_08_vm_disk_sizes.py": ([r"Name {26}  Disk Size", r"=====", r"vm1 {27}: 8388608"],
                               None),
    "s2_09_approve_host.py": ([r"Host 'Atlantic' approved \(Status: (?i:up)\)\."], _host_up),
    "s2_10_add_nfs_data_domain.py": ([r"Storage Domain 'data1' added \(%s\)\." % UUID],
                                     _domains_added),
    "s2_11_add_nfs_iso_domain.py": ([r"Storage Domain 'iso1' added \(%s\)\." % UUID],
                                    _iso_added),
    "s2_12_attach_storage_domains.py": (
        [r"Attached data storage domain 'data1' to data center 'Default' "
         r"\(Status: maintenance\)\.",
         r"Attached ISO storage domain 'iso1' to data center 'Default' "
         r"\(Status: maintenance\)\."], _domains_in("maintenance")),
    "s2_13_activate_storage_domains.py": (
        [r"Activated data storage domain 'data1' in data center 'Default' "
         r"\(Status: active\)\.",
         r"Activated ISO storage domain 'iso1' in data center 'Default' "
         r"\(Status: active\)\."], _domains_in("active")),
    "s2_14_create_vm.py": ([r"Virtual machine 'vm1' added\."], _vm1_created),
    "s2_15_create_vm_nic.py": ([r"Network interface 'nic1' added to 'vm1'\."],
                               _nic_on_ovirtmgmt),
    "s2_16_create_vm_disk.py": ([r"Disk 'vm1_Disk1' added to 'vm1'\."], _disk_added),
    "s2_17a_list_iso_images.py": (_file_names, None),
    "s2_17b_attach_iso.py": ([r"Attached CD to 'vm1'\."], _cd_in),
    "s2_17c_attach_iso_running_vm.py": ([r"Attached CD to 'vm1'\."], _cd_in_running_vm),
    "s2_17d_eject_cdrom.py": ([r"Removed CD from 'vm1'\."], _cd_out),
    "s2_18_detach_disk.py": ([r"Detached disk vm1_Disk1 successfully!"], _disk_detached),
    "s2_19_start_vm.py": ([r"Started 'vm1'\."], _vm_up("vm1")),
    # 2.20 and 2.21 print only failures in the guide; the scripts add one line.
    "s2_20_start_vm_run_once.py": (
        [r"Started 'Win_machine' once from windows_example\.iso with floppy "
         r"virtio-win_x86\.vfd\."], _vm_up("Win_machine")),
    "s2_21_start_vm_cloud_init.py": ([r"Started 'MyVM' with cloud-init\."], _vm_up("MyVM")),
    "s2_22_events.py": (_events_in_order, None),
    # Chapter 3: the guide prints little here; the scripts print what they did.
    "s3_01_connect.py": ([r"Connected successfully!"], None),
    "s3_03_get_by_id.py": ([r"By name: Default \((%s)\)" % UUID,
                            r"By id:   Default \((%s)\)" % UUID,
                            r"Unknown id: None"], None),
    "s3_04_get_resource.py": ([r'get\("Default"\):      Default \(%s\)' % UUID,
                               r'get\(name="Default"\): Default \(%s\)' % UUID,
                               r"VM VM01 \(%s\): 512 MiB, status down" % UUID], None),
    "s3_05_list.py": ([r"All data centers: Default, DemoDataCenter",
                       r"NFS data centers: ",       # 3.6 reports no storage_type
                       r"Shared data centers: Default, DemoDataCenter"], None),
    "s3_06_add.py": ([r"Virtual machine 'DemoVM' added \(%s\)\." % UUID,
                      r"Data center 'DemoDataCenter' added \(compatibility version 3\.2\)\."],
                     None),
    "s3_07_update.py": ([r"Data center 'DemoDataCenter' updated: This data center "
                         r"description provided using the Python SDK"], None),
    "s3_08_delete.py": ([r"Virtual machine 'DemoVM' removed\.", r"Still listed: False"],
                        _demo_vm_gone),
    "s3_09_errors.py": ([r"Connection failed: \[ERROR\]::oVirt API connection failure, .+",
                         r"No CA certificate: " + ERROR,
                         r"Request failed: status 401 \(Unauthorized\)",
                         r"Missing parameters: " + ERROR,
                         r"Disconnected: " + ERROR], None),
}

QUICKSTART = [
    r"\* Connecting to https://\S+ as admin@internal",
    r"    Connected to .+ successfully!",
    r"\* Host",
    r"    Host 'Atlantic' approved \(Status: up\)\.",
    r"\* Storage",
    r"    Storage Domain 'data1' added \(%s\)\." % UUID,
    r"    Storage Domain 'iso1' added \(%s\)\." % UUID,
    r"    Attached storage domain 'data1' to data center 'Default' \(Status: maintenance\)\.",
    r"    Activated storage domain 'data1' in data center 'Default' \(Status: active\)\.",
    r"    Attached storage domain 'iso1' to data center 'Default' \(Status: maintenance\)\.",
    r"    Activated storage domain 'iso1' in data center 'Default' \(Status: active\)\.",
    r"\* Virtual machine",
    r"    Virtual machine 'vm1' added \(%s\)\." % UUID,
    r"    Network interface 'nic1' added to 'vm1' \(MAC [0-9a-f:]{17}\)\.",
    r"    Disk 'vm1_Disk1' added to 'vm1' \(8 GiB\)\.",
    r"\* CD-ROM",
    r"    Attached CD RHEL6\.3-Server-x86_64-DVD1\.iso to 'vm1'\.",
    r"\* Start",
    r"    Started 'vm1' \(Status: up\)\.",
    r"\* Recent events",
]


def check_lines(stdout, patterns):
    lines = stdout.splitlines()
    assert len(lines) == len(patterns), "expected %d lines, got:\n%s" % (len(patterns), stdout)
    for line, pattern in zip(lines, patterns):
        assert re.fullmatch(pattern, line), "%r does not match %r" % (line, pattern)


def check_run(proc, name, failure_words=True):
    detail = "%s exited %s\n--- stdout\n%s--- stderr\n%s" % (name, proc.returncode,
                                                           proc.stdout, proc.stderr)
    assert proc.returncode == 0, detail
    assert "Traceback" not in proc.stderr, detail
    if failure_words:       # what the examples print when a step fails
        for word in ("Unexpected error", "failed", "Failed", "Unable to", "refused"):
            assert word not in proc.stdout, detail


@pytest.fixture
def engine():
    with FakeEngine() as fake:
        yield fake


def test_every_example_is_covered():
    scripts = {p.name for p in EXAMPLES.glob("s[0-9]_*.py")}
    assert scripts == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_example(name, engine):
    expected, effect = CASES[name]
    proc = run_example(name, engine)
    check_run(proc, name, failure_words=name != "s3_09_errors.py")
    if callable(expected):
        expected(proc.stdout)
    else:
        check_lines(proc.stdout, expected)
    if name == "s3_03_get_by_id.py":
        ids = re.findall(UUID, proc.stdout)
        assert ids[0] == ids[1]
    if effect is not None:
        api = _api(engine)
        try:
            effect(api)
        finally:
            api.disconnect()


def test_quickstart_starts_its_own_engine():
    """The README's command: no OVIRT_URL, the script starts the fake engine."""
    proc = run_example("quickstart.py")
    check_run(proc, "quickstart.py")
    lines = proc.stdout.splitlines()
    assert lines[-1] == "Done."
    check_lines("\n".join(lines[:len(QUICKSTART)]), QUICKSTART)
    events = lines[len(QUICKSTART):-1]
    assert 1 <= len(events) <= 10
    for line in events:
        assert re.fullmatch("    " + EVENT, line), line
    assert events[-1].endswith("VM vm1 was started by admin@internal (Host: Atlantic).")
    assert "embedded fake engine" in proc.stderr


def test_quickstart_twice_against_one_engine(engine):
    """Against a given engine; a second run skips what exists and still succeeds."""
    first = run_example("quickstart.py", engine)
    check_run(first, "quickstart.py")
    assert "embedded" not in first.stderr
    assert engine.url in first.stdout
    second = run_example("quickstart.py", engine)
    check_run(second, "quickstart.py")
    assert "Storage Domain 'data1' exists" in second.stdout
    assert "Virtual machine 'vm1' exists" in second.stdout
    assert "'vm1' is already up." in second.stdout
