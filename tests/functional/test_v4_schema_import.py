"""schema/v4: the v4 API imported from the v4 SDK, and what is generated from it."""
from pathlib import Path

from codegen import v4import
from codegen.schemafile import dump_schema, load_schema

from conftest import v4_sdist

REPO = Path(__file__).resolve().parents[2]
V4 = REPO / "schema" / "v4"


def _committed():
    return {p.name: p.read_text(encoding="utf-8") for p in V4.iterdir()}


def test_reimporting_the_v4_sdk_reproduces_schema_v4():
    sdist = v4_sdist()
    version = (V4 / "VERSION").read_text().strip()
    assert v4import.render(sdist, version) == _committed()


def test_import_v4_command_writes_schema_v4(tmp_path):
    import subprocess
    import sys
    sdist = v4_sdist()
    out = tmp_path / "v4"
    proc = subprocess.run([sys.executable, "-m", "codegen", "import-v4", "--sdk", str(sdist),
                           "--schema-dir", str(out)], cwd=str(REPO), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert {p.name: p.read_text() for p in out.iterdir()} == _committed()


def test_schema_v4_round_trips_through_the_model():
    schema = load_schema(V4)
    for name, text in dump_schema(schema).items():
        committed = (V4 / name).read_text(encoding="utf-8")
        # the import note (second line) is the only line not in the model
        assert committed.splitlines()[2:] == text.splitlines()[1:], name


def test_schema_v4_describes_the_v4_wire_format():
    schema = load_schema(V4)
    types = {t.name: t for t in schema.data.complex_types}
    vm = types["Vm"]
    assert vm.base == "VmBase" and types["VmBase"].base == "BaseResource"
    members = {p.name: p for p in vm.particles}
    assert members["status"].type == "VmStatus"          # an enum, not <status><state>
    assert members["disk_attachments"].link == "diskattachments"
    assert "disks" not in members
    att = {p.name: p for p in types["DiskAttachment"].particles}
    assert att["disk"].type == "Disk" and att["disk"].link == ""
    assert {"interface", "bootable", "active"} <= set(att)
    assert {p.name for p in types["CpuTopology"].particles} == {"cores", "sockets", "threads"}
    nic = {p.name for p in types["Nic"].particles}
    assert "vnic_profile" in nic and "network" in {p.name for p in types["Nic"].particles}
    assert [p.name for p in types["Fault"].particles] == ["detail", "reason"]
    enums = {s.name: s.values for s in schema.data.simple_types}
    assert "up" in enums["VmStatus"] and "maintenance" in enums["HostStatus"]
    roots = dict(schema.data.roots)
    assert roots["vms"] == "Vms" and roots["disk_attachment"] == "DiskAttachment"
    links = {(l.method, l.href): l for l in schema.api.links}
    for method, href in [("GET", "vms"), ("POST", "vms"), ("GET", "vms/{vm:id}"),
                         ("PUT", "vms/{vm:id}"), ("DELETE", "vms/{vm:id}"),
                         ("POST", "vms/{vm:id}/start"), ("POST", "vms/{vm:id}/previewsnapshot"),
                         ("GET", "vms/{vm:id}/diskattachments"),
                         ("GET", "vms/{vm:id}/cdroms/{cdrom:id}"), ("GET", "clusterlevels"),
                         ("POST", "hosts/{host:id}/setupnetworks")]:
        assert (method, href) in links, (method, href)
    assert {p.name for p in links["GET", "vms"].url_params} >= {"search", "max", "follow",
                                                                "case_sensitive"}
    assert "current" in {p.name for p in links["GET", "vms/{vm:id}/cdroms/{cdrom:id}"].url_params}
    assert {p.name for p in links["DELETE", "vms/{vm:id}"].url_params} >= {"force", "detach_only"}
    assert ("POST", "vms/{vm:id}/move") not in links


def test_the_fake_engine_table_is_generated_from_schema_v4():
    from codegen.generate import V4_MODEL, generate_all
    outputs = generate_all(REPO / "schema")
    assert (REPO / V4_MODEL).read_text(encoding="utf-8") == outputs[V4_MODEL]
