"""v3 scripts against a v4-only engine: protocol detection and the v3 -> v4 translation.

The engine is mocked with `responses`: a small table of v4 documents (written from
the v4 wire format: element names as the v4 SDK's readers/writers use them) that
answers like oVirt 4.5, refusing ``Version: 3`` with 404. Every test checks both
what the script sees (v3 objects) and what went over the wire (v4 requests).
"""
import re
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from lxml import etree

from ovirtsdk.api import API
from ovirtsdk.infrastructure import errors
from ovirtsdk.infrastructure.translation import protocol, xmlmap
from ovirtsdk.infrastructure.translation.report import coverage
from ovirtsdk.xml import params

URL = "http://engine.example.com/ovirt-engine/api"
BASE = "/ovirt-engine/api"

V4_API = b"""<api>
  <link href="/ovirt-engine/api/clusterlevels" rel="clusterlevels"/>
  <link href="/ovirt-engine/api/vms" rel="vms"/>
  <product_info>
    <instance_id>5c1e</instance_id><name>oVirt Engine</name><vendor>ovirt.org</vendor>
    <version><build>6</build><full_version>4.5.6-1.el9</full_version><major>4</major>
      <minor>5</minor><revision>0</revision></version>
  </product_info>
  <special_objects>
    <blank_template href="/ovirt-engine/api/templates/00000000" id="00000000"/>
    <root_tag href="/ovirt-engine/api/tags/00000001" id="00000001"/>
  </special_objects>
  <summary><hosts><active>1</active><total>2</total></hosts>
    <vms><active>1</active><total>3</total></vms></summary>
  <time>2026-12-02T10:00:00.000+00:00</time>
</api>"""

V3_API = b"""<api><link href="/ovirt-engine/api/capabilities" rel="capabilities"/>
  <product_info><name>oVirt Engine</name><vendor>ovirt.org</vendor>
  <version major="3" minor="6" build="9" revision="0"/></product_info></api>"""

VM_V4 = """<vm href="/ovirt-engine/api/vms/{id}" id="{id}">
  <name>{name}</name>
  <memory>1073741824</memory>
  <cpu><architecture>x86_64</architecture>
    <topology><cores>2</cores><sockets>1</sockets><threads>1</threads></topology></cpu>
  <os><boot><devices><device>hd</device><device>cdrom</device></devices></boot>
    <type>rhel_8x64</type></os>
  <status>up</status><status_detail>booting</status_detail>
  <time_zone><name>Etc/GMT</name><utc_offset>+00:00</utc_offset></time_zone>
  <cluster href="/ovirt-engine/api/clusters/c1" id="c1"/>
  <template href="/ovirt-engine/api/templates/00000000" id="00000000"/>
  <link href="/ovirt-engine/api/vms/{id}/diskattachments" rel="diskattachments"/>
</vm>"""

DISK_V4 = """<disk href="/ovirt-engine/api/disks/{id}" id="{id}">
  <alias>{alias}</alias><name>{alias}</name>
  <format>cow</format><provisioned_size>8388608</provisioned_size>
  <status>ok</status><storage_type>image</storage_type>
  <storage_domains><storage_domain id="sd1"/></storage_domains>
</disk>"""


def attachment(disk_id, interface="virtio", bootable="true", inline=True, alias="d"):
    disk = DISK_V4.format(id=disk_id, alias=alias) if inline else \
        '<disk href="/ovirt-engine/api/disks/%s" id="%s"/>' % (disk_id, disk_id)
    return ('<disk_attachment href="/ovirt-engine/api/vms/v1/diskattachments/{0}" id="{0}">'
            '<active>true</active><bootable>{2}</bootable><interface>{1}</interface>'
            '<pass_discard>false</pass_discard>{3}<vm id="v1"/></disk_attachment>'
            ).format(disk_id, interface, bootable, disk)


class V4Engine(object):
    """A table of v4 replies keyed by (method, path below the entry point)."""

    def __init__(self, mock, refuse_v3=True):
        self.routes = {}
        self.calls = []
        self.refuse_v3 = refuse_v3
        self.add("GET", "", V4_API)
        for method in ("GET", "POST", "PUT", "DELETE"):
            mock.add_callback(method, re.compile(re.escape(URL) + r"(/.*)?(\?.*)?$"),
                              callback=self.handle)

    def add(self, method, path, body, status=200):
        self.routes[(method, path)] = (status, body)

    def handle(self, request):
        parts = urlsplit(request.url)
        path = parts.path[len(BASE):].strip("/")
        body = request.body
        if isinstance(body, str):
            body = body.encode()
        version = request.headers.get("Version")
        self.calls.append((request.method, path, dict(parse_qsl(parts.query)), body,
                           version))
        if version == "3" and self.refuse_v3:
            return 404, {}, "<html><head><title>Error</title></head>" \
                            "<body><h1>Not Found</h1></body></html>"
        status, reply = self.routes.get((request.method, path), (None, None))
        if status is None:
            return 404, {}, "<fault><reason>Not Found</reason>" \
                            "<detail>no %s %s here</detail></fault>" % (request.method, path)
        if callable(reply):
            reply = reply(request, body)
        return status, {"Content-Type": "application/xml"}, reply

    def sent(self, method=None, path=None):
        return [c for c in self.calls if c[4] == "4"
                and (method is None or c[0] == method) and (path is None or c[1] == path)]


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as m:
        yield m


@pytest.fixture
def engine(mock):
    return V4Engine(mock)


@pytest.fixture
def api(engine):
    a = API(URL, "admin@internal", "secret")
    yield a


def xml(body):
    return etree.fromstring(body)


# ---------------------------------------------------------------- protocol choice

def test_translation_protocol_choose_keyword_env_and_errors():
    assert protocol.choose(None, {}) == "auto"
    assert protocol.choose("v4", {"OVIRTSDK_PROTOCOL": "v3"}) == "v4"
    assert protocol.choose(None, {"OVIRTSDK_PROTOCOL": "3"}) == "v3"
    assert protocol.choose(4, {}) == "v4"
    assert protocol.choose(" AUTO ", {}) == "auto"
    with pytest.raises(ValueError, match="protocol='v5'"):
        protocol.choose("v5", {})
    with pytest.raises(ValueError, match="OVIRTSDK_PROTOCOL"):
        protocol.choose(None, {"OVIRTSDK_PROTOCOL": "yes"})
    with pytest.raises(ValueError):
        protocol.choose(True, {})


def test_translation_protocol_is_keyword_only_after_the_16_arguments():
    import inspect
    sig = inspect.signature(API.__init__)
    names = list(sig.parameters)[1:]
    assert names[:16] == ["url", "username", "password", "key_file", "cert_file",
                          "ca_file", "port", "timeout", "session_timeout",
                          "persistent_auth", "renew_session", "insecure",
                          "validate_cert_chain", "filter", "debug", "kerberos"]
    assert sig.parameters["protocol"].kind is inspect.Parameter.KEYWORD_ONLY


def test_translation_v3_engine_costs_no_extra_request(mock):
    mock.add(responses.GET, URL, body=V3_API)
    api = API(URL, "admin@internal", "secret")
    assert api.get_protocol() == "v3"
    assert len(mock.calls) == 1
    assert mock.calls[0].request.headers["Version"] == "3"
    mock.add(responses.GET, URL + "/vms;case_sensitive=True", body=b"<vms/>")
    assert api.vms.list() == []
    assert mock.calls[-1].request.headers["Version"] == "3"
    assert mock.calls[-1].request.url == URL + "/vms;case_sensitive=True"


def test_translation_detects_a_refusing_engine(engine, api):
    assert api.get_protocol() == "v4"
    assert [(c[0], c[1], c[4]) for c in engine.calls] == [("GET", "", "3"), ("GET", "", "4")]


def test_translation_detects_a_v4_answer_without_a_second_request(mock):
    engine = V4Engine(mock, refuse_v3=False)
    api = API(URL, "admin@internal", "secret")
    assert api.get_protocol() == "v4"
    assert len(engine.calls) == 1
    assert api.get_product_info().version.major == 4
    engine.add("GET", "vms", b"<vms/>")
    api.vms.list()
    assert engine.calls[-1][4] == "4"


@pytest.mark.parametrize("how", ["keyword", "env"])
def test_translation_forced_v4_sends_no_v3_request(engine, how, monkeypatch):
    if how == "env":
        monkeypatch.setenv("OVIRTSDK_PROTOCOL", "v4")
        api = API(URL, "admin@internal", "secret")
    else:
        api = API(URL, "admin@internal", "secret", protocol="v4")
    assert api.get_protocol() == "v4"
    assert [c[4] for c in engine.calls] == ["4"]


def test_translation_forced_v3_against_a_v4_engine_fails_as_before(engine, monkeypatch):
    monkeypatch.setenv("OVIRTSDK_PROTOCOL", "v4")     # the keyword wins over the env
    with pytest.raises(errors.RequestError) as exc:
        API(URL, "admin@internal", "secret", protocol="v3")
    assert exc.value.status == 404 and exc.value.detail == "Not Found"
    assert engine.calls[0][4] == "3" and not engine.sent()   # then only the closing GET


def test_translation_bad_credentials_are_not_retried_in_v4(mock):
    mock.add(responses.GET, URL, status=401,
             body=b"<fault><reason>Unauthorized</reason><detail>bad</detail></fault>")
    with pytest.raises(errors.RequestError) as exc:
        API(URL, "admin@internal", "wrong")
    assert exc.value.status == 401
    assert [c.request.headers["Version"] for c in mock.calls] == ["3", "3"]  # + closing


def test_translation_when_v4_fails_too_the_v3_error_stands(mock):
    mock.add(responses.GET, URL, status=404, body=b"<html><h1>Not Found</h1></html>")
    mock.add(responses.GET, URL, status=503, body=b"<html><h1>Unavailable</h1></html>")
    with pytest.raises(errors.RequestError) as exc:
        API(URL, "admin@internal", "x")
    assert exc.value.status == 404


# ---------------------------------------------------------------- entry point

def test_translation_entry_point(api, engine):
    info = api.get_product_info()
    assert (info.name, info.vendor) == ("oVirt Engine", "ovirt.org")
    v = info.get_version()
    assert (v.major, v.minor, v.build_, v.revision) == (4, 5, 6, 0)
    assert v.full_version == "4.5.6-1.el9"
    rels = {l.rel: l.href for l in api.get_special_objects().link}
    assert rels == {"templates/blank": BASE + "/templates/00000000",
                    "tags/root": BASE + "/tags/00000001"}
    summary = api.get_summary()
    assert (summary.vms.total, summary.hosts.active) == (3, 1)
    assert api.get_time().year == 2026
    assert api.test() is True


# ---------------------------------------------------------------- element mapping

def test_translation_reply_status_attributes_boot_timezone():
    root = xml(("<vms>%s</vms>" % VM_V4.format(id="v1", name="vm1")).encode())
    xmlmap.reply_to_v3(root)
    vm = params.parseString(etree.tostring(root)).vm[0]
    assert (vm.status.state, vm.status.detail) == ("up", "booting")
    assert (vm.cpu.topology.cores, vm.cpu.topology.sockets) == (2, 1)
    assert vm.os.type_ == "rhel_8x64"
    assert [b.dev for b in vm.os.boot] == ["hd", "cdrom"]
    assert vm.timezone == "Etc/GMT" and vm.time_zone.utc_offset == "+00:00"
    assert vm.cluster.id == "c1"


def test_translation_reply_action_status_and_ip_mac_cpu_id():
    root = xml(b"<action><status>complete</status></action>")
    xmlmap.reply_to_v3(root)
    assert params.parseString(etree.tostring(root)).status.state == "complete"
    nic = xml(b"<nic id='n'><mac><address>00:1a:4a:16:01:51</address></mac></nic>")
    xmlmap.reply_to_v3(nic)
    assert nic.find("mac").get("address") == "00:1a:4a:16:01:51"
    cluster = xml(b"<cluster id='c'><cpu><type>Intel Nehalem Family</type></cpu>"
                  b"<version><major>4</major><minor>7</minor></version></cluster>")
    xmlmap.reply_to_v3(cluster)
    c = params.parseString(etree.tostring(cluster))
    assert c.cpu.id == "Intel Nehalem Family"
    assert (c.version.major, c.version.minor) == (4, 7)


def test_translation_reply_disk_size_from_provisioned_size():
    # v4 removed the disk's size; v3 scripts read it (the quick start prints it in GiB)
    disk = xml(b"<disk id='d'><provisioned_size>2147483648</provisioned_size></disk>")
    xmlmap.reply_to_v3(disk)
    d = params.parseString(etree.tostring(disk))
    assert (d.size, d.provisioned_size) == (2147483648, 2147483648)
    # a size the reply already carries is left alone
    both = xml(b"<disk id='d'><provisioned_size>2</provisioned_size><size>1</size></disk>")
    xmlmap.reply_to_v3(both)
    assert [c.text for c in both.iterchildren("size")] == ["1"]


def test_translation_request_attributes_boot_timezone_status():
    vm = params.VM(name="vm1", memory=512 * 1024 * 1024, timezone="Etc/GMT",
                   cpu=params.CPU(topology=params.CpuTopology(cores=2, sockets=1)),
                   os=params.OperatingSystem(type_="rhel_8x64",
                                             boot=[params.Boot(dev="hd"),
                                                   params.Boot(dev="network")]),
                   cluster=params.Cluster(name="Default"))
    root = xml(_to_xml(vm))
    xmlmap.request_to_v4(root, "POST /vms")
    assert root.findtext("cpu/topology/cores") == "2"
    assert root.find("cpu/topology").get("cores") is None
    assert root.findtext("os/type") == "rhel_8x64" and root.find("os").get("type") is None
    assert [d.text for d in root.findall("os/boot/devices/device")] == ["hd", "network"]
    assert root.find("timezone") is None and root.findtext("time_zone/name") == "Etc/GMT"
    vm = xml(b"<vm><status><state>up</state><detail>d</detail></status></vm>")
    xmlmap.request_to_v4(vm, "PUT /vms/{}")
    assert vm.findtext("status") == "up" and vm.findtext("status_detail") == "d"
    action = xml(b"<action><status><state>x</state></status></action>")
    xmlmap.request_to_v4(action, "POST /x")
    assert action.findtext("status") == "x"
    # v4 actions have no status detail: refused, naming the v3 member
    action = xml(b"<action><status><state>x</state><detail>d</detail></status></action>")
    with pytest.raises(xmlmap.NotTranslatable, match=r"Action\.status/detail"):
        xmlmap.request_to_v4(action, "POST /x")


def _to_xml(obj):
    from ovirtsdk.xml import runtime
    return runtime.to_xml(obj, pretty_print=False).encode()


def test_translation_request_removed_members():
    disk = xml(b"<disk><size>1024</size><type>system</type></disk>")
    xmlmap.request_to_v4(disk, "POST /vms/{}/disks")
    assert disk.findtext("provisioned_size") == "1024"
    assert disk.find("size") is None and disk.find("type") is None
    nic = xml(b"<nic><active>true</active></nic>")
    with pytest.raises(xmlmap.NotTranslatable, match="NIC.active"):
        xmlmap.request_to_v4(nic, "POST /vms/{}/nics")


def test_translation_data_center_storage_type_is_the_v4_local_flag():
    # v4 removed the data center's storage_type; <local> says whether it is localfs
    for v3_value, local in (("localfs", "true"), ("LOCALFS", "true"), ("nfs", "false"),
                            ("NFS", "false"), ("iscsi", "false")):
        dc = xml(_to_xml(params.DataCenter(name="dc", storage_type=v3_value)))
        xmlmap.request_to_v4(dc, "POST /datacenters")
        assert dc.find("storage_type") is None and dc.findtext("local") == local
    agreeing = xml(_to_xml(params.DataCenter(name="dc", storage_type="nfs", local=False)))
    xmlmap.request_to_v4(agreeing, "POST /datacenters")
    assert [c.text for c in agreeing.iterchildren("local")] == ["false"]
    clash = xml(_to_xml(params.DataCenter(name="dc", storage_type="localfs", local=False)))
    with pytest.raises(xmlmap.NotTranslatable, match=r"DataCenter\.storage_type"):
        xmlmap.request_to_v4(clash, "POST /datacenters")
    # replies: as from the v3 layer of the engines 4.0-4.3 (its data center
    # out-adapter copies local and never sets storage_type): <local>, no storage_type
    local = xml(b"<data_centers><data_center id='d'><name>l</name><local>true</local>"
                b"</data_center><data_center id='e'><name>s</name><local>false</local>"
                b"</data_center></data_centers>")
    xmlmap.reply_to_v3(local)
    dcs = params.parseString(etree.tostring(local)).data_center
    assert [(d.local, d.storage_type) for d in dcs] == [(True, None), (False, None)]


# ---------------------------------------------------------------- plain collections

def test_translation_list_with_search_and_matrix(api, engine):
    engine.add("GET", "vms", ("<vms>%s%s</vms>" % (VM_V4.format(id="v1", name="vm1"),
                                                    VM_V4.format(id="v2", name="vm2"))
                              ).encode())
    vms = api.vms.list(query="name=vm*", max=5)
    assert [(v.name, v.status.state) for v in vms] == [("vm1", "up"), ("vm2", "up")]
    method, path, query, _, version = engine.calls[-1]
    assert (method, path, version) == ("GET", "vms", "4")
    assert query == {"search": "name=vm*", "max": "5", "case_sensitive": "true",
                     "follow": "reported_devices"}


def test_translation_add_sends_v4_body(api, engine):
    engine.add("POST", "vms", VM_V4.format(id="v9", name="new").encode(), status=201)
    vm = api.vms.add(params.VM(name="new", cluster=params.Cluster(name="Default"),
                               template=params.Template(name="Blank"),
                               cpu=params.CPU(topology=params.CpuTopology(sockets=2))))
    assert (vm.id, vm.status.state) == ("v9", "up")
    body = xml(engine.sent("POST", "vms")[0][3])
    assert body.findtext("cpu/topology/sockets") == "2"
    assert body.findtext("cluster/name") == "Default"


def test_translation_action_async_matrix_goes_into_the_body(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    engine.add("POST", "vms/v1/start", b"<action><status>complete</status></action>")
    vm = api.vms.get(id="v1")
    result = vm.start(params.Action(vm=params.VM(os=params.OperatingSystem(
        boot=[params.Boot(dev="cdrom")]))), async_=False)
    assert result.status.state == "complete"
    _, _, query, body, _ = engine.sent("POST", "vms/v1/start")[0]
    assert query == {}
    body = xml(body)
    assert body.findtext("async") == "false"
    assert body.findtext("vm/os/boot/devices/device") == "cdrom"


def test_translation_snapshot_actions_are_renamed(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    engine.add("POST", "vms/v1/previewsnapshot", b"<action><status>complete</status></action>")
    vm = api.vms.get(id="v1")
    vm.preview_snapshot(params.Action(snapshot=params.Snapshot(id="s1")))
    assert engine.sent("POST", "vms/v1/previewsnapshot")


def test_translation_delete_body_becomes_url_parameters(api, engine):
    engine.add("GET", "datacenters/dc1", b"<data_center id='dc1'><name>x</name>"
                                         b"<status>up</status></data_center>")
    engine.add("DELETE", "datacenters/dc1", b"")
    dc = api.datacenters.get(id="dc1")
    assert dc.status.state == "up"
    dc.delete(params.Action(force=True))
    method, path, query, body, _ = engine.sent("DELETE", "datacenters/dc1")[0]
    assert query == {"force": "true"} and not body


def test_translation_untranslatable_calls_send_nothing(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    vm = api.vms.get(id="v1")
    before = len(engine.calls)
    with pytest.raises(errors.NotTranslatedError) as exc:
        vm.move(params.Action(storage_domain=params.StorageDomain(id="sd")))
    assert exc.value.call == "POST /vms/{}/move"
    assert "4.5.6" in str(exc.value) and "the VM is up" in str(exc.value)
    assert [c[0] for c in engine.calls[before:]] == ["GET"]     # the VM's status read
    before = len(engine.calls)
    # a member the v4 type lacks and no rule translates: refused before sending
    labels = params.Labels(label=[params.Label(id="lbl")])
    with pytest.raises(errors.NotTranslatedError, match=r"Network\.labels") as refused:
        api.networks.add(params.Network(name="n", labels=labels))
    assert refused.value.call == "POST /networks" and "4.5.6" in str(refused.value)
    engine.add("GET", "datacenters/dc1", b"<data_center id='dc1'/>")
    dc = api.datacenters.get(id="dc1")
    with pytest.raises(errors.NotTranslatedError, match="delete body member"):
        dc.delete(params.Action(reason="x"))
    assert len(engine.calls) == before + 1      # only the datacenter read
    assert isinstance(exc.value, errors.OvirtSdkError)


def test_translation_v4_fault_is_a_request_error(api, engine):
    engine.add("POST", "vms", b"<fault><reason>Operation Failed</reason>"
                              b"<detail>[Cannot add VM. Name in use.]</detail></fault>",
               status=409)
    with pytest.raises(errors.RequestError) as exc:
        api.vms.add(params.VM(name="vm1"))
    assert (exc.value.status, exc.value.reason) == (409, "Conflict")
    assert exc.value.detail == "Cannot add VM. Name in use."


# ---------------------------------------------------------------- disks <-> attachments

@pytest.fixture
def vm(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    return api.vms.get(id="v1")


def test_translation_vm_disks_list_is_one_request(vm, engine):
    engine.add("GET", "vms/v1/diskattachments", ("<disk_attachments>%s%s</disk_attachments>"
               % (attachment("d1", alias="boot"),
                  attachment("d2", "virtio_scsi", "false", alias="data"))).encode())
    before = len(engine.calls)
    disks = vm.disks.list()
    assert len(engine.calls) == before + 1
    assert engine.calls[-1][2] == {"follow": "disk"}
    assert [(d.alias, d.interface, d.bootable, d.active, d.provisioned_size,
             d.status.state, d.vm.id) for d in disks] == [
        ("boot", "virtio", True, True, 8388608, "ok", "v1"),
        ("data", "virtio_scsi", False, True, 8388608, "ok", "v1")]
    assert disks[0].storage_domains.storage_domain[0].id == "sd1"


def test_translation_vm_disks_without_follow_support_read_each_disk(vm, engine):
    engine.add("GET", "vms/v1/diskattachments", ("<disk_attachments>%s</disk_attachments>"
               % attachment("d1", inline=False)).encode())
    engine.add("GET", "disks/d1", DISK_V4.format(id="d1", alias="boot").encode())
    disks = vm.disks.list()
    assert [(d.alias, d.interface) for d in disks] == [("boot", "virtio")]


def test_translation_vm_disk_add_is_an_attachment(vm, engine):
    engine.add("POST", "vms/v1/diskattachments", attachment("d3", inline=False).encode(),
               status=201)
    engine.add("GET", "disks/d3", DISK_V4.format(id="d3", alias="vm1_Disk1").encode())
    sd = params.StorageDomains(storage_domain=[params.StorageDomain(id="sd1")])
    disk = vm.disks.add(params.Disk(storage_domains=sd, size=8388608, type_="system",
                                    interface="virtio", format="cow", bootable=True))
    assert (disk.id, disk.alias, disk.interface, disk.bootable) == \
        ("d3", "vm1_Disk1", "virtio", True)
    body = xml(engine.sent("POST", "vms/v1/diskattachments")[0][3])
    assert body.tag == "disk_attachment"
    assert (body.findtext("interface"), body.findtext("bootable"),
            body.findtext("active")) == ("virtio", "true", "true")
    assert body.findtext("disk/provisioned_size") == "8388608"
    assert body.findtext("disk/format") == "cow"
    assert body.find("disk/storage_domains/storage_domain").get("id") == "sd1"
    assert body.find("disk/interface") is None and body.find("disk/type") is None


def test_translation_vm_disk_delete_deletes_or_detaches(vm, engine):
    engine.add("GET", "vms/v1/diskattachments/d1", attachment("d1").encode())
    engine.add("DELETE", "vms/v1/diskattachments/d1", b"")
    engine.add("DELETE", "disks/d1", b"")
    disk = vm.disks.get(id="d1")
    disk.delete(params.Action(detach=True))
    assert len(engine.sent("DELETE")) == 1
    disk.delete()
    assert [c[1] for c in engine.sent("DELETE")] == [
        "vms/v1/diskattachments/d1", "vms/v1/diskattachments/d1", "disks/d1"]


def test_translation_vm_disk_activate_updates_the_attachment(vm, engine):
    engine.add("GET", "vms/v1/diskattachments/d1", attachment("d1").encode())
    engine.add("PUT", "vms/v1/diskattachments/d1", attachment("d1").encode())
    result = vm.disks.get(id="d1").deactivate()
    assert result.status.state == "complete"
    assert xml(engine.sent("PUT")[0][3]).findtext("active") == "false"


# ---------------------------------------------------------------- NICs <-> vNIC profiles

PROFILES = b"""<vnic_profiles>
  <vnic_profile id="p-mirror"><name>ovirtmgmt-pm</name><port_mirroring>true</port_mirroring>
    <network id="net1"/></vnic_profile>
  <vnic_profile id="p1"><name>ovirtmgmt</name><port_mirroring>false</port_mirroring>
    <network id="net1"/></vnic_profile>
  <vnic_profile id="p2"><name>other</name><network id="net2"/></vnic_profile>
</vnic_profiles>"""


def test_translation_nic_add_by_network_name_uses_a_cached_profile(vm, engine):
    engine.add("GET", "vnicprofiles", PROFILES)
    engine.add("GET", "clusters/c1/networks",
               b"<networks><network id='net1'><name>ovirtmgmt</name></network>"
               b"<network id='net2'><name>other</name></network></networks>")
    engine.add("POST", "vms/v1/nics",
               b"<nic id='n1'><name>nic1</name><interface>virtio</interface>"
               b"<mac><address>00:1a:4a:00:00:01</address></mac>"
               b"<vnic_profile id='p1'/><plugged>true</plugged></nic>", status=201)
    for _ in range(3):
        nic = vm.nics.add(params.NIC(name="nic1", interface="virtio",
                                     network=params.Network(name="ovirtmgmt")))
    assert (nic.network.id, nic.vnic_profile.id, nic.mac.address) == \
        ("net1", "p1", "00:1a:4a:00:00:01")
    body = xml(engine.sent("POST", "vms/v1/nics")[0][3])
    assert body.find("network") is None and body.find("vnic_profile").get("id") == "p1"
    assert len(engine.sent("GET", "vnicprofiles")) == 1
    assert len(engine.sent("GET", "clusters/c1/networks")) == 1


def test_translation_nic_list_names_the_network(vm, engine):
    engine.add("GET", "vnicprofiles", PROFILES)
    engine.add("GET", "vms/v1/nics",
               b"<nics><nic id='n1'><name>nic1</name><vnic_profile id='p1'/></nic>"
               b"<nic id='n2'><name>nic2</name><vnic_profile id='p-mirror'/></nic>"
               b"<nic id='n3'><name>nic3</name><vnic_profile id='p2'/></nic></nics>")
    nics = vm.nics.list()
    assert [n.network.id for n in nics] == ["net1", "net1", "net2"]
    assert nics[1].port_mirroring.networks.network[0].id == "net1"
    assert nics[0].port_mirroring is None
    assert len(engine.sent("GET", "vnicprofiles")) == 1


def test_translation_nic_add_with_unknown_network_is_refused(vm, engine):
    engine.add("GET", "vnicprofiles", PROFILES)
    engine.add("GET", "clusters/c1/networks", b"<networks/>")
    with pytest.raises(errors.NotTranslatedError, match="no network named 'nope'"):
        vm.nics.add(params.NIC(name="nic1", network=params.Network(name="nope")))
    assert not engine.sent("POST")


def test_translation_shared_api_across_threads(vm, engine):
    engine.add("GET", "vnicprofiles", PROFILES)
    engine.add("GET", "vms/v1/nics", b"<nics><nic id='n1'><vnic_profile id='p2'/></nic></nics>")
    failures = []

    def work():
        try:
            for _ in range(5):
                assert vm.nics.list()[0].network.id == "net2"
        except Exception as exc:      # reported below
            failures.append(exc)
    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not failures
    assert len(engine.sent("GET", "vnicprofiles")) == 1


def test_translation_vm_move_is_one_disk_move_per_disk(api, engine):
    down = VM_V4.format(id="v1", name="vm1").replace("<status>up</status>",
                                                     "<status>down</status>")
    engine.add("GET", "vms/v1", down.encode())
    engine.add("GET", "vms/v1/diskattachments", b"""<disk_attachments>
      <disk_attachment id="d1"><disk id="d1"/></disk_attachment>
      <disk_attachment id="d2"><disk id="d2"/></disk_attachment></disk_attachments>""")
    for d in ("d1", "d2"):
        engine.add("POST", "disks/%s/move" % d, b"<action><status>complete</status></action>")
    vm = api.vms.get(id="v1")
    assert vm.move(params.Action(storage_domain=params.StorageDomain(id="sd"))) \
        .status.state == "complete"
    moves = engine.sent("POST")
    assert [c[1] for c in moves] == ["disks/d1/move", "disks/d2/move"]
    assert [xml(c[3]).find("storage_domain").get("id") for c in moves] == ["sd", "sd"]


def test_translation_snapshot_disk_delete_is_the_disk_snapshot_of_its_image(api, engine):
    engine.add("GET", "vms/v1", VM_V4.format(id="v1", name="vm1").encode())
    engine.add("GET", "vms/v1/snapshots/s1", b'<snapshot id="s1"><description>x'
               b'</description><snapshot_type>regular</snapshot_type></snapshot>')
    engine.add("GET", "vms/v1/snapshots/s1/disks/d1",
               b'<disk id="d1"><image_id>img1</image_id></disk>')
    engine.add("GET", "vms/v1/snapshots/s1/disks",
               b'<disks><disk id="d1"><image_id>img1</image_id></disk></disks>')
    engine.add("DELETE", "disks/d1/disksnapshots/img1", b"")
    snap = api.vms.get(id="v1").snapshots.get(id="s1")
    snap.disks.get(id="d1").delete()
    assert [c[1] for c in engine.sent("DELETE")] == ["disks/d1/disksnapshots/img1"]


# ---------------------------------------------------------------- coverage

def test_translation_coverage_counts_broker_methods():
    cov = coverage()
    from ovirtsdk.infrastructure import brokers
    assert set(cov) == set(brokers._OPS)
    for name in ("VMs.list", "VMs.add", "VM.start", "VM.delete", "VMDisks.list",
                 "VMDisks.add", "VMNICs.add", "VMCdRom.update", "Hosts.list",
                 "Host.approve", "StorageDomains.add", "DataCenterStorageDomain.activate",
                 "VM.preview_snapshot"):
        assert cov[name] is True, name
    assert cov["VM.move"] is True
    assert cov["Capabilities.list"] is True and cov["Capabilities.get"] is True
    assert cov["VMDiskStatistics.list"] is True and cov["VMDiskStatistics.get"] is True
