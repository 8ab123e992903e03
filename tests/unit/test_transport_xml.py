"""parse_xml: the hardened parser every reply goes through."""

import resource
import time

import pytest

from ovirtsdk.infrastructure.connectionspool import parse_xml
from ovirtsdk.infrastructure.errors import FormatError


def test_transport_parse_xml_ok_bytes_and_str():
    root = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><vms><vm id="1"/></vms>')
    assert root.tag == 'vms' and root[0].get('id') == '1'
    assert parse_xml('<vm><name>d\u00e9j\u00e0</name></vm>').findtext('name') == 'd\u00e9j\u00e0'


def test_transport_parse_xml_encoding_declaration_in_str():
    assert parse_xml('<?xml version="1.0" encoding="UTF-8"?><api/>').tag == 'api'


@pytest.mark.parametrize('body', [
    None, b'', b'   \n', b'not xml at all', b'<vms><vm id="1"/>', b'<vms></vm>',
    b'{"json": true}', b'<html><body><h1>HTTP Status 500</h1></body>',
])
def test_transport_parse_xml_format_errors(body):
    with pytest.raises(FormatError) as info:
        parse_xml(body)
    assert str(info.value).startswith('[ERROR]::Server reply is in inappropriate format')


BILLION_LAUGHS = b'''<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<vm><name>&lol9;</name></vm>'''


def test_transport_parse_xml_billion_laughs_fails_fast_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(FormatError):
        parse_xml(BILLION_LAUGHS)
    assert time.monotonic() - start < 2.0
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50 * 1024        # expanded, it would be gigabytes


def test_transport_parse_xml_external_entity_not_read(tmp_path):
    secret = tmp_path / 'secret.txt'
    secret.write_text('TOP-SECRET')
    body = ('<?xml version="1.0"?><!DOCTYPE vm [<!ENTITY x SYSTEM "file://%s">]>'
            '<vm><name>&x;</name></vm>' % secret).encode()
    with pytest.raises(FormatError) as info:
        parse_xml(body)
    assert 'TOP-SECRET' not in str(info.value)


def test_transport_parse_xml_no_network_dtd():
    body = (b'<?xml version="1.0"?><!DOCTYPE vm SYSTEM "http://127.0.0.1:9/x.dtd">'
            b'<vm/>')
    with pytest.raises(FormatError):
        parse_xml(body)


def test_transport_parse_xml_thread_safe():
    import threading
    failures = []

    def work(n):
        for i in range(200):
            root = parse_xml(b'<vm id="%d-%d"/>' % (n, i))
            if root.get('id') != '%d-%d' % (n, i):
                failures.append((n, i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_transport_parse_xml_drops_the_engines_indentation():
    # The engine indents its replies; whitespace-only text between elements is
    # not data and would only cost memory in every kept tree.
    root = parse_xml(b'<vms>\n    <vm id="1">\n        <name> a b </name>\n    </vm>\n</vms>')
    assert root.text is None and root[0].text is None
    assert root[0][0].text == " a b "      # real text keeps its spaces
