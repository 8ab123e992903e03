"""One hardened parser (ovirtsdk.xml.parser) behind every document the SDK reads."""
import pytest

from ovirtsdk.infrastructure import connectionspool, errors
from ovirtsdk.infrastructure.context import Context
from ovirtsdk.testing.dialects.v3 import parsing
from ovirtsdk.testing.fault import Fault
from ovirtsdk.testing.model import get_model
from ovirtsdk.testing.routing import Request
from ovirtsdk.xml import failures, params, parser, runtime

DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE vm [<!ENTITY x "boom">]><vm><name>&x;</name></vm>'
INDENTED = b'<vm id="1">\n    <name>a</name>\n    <description> </description>\n</vm>\n'


def test_params_parse_string_refuses_a_doctype():
    with pytest.raises(errors.FormatError, match="DOCTYPE"):
        params.parseString(DOCTYPE)


def test_params_parse_string_drops_indentation_keeps_a_blank_leaf():
    vm = params.parseString(INDENTED)
    node = runtime.to_element(vm, "vm")
    assert vm.name == "a" and vm.description == " "
    root = parser.fromstring(INDENTED)
    assert root.text is None and all(child.tail is None for child in root)
    assert node.findtext("name") == "a"


def test_params_parse_file_refuses_a_doctype(tmp_path):
    path = tmp_path / "vm.xml"
    path.write_bytes(DOCTYPE)
    with pytest.raises(errors.FormatError, match="DOCTYPE"):
        params.parse(str(path))


@pytest.mark.parametrize("reader", [
    connectionspool.parse_xml,
    lambda body: Context(None, "http://x").parse_root(body),
    parser.fromstring,
], ids=["replies", "context", "parser"])
def test_every_reader_shares_the_policy(reader):
    with pytest.raises(errors.FormatError, match="DOCTYPE"):
        reader(DOCTYPE)
    with pytest.raises(errors.FormatError, match="empty"):
        reader(b"  ")
    assert reader(INDENTED)[0].tail is None


def test_fault_bodies_go_through_the_same_parser():
    # A fault with a DOCTYPE is not read as a fault: its text is shown as it came.
    body = b'<!DOCTYPE fault [<!ENTITY x "y">]><fault><detail>&x;</detail></fault>'
    assert errors.extract_detail(body).startswith("\n")
    assert errors.extract_detail(b"<fault><detail>[no]</detail></fault>") == "no"


def test_fake_engine_refuses_a_doctype_in_a_request():
    model = get_model()
    link = model.link("POST", "vms")
    req = Request("POST", "/ovirt-engine/api/vms", {}, DOCTYPE)
    with pytest.raises(Fault) as info:
        parsing.parse_body(None, req, link)
    assert info.value.status == 400 and "DOCTYPE" in info.value.detail


def test_the_xml_layer_raises_its_own_error_until_the_sdk_installs_format_error():
    assert failures.error("x").__class__ is errors.FormatError   # wired by ovirtsdk/__init__
    failures.install(None)
    try:
        with pytest.raises(failures.DocumentError) as info:
            params.parseString(b"<vm><memory>lots</memory></vm>")
        assert isinstance(info.value, ValueError) and "memory" in str(info.value)
    finally:
        failures.install(errors.FormatError)
    with pytest.raises(errors.FormatError, match="memory"):
        params.parseString(b"<vm><memory>lots</memory></vm>")
