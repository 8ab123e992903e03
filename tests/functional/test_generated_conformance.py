"""The generated modules against the original SDK's public interface tables.

Checks the importable classes themselves (not the generator's model): names,
bases, constructor arguments, methods defined in each class body with their
real signatures, sub-collections, and the reflection contract ovirt-shell
relies on. Skips when ../shared/reference is absent.
"""
import inspect
import re
from pathlib import Path

import pytest

from ovirtsdk.infrastructure import brokers
from ovirtsdk.infrastructure.common import Base
from ovirtsdk.xml import params

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="no ../shared/reference")


def _py(name):
    return "async_" if name == "async" else name


def _parse_args(text):
    out = []
    for part in [p.strip() for p in text.split(",") if p.strip()]:
        if part.startswith("**"):
            out.append((part[2:], "**"))
        elif "=" in part:
            name, default = part.split("=", 1)
            out.append((_py(name), default))
        else:
            out.append((_py(part), None))
    return out


def _broker_table():
    classes = {}
    current = None
    for line in (REFERENCE / "broker-interface.txt").read_text().splitlines():
        m = re.match(r"class (\w+)\((.*)\)$", line)
        if m:
            current = classes[m.group(1)] = {
                "bases": [b.strip() for b in m.group(2).split(",")],
                "subcollections": [], "methods": []}
            continue
        if current is None or not line.startswith("  "):
            continue
        line = line.strip()
        if line.startswith("subcollections:"):
            current["subcollections"] = [tuple(p.strip().split("=")) for p in
                                         line[len("subcollections:"):].split(",")]
            continue
        m = re.match(r"(\w+)\((.*?)\)\s+#\s*(\S+)", line)
        if m:
            current["methods"].append((m.group(1), _parse_args(m.group(2)), m.group(3)))
    return classes


def _params_table():
    classes = {}
    lines = (REFERENCE / "params-interface.txt").read_text().splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"(\w+)\((\w+)\): ?(.*)$", line)
        if not m:
            continue
        methods = []
        if i + 1 < len(lines) and lines[i + 1].strip().startswith("methods:"):
            methods = [x.strip() for x in lines[i + 1].split(":", 1)[1].split(",") if x.strip()]
        classes[m.group(1)] = {
            "base": m.group(2),
            "args": [_py(a.strip()) for a in m.group(3).split(",") if a.strip()],
            "methods": [_py(x) if x == "async" else x for x in methods]}
    return classes


BROKERS = _broker_table() if REFERENCE.is_dir() else {}
PARAMS = _params_table() if REFERENCE.is_dir() else {}


def _default_matches(expected, actual):
    if expected == "params.Action()":
        return isinstance(actual, params.Action)
    return repr(actual) == expected or str(actual) == expected


def test_every_broker_class_conforms(capsys):
    failures = []
    methods_ok = 0
    for name, spec in sorted(BROKERS.items()):
        cls = getattr(brokers, name, None)
        if cls is None:
            failures.append("%s: missing" % name)
            continue
        bases = [("params." + b.__name__) if b.__module__ == params.__name__ else b.__name__
                 for b in cls.__bases__]
        if bases != spec["bases"]:
            failures.append("%s: bases %s != %s" % (name, bases, spec["bases"]))
        subs = sorted((cls.__dict__.get("_subcollections_") or {}).items())
        if subs != sorted(spec["subcollections"]):
            failures.append("%s: subcollections %s != %s" % (name, subs, spec["subcollections"]))
        for mname, args, url in spec["methods"]:
            func = cls.__dict__.get(mname)
            if func is None or not inspect.isfunction(func):
                failures.append("%s.%s: not defined in the class body" % (name, mname))
                continue
            sig = inspect.signature(func)
            got = []
            for p in list(sig.parameters.values())[1:]:
                if p.kind is p.VAR_KEYWORD:
                    got.append((p.name, "**"))
                elif p.default is p.empty:
                    got.append((p.name, None))
                else:
                    got.append((p.name, p.default))
            ok = len(got) == len(args)
            for (gname, gdef), (ename, edef) in zip(got, args):
                if gname != ename:
                    ok = False
                elif edef is None or edef == "**":
                    ok = ok and gdef == edef
                else:
                    ok = ok and _default_matches(edef, gdef)
            if not ok:
                failures.append("%s.%s%s != %s" % (name, mname, sig, args))
                continue
            op = brokers._OPS["%s.%s" % (name, mname)]
            if op.url != url:
                failures.append("%s.%s: url %s != %s" % (name, mname, op.url, url))
                continue
            methods_ok += 1
    total_methods = sum(len(s["methods"]) for s in BROKERS.values())
    with capsys.disabled():
        print("\nbrokers: %d/%d classes, %d/%d methods conform"
              % (len(BROKERS) - len({f.split(":")[0].split(".")[0] for f in failures}),
                 len(BROKERS), methods_ok, total_methods))
    assert not failures, "\n".join(failures[:30])
    assert len(BROKERS) == 362


def test_no_extra_broker_classes():
    table = set(BROKERS)
    generated = {n for n, c in vars(brokers).items()
                 if inspect.isclass(c) and issubclass(c, Base) and c is not Base}
    assert generated == table


def test_resource_brokers_define_no_other_public_names():
    for name, spec in BROKERS.items():
        cls = getattr(brokers, name)
        public = {k for k in cls.__dict__ if not k.startswith("_")}
        assert public == {m for m, _, _ in spec["methods"]}, name


def test_broker_constructors_follow_the_reflection_contract():
    # (parent, entity, context): the parent argument is the lower-cased parent class.
    cls = brokers.StorageDomainVMDisk
    assert list(inspect.signature(cls.__init__).parameters) == [
        "self", "storagedomainvm", "disk", "context"]
    assert list(inspect.signature(brokers.VMs.__init__).parameters) == ["self", "context"]
    assert list(inspect.signature(brokers.VM.__init__).parameters) == ["self", "vm", "context"]
    assert list(inspect.signature(brokers.VMNICs.__init__).parameters) == [
        "self", "vm", "context"]


def test_every_params_class_conforms(capsys):
    failures = []
    for name, spec in PARAMS.items():
        cls = getattr(params, name, None)
        if cls is None:
            failures.append("%s: missing" % name)
            continue
        if cls.__bases__[0].__name__ != spec["base"]:
            failures.append("%s: base %s" % (name, cls.__bases__[0].__name__))
        args = list(inspect.signature(cls.__init__).parameters)[1:]
        if args != spec["args"]:
            failures.append("%s: args %s != %s" % (name, args, spec["args"]))
        missing = [m for m in spec["methods"] if m not in cls.__dict__]
        if missing:
            failures.append("%s: methods not defined in the class: %s" % (name, missing))
    with capsys.disabled():
        print("\nparams: %d/%d classes conform"
              % (len(PARAMS) - len({f.split(":")[0] for f in failures}), len(PARAMS)))
    assert not failures, "\n".join(failures[:30])
    assert len(PARAMS) == 390


def test_params_module_api():
    for name in ("parseString", "parse", "findRootClass", "parseClass", "_rootClassMap",
                 "GeneratedsSuper", "_tag_for_type", "get_root_tag", "parseEtree"):
        assert hasattr(params, name), name
    assert params.findRootClass("vm") is params.VM
    assert isinstance(params.VM.factory(), params.VM)


def test_broker_docstrings_follow_the_rsdl_format():
    doc = brokers.VMs.add.__doc__
    assert "@type VM:" in doc
    assert "Overload 1:" in doc and "Overload 2:" in doc
    assert "@param vm.name: string" in doc
    assert "@param vm.template.id|name: string" in doc
    assert "@param vm.cluster.id|name: string" in doc
    assert "[@param correlation_id: any string]" in doc
    assert "@return VM:" in doc
    # collection parameters are followed by an { @ivar ... } block
    assert re.search(r"collection\]\n\s*\{\n\s*\[?@ivar ", doc)
    start = brokers.VM.start.__doc__
    assert "@type Action:" in start and "@return Action:" in start
    assert "[@param async_: boolean (true|false)]" in start
    lst = brokers.VMs.list.__doc__
    assert "[@param query: string" in lst and "[@param **kwargs: dict" in lst
