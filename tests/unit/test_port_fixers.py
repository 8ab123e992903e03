"""The porting tool's fixers on inline Python 2 source (``ovirtsdk.port``)."""
import pytest

pytest.importorskip("fissix")

from ovirtsdk.port import port_source  # noqa: E402


@pytest.mark.parametrize("py2, py3", [
    ("vm.delete(async=False)\n", "vm.delete(async_=False)\n"),
    ("a = params.Action(async=True, force=True)\n", "a = params.Action(async_=True, force=True)\n"),
    ("x = action.async\n", "x = action.async_\n"),
    ("action.async = False\n", "action.async_ = False\n"),
    ("vm.delete(**{'async': False})\n", "vm.delete(**{'async_': False})\n"),
    ('vm.delete(**{"async": False, "correlation_id": "c"})\n',
     'vm.delete(**{"async_": False, "correlation_id": "c"})\n'),
    ("def stop(vm, async=True):\n    vm.stop(params.Action(async=async))\n",
     "def stop(vm, async_=True):\n    vm.stop(params.Action(async_=async_))\n"),
])
def test_async_becomes_async_(py2, py3):
    assert port_source(py2) == py3


def test_other_async_strings_are_left_alone():
    # not a ** key: left as is (the command line reports it for a human)
    assert port_source("getattr(action, 'async')\n") == "getattr(action, 'async')\n"
    assert port_source("d = {'async': 1}\n") == "d = {'async': 1}\n"
    assert port_source("asynchronous = 1\n") == "asynchronous = 1\n"


def test_standard_fixers_run_too():
    py2 = ("try:\n    print 'x', long(1)\nexcept Exception, e:\n    print e\n"
           "if d.has_key('k'):\n    pass\nfor k, v in d.iteritems():\n    pass\n")
    py3 = port_source(py2)
    assert "print('x', int(1))" in py3
    assert "except Exception as e:" in py3
    assert "'k' in d" in py3
    assert "d.items()" in py3
    compile(py3, "<ported>", "exec")
