"""The error classes: names, bases, messages, RequestError's detail extraction."""

import pickle

import pytest

from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.errors import RequestError

ALL = ['OvirtSdkError', 'ConnectionError', 'RequestError', 'FormatError',
       'NoCertificatesError', 'DisconnectedError', 'UnsecuredConnectionAttemptError',
       'MissingParametersError', 'ImmutableError', 'AmbiguousQueryError']

SAMPLES = [
    errors.OvirtSdkError('boom'),
    errors.ConnectionError('connection refused: x'),
    RequestError(404, 'Not Found', b''),
    errors.FormatError('not XML'),
    errors.FormatError(),
    errors.NoCertificatesError(),
    errors.DisconnectedError(),
    errors.UnsecuredConnectionAttemptError(),
    errors.MissingParametersError(['id', 'name']),
    errors.MissingParametersError('id or name must be given'),
    errors.ImmutableError('id'),
    errors.AmbiguousQueryError('name=vm1'),
]


@pytest.mark.parametrize('name', ALL)
def test_errors_importable_and_derive_from_exception(name):
    cls = getattr(errors, name)
    assert issubclass(cls, Exception)
    assert issubclass(cls, errors.OvirtSdkError)


@pytest.mark.parametrize('error', SAMPLES, ids=lambda e: type(e).__name__)
def test_errors_messages_start_with_prefix(error):
    assert error.args[0].startswith('[ERROR]::')


@pytest.mark.parametrize('error', SAMPLES, ids=lambda e: type(e).__name__)
def test_errors_pickle_round_trip(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert copy.__dict__.keys() == error.__dict__.keys()


def test_errors_connection_error_prefix_and_cause():
    e = errors.ConnectionError('timed out: read timeout=1')
    assert str(e) == '[ERROR]::oVirt API connection failure, timed out: read timeout=1'


def test_errors_connection_error_shadows_builtin_only_in_module():
    import builtins
    assert errors.ConnectionError is not builtins.ConnectionError
    assert not issubclass(errors.ConnectionError, builtins.ConnectionError)


def test_errors_ambiguous_query_is_sdk_error():
    e = errors.AmbiguousQueryError('name=x')
    assert isinstance(e, errors.OvirtSdkError)
    assert e.query == 'name=x' and 'name=x' in str(e)


def test_errors_immutable_and_missing_parameters_attributes():
    assert errors.ImmutableError('id').key == 'id'
    assert "'id'" in str(errors.ImmutableError('id'))
    e = errors.MissingParametersError(['id', 'name'])
    assert e.params == ['id', 'name']
    assert str(e) == "[ERROR]::One of the following parameters has to be specified: ['id', 'name']."


# --- RequestError ------------------------------------------------------------------

FAULT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<fault><reason>Operation Failed</reason>'
         b'<detail>[Cannot add VM. The VM name is already in use.]</detail></fault>')


def test_errors_request_error_str_format():
    e = RequestError(409, 'Conflict', FAULT)
    assert e.status == 409 and isinstance(e.status, int)
    assert e.reason == 'Conflict'
    assert e.detail == 'Cannot add VM. The VM name is already in use.'
    assert str(e) == ('\r\nstatus: 409\r\nreason: Conflict\r\n'
                      'detail: Cannot add VM. The VM name is already in use.')
    assert 'status: 409' in str(e)
    assert e.args[0].startswith('[ERROR]::oVirt API request failure.')


def test_errors_request_error_status_as_string_becomes_int():
    assert RequestError('404', 'Not Found', b'').status == 404


def test_errors_request_error_from_response_object():
    class R:
        status, reason, body = 400, 'Bad Request', FAULT
    e = RequestError(R())
    assert (e.status, e.reason) == (400, 'Bad Request')
    assert e.detail.startswith('Cannot add VM')


@pytest.mark.parametrize('detail, expected', [
    ('[Cannot run VM.]', 'Cannot run VM.'),
    ('   [Cannot run VM.]', 'Cannot run VM.'),          # left-stripped first
    ('[[nested]]', '[nested]'),                        # one pair only
    ('[no closing', '[no closing'),
    ('plain detail  ', 'plain detail  '),              # only left-stripped
    ('', ''),
])
def test_errors_fault_detail_brackets(detail, expected):
    body = '<fault><reason>Operation Failed</reason><detail>%s</detail></fault>' % detail
    assert RequestError(400, 'Bad Request', body).detail == expected


def test_errors_action_holding_fault():
    body = (b'<action><status><state>failed</state></status><fault>'
            b'<reason>Operation Failed</reason><detail>[Host is not up.]</detail>'
            b'</fault></action>')
    assert RequestError(409, 'Conflict', body).detail == 'Host is not up.'


def test_errors_fault_without_detail_uses_reason():
    body = b'<fault><reason>Operation Failed</reason></fault>'
    assert RequestError(400, 'Bad Request', body).detail == 'Operation Failed'


def test_errors_non_ascii_fault_detail():
    body = '<fault><detail>[Nom déjà utilisé]</detail></fault>'.encode('utf-8')
    assert RequestError(409, 'Conflict', body).detail == 'Nom déjà utilisé'


JBOSS_PAGE = (b'<html><head><title>JBoss Web/7.0.13.Final - Error report</title>'
              b'<style><!--H1 {font-family:Tahoma}--></style></head><body>'
              b'<h1>HTTP Status 404 - </h1><HR size="1" noshade="noshade">'
              b'<p><b>type</b> Status report</p><p><b>message</b> <u></u></p>'
              b'<h3>JBoss Web/7.0.13.Final</h3></body></html>')


def test_errors_jboss_html_h1():
    assert RequestError(404, 'Not Found', JBOSS_PAGE).detail == 'HTTP Status 404'


def test_errors_html_h1_without_trailing_dash_kept_whole():
    body = b'<!DOCTYPE html><html><body><h1>Service &amp; Unavailable</h1></body></html>'
    assert RequestError(503, 'Service Unavailable', body).detail == 'Service & Unavailable'


def test_errors_plain_text_body_gets_newline():
    e = RequestError(502, 'Bad Gateway', b'upstream went away')
    assert e.detail == '\nupstream went away'
    assert str(e).endswith('detail: \nupstream went away')


def test_errors_empty_body():
    assert RequestError(401, 'Unauthorized', b'').detail == '\n'
    assert RequestError(401, 'Unauthorized', None).detail == '\n'


def test_errors_xml_that_is_not_a_fault_is_body():
    body = b'<vm id="1"/>'
    assert RequestError(400, 'Bad Request', body).detail == '\n<vm id="1"/>'


def test_errors_broken_xml_is_body():
    body = b'<fault><detail>[x]</det'
    assert RequestError(500, 'Internal Server Error', body).detail == '\n' + body.decode()


def test_errors_raise_from_response():
    class R:
        def __init__(self, status, body=b''):
            self.status, self.reason, self.body = status, 'X', body
    ok = R(200)
    assert errors.raise_from_response(ok) is ok
    # redirects are not followed: a 3xx is an error naming where it pointed
    with pytest.raises(RequestError) as info:
        errors.raise_from_response(R(302))
    assert info.value.status == 302 and "not followed" in info.value.detail
    with pytest.raises(RequestError) as info:
        errors.raise_from_response(R(404, FAULT))
    assert info.value.status == 404
