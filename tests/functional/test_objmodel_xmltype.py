"""ParseHelper.getXmlType over every generated broker method: ovirt-shell builds the
entity argument of `add`/actions from the argument's name (`add datacenter ...`)."""
import inspect
import re

import pytest

from ovirtsdk.infrastructure import brokers
from ovirtsdk.utils.parsehelper import ParseHelper
from ovirtsdk.xml import params, runtime


def _entity_arguments():
    """(broker method, argument name, the params type its docstring names)."""
    out = []
    for key, op in sorted(brokers._OPS.items()):
        cls_name, method = key.split(".")
        fn = getattr(getattr(brokers, cls_name), method)
        argnames = inspect.signature(fn).parameters
        for name, _, role in op.params:
            if role not in ("entity", "action"):
                continue
            assert name in argnames, key
            typed = re.search(r"@type (\w+):", fn.__doc__ or "")
            out.append((key, name, typed.group(1) if typed else None))
    return out


ARGS = _entity_arguments()


def test_there_are_entity_arguments():
    names = {name for _, name, _ in ARGS}
    assert len(ARGS) > 200 and {"vm", "datacenter", "storagedomain", "hostnic",
                                "action", "vmnumanode"} <= names


@pytest.mark.parametrize("key, name, typed", ARGS, ids=["%s(%s)" % a[:2] for a in ARGS])
def test_entity_argument_names_give_their_params_class(key, name, typed):
    cls = ParseHelper.getXmlType(name)
    assert cls is not None, "%s: getXmlType(%r) is None" % (key, name)
    expected = getattr(params, typed)
    # the type itself, or the element of the collection it wraps (add(brick) takes
    # GlusterBricks; ovirt-shell builds a GlusterBrick for --brick-* options)
    members = {f.cls for f in runtime.info(expected).elements if f.many and f.cls}
    assert cls is expected or cls in members, (key, name, cls, expected)
