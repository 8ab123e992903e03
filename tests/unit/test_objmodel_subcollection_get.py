"""get(name=...) on a sub-collection: a plain GET of the collection (no ?search=, no
matrix parameters) and an exact name match on the client; top-level: ?search=."""
import pytest
import responses

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors

URL = "http://engine.example/ovirt-engine/api"


@pytest.fixture
def mock():
    with responses.RequestsMock() as rsps:
        rsps.add("GET", URL, body=b"<api/>", content_type="application/xml")
        yield rsps


def _urls(mock):
    return [c.request.url for c in mock.calls][1:]


def test_storage_domain_files_get_by_name_is_a_plain_get(mock):
    mock.add("GET", URL + "/storagedomains?search=name%3Diso1",
             body=b'<storage_domains><storage_domain id="sd1"><name>iso1</name>'
                  b'</storage_domain></storage_domains>')
    mock.add("GET", URL + "/storagedomains/sd1/files",
             body=b'<files><file id="a.iso"><name>a.iso</name></file>'
                  b'<file id="a.iso2"><name>a.iso2</name></file></files>')
    api = API(URL, username="u", password="p")
    sd = api.storagedomains.get(name="iso1")
    f = sd.files.get(name="a.iso")
    assert f.id == "a.iso"
    assert sd.files.get(name="a.is*") is None      # exact match, not a pattern
    assert _urls(mock) == [URL + "/storagedomains?search=name%3Diso1",
                           URL + "/storagedomains/sd1/files",
                           URL + "/storagedomains/sd1/files"]


def test_domain_users_and_groups_get_by_name(mock):
    mock.add("GET", URL + "/domains/d1", body=b'<domain id="d1"><name>ad</name></domain>')
    mock.add("GET", URL + "/domains/d1/users",
             body=b'<users><user id="u1"><name>bob</name></user>'
                  b'<user id="u2"><name>bob</name></user></users>')
    mock.add("GET", URL + "/domains/d1/groups",
             body=b'<groups><group id="g1"><name>admins</name></group></groups>')
    api = API(URL, username="u", password="p")
    domain = api.domains.get(id="d1")
    with pytest.raises(errors.AmbiguousQueryError):
        domain.users.get(name="bob")
    assert domain.groups.get(name="admins").id == "g1"
    assert all("?" not in u and ";" not in u for u in _urls(mock))
