"""The v4 types table the translation checks request bodies against agrees with the
v4 model (schema/v4 as the fake engine's generated model has it)."""
from ovirtsdk.infrastructure.translation import v4types, xmlmap
from ovirtsdk.testing.dialects.v4 import apimodel


def test_translation_v4types_roots_and_members_match_the_v4_model():
    assert v4types.VERSION == apimodel.VERSION
    for tag, name in apimodel.ROOTS.items():
        assert xmlmap._V4.root_type(tag) == name, tag
    for name, (base, entity, members) in apimodel.TYPES.items():
        own = v4types.TYPES[name]
        assert (own[0], own[1]) == (base, entity), name
        assert set(own[3]) == {m[0] for m in members}, name
        for tag, type_, kind, items, _link in members:
            spec = own[3][tag]
            if kind == "value":
                assert spec is None, (name, tag)
            elif kind in ("values", "list"):
                assert spec[0] == items, (name, tag)
            else:
                assert spec == type_, (name, tag)


def test_translation_v4types_flattens_inherited_members():
    attrs, members = xmlmap._V4.members("Vm")
    assert {"id", "href"} <= attrs
    # own (Vm), inherited from VmBase and from BaseResource
    assert {"fqdn", "memory", "cluster", "name", "link"} <= set(members)
    assert members["disk_attachments"] == ("disk_attachment", "DiskAttachment")
    assert xmlmap._V4.root_type("no_such_document") is None
