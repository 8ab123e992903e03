"""The broker model derived from the link model matches the 3.6 broker interface.

Compares ``codegen.brokermodel.derive_brokers`` against the interface table of
the original SDK (classes, bases, sub-collections, methods, parameter names,
order and defaults, URL templates) and checks how the links of the RSDL map to
broker methods.  Skipped when the reference folder is absent.
"""
import keyword
import re
from collections import Counter
from pathlib import Path

import pytest

from codegen.brokermodel import derive_brokers
from codegen.model import Schema

REFERENCE = Path(__file__).resolve().parents[3] / 'shared' / 'reference'
INTERFACE = REFERENCE / 'broker-interface.txt'
RSDL = REFERENCE / 'rsdl.xml'
XSD = REFERENCE / 'api.xsd'

# The attributes of the API object, one per top-level collection.
API_ATTRIBUTES = [
    'bookmarks', 'capabilities', 'clusters', 'cpuprofiles', 'datacenters',
    'diskprofiles', 'disks', 'domains', 'events', 'externalhostproviders', 'groups',
    'hosts', 'icons', 'instancetypes', 'jobs', 'katelloerrata', 'macpools', 'networks',
    'openstackimageproviders', 'openstacknetworkproviders', 'openstackvolumeproviders',
    'operatingsysteminfos', 'permissions', 'roles', 'schedulingpolicies',
    'schedulingpolicyunits', 'storageconnections', 'storagedomains', 'tags',
    'templates', 'users', 'vms', 'vmpools', 'vnicprofiles',
]


def _require_reference():
    for path in (INTERFACE, RSDL, XSD):
        if not path.is_file():
            pytest.skip('reference material not available: %s' % path)


@pytest.fixture(scope='module')
def schema():
    _require_reference()
    from codegen.importer import import_rsdl, import_xsd
    return Schema(version='3.6.9', data=import_xsd(XSD), api=import_rsdl(RSDL))


@pytest.fixture(scope='module')
def model(schema):
    return derive_brokers(schema)


def _py3(name):
    """The interface table shows the Python 2 names; py3 renames keywords."""
    return name + '_' if keyword.iskeyword(name) else name


def _parse_param(text):
    if text.startswith('**'):
        return (text, None)
    name, _, default = text.partition('=')
    return (_py3(name), default or None)


def _parse_interface(path):
    classes = []
    current = None
    for lineno, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r'class (\w+)\((.*)\)$', line)
        if m:
            current = {'name': m.group(1),
                       'bases': [b.strip() for b in m.group(2).split(',')],
                       'subcollections': [], 'methods': []}
            classes.append(current)
            continue
        if line.startswith('  subcollections: '):
            items = line[len('  subcollections: '):].split(', ')
            current['subcollections'] = [tuple(i.split('=', 1)) for i in items]
            continue
        m = re.match(r'  (\w+)\((.*)\)\s+# (\S+)$', line)
        assert m, 'unparsed line %d of %s: %r' % (lineno, path.name, line)
        params = [_parse_param(p.strip()) for p in m.group(2).split(',')] \
            if m.group(2).strip() else []
        current['methods'].append((m.group(1), params, m.group(3)))
    return classes


@pytest.fixture(scope='module')
def interface():
    _require_reference()
    return _parse_interface(INTERFACE)


def _describe(cls):
    return {
        'bases': cls.bases,
        'subcollections': list(cls.subcollections),
        'methods': [(m.name, [(p.name, p.default) for p in m.params], m.url)
                    for m in cls.methods],
    }


def test_every_class_conforms(model, interface):
    expected_names = [c['name'] for c in interface]
    derived_names = [c.name for c in model.classes]
    missing = sorted(set(expected_names) - set(derived_names))
    extra = sorted(set(derived_names) - set(expected_names))

    failures = []
    methods_total = methods_ok = 0
    for exp in interface:
        cls = model.get(exp['name'])
        methods_total += len(exp['methods'])
        if cls is None:
            continue
        got = _describe(cls)
        problems = []
        if got['bases'] != exp['bases']:
            problems.append('bases %s != %s' % (got['bases'], exp['bases']))
        if got['subcollections'] != exp['subcollections']:
            problems.append('subcollections %s != %s'
                            % (got['subcollections'], exp['subcollections']))
        got_methods = {m[0]: m for m in got['methods']}
        for method in exp['methods']:
            if got_methods.get(method[0]) == method:
                methods_ok += 1
            else:
                problems.append('method %s: %s != %s'
                                % (method[0], got_methods.get(method[0]), method))
        if [m[0] for m in got['methods']] != [m[0] for m in exp['methods']]:
            problems.append('method order %s != %s' % ([m[0] for m in got['methods']],
                                                       [m[0] for m in exp['methods']]))
        if problems:
            failures.append('%s: %s' % (exp['name'], '; '.join(problems)))

    conforming = len(interface) - len(missing) - len(failures)
    print('\n%d/%d classes conform, %d/%d methods conform'
          % (conforming, len(interface), methods_ok, methods_total))
    assert not missing, 'missing classes: %s' % missing
    assert not extra, 'extra classes: %s' % extra
    assert not failures, '\n'.join(failures[:30])
    assert derived_names == expected_names        # sorted by name, same order
    assert derived_names == sorted(derived_names)


def test_class_structure(model):
    by_name = {c.name: c for c in model.classes}
    for cls in model.classes:
        other = by_name[cls.counterpart]
        assert other.counterpart == cls.name
        assert cls.is_collection != other.is_collection
        if cls.is_collection:
            assert cls.params_type is None and cls.entity_param is None
            assert cls.searchable == (cls.method('list').params[0].name == 'query')
        else:
            assert cls.params_type == cls.member_type
            assert cls.entity_param == cls.member_type.lower()
        if cls.parent is None:
            assert cls.parent_param is None
        else:
            parent = by_name[cls.parent]
            assert not parent.is_collection
            assert cls.parent_param == cls.parent.lower()
            assert cls.href.startswith(parent.href + '/')
        for attr, sub in cls.subcollections:
            assert by_name[sub].parent == cls.name
            assert by_name[sub].href == cls.href + '/' + attr
    # the docstring example of the reflection contract
    disk = by_name['StorageDomainVMDisk']
    assert (disk.parent_param, disk.entity_param) == ('storagedomainvm', 'disk')


def test_api_collections(model):
    assert [a for a, _ in model.api_collections] == sorted(API_ATTRIBUTES)
    for attr, cls in model.api_collections:
        assert model[cls].is_collection and model[cls].parent is None
        assert attr == cls.lower()
    print('\n%d API collections' % len(model.api_collections))


def test_python3_names(model):
    renamed = Counter()
    for cls in model.classes:
        for method in cls.methods:
            assert not keyword.iskeyword(method.name), (cls.name, method.name)
            for p in method.params:
                assert p.name.startswith('**') or p.name.isidentifier()
                assert not keyword.iskeyword(p.name), (cls.name, method.name, p.name)
                if p.wire and p.name != p.wire and p.kind != 'name':
                    renamed[(p.wire, p.name)] += 1
    assert set(renamed) == {('async', 'async_'), ('search', 'query'),
                            ('from', 'from_event_id'),
                            ('Correlation-Id', 'correlation_id'), ('Expect', 'expect'),
                            ('All-Content', 'all_content')}
    assert renamed[('async', 'async_')] == 268


def test_links_map_to_methods(model, schema):
    """How the links of the RSDL map to broker methods.

    The truthful form of "every link is mapped to exactly one broker method":
    - a collection GET link yields two methods of its collection broker,
      ``get`` and ``list``;
    - a resource GET link is the ``get(id=...)`` form of its collection's
      ``get``;
    - every other link yields exactly one method, except five links that the
      3.6 brokers do not expose: the collection-level DELETE of gluster bricks
      (2 hrefs), ``events/undelete`` (an action of a top-level collection) and
      the second GET of a gluster volume href returning
      GlusterVolumeProfileDetails (2 hrefs);
    - every method comes from one link, except the collection ``get`` (the
      collection GET plus the resource GET) and
      DataCenterIscsiBondStorageConnection.delete, whose DELETE link is listed
      twice in the RSDL.
    """
    links = schema.api.links
    assert [link for link, _ in model.link_map] == links

    by_link = {id(link): targets for link, targets in model.link_map}
    collection_gets = resource_gets = single = 0
    for link, targets in model.link_map:
        segs = link.href.split('/')
        if link.method == 'GET' and len(segs) % 2 == 1:
            assert len(targets) == 2 and {m for _, m in targets} == {'get', 'list'}
            assert targets[0][0] == targets[1][0]
            assert model[targets[0][0]].url == '/' + link.href
            collection_gets += 1
        elif targets:
            assert len(targets) == 1, (link.href, targets)
            if link.method == 'GET':
                assert targets[0][1] == 'get'
                resource_gets += 1
            else:
                single += 1
    unmapped = sorted((l.method, l.href) for l in model.unmapped_links)
    assert unmapped == [
        ('DELETE', 'clusters/{cluster:id}/glustervolumes/{glustervolume:id}/bricks'),
        ('DELETE', 'datacenters/{datacenter:id}/clusters/{cluster:id}/glustervolumes/'
                   '{glustervolume:id}/bricks'),
        ('GET', 'clusters/{cluster:id}/glustervolumes/{glustervolume:id}'),
        ('GET', 'datacenters/{datacenter:id}/clusters/{cluster:id}/glustervolumes/'
                '{glustervolume:id}'),
        ('POST', 'events/undelete'),
    ]
    for _, href in unmapped[2:4]:
        left = [l for l in links if l.href == href and l.method == 'GET'
                and not by_link[id(l)]]
        assert [l.response_type for l in left] == ['GlusterVolumeProfileDetails']

    # every method is derived from its links; links of a method point back to it
    method_links = Counter()
    for cls in model.classes:
        for method in cls.methods:
            assert method.links
            for link in method.links:
                assert (cls.name, method.name) in by_link[id(link)]
                method_links[(cls.name, method.name)] += 1
            if method.kind in ('get', 'list'):
                continue
            assert method.url == '/' + method.link.href
    multi = sorted(k for k, v in method_links.items() if v > 1 and k[1] != 'get')
    assert multi == [('DataCenterIscsiBondStorageConnection', 'delete')]
    print('\n%d links: %d collection GETs -> get+list, %d resource GETs -> get(id), '
          '%d -> one method, %d unmapped'
          % (len(links), collection_gets, resource_gets, single, len(unmapped)))
    assert collection_gets + resource_gets + single + len(unmapped) == len(links)


def test_deterministic(schema, model):
    again = derive_brokers(schema)
    assert [(_describe(c), c.parent, c.href) for c in again.classes] == \
        [(_describe(c), c.parent, c.href) for c in model.classes]
    assert again.api_collections == model.api_collections
