"""End to end: a text formatter written the way ovirt-shell's is (it walks
``x.__dict__``, ``resource.superclass.__dict__`` for brokers, skips link / href /
parentclass / _Base__context, recurses into params values) prints every field the
fake engine sent, for list(), get(), add(), update() and action results."""
import datetime

import pytest
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers
from ovirtsdk.infrastructure.common import Base
from ovirtsdk.testing import FakeEngine
from ovirtsdk.xml import params

pytest.importorskip("trustme")

SKIP = ("link", "href", "parentclass", "_Base__context")


# ---------------------------------------------------------------- the formatter

def _is_params(value):
    return hasattr(params, type(value).__name__) or hasattr(brokers, type(value).__name__)


def format_resource(resource, out, context=None):
    """ovirt-shell's text output: ``context-field: value`` lines, read from __dict__."""
    if isinstance(resource, Base):
        resource = resource.superclass
    for field in sorted(resource.__dict__.keys()):
        if field in SKIP:
            continue
        value = resource.__dict__[field]
        name = field if context is None else context + "." + field
        for item in (value if isinstance(value, list) else [value]):
            if item is None:
                continue
            if _is_params(item) and not isinstance(item, datetime.datetime):
                format_resource(item, out, name)
            else:
                out.append("%s: %s" % (name.replace(".", "-").rstrip("_"), item))
    return out


# ---------------------------------------------------------------- what the engine sent

def sent_fields(element, context=None):
    """``(path, text)`` of every attribute and leaf text in ``element`` (its children
    included), link elements and href attributes left out as the formatter does."""
    out = []
    for key, value in sorted(element.attrib.items()):
        if key not in SKIP and not key.startswith("{"):
            out.append(((context + "." if context else "") + key, value))
    for child in element:
        if not isinstance(child.tag, str) or child.tag in SKIP:
            continue
        path = child.tag if context is None else context + "." + child.tag
        if len(child):
            out.extend(sent_fields(child, path))
        else:
            out.extend(sent_fields(child, path))    # its attributes
            if child.text is not None or not child.attrib:
                out.append((path, child.text or ""))
    return out


def _same(printed, sent):
    if printed == sent or printed.lower() == sent.lower():
        return True
    try:
        return float(printed) == float(sent)
    except ValueError:
        pass
    try:
        return (datetime.datetime.fromisoformat(printed)
                == datetime.datetime.fromisoformat(sent.replace("Z", "+00:00")))
    except ValueError:
        return False


def assert_all_printed(lines, element):
    printed = {}
    for line in lines:
        key, _, value = line.partition(": ")
        printed.setdefault(key, []).append(value)
    missing = []
    for path, text in sent_fields(element):
        key = path.replace(".", "-")
        if not any(_same(v, text) for v in printed.get(key, [])):
            missing.append((key, text, printed.get(key)))
    assert not missing, "sent but not printed: %r" % missing[:10]
    assert len(lines) >= len(sent_fields(element))


# ---------------------------------------------------------------- the test

@pytest.fixture
def engine():
    fake = FakeEngine().start()
    replies = []
    serve = fake.serve

    def recording(method, path, headers, body):
        reply = serve(method, path, headers, body)
        replies.append((method, path, reply.body))
        return reply

    fake.serve = recording
    fake.replies = replies
    try:
        yield fake
    finally:
        fake.stop()


def _last(engine, method):
    body = next(b for m, _, b in reversed(engine.replies) if m == method)
    return etree.fromstring(body)


def test_shell_style_output_shows_every_field_sent(engine):
    api = API(**engine.api_kwargs())
    try:
        # list: every VM / host / data center the engine listed
        for collection in ("hosts", "datacenters", "clusters", "templates", "networks"):
            items = getattr(api, collection).list()
            sent = list(_last(engine, "GET"))
            assert items and len(items) == len(sent)
            for broker, element in zip(items, sent):
                assert_all_printed(format_resource(broker, []), element)

        # get: by name (a search reply) and by id
        dc = api.datacenters.get(name="Default")
        element = next(e for e in _last(engine, "GET") if e.findtext("name") == "Default")
        lines = format_resource(dc, [])
        assert "name: Default" in lines and any(line.startswith("version-major: ") for line in lines)
        assert_all_printed(lines, element)
        host = api.hosts.get(id=api.hosts.list()[0].id)
        assert_all_printed(format_resource(host, []), _last(engine, "GET"))

        # add: a VM and a NIC on it
        vm = api.vms.add(params.VM(name="shell1", memory=1024 ** 3,
                                   cluster=api.clusters.get(name="Default"),
                                   template=api.templates.get(name="Blank")))
        element = _last(engine, "POST")
        lines = format_resource(vm, [])
        assert "name: shell1" in lines and "memory: %d" % 1024 ** 3 in lines
        assert_all_printed(lines, element)
        nic = vm.nics.add(params.NIC(name="eth0", interface="virtio"))
        assert_all_printed(format_resource(nic, []), _last(engine, "POST"))

        # update
        vm.set_description("changed")
        updated = vm.update()
        lines = format_resource(updated, [])
        assert "description: changed" in lines
        assert_all_printed(lines, _last(engine, "PUT"))

        # an action: its status and everything else the reply held
        action = updated.start()
        lines = format_resource(action, [])
        assert any(line.startswith("status-state: ") for line in lines)
        assert_all_printed(lines, _last(engine, "POST"))

        # list of VMs, with the one added
        vms = api.vms.list()
        sent = list(_last(engine, "GET"))
        for broker, element in zip(vms, sent):
            assert_all_printed(format_resource(broker, []), element)
    finally:
        api.disconnect()
