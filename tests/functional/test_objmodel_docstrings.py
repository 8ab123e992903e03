"""Broker get() docstrings in the original's order and wording (ovirt-shell shows
them as help): the id line first, aligned over the key's line, then the key, then
the other parameters; ``@return <collection type>:``."""
import pytest

from ovirtsdk.infrastructure import brokers, linkmodel

GETS = sorted((key, entry) for key, entry in linkmodel.METHODS.items() if entry[0] == "get")


@pytest.mark.parametrize("key, entry", GETS, ids=[k for k, _ in GETS])
def test_get_docstring(key, entry):
    cls_name, _ = key.split(".")
    doc = getattr(brokers, cls_name).get.__doc__
    lines = [line.strip() for line in doc.strip().splitlines()]
    roles = {role: name for name, _, role in entry[2]}
    collection_type = linkmodel.COLLECTIONS[entry[4]][0]
    assert lines[-1] == "@return %s:" % collection_type
    if "name" in roles:
        name = roles["name"]
        assert lines[0] == "[@param %s: string (the id of the entity)]" % "id".ljust(len(name))
        assert lines[1] == "[@param %s: string (the name of the entity)]" % (name,) \
            or lines[1] == "[@param %s: string (the %s of the entity)]" % (name, name)
    else:
        assert lines[0] == "[@param id: string (the id of the entity)]"


def test_the_common_form():
    doc = brokers.VMs.get.__doc__
    assert doc.split("\n")[1:5] == ["        [@param id  : string (the id of the entity)]",
                                    "        [@param name: string (the name of the entity)]",
                                    "        [@param all_content: true|false]", ""]
    assert doc.strip().splitlines()[-1].strip() == "@return VMs:"
    assert brokers.Disks.get.__doc__.split("\n")[1:3] == [
        "        [@param id   : string (the id of the entity)]",
        "        [@param alias: string (the alias of the entity)]"]
