"""The generator pipeline: importing an engine's documents reproduces schema/,
and the committed generated files equal a fresh run."""
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.importer import import_schema
from codegen.schemafile import dump_schema, load_schema

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="no ../shared/reference")
def test_import_of_the_engine_documents_reproduces_schema_dir():
    schema = import_schema(REFERENCE / "api.xsd", REFERENCE / "rsdl.xml", "3.6.9")
    for name, text in dump_schema(schema).items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, name
    counts = (len(schema.data.complex_types), len(schema.api.links))
    assert counts == (390, 775)


def test_schema_files_round_trip_through_the_model():
    schema = load_schema(REPO / "schema")
    again = dump_schema(schema)
    for name, text in again.items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, name


def test_generated_files_are_up_to_date(tmp_path):
    # Runs the generator in a subprocess with the checkout on its path (the
    # generator writes nothing with --check).
    result = subprocess.run([sys.executable, "-m", "codegen", "--check"], cwd=str(REPO),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_import_command_writes_the_project_form(tmp_path):
    if not REFERENCE.is_dir():
        pytest.skip("no ../shared/reference")
    out = tmp_path / "schema"
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "import", "--xsd", str(REFERENCE / "api.xsd"),
         "--rsdl", str(REFERENCE / "rsdl.xml"), "--version", "3.6.9",
         "--schema-dir", str(out)], cwd=str(REPO), capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["VERSION", "links.schema", "types.schema"]
    assert (out / "types.schema").read_text() == (REPO / "schema" / "types.schema").read_text()
