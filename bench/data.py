"""Deterministic engine-like documents for the benchmarks.

``vms_document(n)`` is what an oVirt 3.6 engine answers to ``GET /ovirt-engine/api/vms``:
one ``<vm>`` per VM in the order the VM type of ``schema/types.schema`` declares its
members (ActionableResource, BaseResource, VmBase, VM), with the ``<actions>`` and
``<link rel=...>`` children, references (host, cluster, template, cpu_profile, icons)
carrying id + href, dateTimes, booleans, nested display / cpu / os / memory policy.
Written compactly (no indentation). With the engine's 20 action links and 15
sub-collection links per VM, each ~90 bytes (UUID hrefs), a VM is ~6.2 KB and 2000 VMs
~12.5 MB: the links alone are ~3.2 KB per VM. ``python -m bench --vms 1000`` gives a
~6.2 MB document. The document is checked against the schema at every run.
"""
import random
import uuid

PREFIX = "/ovirt-engine/api"
ADDED_ID = "00000000-0000-0000-0000-0000000add00"   # the VM that POST /vms answers

VM_ACTIONS = (
    "ticket", "undo_snapshot", "clone", "commit_snapshot", "preview_snapshot",
    "logon", "cancelmigration", "maintenance", "reorder_mac_addresses", "export",
    "detach", "suspend", "freeze_filesystems", "thaw_filesystems", "migrate",
    "move", "start", "stop", "shutdown", "reboot",
)

VM_LINKS = (
    "applications", "disks", "nics", "numanodes", "cdroms", "snapshots", "tags",
    "permissions", "statistics", "reporteddevices", "watchdogs", "sessions",
    "katelloerrata", "graphicsconsoles", "hostdevices",
)

STATES = ("up", "up", "up", "down", "down", "paused", "powering_up", "migrating")
OS_TYPES = ("rhel_7x64", "rhel_6x64", "windows_2012R2x64", "other_linux", "other")
DISPLAYS = ("spice", "vnc")


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ref(tag, collection, ident):
    return '<%s href="%s/%s/%s" id="%s"/>' % (tag, PREFIX, collection, ident, ident)


def _time(rng):
    return "2016-%02d-%02dT%02d:%02d:%02d.%03d+02:00" % (
        rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
        rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999))


def _bool(value):
    return "true" if value else "false"


class _Pools(object):
    """Hosts, clusters, templates... shared by many VMs, as on a real engine."""

    def __init__(self, rng):
        self.hosts = [_uuid(rng) for _ in range(40)]
        self.clusters = [_uuid(rng) for _ in range(4)]
        self.templates = ["00000000-0000-0000-0000-000000000000"] + \
            [_uuid(rng) for _ in range(15)]
        self.profiles = [_uuid(rng) for _ in range(4)]
        self.icons = [_uuid(rng) for _ in range(10)]


def vm_xml(rng, pools, index, vm_id=None):
    """The XML text of one ``<vm>`` (str)."""
    vm_id = vm_id or _uuid(rng)
    href = "%s/vms/%s" % (PREFIX, vm_id)
    state = rng.choice(STATES)
    running = state in ("up", "paused", "migrating", "powering_up")
    memory = rng.choice((1, 2, 4, 8, 16)) * 1024 ** 3
    sockets, cores = rng.choice((1, 2, 4)), rng.choice((1, 2))
    display = rng.choice(DISPLAYS)
    port = 5900 + 2 * (index % 100)
    out = ['<vm href="%s" id="%s">' % (href, vm_id), "<actions>"]
    out += ['<link href="%s/%s" rel="%s"/>' % (href, a, a) for a in VM_ACTIONS]
    out.append("</actions>")
    out.append("<name>vm-%05d</name>" % index)
    out.append("<description>benchmark guest %d of the %s group</description>"
               % (index, rng.choice(("web", "db", "batch", "build"))))
    out.append("<comment>created by bench</comment>")
    out += ['<link href="%s/%s" rel="%s"/>' % (href, a, a) for a in VM_LINKS]
    out.append("<type>%s</type>" % rng.choice(("server", "desktop")))
    out.append("<status><state>%s</state></status>" % state)
    out.append("<memory>%d</memory>" % memory)
    out.append('<cpu><topology sockets="%d" cores="%d" threads="1"/>'
               "<architecture>X86_64</architecture></cpu>" % (sockets, cores))
    out.append("<cpu_shares>0</cpu_shares>")
    out.append("<bios><boot_menu><enabled>false</enabled></boot_menu></bios>")
    out.append('<os type="%s"><boot dev="hd"/><boot dev="network"/>'
               "<kernel></kernel></os>" % rng.choice(OS_TYPES))
    out.append(_ref("cluster", "clusters", rng.choice(pools.clusters)))
    out.append("<creation_time>%s</creation_time>" % _time(rng))
    out.append("<origin>ovirt</origin>")
    out.append("<stateless>%s</stateless>" % _bool(rng.random() < 0.1))
    out.append("<delete_protected>%s</delete_protected>" % _bool(rng.random() < 0.2))
    out.append("<high_availability><enabled>%s</enabled><priority>%d</priority>"
               "</high_availability>" % (_bool(rng.random() < 0.3), rng.choice((0, 1, 50))))
    out.append("<display><type>%s</type>%s<monitors>1</monitors>"
               "<single_qxl_pci>false</single_qxl_pci><allow_override>true</allow_override>"
               "<smartcard_enabled>false</smartcard_enabled>"
               "<file_transfer_enabled>true</file_transfer_enabled>"
               "<copy_paste_enabled>true</copy_paste_enabled></display>"
               % (display, ("<address>10.35.%d.%d</address><port>%d</port>"
                            "<secure_port>%d</secure_port>"
                            % (index % 200, index % 250 + 1, port, port + 1))
                  if running else ""))
    out.append("<sso><methods><method id=\"GUEST_AGENT\"/></methods></sso>")
    out.append("<timezone>Etc/GMT</timezone>")
    out.append("<usb><enabled>false</enabled></usb>")
    out.append("<soundcard_enabled>false</soundcard_enabled>")
    out.append("<migration_downtime>-1</migration_downtime>")
    out.append(_ref("cpu_profile", "cpuprofiles", rng.choice(pools.profiles)))
    out.append("<migration><auto_converge>inherit</auto_converge>"
               "<compressed>inherit</compressed></migration>")
    out.append("<io><threads>0</threads></io>")
    out.append("<time_zone><name>Etc/GMT</name></time_zone>")
    icon = rng.choice(pools.icons)
    out.append(_ref("small_icon", "icons", icon))
    out.append(_ref("large_icon", "icons", icon))
    out.append("<memory_policy><guaranteed>%d</guaranteed><ballooning>true</ballooning>"
               "</memory_policy>" % (memory // 2))
    if running:
        out.append(_ref("host", "hosts", rng.choice(pools.hosts)))
    out.append(_ref("template", "templates", rng.choice(pools.templates)))
    if running:
        out.append("<start_time>%s</start_time>" % _time(rng))
    else:
        out.append("<stop_time>%s</stop_time>" % _time(rng))
    out.append("<run_once>false</run_once>")
    out.append("<placement_policy><affinity>migratable</affinity></placement_policy>")
    out.append("<use_latest_template_version>false</use_latest_template_version>")
    out.append("<next_run_configuration_exists>false</next_run_configuration_exists>")
    out.append("<numa_tune_mode>interleave</numa_tune_mode>")
    if running:
        out.append("<guest_time_zone><name>Etc/GMT</name><utc_offset>+00:00</utc_offset>"
                   "</guest_time_zone>")
    out.append("</vm>")
    return "".join(out)


def vms_document(n, seed=36):
    """(document bytes, list of VM ids) for ``n`` VMs."""
    rng = random.Random(seed)
    pools = _Pools(rng)
    ids = [_uuid(rng) for _ in range(n)]
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<vms>']
    parts += [vm_xml(rng, pools, i, vm_id) for i, vm_id in enumerate(ids)]
    parts.append("</vms>")
    return _as_engine_renders("".join(parts)), ids


def _as_engine_renders(text):
    """The engine serialises with JAXB's formatted output: one element per line,
    indented by four spaces. Whitespace-only text is part of what a client parses."""
    from lxml import etree
    root = etree.fromstring(text.encode("utf-8"))
    etree.indent(root, space="    ")
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + etree.tostring(root, encoding="utf-8") + b"\n")


def vm_document(vm_id, seed=1):
    """A single VM document (what ``GET /vms/<id>`` answers)."""
    rng = random.Random(seed)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + vm_xml(rng, _Pools(rng), 1, vm_id)).encode("utf-8")


def api_document():
    links = ("capabilities", "clusters", "datacenters", "events", "hosts", "networks",
             "storagedomains", "tags", "templates", "users", "groups", "roles", "vms",
             "vmpools", "disks", "jobs", "instancetypes", "macpools")
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<api>']
    out += ['<link href="%s/%s" rel="%s"/>' % (PREFIX, rel, rel) for rel in links]
    out.append('<link href="%s/vms?search={query}" rel="vms/search"/>' % PREFIX)
    out.append('<special_objects><link href="%s/templates/00000000-0000-0000-0000-'
               '000000000000" rel="templates/blank"/></special_objects>' % PREFIX)
    out.append('<product_info><name>oVirt Engine</name><vendor>ovirt.org</vendor>'
               '<version major="3" minor="6" build="7" revision="0"/>'
               '<full_version>3.6.7.5-1.el7.centos</full_version></product_info>')
    out.append('<summary><vms><total>2000</total><active>1200</active></vms>'
               '<hosts><total>40</total><active>40</active></hosts>'
               '<users><total>3</total><active>1</active></users>'
               '<storage_domains><total>4</total><active>4</active></storage_domains>'
               '</summary>')
    out.append("<time>2016-06-01T12:00:00.000+02:00</time>")
    out.append("</api>")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------- v4 shapes

def _v4_vm(vm):
    """Rewrite one v3 ``<vm>`` element in place into the v4 API's shape (what
    ovirt-engine-sdk-python 4.x reads): status as text, CPU topology and OS type as
    child elements, boot devices under ``<devices>``."""
    from lxml import etree
    status = vm.find("status")
    if status is not None:
        status.text = status.findtext("state")
        for child in list(status):
            status.remove(child)
    topology = vm.find("cpu/topology")
    if topology is not None:
        for name in ("cores", "sockets", "threads"):
            value = topology.attrib.pop(name, None)
            if value is not None:
                etree.SubElement(topology, name).text = value
    os_ = vm.find("os")
    if os_ is not None:
        os_type = os_.attrib.pop("type", None)
        boots = os_.findall("boot")
        for boot in boots:
            os_.remove(boot)
        if boots:
            boot = etree.Element("boot")
            devices = etree.SubElement(boot, "devices")
            for b in boots:
                etree.SubElement(devices, "device").text = b.get("dev")
            os_.insert(0, boot)
        if os_type is not None:
            etree.SubElement(os_, "type").text = os_type
    return vm


def as_v4(document):
    """The v4-shaped form of a v3 ``<vms>`` or ``<vm>`` document (bytes)."""
    from lxml import etree
    root = etree.fromstring(document)
    for vm in ([root] if root.tag == "vm" else root.iterchildren("vm")):
        _v4_vm(vm)
    indented = b"\n    " in document[:4096]
    if indented:
        etree.indent(root, space="    ")
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + etree.tostring(root, encoding="utf-8") + (b"\n" if indented else b""))


def action_document(version=3):
    """What the engine answers to ``POST /vms/<id>/start`` (a completed action)."""
    status = ("<status><state>complete</state></status>" if version == 3
              else "<status>complete</status>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<action>%s'
            '<async>false</async><vm id="%s"/></action>' % (status, "%s")).encode("utf-8")
