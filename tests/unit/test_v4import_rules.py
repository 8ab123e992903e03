"""The v4 importer's reading rules, on a small hand-made SDK of the v4 SDK's shape.

(The real import of ``ovirt-engine-sdk-python`` is re-run by
``tests/functional/test_v4_schema_import.py``.)
"""
import textwrap

import pytest

from codegen import v4import
from codegen.schemafile import dump_types, load_types

TYPES = '''
class Struct(object):
    pass

class Identified(Struct):
    def __init__(self, comment=None, description=None, id=None, name=None):
        pass

class Device(Identified):
    def __init__(self, comment=None, description=None, id=None, name=None, vm=None):
        pass

class Cdrom(Device):
    def __init__(self, comment=None, description=None, file=None, id=None, name=None, vm=None):
        pass

class File(Identified):
    def __init__(self, comment=None, description=None, id=None, name=None):
        pass

class Vm(Identified):
    def __init__(self, cdroms=None, cluster=None, comment=None, description=None,
                 dns_servers=None, id=None, memory=None, name=None, status=None):
        pass

class Cluster(Identified):
    def __init__(self, comment=None, description=None, id=None, name=None):
        pass

class Action(Identified):
    def __init__(self, async_=None, comment=None, description=None, force=None, id=None,
                 name=None, ticket=None):
        pass

class Ticket(Struct):
    def __init__(self, value=None):
        pass

class VmStatus(Enum):
    UP = 'up'
    DOWN = 'down'
'''

READERS = '''
class VmReader(Reader):
    @staticmethod
    def read_one(reader):
        obj = types.Vm()
        obj.href = reader.get_attribute('href')
        value = reader.get_attribute('id')
        while reader.forward():
            tag = reader.node_name()
            if tag == 'cdroms':
                obj.cdroms = CdromReader.read_many(reader)
            elif tag == 'cluster':
                obj.cluster = ClusterReader.read_one(reader)
            elif tag == 'comment':
                obj.comment = Reader.read_string(reader)
            elif tag == 'dns_servers':
                obj.dns_servers = Reader.read_strings(reader)
            elif tag == 'memory':
                obj.memory = Reader.read_integer(reader)
            elif tag == 'name':
                obj.name = Reader.read_string(reader)
            elif tag == 'status':
                obj.status = Reader.read_enum(types.VmStatus, reader)
            elif tag == 'link':
                pass

    @staticmethod
    def _process_link(link, obj):
        rel = link[0]
        if rel == "cdroms":
            obj.cdroms = List(href)

class CdromReader(Reader):
    @staticmethod
    def read_one(reader):
        obj = types.Cdrom()
        while reader.forward():
            tag = reader.node_name()
            if tag == 'file':
                obj.file = FileReader.read_one(reader)
            elif tag == 'vm':
                obj.vm = VmReader.read_one(reader)

class ActionReader(Reader):
    @staticmethod
    def read_one(reader):
        obj = types.Action()
        while reader.forward():
            tag = reader.node_name()
            if tag == 'async':
                obj.async_ = Reader.read_boolean(reader)
            elif tag == 'force':
                obj.force = Reader.read_boolean(reader)
            elif tag == 'ticket':
                obj.ticket = TicketReader.read_one(reader)

Reader.register('vm', VmReader.read_one)
Reader.register('vms', VmReader.read_many)
Reader.register('cdrom', CdromReader.read_one)
Reader.register('cdroms', CdromReader.read_many)
Reader.register('action', ActionReader.read_one)
'''

WRITERS = '''
class VmWriter(Writer):
    @staticmethod
    def write_one(obj, writer, singular=None):
        if obj.id is not None:
            writer.write_attribute('id', obj.id)
        if obj.comment is not None:
            Writer.write_string(writer, 'comment', obj.comment)
        if obj.dns_servers is not None:
            writer.write_start('dns_servers')
            for item in obj.dns_servers:
                Writer.write_string(writer, 'dns_server', item)
            writer.write_end()
        if obj.memory is not None:
            Writer.write_integer(writer, 'memory', obj.memory)
        if obj.name is not None:
            Writer.write_string(writer, 'name', obj.name)
        if obj.status is not None:
            Writer.write_string(writer, 'status', obj.status.value)
        if obj.cdroms is not None:
            CdromWriter.write_many(obj.cdroms, writer, 'cdrom', 'cdroms')
        if obj.cluster is not None:
            ClusterWriter.write_one(obj.cluster, writer, 'cluster')

class CdromWriter(Writer):
    @staticmethod
    def write_one(obj, writer, singular=None):
        if obj.file is not None:
            FileWriter.write_one(obj.file, writer, 'file')
        if obj.vm is not None:
            VmWriter.write_one(obj.vm, writer, 'vm')
'''

SERVICES = '''
class SystemService(Service):
    def vms_service(self):
        return VmsService(self._connection, '%s/vms' % self._path)

class VmsService(Service):
    def add(self, vm, clone=None, headers=None, query=None, wait=True):
        Service._check_types([('vm', vm, types.Vm), ('clone', clone, bool)])
        if clone is not None:
            query['clone'] = clone
        return self._internal_add(vm, headers, query, wait)

    def list(self, max=None, search=None, headers=None, query=None, wait=True):
        Service._check_types([('max', max, int), ('search', search, str)])
        if max is not None:
            query['max'] = max
        if search is not None:
            query['search'] = search
        return self._internal_get(headers, query, wait)

    def vm_service(self, id):
        return VmService(self._connection, '%s/%s' % (self._path, id))

class VmService(Service):
    def get(self, headers=None, query=None, wait=True):
        return self._internal_get(headers, query, wait)

    def update(self, vm, headers=None, query=None, wait=True):
        Service._check_types([('vm', vm, types.Vm)])
        return self._internal_update(vm, headers, query, wait)

    def remove(self, force=None, headers=None, query=None, wait=True):
        Service._check_types([('force', force, bool)])
        if force is not None:
            query['force'] = force
        self._internal_remove(headers, query, wait)

    def ticket(self, async_=None, ticket=None, headers=None, query=None, wait=True):
        Service._check_types([('async_', async_, bool), ('ticket', ticket, types.Ticket)])
        action = types.Action(async_=async_, ticket=ticket)
        return self._internal_action(action, 'ticket', 'ticket', headers, query, wait)

    def cdroms_service(self):
        return VmCdromsService(self._connection, '%s/cdroms' % self._path)

class VmCdromsService(Service):
    def list(self, headers=None, query=None, wait=True):
        return self._internal_get(headers, query, wait)

    def cdrom_service(self, id):
        return VmCdromService(self._connection, '%s/%s' % (self._path, id))

class VmCdromService(Service):
    def get(self, current=None, headers=None, query=None, wait=True):
        Service._check_types([('current', current, bool)])
        if current is not None:
            query['current'] = current
        return self._internal_get(headers, query, wait)
'''


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    sdk = tmp_path_factory.mktemp("sdk") / "lib" / "ovirtsdk4"
    sdk.mkdir(parents=True)
    for name, text in (("types.py", TYPES), ("readers.py", READERS), ("writers.py", WRITERS),
                       ("services.py", SERVICES)):
        (sdk / name).write_text(textwrap.dedent(text))
    (sdk / "version.py").write_text("VERSION = '4.9.9'\n")
    assert v4import.sdk_version(sdk.parent.parent) == "4.9.9"
    return v4import.import_sdk(sdk.parent.parent, "4.5.6")


def _type(schema, name):
    return next(t for t in schema.data.complex_types if t.name == name)


def test_entity_types_extend_base_resource_and_keep_their_own_members(schema):
    vm = _type(schema, "Vm")
    assert vm.base == "BaseResource"
    # name/comment come from BaseResource; attributes sorted, then links sorted
    assert [(p.name, p.type, p.link) for p in vm.particles] == [
        ("dns_servers", "xs:string", None), ("memory", "xs:int", None),
        ("status", "VmStatus", None), ("cdroms", "Cdroms", "cdroms"), ("cluster", "Cluster", "")]
    assert vm.particles[0].items == "dns_server"
    cdrom = _type(schema, "Cdrom")
    assert cdrom.base == "Device"          # inherited members are the base's
    assert [p.name for p in cdrom.particles] == ["file"]


def test_links_without_a_descent_are_found_by_their_link_rel(schema):
    # Cdrom writes file, vm: no descent; neither has a <link rel>: both attributes
    assert [p.link for p in _type(schema, "Cdrom").particles] == [None]


def test_collections_roots_and_enums(schema):
    vms = _type(schema, "Vms")
    assert vms.base == "BaseResources"
    assert [(p.name, p.type, p.max) for p in vms.particles] == [("vm", "Vm", None)]
    roots = dict(schema.data.roots)
    assert roots["vm"] == "Vm" and roots["vms"] == "Vms" and roots["action"] == "Action"
    assert "actions" not in roots          # <actions> holds links, not actions
    status = next(s for s in schema.data.simple_types if s.name == "VmStatus")
    assert status.values == ["down", "up"]


def test_services_become_links(schema):
    links = {(l.method, l.href): l for l in schema.api.links}
    assert set(links) == {
        ("GET", "vms"), ("POST", "vms"), ("DELETE", "vms/{vm:id}"), ("GET", "vms/{vm:id}"),
        ("PUT", "vms/{vm:id}"), ("GET", "vms/{vm:id}/cdroms"),
        ("GET", "vms/{vm:id}/cdroms/{cdrom:id}"), ("POST", "vms/{vm:id}/ticket")}
    assert links["GET", "vms"].response_type == "Vms"
    assert [(p.name, p.type, p.context) for p in links["GET", "vms"].url_params] == [
        ("max", "xs:int", "query"), ("search", "xs:string", "query")]
    assert links["POST", "vms"].body_type == "Vm"
    assert links["GET", "vms/{vm:id}/cdroms"].response_type == "Cdroms"
    assert links["GET", "vms/{vm:id}/cdroms/{cdrom:id}"].response_type == "Cdrom"
    assert [p.name for p in links["GET", "vms/{vm:id}/cdroms/{cdrom:id}"].url_params] == \
        ["current"]
    ticket = links["POST", "vms/{vm:id}/ticket"]
    assert (ticket.rel, ticket.body_type) == ("ticket", "Action")
    assert [(p.name, p.type) for p in ticket.body_sets[0].params] == [
        ("action.async", "xs:boolean"), ("action.ticket", "Ticket")]
    assert ticket.body_sets[0].description == "returns action.ticket"
    assert links["DELETE", "vms/{vm:id}"].url_params[0].name == "force"


def test_the_v4_grammar_round_trips(schema):
    text = dump_types(schema.data)
    assert "elem dns_servers xs:string ? items dns_server" in text
    assert "elem cdroms Cdroms ? link=cdroms" in text
    assert "elem cluster Cluster ? link" in text
    assert dump_types(load_types(text)) == text


def test_a_source_without_the_sdk_modules_is_refused(tmp_path):
    with pytest.raises(ValueError, match="types.py"):
        v4import.read_sources(tmp_path)
