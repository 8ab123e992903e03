"""User-facing messages: the User-Agent, request logging by the logger's level,
hints after the engine's message for common mistakes, dir() of a broker."""
import logging

import pytest
import responses

import ovirtsdk
from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers, errors

URL = "http://engine.test/ovirt-engine/api"
ENTRY = b"<api><product_info><name>oVirt Engine</name></product_info></api>"


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_user_agent_names_this_sdk_and_its_version(mock):
    mock.add(responses.GET, URL, body=ENTRY, status=200, content_type="application/xml")
    API(url=URL, username="admin@internal", password="p").disconnect()
    agent = mock.calls[0].request.headers["User-Agent"]
    assert agent.startswith("ovirt-engine-sdk3/%s (ovirtsdk; Python " % ovirtsdk.__version__)


def test_logger_level_alone_switches_request_logging_on(mock, caplog):
    mock.add(responses.GET, URL, body=ENTRY, status=200, content_type="application/xml")
    logger = logging.getLogger("ovirtsdk")
    with caplog.at_level(logging.DEBUG, logger="ovirtsdk"):
        API(url=URL, username="admin@internal", password="secret-pw").disconnect()
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "ovirtsdk")
    assert "GET " + URL in text
    assert "secret-pw" not in text


def test_no_request_logging_when_the_level_is_higher(mock, caplog):
    mock.add(responses.GET, URL, body=ENTRY, status=200, content_type="application/xml")
    with caplog.at_level(logging.INFO, logger="ovirtsdk"):
        API(url=URL, username="admin@internal", password="p").disconnect()
    assert not [r for r in caplog.records if r.name == "ovirtsdk" and "GET " in r.getMessage()]


@pytest.mark.parametrize("username, hint", [
    ("admin", "hint: the user name has the form user@domain, e.g. admin@internal"),
    ("admin@internal", "hint: check the user name (user@domain, e.g. admin@internal)"),
])
def test_401_hint_after_the_original_message(mock, username, hint):
    mock.add(responses.GET, URL, status=401, body=b"<html><h1>Unauthorized</h1></html>")
    with pytest.raises(errors.RequestError) as info:
        API(url=URL, username=username, password="p")
    text = str(info.value)
    assert text.startswith("\r\nstatus: 401\r\nreason: Unauthorized\r\ndetail: ")
    assert text.endswith("\r\n" + hint) or ("\r\n" + hint) in text
    assert text.index("status: 401") < text.index("hint:")


def test_404_on_the_entry_point_hints_at_the_url(mock):
    url = "http://engine.test/api-wrong"
    mock.add(responses.GET, url, status=404, body=b"")
    with pytest.raises(errors.RequestError) as info:
        API(url=url, username="admin@internal", password="p")
    assert info.value.status == 404
    assert "\r\nhint: the URL must end in /ovirt-engine/api" in str(info.value)


def test_other_errors_have_no_hint():
    assert "hint" not in str(errors.RequestError(409, "Conflict", b"<fault><detail>x</detail></fault>"))


def test_dir_of_a_resource_lists_its_subcollections():
    vm = brokers.VM(brokers.params.VM(id="1", name="vm1"), object())
    listing = dir(vm)
    for sub in ("nics", "disks", "snapshots"):
        assert sub in listing
    assert "get_name" in listing and "start" in listing


def test_api_docstring_documents_its_16_arguments():
    import inspect
    parameters = list(inspect.signature(API.__init__).parameters.values())[1:]
    original = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert len(original) == 16      # the original SDK's; keyword-only additions after them
    doc = API.__doc__
    for p in parameters:
        assert "``%s``" % p.name in doc, p.name
