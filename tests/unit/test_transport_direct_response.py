"""The direct path's reply reader (``connectionspool._DirectResponse``): the same
status, framing and headers as http.client's own response for the same bytes, with
a plain header parser instead of the email package."""
import http.client
import io

import pytest

from ovirtsdk.infrastructure import connectionspool

XML = b"<vm id='1'/>"


class _Sock(object):
    def __init__(self, data):
        self.data = data

    def makefile(self, mode):
        return io.BufferedReader(io.BytesIO(self.data))


def _read(cls, data, method="GET"):
    response = cls(_Sock(data), method=method)
    response.begin()
    head = (response.status, response.reason, response.version, response.length,
            response.chunked, response.will_close)
    return head, list(response.headers.items()), response.read()


REPLIES = [
    b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 12\r\n\r\n" + XML,
    b"HTTP/1.1 201 Created\r\nSet-Cookie: JSESSIONID=a; Path=/\r\nSet-Cookie: b=c\r\n"
    b"content-length: 12\r\nX-Spaces:   v  \r\nX-Empty:\r\n\r\n" + XML,
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<vm i\r\n7\r\nd='1'/>\r\n"
    b"0\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 12\r\n"
    b"\r\n" + XML,
    b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 12\r\n\r\n" + XML,
    b"HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\n\r\n" + XML,
    b"HTTP/1.1 204 No Content\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n" + XML,
    b"HTTP/1.1 404 Not Found\nContent-Length: 12\n\n" + XML,
    # unusual blocks go to http.client's parser
    b"HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 12\r\n\r\n" + XML,
    b"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 12\r\n\r\n" + XML,
]


@pytest.mark.parametrize("data", REPLIES)
def test_transport_direct_response_reads_as_http_client(data):
    head, items, body = _read(connectionspool._DirectResponse, data)
    assert (head, body) == _read(http.client.HTTPResponse, data)[::2]
    expected = http.client.HTTPResponse(_Sock(data))
    expected.begin()
    assert items == list(expected.msg.items())


def test_transport_direct_response_headers_are_a_header_dict():
    response = connectionspool._DirectResponse(_Sock(REPLIES[1]))
    response.begin()
    assert response.headers.getlist("set-cookie") == ["JSESSIONID=a; Path=/", "b=c"]
    assert response.headers["CONTENT-LENGTH"] == "12"
    assert response.headers["X-Spaces"] == "v  "


def test_transport_direct_response_head_has_no_body():
    head, _, body = _read(connectionspool._DirectResponse, REPLIES[0], method="HEAD")
    assert head[3] == 0 and body == b""


def test_transport_direct_response_limits():
    many = b"".join(b"X-%d: v\r\n" % i for i in range(101))
    with pytest.raises(http.client.HTTPException, match="more than 100 headers"):
        _read(connectionspool._DirectResponse, b"HTTP/1.1 200 OK\r\n" + many + b"\r\n")
    long = b"X-Long: " + b"v" * 70000 + b"\r\n"
    with pytest.raises(http.client.LineTooLong):
        _read(connectionspool._DirectResponse, b"HTTP/1.1 200 OK\r\n" + long + b"\r\n")
    with pytest.raises(http.client.UnknownProtocol):
        _read(connectionspool._DirectResponse, b"HTTP/2.0 200 OK\r\n\r\n")
    with pytest.raises(http.client.RemoteDisconnected):
        _read(connectionspool._DirectResponse, b"")
