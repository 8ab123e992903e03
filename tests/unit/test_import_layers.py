"""Imports point down: every import in the package (lazy ones inside functions too)
goes to a module of the same or a lower layer, and no chain of imports loops.

The table is the one in ARCHITECTURE.md; a module's layer is the longest prefix
of its name listed below. Read with ``ast`` from the installed package's files,
so nothing is imported to check it.
"""
import ast
from pathlib import Path

import pytest

import ovirtsdk

PACKAGE = Path(ovirtsdk.__file__).resolve().parent
CODEGEN = Path(__file__).resolve().parents[2] / "codegen"

# (module prefix, rank): a module may import modules of its own rank or below.
RANKS = [
    # the XML layer: knows nothing above it
    ("ovirtsdk.xml.failures", 0),
    ("ovirtsdk.xml.parser", 1),
    ("ovirtsdk.xml.runtime", 2),
    ("ovirtsdk.xml.params", 3),
    ("ovirtsdk.xml", 3),
    # the runtime of the brokers
    ("ovirtsdk.infrastructure", 10),
    ("ovirtsdk.infrastructure.errors", 10),
    ("ovirtsdk.infrastructure.linkmodel", 10),
    ("ovirtsdk.infrastructure.connectionspool", 11),
    ("ovirtsdk.infrastructure.proxy", 12),
    ("ovirtsdk.infrastructure.cache", 12),
    ("ovirtsdk.infrastructure.context", 12),
    ("ovirtsdk.infrastructure.translation", 12),     # the v3 -> v4 boundary
    ("ovirtsdk.infrastructure.translation.report", 15),
    ("ovirtsdk.infrastructure.common", 13),
    ("ovirtsdk.infrastructure.brokers", 14),
    ("ovirtsdk.infrastructure.apicollections", 15),
    ("ovirtsdk.utils", 20),
    ("ovirtsdk.api", 30),
    # the fake engine: over the whole SDK, nothing imports it
    ("ovirtsdk.testing.httpserver", 40),
    ("ovirtsdk.testing.tls", 40),
    ("ovirtsdk.testing.fault", 40),
    ("ovirtsdk.testing.store", 40),
    ("ovirtsdk.testing.search", 40),
    ("ovirtsdk.testing.model", 41),
    ("ovirtsdk.testing.behaviour", 42),
    ("ovirtsdk.testing.double", 42),
    ("ovirtsdk.testing.state", 43),
    ("ovirtsdk.testing.flows", 43),
    ("ovirtsdk.testing.operations", 44),
    ("ovirtsdk.testing.routing", 44),
    ("ovirtsdk.testing.dialects", 45),
    ("ovirtsdk.testing.seed", 45),
    ("ovirtsdk.testing.engine", 46),
    ("ovirtsdk.testing.server", 47),
    ("ovirtsdk.testing", 48),
    # tools run with python -m, over the SDK
    ("ovirtsdk.port", 50),
    ("ovirtsdk.version", 0),
]
# The package root wires the layers (errors into the XML layer): above everything,
# and it is the only module of its layer (not a prefix for the others).
ROOT_RANK = 100


def _rank(module):
    if module == "ovirtsdk":
        return ROOT_RANK
    best = None
    for prefix, rank in RANKS:
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, rank)
    assert best is not None, "%s is in no layer: add it to RANKS and ARCHITECTURE.md" % module
    return best[1]


def _modules(root, package):
    mods = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package] + list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _imports(module, path, known):
    """Every ovirtsdk module ``module`` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[:len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            names = [prefix + "." + a.name if prefix + "." + a.name in known else prefix
                     for a in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and name.split(".")[0] == "ovirtsdk":
                found.add(name)
    return found


MODULES = _modules(PACKAGE, "ovirtsdk")
KNOWN = set(MODULES) | {"ovirtsdk.version"}
GRAPH = {m: _imports(m, p, KNOWN) for m, p in MODULES.items()}


def test_every_module_has_a_layer():
    for module in MODULES:
        _rank(module)


def test_imports_point_down():
    upward = sorted("%s (%d) imports %s (%d)" % (m, _rank(m), t, _rank(t))
                    for m, targets in GRAPH.items() for t in targets if _rank(t) > _rank(m))
    assert not upward, "\n".join(upward)


def test_xml_layer_knows_nothing_above_it():
    for module, targets in GRAPH.items():
        if module.startswith("ovirtsdk.xml"):
            assert all(t.startswith("ovirtsdk.xml") for t in targets), (module, targets)


def _cycles(graph):
    """The import cycles of ``graph`` (each as a list of modules), by depth-first search."""
    out, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                out.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return out


def test_no_import_cycles():
    cycles = _cycles(GRAPH)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_checks_catch_an_upward_import_and_a_cycle():
    graph = {"ovirtsdk.xml.runtime": {"ovirtsdk.infrastructure.errors"},
             "ovirtsdk.infrastructure.errors": {"ovirtsdk.infrastructure.connectionspool"},
             "ovirtsdk.infrastructure.connectionspool": {"ovirtsdk.infrastructure.errors"}}
    assert _rank("ovirtsdk.infrastructure.errors") > _rank("ovirtsdk.xml.runtime")
    assert _rank("ovirtsdk.infrastructure.connectionspool") > \
        _rank("ovirtsdk.infrastructure.errors")
    assert _cycles(graph) == [["ovirtsdk.infrastructure.connectionspool",
                               "ovirtsdk.infrastructure.errors",
                               "ovirtsdk.infrastructure.connectionspool"]]
    # a lazy import inside a function counts as much as one at the top
    assert "ovirtsdk.xml.parser" in GRAPH["ovirtsdk.infrastructure.errors"]


@pytest.mark.skipif(not CODEGEN.is_dir(), reason="codegen/ is not next to tests/")
def test_codegen_uses_only_the_xml_parser_of_the_package():
    modules = _modules(CODEGEN, "codegen")
    known = set(modules) | set(MODULES)
    for module, path in modules.items():
        targets = _imports(module, path, known)
        assert targets <= {"ovirtsdk.xml.parser", "ovirtsdk.xml.failures"}, (module, targets)
