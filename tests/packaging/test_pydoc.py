"""pydoc is how users read the reference: it must render the main modules.

Each rendering runs in a child interpreter (own import state, a time limit),
started in a scratch directory so that it imports the same ``ovirtsdk`` as the
tests do, never the checkout by accident of its working directory.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ovirtsdk

MODULES = [
    "ovirtsdk.api",
    "ovirtsdk.infrastructure.brokers",
    "ovirtsdk.infrastructure.errors",
    "ovirtsdk.xml.params",
]

RENDER = """
import importlib, json, pydoc, sys
name, attr = sys.argv[1], sys.argv[2]
obj = importlib.import_module(name)
for part in filter(None, attr.split('.')):
    obj = getattr(obj, part)
text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
print(json.dumps({'file': sys.modules[name].__file__, 'text': text}))
"""


def render(tmp_path, module, attr="", timeout=300):   # generous: slow shared CI machines
    env = dict(os.environ, PYTHONPATH=str(Path(ovirtsdk.__file__).resolve().parents[1]))
    proc = subprocess.run([sys.executable, "-c", RENDER, module, attr], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("module", MODULES)
def test_module_renders(tmp_path, module):
    import importlib
    expected = str(Path(importlib.import_module(module).__file__).resolve())
    out = render(tmp_path, module)
    assert str(Path(out["file"]).resolve()) == expected
    assert out["text"].startswith("Python Library Documentation: module " + module)
    assert len(out["text"]) > 500


def test_vms_add_lists_its_rsdl_parameters(tmp_path):
    text = render(tmp_path, "ovirtsdk.infrastructure.brokers", "VMs.add")["text"]
    assert "add(self, vm, correlation_id=None, expect=None)" in text
    for param in ("vm.name", "vm.template.id|name", "vm.cluster.id|name"):
        assert "@param %s:" % param in text, param
    # required parameters are listed bare, optional ones in [brackets]
    lines = [line.strip() for line in text.splitlines()]
    assert "@param vm.name: string" in lines
    assert "[@param vm.quota.id: string]" in lines


def test_api_class_documented(tmp_path):
    text = render(tmp_path, "ovirtsdk.api", "API")["text"]
    assert "class API" in text
    assert "vms" in text
