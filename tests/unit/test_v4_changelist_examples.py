"""The v4 side of the engine's list of v3→v4 breaking changes, fed to the fake
engine's v4 reader (``ovirtsdk.testing.dialects.v4.xmlio``).

One document per change (written for these tests from the change list's v4
examples, with our own values), each checked to parse to the right values; and the
v3 forms those changes removed, each refused with a 400 fault, as the reader is
strict about the v4 model.
"""
import pytest

from ovirtsdk.testing import Fault
from ovirtsdk.testing.dialects.v4.model import get_model
from ovirtsdk.testing.dialects.v4.xmlio import parse_document

MODEL = get_model()


def read(xml, expected=None):
    tag, obj = parse_document(MODEL, xml.encode("utf-8"), expected)
    return obj


def test_status_is_an_enum_with_a_detail():
    vm = read("<vm><name>web</name><status>paused</status>"
              "<status_detail>eio</status_detail></vm>")
    assert (vm.type, vm["name"], vm["status"], vm["status_detail"]) == \
        ("Vm", "web", "paused", "eio")


def test_nics_name_a_vnic_profile_which_names_the_network():
    profile = read('<vnic_profile><name>mirrored</name><network id="n1"/>'
                   '<port_mirroring>true</port_mirroring></vnic_profile>')
    assert profile["network"]["id"] == "n1" and profile["port_mirroring"] == "true"
    nic = read('<nic><name>nic1</name><vnic_profile id="p1"/><plugged>true</plugged></nic>')
    assert nic["vnic_profile"]["id"] == "p1" and nic["plugged"] == "true"


def test_a_nic_network_is_still_in_the_model_but_the_engine_ignores_it():
    from ovirtsdk.testing.dialects.v4.engine import Engine
    engine = Engine()
    nic = read('<nic><name>n</name><network id="n1"/></nic>')
    assert nic["network"]["id"] == "n1"                # the schema still has it ...
    vm_xml = (b"<vm><name>v</name><cluster><name>Default</name></cluster>"
              b"<template><name>Blank</name></template></vm>")
    vm = engine.handle("POST", "/ovirt-engine/api/vms", {}, vm_xml)
    vm_id = vm.body.split(b'id="', 1)[1].split(b'"', 1)[0].decode()
    reply = engine.handle("POST", "/ovirt-engine/api/vms/%s/nics" % vm_id, {},
                          b'<nic><name>n</name><network id="n1"/></nic>')
    assert reply.status == 201 and b"<network" not in reply.body   # ... but it is ignored


def test_placement_policy_lists_hosts():
    vm = read('<vm><placement_policy><affinity>pinned</affinity>'
              '<hosts><host id="h1"/><host id="h2"/></hosts></placement_policy></vm>')
    assert [h["id"] for h in vm["placement_policy"]["hosts"]] == ["h1", "h2"]
    assert vm["placement_policy"]["affinity"] == "pinned"


def test_time_zone_fqdn_and_reported_devices():
    vm = read("<vm><time_zone><name>Europe/Madrid</name><utc_offset>+01:00</utc_offset>"
              "</time_zone><fqdn>web.example.com</fqdn></vm>")
    assert vm["time_zone"]["name"] == "Europe/Madrid"
    assert vm["time_zone"]["utc_offset"] == "+01:00"
    assert vm["fqdn"] == "web.example.com"
    nic = read("<nic><reported_devices><reported_device><name>eth0</name>"
               "<mac><address>00:1a:4a:b5:4c:94</address></mac>"
               "<ips><ip><address>192.0.2.15</address><version>v4</version></ip>"
               "<ip><address>fe80::1</address><version>v6</version></ip></ips>"
               "</reported_device></reported_devices></nic>")
    device = nic["reported_devices"][0]
    assert device["mac"]["address"] == "00:1a:4a:b5:4c:94"
    assert [(ip["address"], ip["version"]) for ip in device["ips"]] == \
        [("192.0.2.15", "v4"), ("fe80::1", "v6")]


def test_cpu_type_topology_and_vcpu_pins_are_elements():
    vm = read("<vm><cpu><type>Intel Conroe Family</type><architecture>X86_64</architecture>"
              "<topology><sockets>2</sockets><cores>4</cores><threads>1</threads></topology>"
              "<cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>0-1</cpu_set></vcpu_pin>"
              "</vcpu_pins></cpu_tune></cpu></vm>")
    cpu = vm["cpu"]
    assert cpu["type"] == "Intel Conroe Family"
    assert cpu["architecture"] == "x86_64"            # enum values are lower case
    assert (cpu["topology"]["sockets"], cpu["topology"]["cores"],
            cpu["topology"]["threads"]) == ("2", "4", "1")
    assert cpu["cpu_tune"]["vcpu_pins"][0]["cpu_set"] == "0-1"


def test_version_memory_policy_console_and_virtio_scsi_are_elements():
    cluster = read("<cluster><version><major>4</major><minor>7</minor></version>"
                   "<memory_policy><over_commit><percent>150</percent></over_commit>"
                   "</memory_policy></cluster>")
    assert (cluster["version"]["major"], cluster["version"]["minor"]) == ("4", "7")
    # The model (and the v4 SDK) name the element over_commit.
    assert cluster["memory_policy"]["over_commit"]["percent"] == "150"
    vm = read("<vm><console><enabled>true</enabled></console>"
              "<virtio_scsi><enabled>false</enabled></virtio_scsi></vm>")
    assert (vm["console"]["enabled"], vm["virtio_scsi"]["enabled"]) == ("true", "false")


def test_power_management_agent_type_and_options_are_elements():
    agent = read("<agent><type>apc</type><username>admin</username><options>"
                 "<option><name>port</name><value>22</value></option>"
                 "<option><name>slot</name><value>5</value></option></options></agent>")
    assert agent["type"] == "apc"
    assert [(o["name"], o["value"]) for o in agent["options"]] == [("port", "22"),
                                                                  ("slot", "5")]


def test_ip_mac_and_os_type_are_elements_and_boot_lists_devices():
    nic = read("<host_nic><ip><address>192.0.2.1</address><netmask>255.255.255.0</netmask>"
               "</ip><mac><address>66:f2:c5:5f:bb:8d</address></mac></host_nic>")
    assert (nic["ip"]["address"], nic["ip"]["netmask"]) == ("192.0.2.1", "255.255.255.0")
    assert nic["mac"]["address"] == "66:f2:c5:5f:bb:8d"
    action = read("<action><vm><os><type>rhel_8x64</type><boot><devices>"
                  "<device>cdrom</device><device>hd</device></devices></boot></os></vm>"
                  "</action>", "Action")
    assert action["vm"]["os"]["type"] == "rhel_8x64"
    assert action["vm"]["os"]["boot"]["devices"] == ["cdrom", "hd"]


def test_vm_pool_logical_units_and_host_storages():
    pool = read("<vm_pool><name>pool</name><size>3</size></vm_pool>")
    assert (pool.type, pool["size"]) == ("VmPool", "3")
    sd = read('<storage_domain><storage><type>iscsi</type><volume_group id="vg1">'
              '<logical_units><logical_unit id="lun1"><size>10737418240</size></logical_unit>'
              '<logical_unit id="lun2"/></logical_units></volume_group></storage>'
              '</storage_domain>')
    units = sd["storage"]["volume_group"]["logical_units"]
    assert [u["id"] for u in units] == ["lun1", "lun2"]
    assert units[0]["size"] == "10737418240"
    storages = read("<host_storages><host_storage><type>nfs</type></host_storage>"
                    "<host_storage><type>iscsi</type></host_storage></host_storages>")
    assert [s["type"] for s in storages["host_storage"]] == ["nfs", "iscsi"]


def test_rng_sources_tag_parent_scheduling_policy_and_statistics():
    cluster = read('<cluster><required_rng_sources><required_rng_source>random'
                   '</required_rng_source></required_rng_sources>'
                   '<scheduling_policy id="sp1"/></cluster>')
    assert cluster["required_rng_sources"] == ["random"]
    assert cluster["scheduling_policy"]["id"] == "sp1"
    tag = read('<tag><name>child</name><parent id="t0"/></tag>')
    assert tag["parent"]["id"] == "t0"
    stat = read("<statistic><kind>gauge</kind><type>integer</type><unit>bytes</unit>"
                "<values><value><datum>5</datum></value></values></statistic>")
    assert (stat["kind"], stat["type"], stat["values"][0]["datum"]) == ("gauge", "integer",
                                                                       "5")


def test_snapshot_type_network_attachment_in_sync_and_cluster_levels():
    snap = read("<snapshot><snapshot_type>regular</snapshot_type></snapshot>")
    assert snap["snapshot_type"] == "regular"
    att = read("<network_attachment><in_sync>true</in_sync><reported_configurations>"
               "<reported_configuration><name>mtu</name><in_sync>true</in_sync>"
               "<actual_value>1500</actual_value></reported_configuration>"
               "</reported_configurations></network_attachment>")
    assert att["in_sync"] == "true"
    assert att["reported_configurations"][0]["actual_value"] == "1500"
    levels = read('<cluster_levels><cluster_level id="4.7"><cpu_types><cpu_type>'
                  '<name>Intel Conroe Family</name><level>3</level>'
                  '<architecture>x86_64</architecture></cpu_type></cpu_types>'
                  '</cluster_level></cluster_levels>')
    level = levels["cluster_level"][0]
    assert level["id"] == "4.7" and level["cpu_types"][0]["level"] == "3"


def test_disk_attachments_for_new_and_existing_disks_and_templates():
    new = read("<disk_attachment><bootable>false</bootable><interface>virtio</interface>"
               "<disk><description>mine</description><format>cow</format><name>d1</name>"
               "<provisioned_size>1048576</provisioned_size><storage_domains>"
               "<storage_domain><name>data</name></storage_domain></storage_domains>"
               "</disk></disk_attachment>")
    assert (new["bootable"], new["interface"]) == ("false", "virtio")
    assert new["disk"]["provisioned_size"] == "1048576"
    assert new["disk"]["storage_domains"][0]["name"] == "data"
    existing = read('<disk_attachment><interface>virtio_scsi</interface><disk id="456"/>'
                    '</disk_attachment>')
    assert existing["disk"] == {"id": "456"}
    template = read('<template><name>t</name><vm id="123"><disk_attachments>'
                    '<disk_attachment><disk id="456"><storage_domains>'
                    '<storage_domain id="789"/></storage_domains></disk></disk_attachment>'
                    '</disk_attachments></vm></template>')
    disk = template["vm"]["disk_attachments"][0]["disk"]
    assert (disk["id"], disk["storage_domains"][0]["id"]) == ("456", "789")


def test_actions_with_iscsi_targets_and_an_import_with_disk_formats():
    action = read("<action><iscsi><address>iscsi.example.com</address></iscsi>"
                  "<iscsi_targets><iscsi_target>iqn.2016-07.com.example:t1</iscsi_target>"
                  "<iscsi_target>iqn.2016-07.com.example:t2</iscsi_target></iscsi_targets>"
                  "</action>", "Action")
    assert action["iscsi_targets"] == ["iqn.2016-07.com.example:t1",
                                       "iqn.2016-07.com.example:t2"]
    imported = read('<action><storage_domain><name>data</name></storage_domain>'
                    '<cluster><name>Default</name></cluster><vm><disk_attachments>'
                    '<disk_attachment><disk id="d1"><format>raw</format><sparse>false</sparse>'
                    '</disk></disk_attachment></disk_attachments></vm></action>', "Action")
    disk = imported["vm"]["disk_attachments"][0]["disk"]
    assert (disk["format"], disk["sparse"]) == ("raw", "false")


@pytest.mark.parametrize("xml, element", [
    # removed or replaced by the v4 API: the reader refuses them
    ("<vm><status><state>up</state></status></vm>", "status"),
    ("<nic><port_mirroring>true</port_mirroring></nic>", "port_mirroring"),
    ("<nic><active>true</active></nic>", "active"),
    ("<disk><size>1024</size></disk>", "size"),
    ("<vm><placement_policy><host id='h1'/></placement_policy></vm>", "host"),
    ("<data_center><storage_type>nfs</storage_type></data_center>", "storage_type"),
    ("<vm><timezone>Europe/Madrid</timezone></vm>", "timezone"),
    ("<vm><guest_info><fqdn>x</fqdn></guest_info></vm>", "guest_info"),
    ("<host><storage_manager>true</storage_manager></host>", "storage_manager"),
    ("<vm><disks><clone>true</clone></disks></vm>", "disks"),
    ("<vmpool><name>p</name></vmpool>", "vmpool"),
    ("<statistic><type>GAUGE</type></statistic>", "type"),
    ("<cluster><scheduling_policy><policy>evenly_distributed</policy></scheduling_policy>"
     "</cluster>", "policy"),
    ("<tag><parent><tag id='t0'/></parent></tag>", "tag"),
])
def test_the_removed_v3_forms_are_refused(xml, element):
    with pytest.raises(Fault) as caught:
        read(xml)
    assert caught.value.status == 400
    assert element in caught.value.detail
