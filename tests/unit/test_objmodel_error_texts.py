"""Error messages start with the original's exact texts (compat-facts.md, "Responses and
errors"): scripts print them and search them. A hint of ours may follow on a new line."""
import pytest
import responses

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors

URL = "http://engine.example/ovirt-engine/api"

EXACT = [
    (errors.ConnectionError("x"), "[ERROR]::oVirt API connection failure, x"),
    (errors.NoCertificatesError(),
     "[ERROR]::ca_file (CA certificate) must be specified for SSL connection."),
    (errors.DisconnectedError(), "[ERROR]::oVirt sdk is disconnected from the server."),
    (errors.UnsecuredConnectionAttemptError(),
     "[ERROR]::No response returned from server. If you're using HTTP protocol\n"
     "against a SSL secured server, then try using HTTPS instead."),
    (errors.MissingParametersError(["id", "name"]),
     "[ERROR]::One of the following parameters has to be specified: ['id', 'name']."),
    (errors.MissingParametersError(["id", "alias"]),
     "[ERROR]::One of the following parameters has to be specified: ['id', 'alias']."),
    (errors.RequestError(409, "Conflict", b"<fault><detail>[in use]</detail></fault>"),
     "[ERROR]::oVirt API request failure.\r\nstatus: 409\r\nreason: Conflict\r\ndetail: in use"),
    (errors.ImmutableError("id"), "[ERROR]::'id' is immutable."),
    (errors.FormatError(), "[ERROR]::Server reply is in inappropriate format."),
    (errors.FormatError("not XML"), "[ERROR]::Server reply is in inappropriate format."),
    (errors.AmbiguousQueryError("name=vm1"),
     "[ERROR]::Used query (name=vm1) produces ambiguous results."),
    (errors.AmbiguousQueryError(""), "[ERROR]::Used query produces ambiguous results."),
    (errors.AmbiguousQueryError(None), "[ERROR]::Used query produces ambiguous results."),
]


@pytest.mark.parametrize("error, text", EXACT, ids=lambda x: type(x).__name__)
def test_message_starts_with_the_original_text(error, text):
    message = error.args[0]
    assert message.startswith(text)
    rest = message[len(text):]
    assert rest == "" or rest.startswith("\n"), "a hint goes on a new line: %r" % rest


def test_format_error_reason_follows_on_its_own_line():
    assert errors.FormatError("not XML").args[0].endswith(".\nnot XML")


def test_missing_parameters_from_get_and_add():
    with responses.RequestsMock() as mock:
        mock.add("GET", URL, body=b"<api/>", content_type="application/xml")
        api = API(URL, username="u", password="p")
        with pytest.raises(errors.MissingParametersError) as info:
            api.vms.get()
        assert str(info.value) == ("[ERROR]::One of the following parameters has to be "
                                   "specified: ['id', 'name'].")
        with pytest.raises(errors.MissingParametersError) as info:
            api.disks.get()
        assert "['id', 'alias']." in str(info.value)
        with pytest.raises(errors.MissingParametersError) as info:
            api.datacenters.add(None)
        assert str(info.value).startswith(
            "[ERROR]::One of the following parameters has to be specified: ['datacenter'].")


def test_ambiguous_get_names_the_query():
    vm = '<vm id="%s"><name>web</name></vm>'
    with responses.RequestsMock() as mock:
        mock.add("GET", URL, body=b"<api/>", content_type="application/xml")
        mock.add("GET", URL + "/vms?search=name%3Dweb",
                 body=("<vms>%s%s</vms>" % (vm % 1, vm % 2)).encode())
        api = API(URL, username="u", password="p")
        with pytest.raises(errors.AmbiguousQueryError) as info:
            api.vms.get(name="web")
        assert str(info.value) == "[ERROR]::Used query (name=web) produces ambiguous results."
