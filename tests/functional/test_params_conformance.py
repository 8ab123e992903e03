"""The params model conforms to the original SDK's params interface table.

The model is derived as the generator derives it: schema -> XSD (our
renderer) -> generateDS -> codegen.paramsmodel.  Checked against the
reference table (when present): every class in order, its base, its
constructor arguments in order and the methods it defines itself.
"""
import re
from pathlib import Path

import pytest

from codegen import paramsmodel
from codegen.gds import run_generateds
from codegen.paramsmodel import derive_params
from codegen.xsdwriter import render_xsd

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
INTERFACE = REFERENCE / "params-interface.txt"

_CLASS_LINE = re.compile(r"^(\w+)\((\w+)\):\s*(.*)$")


def _split(text):
    return [x.strip() for x in text.split(",") if x.strip()]


def _py3(name):
    return "async_" if name == "async" else name


def load_interface():
    """{class: (base, ctor args, methods)} in table order, plus the header."""
    lines = INTERFACE.read_text(encoding="utf-8").splitlines()
    table = {}
    for i, line in enumerate(lines):
        found = _CLASS_LINE.match(line)
        if not found:
            continue
        name, base, args = found.groups()
        methods = lines[i + 1].strip()
        assert methods.startswith("methods:"), line
        table[name] = (base, [_py3(a) for a in _split(args)],
                       _split(methods[len("methods:"):]))
    # the paragraph on GeneratedsSuper: its first line and the indented ones after it
    header, inside = [], False
    for line in lines:
        if line.startswith("# GeneratedsSuper"):
            inside = True
        elif not line.startswith("#   "):
            inside = False
        if inside:
            header.append(line)
    return table, "\n".join(header)


def _reference_data():
    from codegen.importer import import_xsd
    return import_xsd(REFERENCE / "api.xsd")


def _project_data():
    from codegen.schemafile import load_types
    return load_types((ROOT / "schema" / "types.schema").read_text(encoding="utf-8"))


SOURCES = {"reference-xsd": _reference_data, "project-schema": _project_data}


@pytest.fixture(scope="session")
def interface():
    if not INTERFACE.is_file():
        pytest.skip("reference material not available")
    return load_interface()


@pytest.fixture(scope="session")
def derived(tmp_path_factory):
    cache = {}

    def get(source):
        if source not in cache:
            data = SOURCES[source]()
            xsd = tmp_path_factory.mktemp("xsd") / "api.xsd"
            xsd.write_text(render_xsd(data), encoding="utf-8")
            cache[source] = derive_params(data, run_generateds(xsd))
        return cache[source]
    return get


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_classes_conform(interface, derived, source):
    if source == "project-schema" and not (ROOT / "schema" / "types.schema").is_file():
        pytest.skip("no project schema")
    table, _ = interface
    classes = derived(source)
    ours = {c.name: c for c in classes}
    problems = []
    for name, (base, args, methods) in table.items():
        c = ours.get(name)
        if c is None:
            problems.append("%s: missing" % name)
            continue
        if c.base != base:
            problems.append("%s: base %s, expected %s" % (name, c.base, base))
        if c.ctor_args != args:
            problems.append("%s: ctor %s\n   expected %s" % (name, c.ctor_args, args))
        if c.methods != methods:
            problems.append("%s: methods %s\n   expected %s" % (name, c.methods, methods))
    extra = sorted(set(ours) - set(table))
    problems += ["%s: not in the original" % n for n in extra]
    same_order = [c.name for c in classes] == list(table)
    if not same_order:
        problems.append("class definition order differs")
    conforming = len(table) - len({p.split(":")[0] for p in problems if ":" in p})
    print("\n[%s] %d/%d classes conform; definition order %s"
          % (source, conforming, len(table), "matches" if same_order else "DIFFERS"))
    assert not problems, "\n".join(problems[:40])


def test_generateds_super_methods(interface):
    """Every name the table gives for GeneratedsSuper is in our list."""
    _, header = interface
    ours = set(paramsmodel.GENERATEDS_SUPER_METHODS)
    explicit = set(re.findall(r"\b(?:gds_\w*[a-z]|get_\w+_|__\w+__)\b", header))
    for slash in re.findall(r"(gds_\w+?)_(\w+(?:/\w+)+)", header):
        prefix, kinds = slash
        explicit.update(prefix + "_" + k for k in kinds.split("/")[1:])
    listed = re.search(r"gds_format_\*/gds_validate_\* for ([^;]+?);", header.replace("\n#", ""))
    assert listed, "header format changed"
    for item in _split(listed.group(1)):
        kind = re.match(r"\w+", item.strip()).group(0)
        kinds = [kind] + ([kind + "_list"] if "+_list" in item else [])
        explicit.update("gds_%s_%s" % (op, k) for k in kinds for op in ("format", "validate"))
    explicit.discard("gds_format_")
    missing = sorted(explicit - ours)
    assert not missing, missing
    print("\nGeneratedsSuper: %d methods, all %d named by the table present"
          % (len(ours), len(explicit)))


def test_py2_dict_order():
    # The original's Version attribute order.
    assert paramsmodel.py2_dict_order(
        ["major", "minor", "build", "revision", "full_version"]) == \
        ["major", "full_version", "build", "minor", "revision"]
