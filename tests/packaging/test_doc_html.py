"""``make doc``'s generator (doc/pydoc_html.py): an index, no absolute paths,
every local link resolves."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ovirtsdk

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "doc" / "pydoc_html.py"
MODULES = ["ovirtsdk.api", "ovirtsdk.infrastructure.errors"]


def test_pages_index_and_links(tmp_path):
    if not SCRIPT.is_file():
        pytest.skip("doc/ not in this tree")
    out = tmp_path / "html"
    proc = subprocess.run([sys.executable, str(SCRIPT), str(out)] + MODULES, cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert "index.html" in pages
    for name in MODULES:
        assert '<a href="%s.html">%s</a>' % (name, name) in pages["index.html"]
    installed = str(Path(ovirtsdk.__file__).resolve().parent.parent)
    for name, text in pages.items():
        assert installed not in text and "file:/" not in text, name
        for href in re.findall(r'href="([^"]+)"', text):
            if href.startswith(("http://", "https://", "#")):
                continue
            assert href.split("#")[0] in pages, (name, href)
    assert "ovirtsdk/api.py" in pages["ovirtsdk.api.html"]
