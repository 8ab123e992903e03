"""The translation layer's tables agree with the v3 brokers and the v4 model."""
import importlib.util
from pathlib import Path

import pytest

from ovirtsdk.infrastructure import brokers
from ovirtsdk.infrastructure.translation import handlers, routes, translator, v4links
from ovirtsdk.infrastructure.translation.report import coverage

REPO = Path(__file__).resolve().parents[2]


def _v3_patterns():
    out = set()
    for op in brokers._OPS.values():
        segments = [s for s in op.url.strip("/").split("/") if s]
        out.add("/".join("{}" if s.startswith("{") else s for s in segments))
    return out


def test_translation_tables_name_real_v3_patterns_and_handlers():
    v3 = _v3_patterns() | {""}
    for table in (routes.HANDLERS, routes.NOT_TRANSLATED, routes.DELETE_BODY,
                  routes.ACTION_RENAMES):
        for pattern in table:
            assert pattern in v3 or pattern.rsplit("/", 1)[0] in v3, pattern
    for name in routes.HANDLERS.values():
        assert callable(handlers.HANDLERS[name]), name
    for pattern in routes.NOT_SAME:
        assert pattern in routes.HANDLERS, pattern
    for resource, renames in routes.ACTION_RENAMES.items():
        for new in renames.values():
            assert "POST" in v4links.LINKS[resource + "/" + new], new


def test_translation_path_renames_reach_v4_links():
    """Every v3 call below a ``PATH_RENAMES`` prefix lands on a v4 link with its method,
    and the ids of the call are kept where the target names them."""
    v3 = _v3_patterns()
    for prefix in routes.PATH_RENAMES:
        assert prefix in v3, prefix
        below = [op for op in brokers._OPS.values()
                 if _pattern(op.url).startswith(prefix)]
        assert below, prefix
        for op in below:
            segments = [s for s in op.url.strip("/").split("/") if s]
            v4 = _pattern("/".join(translator.renamed_segments(segments)))
            assert op.http in v4links.LINKS.get(v4, {}), (op.url, v4)
    assert translator.renamed_segments(
        ["vms", "v1", "disks", "d1", "permissions", "p1"]) == \
        ["disks", "d1", "permissions", "p1"]
    assert translator.renamed_segments(
        ["datacenters", "dc", "iscsibonds", "b", "storageconnections"]) == \
        ["datacenters", "dc", "iscsibonds", "b", "storageserverconnections"]
    assert translator.renamed_segments(["vms", "v1", "disks", "d1"]) == \
        ["vms", "v1", "disks", "d1"]


def _pattern(url):
    return "/".join("{}" if s.startswith("{") else s for s in url.strip("/").split("/") if s)


def test_translation_delete_body_targets_are_v4_parameters():
    for pattern, table in routes.DELETE_BODY.items():
        accepted = v4links.LINKS[pattern]["DELETE"]
        for name in table.values():
            assert name in accepted, (pattern, name)


def test_translation_v4links_matches_the_v4_schema():
    schema = REPO / "schema" / "v4" / "links.schema"
    if not schema.exists():
        pytest.skip("schema/v4 (the v4 model) is not in this checkout")
    spec = importlib.util.spec_from_file_location("v4links_tool", REPO / "codegen" / "v4links.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    links = tool.extract(schema.read_text())
    assert {p: {m: tuple(sorted(q)) for m, q in ms.items()} for p, ms in links.items()} \
        == v4links.LINKS


def test_translation_coverage_by_collection_is_reported():
    cov = coverage()
    translated = sum(cov.values())
    # The entry collections scripts use most are translated in full.
    for prefix in ("VMs.", "Clusters.", "DataCenters.", "Hosts.", "StorageDomains.",
                   "Templates.", "Networks.", "VMNICs.", "VMDisks.", "VMCdRoms.",
                   "DataCenterStorageDomains."):
        names = [n for n in cov if n.startswith(prefix)]
        assert names and all(cov[n] for n in names), [n for n in names if not cov[n]]
    # every generated broker method has a route (a handler, a v4 path, a rename)
    assert translated == len(cov), sorted(n for n, ok in cov.items() if not ok)
