"""The generated stubs declare what the generated modules define: every
broker and params class, every broker method with the runtime's parameter
names, every params constructor keyword, sub-collections as properties."""
import ast
import inspect
from pathlib import Path

import pytest

import ovirtsdk
from ovirtsdk.infrastructure import apicollections, brokers
from ovirtsdk.xml import params

PACKAGE = Path(ovirtsdk.__file__).resolve().parent


def stub_classes(relpath):
    tree = ast.parse((PACKAGE / relpath).read_text())
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def functions(cls_node):
    return {f.name: f for f in cls_node.body if isinstance(f, ast.FunctionDef)}


def arg_names(func):
    names = [a.arg for a in func.args.args[1:]]
    if func.args.vararg:
        names.append("*" + func.args.vararg.arg)
    if func.args.kwarg:
        names.append("**" + func.args.kwarg.arg)
    return names


def runtime_names(func):
    names = []
    for p in list(inspect.signature(func).parameters.values())[1:]:
        prefix = {p.VAR_KEYWORD: "**", p.VAR_POSITIONAL: "*"}.get(p.kind, "")
        names.append(prefix + p.name)
    return names


def runtime_classes(module):
    return {n for n, c in vars(module).items()
            if inspect.isclass(c) and c.__module__ == module.__name__}


def test_every_broker_class_and_method_is_in_the_stub():
    stubs = stub_classes("infrastructure/brokers.pyi")
    assert set(stubs) == runtime_classes(brokers)
    failures = []
    for name, node in stubs.items():
        cls = getattr(brokers, name)
        declared = functions(node)
        for mname, func in vars(cls).items():
            if inspect.isfunction(func):
                if mname not in declared:
                    failures.append("%s.%s missing" % (name, mname))
                elif arg_names(declared[mname]) != runtime_names(func):
                    failures.append("%s.%s%s" % (name, mname, arg_names(declared[mname])))
        for attr in (cls.__dict__.get("_subcollections_") or {}):
            if attr not in declared:
                failures.append("%s.%s (sub-collection) missing" % (name, attr))
    assert not failures, failures[:20]


def test_every_params_class_and_constructor_is_in_the_stub():
    stubs = stub_classes("xml/params.pyi")
    assert set(stubs) == runtime_classes(params)
    failures = []
    for name, node in stubs.items():
        cls = getattr(params, name)
        init = functions(node)["__init__"]
        if arg_names(init) != runtime_names(cls.__init__):
            failures.append(name)
        declared = set(functions(node))
        for mname in vars(cls):
            if mname.startswith(("get_", "set_", "add_", "insert_")) and mname not in declared:
                failures.append("%s.%s" % (name, mname))
    assert not failures, failures[:20]


def test_api_collections_are_typed():
    node = stub_classes("infrastructure/apicollections.pyi")["APICollections"]
    declared = functions(node)
    assert set(apicollections.APICollections.COLLECTIONS) <= set(declared)
    assert ast.unparse(declared["vms"].returns) == "brokers.VMs"


@pytest.mark.parametrize("name, expected", [("VMs.get", "Optional[VM]"),
                                            ("VMs.list", "List[VM]"),
                                            ("VMs.add", "VM")])
def test_collection_return_types(name, expected):
    cls, method = name.split(".")
    func = functions(stub_classes("infrastructure/brokers.pyi")[cls])[method]
    assert ast.unparse(func.returns) == expected
