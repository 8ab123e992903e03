"""What the fake engine does beyond storing what it is sent: the engine's defaults,
the state changes of the common actions, the checks that fail, and the default
environment. Each rule is an entry of a table keyed on the type (and, for views, the owner's
type) it applies to: ``DEFAULTS``, ``AFTER_CREATE``, ``AFTER_UPDATE``,
``VIEW_OVERLAY``, ``BEFORE_CREATE_CHILD``, ``ON_ATTACH``, ``ON_DETACH``,
``BEFORE_DELETE``, ``ACTIONS``.  A new behaviour is a function and one table entry;
everything else is served by the generic operations (``operations.py``) over the
state (``state.py``), the same for every dialect.
"""
import datetime
import uuid

from ovirtsdk.xml import params as P

from . import search
from .fault import Fault

ZERO_ID = "00000000-0000-0000-0000-000000000000"
GiB = 1024 ** 3

# Labels the engine uses for a type in its messages ("Cannot add VM. ...").
LABELS = {
    "VM": "VM", "Host": "Host", "StorageDomain": "Storage Domain", "DataCenter": "Data Center",
    "Cluster": "Cluster", "Template": "Template", "NIC": "Interface", "HostNIC": "Interface",
    "Network": "Network", "Disk": "Virtual Disk", "VmPool": "VM-Pool", "Tag": "Tag",
    "Role": "Role", "VnicProfile": "VM network interface profile", "Bookmark": "Bookmark",
    "InstanceType": "Instance Type", "MacPool": "MAC Pool", "Snapshot": "Snapshot",
    "CpuProfile": "CPU Profile", "DiskProfile": "Disk Profile", "QoS": "QoS",
    "AffinityGroup": "Affinity Group", "User": "User", "Group": "Group",
}

# Types whose names need not be unique within their collection.
NON_UNIQUE_NAMES = {"Disk", "Event", "File", "Permission", "Statistic", "Snapshot",
                    "Application", "ReportedDevice", "Session", "Image", "KatelloErratum",
                    "CdRom", "Floppy", "GraphicsConsole", "HostDevice", "Label", "Permit",
                    "Job", "Step", "Hook", "Agent", "NumaNode", "VirtualNumaNode",
                    "NetworkAttachment", "StorageConnection", "IscsiBond"}

# Created asynchronously by the engine: 202 Accepted unless ``Expect: 201-created``.
ASYNC_CREATE = {"Disk", "Template", "Snapshot"}

# Never linked into the views of what they reference when created (attaching a
# storage domain is an explicit request; events reference everything).
NOT_AUTO_LINKED = {"StorageDomain", "Event"}

# Ids counted up from 1 instead of UUIDs.
SEQUENTIAL_IDS = {"Event"}

# Identified by the id the client gives (a network label's id is its name-like text).
GIVEN_IDS = {"Label"}

# Parameters the engine accepts under another name than the RSDL requires:
# ``disk.provisioned_size`` is satisfied by the older ``disk.size`` (the guide's example);
# ``datacenter.local`` by the older ``storage_type`` (the 3.6 engine takes either).
PARAM_ALIASES = {"provisioned_size": ("size",), "local": ("storage_type",)}

def _san_domain_sets(link, root):
    """An iSCSI/FCP domain is accepted with its logical units under ``storage`` or
    under ``storage/volume_group``, each named by its id (the engine logs in with the
    address/port/target a unit carries); the RSDL's set asks for every unit field."""
    storage = root.find("storage")
    if storage is None or (storage.findtext("type") or "").strip() not in ("iscsi", "fcp"):
        return []
    if root.find("host") is None or not (root.findtext("type") or "").strip():
        return []
    units = storage.findall("logical_unit") + storage.findall("volume_group/logical_unit")
    if not units or any(not (u.get("id") or u.findtext("id")) for u in units):
        return []
    return [i for i, (_, params_) in enumerate(link.sets)
            if any(p[0].endswith(".logical_unit") for p in params_)] or [0]


# (method, body type) -> fn(link, root): the parameter sets a body satisfies in the
# engine's eyes when it fills none of the RSDL's sets to the letter.
ACCEPTED_SETS = {("POST", "StorageDomain"): _san_domain_sets}


def accepted_sets(method, link, root):
    fn = ACCEPTED_SETS.get((method, link.body_type))
    return fn(link, root) if fn is not None else []


# Fields never echoed back (the engine does not render secrets).
SECRET_FIELDS = {"password", "root_password"}

# Enumerations the engine validates: (type, element) -> (enum name, values).
ENUMS = {
    ("VM", "type"): ("VmType", ("desktop", "server")),
    ("Template", "type"): ("VmType", ("desktop", "server")),
    ("Disk", "interface"): ("DiskInterface", ("ide", "virtio_scsi", "virtio", "spapr_vscsi")),
    ("Disk", "format"): ("DiskFormat", ("cow", "raw")),
    ("NIC", "interface"): ("NicInterface", ("e1000", "virtio", "rtl8139", "rtl8139_virtio",
                                            "spapr_vlan", "pci_passthrough")),
    ("StorageDomain", "type"): ("StorageDomainType", ("data", "iso", "export", "image",
                                                      "volume")),
    ("StorageDomain", "storage_format"): ("StorageFormat", ("v1", "v2", "v3")),
    ("Storage", "type"): ("StorageType", ("iscsi", "fcp", "nfs", "localfs", "posixfs",
                                          "glusterfs", "glance", "cinder")),
    ("Boot", "dev"): ("BootDevice", ("cdrom", "hd", "network")),
    ("Display", "type"): ("DisplayType", ("vnc", "spice")),
}

DEFAULT_ISO_FILES = ("RHEL6.3-Server-x86_64-DVD1.iso", "Fedora-Server-DVD-x86_64-23.iso",
                     "windows_example.iso", "virtio-win_x86.vfd")


def unique_name(kind):
    """True when two entities of ``kind`` may not share a name in one collection."""
    return kind not in NON_UNIQUE_NAMES


def kind(obj):
    """The params type name a rule is keyed on (``"VM"``, ``"StorageDomain"``)."""
    return type(obj).__name__


def status(state):
    return P.Status(state=state)


def cannot(action, label, reason, status_code=409):
    return Fault(status_code, "Operation Failed", "[Cannot %s %s. %s]" % (action, label, reason))


def validate_enums(obj, type_name=None):
    """400 'Invalid value' for a value outside an enumeration the engine checks."""
    from ovirtsdk.xml import runtime
    if obj is None:
        return
    type_name = type_name or kind(obj)
    for f in runtime.info(type(obj)).fields:
        value = obj.__dict__.get(f.name)
        if value is None:
            continue
        enum = ENUMS.get((type_name, f.xml))
        if enum and isinstance(value, str) and value.lower() not in enum[1]:
            raise Fault(400, "Invalid value",
                        "%s is not a member of %s. Possible values for %s are: %s"
                        % (value, enum[0], enum[0], ", ".join(enum[1])))
        if f.cls is not None:
            for item in (value if f.many else [value]):
                if item is not None:
                    validate_enums(item, kind(item))


# ---------------------------------------------------------------- defaults

_NOT_INHERITED = {"href", "id", "name", "description", "comment", "actions", "link", "status",
                  "creation_time", "creation_status", "version", "vm", "permissions",
                  "extensiontype_"}


def _cpu_and_os_defaults(obj, architecture):
    """A VM's or template's CPU, CPU shares and OS as the engine fills them: a partial
    topology gets 1 for what is missing, an OS without boot devices boots from ``hd``."""
    if obj.cpu is None:
        obj.cpu = P.CPU(architecture=architecture)
    if obj.cpu.topology is None:
        obj.cpu.topology = P.CpuTopology()
    topology = obj.cpu.topology
    for name in ("sockets", "cores", "threads"):
        if getattr(topology, name) is None:
            setattr(topology, name, 1)
    if obj.cpu_shares is None:
        obj.cpu_shares = 0
    if obj.os is None:
        obj.os = P.OperatingSystem(type_="other")
    if obj.os.type_ is None:
        obj.os.type_ = "other"
    if not obj.os.boot:
        obj.os.boot = [P.Boot(dev="hd")]


def _vm_defaults(engine, obj, parent):
    template = engine.referenced(obj.template)
    if template is not None:
        # Unset VmBase values come from the template, as in the engine.
        from ovirtsdk.xml import runtime
        for f in runtime.info(P.VmBase).fields:
            if f.name in _NOT_INHERITED or getattr(obj, f.name, None) is not None:
                continue
            value = getattr(template.obj, f.name, None)
            if value is not None:
                setattr(obj, f.name, engine.clone(value))
    obj.status = status("down")
    obj.type_ = obj.type_ or "server"
    obj.memory = obj.memory or GiB
    _cpu_and_os_defaults(obj, "x86_64")
    if obj.display is None:
        obj.display = P.Display(type_="spice", monitors=1, single_qxl_pci=False,
                                allow_override=False, smartcard_enabled=False,
                                file_transfer_enabled=True, copy_paste_enabled=True)
    if obj.stateless is None:
        obj.stateless = False
    if obj.delete_protected is None:
        obj.delete_protected = False
    if obj.high_availability is None:
        obj.high_availability = P.HighAvailability(enabled=False, priority=0)
    if obj.placement_policy is None:
        obj.placement_policy = P.VmPlacementPolicy(affinity="migratable")
    if obj.memory_policy is None:
        obj.memory_policy = P.MemoryPolicy(guaranteed=obj.memory)
    if obj.usb is None:
        obj.usb = P.Usb(enabled=False)
    obj.origin = obj.origin or "ovirt"
    obj.creation_time = engine.now()
    if obj.start_paused is None:
        obj.start_paused = False


def _template_defaults(engine, obj, parent):
    source = engine.referenced(obj.vm)
    if source is not None:
        # A template made from a VM takes the VM's configuration.
        from ovirtsdk.xml import runtime
        for f in runtime.info(P.VmBase).fields:
            if f.name in _NOT_INHERITED or getattr(obj, f.name, None) is not None:
                continue
            value = getattr(source.obj, f.name, None)
            if value is not None:
                setattr(obj, f.name, engine.clone(value))
    obj.status = status("ok")
    obj.type_ = obj.type_ or "server"
    obj.memory = obj.memory or GiB
    obj.creation_time = obj.creation_time or engine.now()
    obj.origin = obj.origin or "ovirt"
    _cpu_and_os_defaults(obj, None)
    if obj.stateless is None:
        obj.stateless = False
    if obj.version is None:
        obj.version = P.TemplateVersion(version_number=1, version_name="base version")


def _host_defaults(engine, obj, parent):
    obj.status = status("up")
    obj.type_ = obj.type_ or "rhel"
    obj.port = obj.port or 54321
    obj.protocol = obj.protocol or "stomp"
    obj.memory = obj.memory or 16 * GiB
    obj.max_scheduling_memory = obj.max_scheduling_memory or 15 * GiB
    if obj.cpu is None:
        obj.cpu = P.CPU(name="Intel(R) Xeon(R) CPU E5-2620 v2 @ 2.10GHz", speed=2100,
                        topology=P.CpuTopology(sockets=1, cores=6, threads=2))
    if obj.summary is None:
        obj.summary = P.VmSummary(active=0, migrating=0, total=0)
    if obj.spm is None:
        obj.spm = P.SPM(priority=5, status=status("none"))
    if obj.version is None:
        obj.version = P.Version(major=4, minor=17, build_=35, revision=0,
                                full_version="vdsm-4.17.35-1.el7.centos")
    if obj.os is None:
        obj.os = P.OperatingSystem(type_="RHEL", version=P.Version(
            full_version="7 - 2.1511.el7.centos.2.10", major=7))
    if obj.cluster is None:
        obj.cluster = engine.ref(engine.find("clusters", name="Default"))


def _storage_domain_defaults(engine, obj, parent):
    obj.status = status("unattached")
    obj.master = False
    obj.available = obj.available or 100 * GiB
    obj.used = obj.used or 5 * GiB
    obj.committed = obj.committed or 0
    obj.storage_format = obj.storage_format or ("v1" if obj.type_ == "iso" else "v3")
    if obj.wipe_after_delete is None:
        obj.wipe_after_delete = False
    obj.warning_low_space_indicator = obj.warning_low_space_indicator or 10
    obj.critical_space_action_blocker = obj.critical_space_action_blocker or 5
    obj.data_center = None        # attaching is a separate request
    obj.host = None               # used to connect, not stored
    obj.format = None
    obj.import_ = None


def _dc_storage_type_as_local(obj):
    """A 3.6 engine takes a data center's (deprecated) ``storage_type`` as ``local``
    (localfs or not) and keeps and reports only ``local`` (its DataCenterMapper
    never writes ``storage_type`` back)."""
    if obj.storage_type is not None:
        if obj.local is None:
            obj.local = str(obj.storage_type).lower() == "localfs"
        obj.storage_type = None


def _data_center_defaults(engine, obj, parent):
    obj.status = status("uninitialized")
    _dc_storage_type_as_local(obj)
    if obj.local is None:
        obj.local = False
    obj.storage_format = obj.storage_format or "v3"
    if obj.version is None:
        obj.version = P.Version(major=3, minor=6)
    obj.supported_versions = P.SupportedVersions(version=[P.Version(major=3, minor=6)])
    obj.quota_mode = obj.quota_mode or "disabled"


def _cluster_defaults(engine, obj, parent):
    if obj.version is None:
        obj.version = P.Version(major=3, minor=6)
    if obj.memory_policy is None:
        obj.memory_policy = P.MemoryPolicy(
            overcommit=P.MemoryOverCommit(percent=100),
            transparent_hugepages=P.TransparentHugePages(enabled=True))
    if obj.error_handling is None:
        obj.error_handling = P.ErrorHandling(on_error="migrate")
    for name, value in (("virt_service", True), ("gluster_service", False),
                        ("threads_as_cores", False), ("tunnel_migration", False),
                        ("trusted_service", False), ("ha_reservation", False),
                        ("ballooning_enabled", False)):
        if getattr(obj, name) is None:
            setattr(obj, name, value)
    if obj.cpu is not None and obj.cpu.architecture is None:
        obj.cpu.architecture = "x86_64"


def _network_defaults(engine, obj, parent):
    if obj.stp is None:
        obj.stp = False
    if obj.mtu is None:
        obj.mtu = 0
    if obj.usages is None:
        obj.usages = P.Usages(usage=["vm"])
    if obj.required is None:
        obj.required = True


def _disk_defaults(engine, obj, parent):
    size = obj.provisioned_size or obj.size or 0
    obj.provisioned_size = obj.size = size
    obj.actual_size = obj.actual_size or 0
    if not obj.alias:
        if obj.name:
            obj.alias = obj.name
        elif parent is not None and kind(parent.obj) == "VM":
            n = len(parent.children["disks"]) + 1 if "disks" in parent.children else 1
            obj.alias = "%s_Disk%d" % (parent.name, n)
        else:
            obj.alias = "Disk%d" % (len(engine.top["disks"]) + 1)
    obj.name = obj.alias
    obj.status = status("ok")
    obj.format = obj.format or "raw"
    obj.interface = obj.interface or "virtio"
    if obj.sparse is None:
        obj.sparse = obj.format == "cow"
    for name in ("bootable", "shareable", "propagate_errors", "wipe_after_delete",
                 "read_only"):
        if getattr(obj, name, None) is None:
            setattr(obj, name, False)
    obj.storage_type = obj.storage_type or "image"
    obj.image_id = obj.image_id or str(uuid.uuid4())
    obj.active = None             # per VM: kept in the VM's view
    obj.snapshot = None


def next_mac(engine, prefix="00:1a:4a:16"):
    """MAC addresses from the engine's default pool range, one after the other."""
    engine.macs_used = getattr(engine, "macs_used", 0) + 1
    n = 0x0151 + engine.macs_used
    return "%s:%02x:%02x" % (prefix, n >> 8 & 0xff, n & 0xff)


def _nic_defaults(engine, obj, parent):
    obj.interface = obj.interface or "virtio"
    if obj.mac is None or obj.mac.address is None:
        obj.mac = P.MAC(address=next_mac(engine))
    if obj.linked is None:
        obj.linked = True
    if obj.plugged is None:
        obj.plugged = True if obj.active is None else obj.active
    obj.active = obj.plugged          # the 3.6 engine reports both, the same
    if obj.network is not None and obj.vnic_profile is None:
        net = engine.referenced(obj.network)
        if net is not None and "vnicprofiles" in net.children:
            profile = next(iter(net.children["vnicprofiles"]), None)
            if profile is not None:
                obj.vnic_profile = engine.ref(profile.entity)


def _snapshot_defaults(engine, obj, parent):
    obj.type_ = obj.type_ or "regular"
    obj.snapshot_status = obj.snapshot_status or "ok"
    obj.date = obj.date or engine.now()
    if obj.vm is None and parent is not None:
        obj.vm = engine.ref(parent, P.VM)
    if obj.persist_memorystate is None:
        obj.persist_memorystate = False


def _event_defaults(engine, obj, parent):
    obj.time = obj.time or engine.now()
    obj.severity = obj.severity or "normal"
    obj.origin = obj.origin or "oVirt"
    if obj.custom_id is None:
        obj.custom_id = -1
    if obj.flood_rate is None:
        obj.flood_rate = 30


def _vnic_profile_defaults(engine, obj, parent):
    if obj.port_mirroring is None:
        obj.port_mirroring = False


DEFAULTS = {"VM": _vm_defaults, "Template": _template_defaults, "Host": _host_defaults,
            "StorageDomain": _storage_domain_defaults, "DataCenter": _data_center_defaults,
            "Cluster": _cluster_defaults, "Network": _network_defaults,
            "Disk": _disk_defaults, "NIC": _nic_defaults, "Event": _event_defaults,
            "Snapshot": _snapshot_defaults, "VnicProfile": _vnic_profile_defaults}


def apply_defaults(engine, obj, parent):
    fn = DEFAULTS.get(kind(obj))
    if fn is not None:
        fn(engine, obj, parent)


# ---------------------------------------------------------------- after creation

# (name, description, kind, value type, unit, datum: a member of the owner or a number)
VM_STATISTICS = (("memory.installed", "Total memory configured", "gauge", "integer", "bytes",
                  "memory"),
                 ("memory.used", "Memory used (agent)", "gauge", "integer", "bytes", 0),
                 ("cpu.current.guest", "CPU used by guest", "gauge", "decimal", "percent", 0),
                 ("elapsed.time", "Elapsed VM runtime", "gauge", "integer", "seconds", 0))
HOST_STATISTICS = (("memory.total", "Total memory", "gauge", "integer", "bytes", "memory"),
                   ("cpu.current.idle", "CPU idle", "gauge", "decimal", "percent", 100))


def statistic(engine, name, description, kind_, value_type, unit, datum, owner_key, owner):
    """One statistic of ``owner`` as 3.6 writes it (types and units in capitals, the
    datum inside ``<values type>``); the v4 rules write their own."""
    stat = P.Statistic(name=name, description=description, type_=kind_.upper(),
                       unit=unit.upper(), values=P.Values(
                           type_=value_type.upper(), value=[P.Value(datum=datum)]))
    engine.access.set_ref(engine, stat, owner_key, owner)
    return stat


def _add_statistics(engine, entity, table, owner_key):
    """A VM's or host's statistics (``vms/{id}/statistics``), their data from ``table``."""
    a = engine.access
    for name, description, kind_, value_type, unit, datum in table:
        if isinstance(datum, str):
            datum = a.get(entity.obj, datum) or 0
        # kept as made: a statistic has no defaults, rules or views to join
        engine.store(engine.children(entity, "statistics"), engine.rules.statistic(
            engine, name, description, kind_, value_type, unit, datum, owner_key, entity))


def _vm_created(engine, entity, parent):
    a = engine.access
    # Every VM has one (empty) CD-ROM device with the well-known id ...
    engine.create_child(entity, "cdroms", a.new("CdRom"), id_=ZERO_ID)
    # ... and the snapshot standing for its current state.
    snapshot = a.new("Snapshot", description="Active VM", type="active",
                     snapshot_status="ok", date=engine.now())
    a.set_ref(engine, snapshot, "vm", entity)
    engine.create_child(entity, "snapshots", snapshot)
    _add_statistics(engine, entity, VM_STATISTICS, "vm")
    _vm_from_template(engine, entity)


def _cluster_created(engine, entity, parent):
    """A new cluster has a CPU profile of its name and carries its data center's
    management network (3.6's AddVdsGroupCommand, as 4.x engines)."""
    a = engine.access
    profile = a.new("CpuProfile", name=entity.name)
    a.set_ref(engine, profile, "cluster", entity)
    engine.create_top("cpuprofiles", profile)
    dc = _ref_id(a, a.get(entity.obj, "data_center"))
    mgmt = next((m.entity for m in engine.top["networks"] if dc and m.entity.name ==
                 "ovirtmgmt" and _ref_id(a, a.get(m.entity.obj, "data_center")) == dc), None)
    if mgmt is not None:
        values = a.new("Network")
        a.set_items(values, "usages", a.items(mgmt.obj, "usages"))
        engine.link(engine.children(entity, "networks"), mgmt,
                    overlay=cluster_network_values(engine, values))


def _network_created(engine, entity, parent):
    """A VM network comes with a vNIC profile of its name, unless the request says
    ``profile_required`` false (3.6's AddNetworkCommand, as 4.x engines)."""
    a = engine.access
    if a.get(entity.obj, "profile_required") is False or \
            "vm" not in a.items(entity.obj, "usages") or \
            engine.find("vnicprofiles", name=entity.name) is not None:
        return
    profile = a.new("VnicProfile", name=entity.name)
    a.set_ref(engine, profile, "network", entity)
    engine.create_top("vnicprofiles", profile, id_=engine.rules.VNIC_PROFILE_IDS.get(entity.id))


# The well-known ids of default vNIC profiles: {network id: its profile's id}.
VNIC_PROFILE_IDS = {}


def _pool_created(engine, entity, parent):
    """A pool's VMs: ``size`` of them (1 when not given), ``<pool>-1``, ``<pool>-2`` ...
    on the pool's cluster and template."""
    a = engine.access
    obj = entity.obj
    for i in range(1, int(a.get(obj, "size") or 1) + 1):
        vm = a.new("VM", name="%s-%d" % (entity.name, i))
        for name in ("cluster", "template"):
            target = engine.referenced(a.get(obj, name))
            if target is not None:
                a.set_ref(engine, vm, name, target)
        a.set_ref(engine, vm, "vmpool", entity)
        engine.create_top("vms", vm)


def _vm_created_event(engine, entity, parent):
    engine.event(34, "VM %s was created by %s." % (entity.name, engine.user), vm=entity)


def _template_created_event(engine, entity, parent):
    if entity.id != ZERO_ID:
        engine.event(51, "Creation of Template %s from VM was initiated by %s."
                     % (entity.name, engine.user), template=entity)


def _host_created(engine, entity, parent):
    """A host has one NIC, eth0, carrying ovirtmgmt by DHCP."""
    a = engine.access
    mgmt = engine.find("networks", name="ovirtmgmt")
    nic = a.new("HostNIC", name="eth0", boot_protocol="dhcp", speed=1000000000,
                mtu=1500, bridged=True)
    a.set_ref(engine, nic, "host", entity)
    a.set(nic, "mac", a.new("MAC", address=next_mac(engine, "52:54:00:6e")))
    a.set(nic, "ip", a.new("IP", address="192.0.2.%d" % (10 + len(engine.top["hosts"])),
                           netmask="255.255.255.0", gateway="192.0.2.1", version="v4"))
    a.set_state(nic, "up")
    nic = engine.create_child(entity, "nics", nic)
    _add_statistics(engine, entity, HOST_STATISTICS, "host")
    if mgmt is not None:
        attach_host_network(engine, entity, mgmt, nic, {"ip_address_assignments": [
            a.new("IpAddressAssignment", assignment_method="dhcp")]})
        sync_nic_networks(engine, entity)


# How a disk is attached to its VM or template: 3.6 keeps these on the disk, v4 on its
# disk attachment.
_ATTACHED = ("bootable", "interface")
# What a VM add request may set of each template disk its VM gets (3.6's
# diskInfoDestinationMap, v4's disk attachments naming template disks).
_TEMPLATE_DISK_CHOICES = ("alias", "description", "format", "sparse", "storage_domains")


def owner_disks(engine, owner):
    """(disk, how it is attached: {bootable, interface}) for each disk of a VM or
    template (v3: its ``disks`` view; v4: its disk attachments, whose ids are their
    disks')."""
    a = engine.access
    out = []
    for segment in ("disks", "diskattachments"):
        for m in list(owner.children.get(segment) or ()):
            disk = engine.find("disks", id_=m.entity.id)
            if disk is not None:
                out.append((disk, {k: a.get(m.entity.obj, k) for k in _ATTACHED
                                   if a.get(m.entity.obj, k) is not None}))
    return out


def add_owner_disk(engine, owner, obj, attached, id_=None):
    """A new disk ``obj`` of a VM or template, attached as ``attached`` says: v4 a
    disk attachment (its id the disk's), v3 a member of the owner's ``disks`` view."""
    a = engine.access
    if "diskattachments" in engine.model.subcollections(owner.home.info.resource_href):
        disk = engine.create_top("disks", obj, id_=id_)
        att = a.new("DiskAttachment", **attached)
        a.set_ref(engine, att, "disk", disk)
        engine.create_child(owner, "diskattachments", att, id_=disk.id)
        return disk
    for name, value in attached.items():
        a.set(obj, name, value)
    view = engine.children(owner, "disks")
    overlay = view_overlay(view, obj)
    disk = engine.create(engine.top["disks"], obj, view=view, id_=id_)
    view.members[disk.id].overlay.update(overlay)
    return disk


def _copy_disk(engine, disk, choices=None):
    """A new disk like ``disk`` (its alias, format, domains), with its own id and
    image; ``choices`` (a disk a request sent) replaces what it sets of those."""
    a = engine.access
    copy = a.clone(disk.obj)
    for name in ("id", "image_id", "name", "status"):
        a.set(copy, name, None)
    for name in _TEMPLATE_DISK_CHOICES:
        value = a.get(choices, name) if choices is not None else None
        if value is not None:
            a.set(copy, name, a.clone(value))
    return copy


def copy_nics(engine, source, target):
    """``target`` (a template made from a VM, a VM made from a template) gets a NIC
    like each of ``source``'s: name, interface, network and vNIC profile (new MACs)."""
    a = engine.access
    for m in list(source.children.get("nics") or ()):
        nic = a.new("NIC", name=m.entity.name, interface=a.get(m.entity.obj, "interface"))
        for name in ("network", "vnic_profile"):
            ref = engine.referenced(a.get(m.entity.obj, name))
            if ref is not None:
                a.set_ref(engine, nic, name, ref)
        engine.create_child(target, "nics", nic)


def take_requested(engine, obj):
    """What an add request lists for the rules to make, taken off its entity before it
    is stored ({"disks": the template disks a VM add chooses for, as
    [(disk, how it is attached)] by the dialect's ``requested_disks``; "bricks": a
    new gluster volume's bricks}), or None. ``engine.create`` hands it to the rules
    as ``engine.requested``."""
    a = engine.access
    out = {}
    disks = engine.rules.requested_disks(engine, obj)
    if disks:
        out["disks"] = disks
    if a.kind(obj) == "GlusterVolume" and a.items(obj, "bricks"):
        out["bricks"] = a.items(obj, "bricks")
        a.set_items(obj, "bricks", [])
    return out or None


def requested_disks(engine, obj):
    """The template disks a 3.6 VM add request chooses for (``<disks><disk id=…>``),
    references resolved: [(disk, how it is attached)], or None."""
    if kind(obj) != "VM" or obj.disks is None or not obj.disks.disk:
        return None
    href = engine.model.collections["disks"].resource_href
    out = []
    for disk in obj.disks.disk:
        engine.normalize(disk, href, keep=("id",))
        out.append((disk, {k: engine.access.get(disk, k) for k in _ATTACHED
                           if engine.access.get(disk, k) is not None}))
    return out


def check_requested(engine, obj, requested):
    """Before a VM is created: each disk its request lists is one of its template's
    (400 naming the first that is not)."""
    requested = (requested or {}).get("disks")
    if not requested:
        return
    a = engine.access
    template = engine.referenced(a.get(obj, "template"))
    ids = {d.id for d, _ in owner_disks(engine, template)} if template is not None else set()
    for disk, _ in requested:
        if a.get(disk, "id") not in ids:
            raise Fault(400, "Operation Failed", "[Cannot add VM. The disk %s is not a disk "
                        "of the template %s.]" % (a.get(disk, "id"),
                                                  template.name if template else "given"))


def _imported_disks(engine, entity):
    """An imported VM or template gets the disks its export kept
    (``engine.requested["imported"]``: (disk, id) pairs); True when it was imported."""
    imported = (engine.requested or {}).pop("imported", None)
    if imported is None:
        return False
    for obj, ident in imported:
        add_owner_disk(engine, entity, obj, {}, id_=ident)
    return True


def _vm_from_template(engine, entity):
    """A VM gets a copy of each disk and NIC of its template (an imported one, its
    exported disks instead). The disks its request listed (``engine.requested``,
    checked by ``check_requested``) choose, by the template disk's id, a copy's alias,
    format and storage domain."""
    a = engine.access
    if _imported_disks(engine, entity):
        return
    requested = {a.get(d, "id"): (d, attached) for d, attached in
                 (engine.requested or {}).pop("disks", ())}
    template = engine.referenced(a.get(entity.obj, "template"))
    for disk, attached in owner_disks(engine, template) if template is not None else ():
        choices, chosen = requested.get(disk.id, (None, {}))
        add_owner_disk(engine, entity, _copy_disk(engine, disk, choices),
                       dict(attached, **chosen))
    if template is not None:
        copy_nics(engine, template, entity)


def _gluster_volume_created(engine, entity, parent):
    """A new gluster volume's bricks (``engine.requested``) are members of its bricks
    sub-collection, each named ``host:brick_dir`` as the engine names them."""
    a = engine.access
    bricks = (engine.requested or {}).pop("bricks", ())
    segment = next((seg for seg, href in engine.model.subcollections(
        entity.home.info.resource_href).items()
        if engine.model.collections[href].member_type == "GlusterBrick"), None)
    for brick in bricks if segment is not None else ():
        for name in ("id", "href", "status"):
            a.set(brick, name, None)
        if not a.get(brick, "name"):
            host = engine.find("hosts", id_=a.get(brick, "server_id"))
            a.set(brick, "name", "%s:%s" % (a.get(host.obj, "address") if host else
                                            a.get(brick, "server_id"),
                                            a.get(brick, "brick_dir")))
        a.set_ref(engine, brick, "gluster_volume", entity)
        engine.create_child(entity, segment, brick)


def _template_created(engine, entity, parent):
    """A template made from a VM gets a copy of each of the VM's disks (same alias,
    attached the same way) and NICs (an imported one, its exported disks)."""
    if _imported_disks(engine, entity):
        return
    vm = engine.referenced(engine.access.get(entity.obj, "vm"))
    if vm is None:
        return
    for disk, attached in owner_disks(engine, vm):
        add_owner_disk(engine, entity, _copy_disk(engine, disk), attached)
    copy_nics(engine, vm, entity)


def _snapshot_created(engine, entity, parent):
    """A snapshot (not the active one) holds the VM's disks as they were: a copy of
    each, same id, with the image the snapshot keeps (``snapshots/{id}/disks``)."""
    a = engine.access
    if parent is None or a.kind(parent.obj) != "VM" or \
            a.get(entity.obj, "type") == "active":
        return
    for disk, _ in owner_disks(engine, parent):
        copy = a.clone(disk.obj)
        a.set(copy, "image_id", str(uuid.uuid4()))
        a.set_ref(engine, copy, "snapshot", entity)
        engine.store(engine.children(entity, "disks"), copy, disk.id)


def _host_created_event(engine, entity, parent):
    engine.event(42, "Host %s was added by %s." % (entity.name, engine.user), host=entity)


def _storage_domain_created_event(engine, entity, parent):
    engine.event(956, "Storage Domain %s was added by %s."
                 % (entity.name, engine.user), storage_domain=entity)


def _label_created(engine, entity, parent):
    """A new label on a network or a host NIC attaches the labelled networks the
    clusters already hold to the NICs that now share a label with them."""
    if parent is None:
        return
    a = engine.access
    if a.kind(parent.obj) == "Network":
        pairs = [(view.owner, parent) for view in parent.views
                 if view.owner is not None and a.kind(view.owner.obj) == "Cluster"]
    elif a.kind(parent.obj) == "HostNIC":
        host = parent.home.owner
        cluster = engine.referenced(a.get(host.obj, "cluster")) if host is not None else None
        nets = cluster.children.get("networks") if cluster is not None else None
        pairs = [(cluster, m.entity) for m in (nets if nets is not None else ())]
    else:
        return
    for cluster, network in pairs:
        attach_labelled_network(engine, cluster, network)


# What follows a creation, written against ``engine.access`` (both dialects): first
# the state (``AFTER_CREATE``), then a dialect's own rules, then the event
# (``CREATED_EVENTS``), keyed on the shared kind.
AFTER_CREATE = {"VM": _vm_created, "Host": _host_created, "Snapshot": _snapshot_created,
                "Label": _label_created, "Cluster": _cluster_created,
                "Network": _network_created, "VmPool": _pool_created,
                "Template": _template_created, "GlusterVolume": _gluster_volume_created}
CREATED_EVENTS = {"VM": _vm_created_event, "Template": _template_created_event,
                  "Host": _host_created_event,
                  "StorageDomain": _storage_domain_created_event}
# ... and the 3.6 dialect's own (this module is its rules).
OWN_AFTER_CREATE = {}


def after_create_shared(engine, entity, parent, own=None):
    """The shared rules of a creation, a dialect's ``own(engine, entity, parent)``
    between the state and the event."""
    kind_ = engine.access.kind(entity.obj)
    fn = AFTER_CREATE.get(kind_)
    if fn is not None:
        fn(engine, entity, parent)
    if own is not None:
        own(engine, entity, parent)
    fn = CREATED_EVENTS.get(kind_)
    if fn is not None:
        fn(engine, entity, parent)


def _own_after_create(engine, entity, parent):
    fn = OWN_AFTER_CREATE.get(kind(entity.obj))
    if fn is not None:
        fn(engine, entity, parent)


def after_create(engine, entity, parent):
    after_create_shared(engine, entity, parent, _own_after_create)


def _disk_renamed(engine, entity, changes):
    alias = engine.access.get(changes, "alias")
    if alias:
        engine.access.set(entity.obj, "name", alias)     # a disk's name is its alias


def _nic_plugged(engine, entity, changes):
    """3.6 reports a NIC's ``plugged`` and ``active``, the same (v4 has no ``active``)."""
    a = engine.access
    if a.get(changes, "plugged") is not None:
        a.set(entity.obj, "active", a.get(changes, "plugged"))
    elif a.get(changes, "active") is not None:
        a.set(entity.obj, "plugged", a.get(changes, "active"))


def _dc_updated(engine, entity, changes):
    """A 3.6 data center's ``storage_type`` is its ``local`` (v4 data centers have no
    ``storage_type``)."""
    if engine.access.get(changes, "storage_type") is not None:
        entity.obj.local = None if changes.local is None else entity.obj.local
        _dc_storage_type_as_local(entity.obj)


# What follows an update already merged into the entity: fn(engine, entity, changes),
# keyed on the shared kind (both dialects; ``_host_nic_updated`` is added where it is
# defined).
AFTER_UPDATE = {"Disk": _disk_renamed, "NIC": _nic_plugged, "DataCenter": _dc_updated}


def after_update(engine, entity, changes):
    fn = AFTER_UPDATE.get(engine.access.kind(entity.obj))
    if fn is not None:
        fn(engine, entity, changes)


def _disk_on_vm_overlay(view, obj):
    return {"active": True if obj.active is None else obj.active}


# (member type, view owner type) -> values the new member holds only in that view.
VIEW_OVERLAY = {("Disk", "VM"): _disk_on_vm_overlay}


def view_overlay(view, obj):
    """Values an entity created through a view holds only there (read before the
    request entity is normalised): a new VM disk is active unless told otherwise."""
    if view.owner is None:
        return {}
    fn = VIEW_OVERLAY.get((kind(obj), kind(view.owner.obj)))
    return fn(view, obj) if fn is not None else {}


# (kind, the view owner's kind) -> the member of a new entity that names the owner it
# was added under (a list member holds it as its one item), both dialects.
OWNER_MEMBERS = {("Disk", "StorageDomain"): ("storage_domains", True),
                 ("Network", "DataCenter"): ("data_center", False),
                 ("VnicProfile", "Network"): ("network", False)}


def set_owner(engine, obj, owner):
    """A new entity added through a view names the view's owner (a disk added under a
    storage domain is on it); True when a rule of ``OWNER_MEMBERS`` applied."""
    a = engine.access
    spec = OWNER_MEMBERS.get((a.kind(obj), a.kind(owner.obj)))
    if spec is None:
        return False
    name, many = spec
    if many:
        a.set_items(obj, name, [engine.ref(owner)])
    else:
        a.set_ref(engine, obj, name, owner)
    return True


def _second_cdrom(engine, coll, obj):
    """A VM has one CD-ROM: adding one sets its file instead (as the engine does)."""
    if len(coll):
        member = next(iter(coll))
        engine.access.set(member.entity.obj, "file", engine.access.get(obj, "file"))
        return member
    return None


# kind -> fn(engine, coll, obj): an existing member that takes the add instead, or None
# (both dialects).
BEFORE_CREATE_CHILD = {"CdRom": _second_cdrom}


def _disk_storage_allowed(engine, coll, obj):
    """Disks live on data domains: ISO and export domains refuse them."""
    sds = obj.storage_domains.storage_domain if obj.storage_domains is not None else []
    for ref in sds or []:
        sd = engine.referenced(ref)
        if sd is not None and sd.obj.type_ in ("iso", "export"):
            raise cannot("add", "Virtual Disk",
                         "Storage Domain type %s is not supported for this operation."
                         % sd.obj.type_.upper(), 409)


# type -> fn(engine, coll, obj): raises the engine's refusal of a create (after the
# request entity was normalised: references are resolved).
BEFORE_CREATE = {"Disk": _disk_storage_allowed}


def before_create(engine, coll, obj):
    fn = BEFORE_CREATE.get(kind(obj))
    if fn is not None:
        fn(engine, coll, obj)


def before_create_child(engine, coll, obj):
    fn = BEFORE_CREATE_CHILD.get(engine.access.kind(obj))
    return fn(engine, coll, obj) if fn is not None else None


# ---------------------------------------------------------------- attach / detach

# A storage domain's status in the data center it was just attached to (until it is
# activated); ``engine.rules`` of a dialect may say otherwise.
ATTACHED_STORAGE_STATE = "maintenance"


def _attach_storage_domain(engine, view, member, body):
    """Attached to a data center, a storage domain is in maintenance there until
    activated; an ISO domain's files appear.  (Both dialects: ``engine.access``.)"""
    a = engine.access
    owner, entity = view.owner, member.entity
    sd = entity.obj
    for other in entity.views:
        if other is not view and other.owner is not None and \
                a.kind(other.owner.obj) == "DataCenter" and a.get(sd, "type") != "iso":
            raise cannot("attach", "Storage Domain",
                         "The Storage Domain is already attached to a Data Center.")
    state = engine.rules.ATTACHED_STORAGE_STATE
    member.overlay["status"] = a.status(state)
    if state == "active" and a.get(sd, "type") == "data":
        a.set_state(owner.obj, "up")
    a.set_state(sd, None)
    a.set_items(sd, "data_centers", a.items(sd, "data_centers") + [engine.ref(owner)])
    if a.get(sd, "type") == "data" and not any(
            a.get(m.entity.obj, "master") for m in view if m is not member):
        a.set(sd, "master", True)
    if a.get(sd, "type") == "iso":
        files = engine.children(entity, "files")
        if not len(files):
            for name in engine.iso_files:
                file_ = a.new("File", name=name, type="iso")
                a.set_ref(engine, file_, "storage_domain", entity)
                engine.create_child(entity, "files", file_, id_=name)
    engine.event(962, "Storage Domain %s was attached to Data Center %s by %s"
                 % (entity.name, owner.name, engine.user), storage_domain=entity,
                 data_center=owner)


def _attach_disk(engine, view, member, body):
    active = getattr(body, "active", None)
    member.overlay["active"] = True if active is None else active


def cluster_network_values(engine, body=None):
    """What a network is in one cluster, its overlay there: operational, required and
    display as the request sets them (required unless it says not, no display), its
    usages there when sent (3.6 and 4.x keep these per cluster, not on the network)."""
    a = engine.access
    required = a.get(body, "required")
    values = a.new("Network", required=True if required is None else required,
                   display=bool(a.get(body, "display")))
    usages = a.items(body, "usages") if body is not None else []
    if usages:
        a.set_items(values, "usages", usages)
    out = a.members(values)
    out["status"] = a.status("operational")
    return out


def _attach_network(engine, view, member, body):
    member.overlay.update(cluster_network_values(engine, body))
    attach_labelled_network(engine, view.owner, member.entity)


# A network's or host NIC's labels (v4 names the sub-collection networklabels).
_LABEL_SEGMENTS = ("labels", "networklabels")


def _label_ids(engine, entity):
    return {m.entity.id for segment in _LABEL_SEGMENTS
            for m in (entity.children.get(segment) or ())}


def attach_labelled_network(engine, cluster, network):
    """A labelled network in a cluster is attached to every NIC of the cluster's hosts
    that carries one of its labels (one network attachment per host NIC)."""
    a = engine.access
    labels = _label_ids(engine, network)
    if not labels:
        return
    for hm in engine.top["hosts"]:
        host = hm.entity
        if _ref_id(a, a.get(host.obj, "cluster")) != cluster.id:
            continue
        for nm in list(host.children.get("nics") or ()):
            nic = nm.entity
            if not labels & _label_ids(engine, nic) or \
                    _attachment_of(engine, host, network_id=network.id) is not None:
                continue
            attach_host_network(engine, host, network, nic)
            sync_nic_networks(engine, host)


# ---------------------------------------------------------------- host networks
# A host's networks are its network attachments (network on host NIC, with the IP
# configuration); each NIC reports the network attached to it (``network``), on 3.6
# and 4.x engines alike. Written against ``engine.access``: the same for both dialects.

# Members of a network attachment a setupnetworks request sets as sent.
_ATTACHMENT_VALUES = ("ip_address_assignments", "properties", "qos",
                      "dns_resolver_configuration")


def _host_nic(engine, host, ref, required_for):
    """The host's NIC a reference names (by id or name); None for no reference."""
    a = engine.access
    if ref is None:
        return None
    ident, name = a.get(ref, "id"), a.get(ref, "name")
    for m in engine.children(host, "nics"):
        if (ident and m.entity.id == ident) or (not ident and name and m.entity.name == name):
            return m.entity
    if not ident and name and "." in name:      # a VLAN device (eth0.100): its base NIC
        base = name.split(".", 1)[0]
        for m in engine.children(host, "nics"):
            if m.entity.name == base:
                return m.entity
    if not ident and not name:
        raise Fault(400, "Incomplete parameters",
                    "HostNic [id|name] required for %s" % required_for)
    raise Fault(400, "Operation Failed", "Entity not found: HostNic: %s" % (ident or name))


def _attachment_of(engine, host, network_id=None, nic_id=None, ident=None):
    a = engine.access
    for m in engine.children(host, "networkattachments"):
        obj = m.entity.obj
        if ident is not None:
            if m.entity.id == ident:
                return m.entity
            continue
        if network_id is not None and _ref_id(a, a.get(obj, "network")) != network_id:
            continue
        if nic_id is not None and _ref_id(a, a.get(obj, "host_nic")) != nic_id:
            continue
        return m.entity
    return None


def attach_host_network(engine, host, network, nic, values=None, ident=None):
    """Network ``network`` on ``nic`` of ``host`` (an existing attachment of that
    network, or the one with id ``ident``, is moved and updated); ``values``: the
    attachment's members as sent (``_ATTACHMENT_VALUES``)."""
    a = engine.access
    existing = _attachment_of(engine, host, ident=ident) if ident else None
    if existing is None:
        existing = _attachment_of(engine, host, network_id=network.id)
    if existing is None:
        obj = a.new("NetworkAttachment")
        a.set_ref(engine, obj, "network", network)
        a.set_ref(engine, obj, "host", host)
        if nic is not None:
            a.set_ref(engine, obj, "host_nic", nic)
        _set_values(a, obj, values)
        if not (values or {}).get("ip_address_assignments"):
            a.set_items(obj, "ip_address_assignments",
                        [a.new("IpAddressAssignment", assignment_method="none")])
        existing = engine.create_child(host, "networkattachments", obj)
    else:
        obj = existing.obj
        a.set_ref(engine, obj, "network", network)
        if nic is not None:
            a.set_ref(engine, obj, "host_nic", nic)
        _set_values(a, obj, values)
    return existing


def _set_values(a, obj, values):
    for name, value in (values or {}).items():
        if isinstance(value, list):
            a.set_items(obj, name, value)
        else:
            a.set(obj, name, value)


def ip_assignment(engine, boot_protocol, ip):
    """The attachment values for a 3.x NIC's boot protocol and IP (None: neither);
    an address without a boot protocol is static, as on 3.6."""
    a = engine.access
    if boot_protocol is None and ip is not None and a.get(ip, "address"):
        boot_protocol = "static"
    if boot_protocol is None and ip is None:
        return None
    item = a.new("IpAddressAssignment", assignment_method=boot_protocol)
    if ip is not None:
        a.set(item, "ip", a.clone(ip))
    return {"ip_address_assignments": [item]}


def sync_nic_networks(engine, host):
    """Each NIC of ``host`` reports the network of its first attachment (or none),
    and that attachment's boot protocol and static IP, as the host reports them."""
    a = engine.access
    by_nic = {}
    for m in engine.children(host, "networkattachments"):
        obj = m.entity.obj
        nic_id = _ref_id(a, a.get(obj, "host_nic"))
        if nic_id is not None and nic_id not in by_nic:
            by_nic[nic_id] = (engine.referenced(a.get(obj, "network")), obj)
    for m in engine.children(host, "nics"):
        nic = m.entity.obj
        network, att = by_nic.get(m.entity.id, (None, None))
        if network is None:
            a.set(nic, "network", None)
            continue
        a.set_ref(engine, nic, "network", network)
        assignment = next(iter(a.items(att, "ip_address_assignments")), None)
        method = a.get(assignment, "assignment_method")
        if method is not None and method != "none":
            a.set(nic, "boot_protocol", method)
            ip = a.get(assignment, "ip")
            if method == "static" and ip is not None:
                a.set(nic, "ip", a.clone(ip))


def _bond_slaves(engine, host, bonding, required_for):
    a = engine.access
    slaves = [_host_nic(engine, host, ref, required_for)
              for ref in a.items(bonding, "slaves")]
    if len(slaves) < 1:
        raise Fault(400, "Incomplete parameters",
                    "HostNic [bonding.slaves.id|name] required for %s" % required_for)
    return slaves


def set_bond(engine, host, bond, name, bonding, required_for):
    """Create (``bond`` None) or change the bond ``name`` of ``host`` from a sent
    ``bonding`` (its slaves by id or name, its options); returns the bond NIC."""
    a = engine.access
    slaves = _bond_slaves(engine, host, bonding, required_for)
    value = a.new("Bonding")
    a.set_items(value, "options", [a.clone(o) for o in a.items(bonding, "options")])
    a.set_items(value, "slaves", [engine.ref(n) for n in slaves])
    if bond is None:
        bond = engine.create_child(host, "nics", a.new(
            "HostNIC", name=name, bridged=True, mtu=1500, boot_protocol="none"))
        a.set_ref(engine, bond.obj, "host", host)
        a.set(bond.obj, "mac", a.clone(a.get(slaves[0].obj, "mac")))
        a.set_state(bond.obj, "up")
    a.set(bond.obj, "bonding", value)
    return bond


def remove_bond(engine, host, bond, destroy=True):
    """A bond goes with the network attachments on it (``destroy`` False: only
    those, the caller removes the bond)."""
    a = engine.access
    if not a.items(a.get(bond.obj, "bonding"), "slaves"):
        raise cannot("remove", "Interface", "The interface %s is not a bond." % bond.name)
    for m in list(engine.children(host, "networkattachments")):
        if _ref_id(a, a.get(m.entity.obj, "host_nic")) == bond.id:
            engine.destroy(m.entity)
    if destroy:
        engine.destroy(bond)


def _host_setup_networks(engine, target, action):
    """``POST /hosts/{id}/setupnetworks``: network attachments added, moved, updated
    and removed (both 3.6 and 4.x serve it)."""
    a = engine.access
    host = target.entity
    for name in ("modified_labels", "removed_labels"):
        if a.items(action, name):
            # a real engine does these; refused rather than answered as done
            raise Fault(400, "Operation Failed", "The fake engine does not simulate "
                        "%s of setupnetworks." % name)
    for ref in a.items(action, "modified_bonds"):
        name = a.get(ref, "name")
        bond = _host_nic(engine, host, ref, "setupnetworks") if a.get(ref, "id") else \
            next((m.entity for m in engine.children(host, "nics") if m.entity.name == name),
                 None)
        if bond is None and not name:
            raise Fault(400, "Incomplete parameters",
                        "HostNic [name] required for setupnetworks")
        set_bond(engine, host, bond, name, a.get(ref, "bonding"), "setupnetworks")
    for att in a.items(action, "modified_network_attachments"):
        network = engine.referenced(a.get(att, "network"))
        ident = a.get(att, "id")
        current = _attachment_of(engine, host, ident=ident) if ident else None
        if network is None and current is not None:
            network = engine.referenced(a.get(current.obj, "network"))
        if network is None:
            raise Fault(400, "Incomplete parameters",
                        "NetworkAttachment [network.id|name] required for setupnetworks")
        nic = _host_nic(engine, host, a.get(att, "host_nic"), "setupnetworks")
        if nic is None and current is None and \
                _attachment_of(engine, host, network_id=network.id) is None:
            raise Fault(400, "Incomplete parameters",
                        "NetworkAttachment [host_nic.id|name] required for setupnetworks")
        values = {name: a.clone(a.get(att, name)) for name in _ATTACHMENT_VALUES
                  if a.get(att, name) is not None}
        attach_host_network(engine, host, network, nic, values, ident)
    for att in a.items(action, "removed_network_attachments"):
        ident = a.get(att, "id")
        network = engine.referenced(a.get(att, "network"))
        found = _attachment_of(engine, host, ident=ident) if ident else \
            _attachment_of(engine, host, network_id=network.id) if network else None
        if found is None:
            raise Fault(404, "Not Found", "Entity not found: NetworkAttachment: %s"
                        % (ident or a.get(a.get(att, "network"), "name")))
        engine.destroy(found)
    for ref in a.items(action, "removed_bonds"):
        remove_bond(engine, host, _host_nic(engine, host, ref, "setupnetworks"))
    sync_nic_networks(engine, host)
    engine.event(1120, "Network changes were saved on host %s" % host.name, host=host)


def _host_nic_created(engine, entity, parent):
    """3.6 ``POST /hosts/{id}/nics``: a new bond of the slaves its ``bonding`` names,
    with the network it carries."""
    a = engine.access
    host = entity.home.owner
    sent = entity.obj
    if host is None or a.get(sent, "bonding") is None:
        return
    bonding = a.get(sent, "bonding")
    network = engine.referenced(a.get(sent, "network"))
    a.set(sent, "bonding", None)
    bond = set_bond(engine, host, entity, a.get(sent, "name"), bonding, "add")
    if network is not None:
        attach_host_network(engine, host, network, bond)
    sync_nic_networks(engine, host)


def _host_nic_removable(engine, entity, force):
    """3.6 ``DELETE /hosts/{id}/nics/{id}``: only a bond, with its networks."""
    remove_bond(engine, entity.home.owner, entity, destroy=False)


OWN_AFTER_CREATE["HostNIC"] = _host_nic_created     # (defined after the table)


def _nics_setup_networks(engine, target, action):
    """3.x ``POST /hosts/{id}/nics/setupnetworks``: the NICs listed as they should be,
    each with its network (and boot protocol, IP); a network attached now and not
    listed is detached."""
    a = engine.access
    host = target.coll.owner
    desired = {}
    for item in a.items(action, "host_nics"):
        nic = _host_nic(engine, host, item, "setupnetworks")
        network = engine.referenced(a.get(item, "network"))
        if network is None:
            continue
        desired[network.id] = (network, nic, ip_assignment(
            engine, a.get(item, "boot_protocol"), a.get(item, "ip")))
    for m in list(engine.children(host, "networkattachments")):
        if _ref_id(a, a.get(m.entity.obj, "network")) not in desired:
            engine.destroy(m.entity)
    for network, nic, values in desired.values():
        attach_host_network(engine, host, network, nic, values)
    sync_nic_networks(engine, host)


def _host_nic_updated(engine, entity, changes):
    """3.6 ``PUT /hosts/{id}/nics/{id}`` (network, boot protocol, IP): the NIC's
    network attachment follows."""
    a = engine.access
    host = entity.home.owner
    network = engine.referenced(a.get(changes, "network"))
    values = ip_assignment(engine, a.get(changes, "boot_protocol"), a.get(changes, "ip"))
    old = _attachment_of(engine, host, nic_id=entity.id)
    old_net = _ref_id(a, a.get(old.obj, "network")) if old is not None else None
    if network is not None and network.id != old_net:
        if old is not None:
            engine.destroy(old)
        attach_host_network(engine, host, network, entity, values)
    elif old is not None and values:
        _set_values(a, old.obj, values)
    sync_nic_networks(engine, host)


AFTER_UPDATE["HostNIC"] = _host_nic_updated


def _nic_network_action(name):
    """3.6 ``hosts/{id}/nics/{id}/attach|detach`` with ``<network id|name>``: the
    network put on (taken off) the NIC as one network attachment."""
    def run(engine, target, action):
        a = engine.access
        nic = target.entity
        host = nic.home.owner
        network = engine.referenced(a.get(action, "network"))
        if network is None:
            raise Fault(400, "Incomplete parameters",
                        "Action [network.id|name] required for %s" % name)
        if name == "attach":
            attach_host_network(engine, host, network, nic)
        else:
            found = _attachment_of(engine, host, network_id=network.id, nic_id=nic.id)
            if found is None:
                raise cannot("detach", "Interface", "The network %s is not attached to "
                             "the interface %s." % (network.name, nic.name))
            engine.destroy(found)
        sync_nic_networks(engine, host)
    return run


def _attach_tag(engine, view, member, body):
    """A tag assigned to a VM, host, template, user or group names it there (3.6's
    assigned tags add their parent, as v4 does)."""
    member.overlay[_TAGGED[engine.access.kind(view.owner.obj)]] = engine.ref(view.owner)


# kinds that carry tags -> the member of an assigned tag that names them
_TAGGED = {"VM": "vm", "Host": "host", "Template": "template", "User": "user",
           "Group": "group"}

# (member type, view owner type) -> fn(engine, view, member, body)
ON_ATTACH = {("StorageDomain", "DataCenter"): _attach_storage_domain,
             ("Disk", "VM"): _attach_disk,
             ("Network", "Cluster"): _attach_network}
ON_ATTACH.update({("Tag", owner): _attach_tag for owner in _TAGGED})


def on_attach(engine, view, member, body):
    """An existing entity linked into a view (``dc.storagedomains.add(sd)``)."""
    a = engine.access
    fn = ON_ATTACH.get((a.kind(member.entity.obj), a.kind(view.owner.obj)))
    if fn is not None:
        fn(engine, view, member, body)


def _detach_storage_domain(engine, view, member):
    a = engine.access
    owner, entity = view.owner, member.entity
    if a.state_of(member.overlay.get("status")) == "active":
        raise cannot("detach", "Storage", "The relevant Storage Domain's status is Active.")
    sd = entity.obj
    a.set_items(sd, "data_centers", [d for d in a.items(sd, "data_centers")
                                     if a.get(d, "id") != owner.id])
    if not a.items(sd, "data_centers"):
        a.set_state(sd, "unattached")
        a.set(sd, "master", False)
        files = entity.children.get("files")
        if files is not None:
            files.members.clear()


# (member type, view owner type) -> fn(engine, view, member)
ON_DETACH = {("StorageDomain", "DataCenter"): _detach_storage_domain}


def on_detach(engine, view, member):
    a = engine.access
    fn = ON_DETACH.get((a.kind(member.entity.obj), a.kind(view.owner.obj)))
    if fn is not None:
        fn(engine, view, member)


def detach_only(view_info, body):
    """DELETE through a view unlinks instead of deleting the entity."""
    return bool(getattr(body, "detach", False))


# ---------------------------------------------------------------- deletes

# Written against the dialect's object access (``engine.access``): they run for
# both dialects.

def _vm_removable(engine, entity, force):
    a = engine.access
    state = a.state(entity.obj)
    if state is not None and state != "down":
        raise cannot("remove", "VM", "VM is running.")
    if a.get(entity.obj, "delete_protected"):
        raise cannot("remove", "VM", "VM is delete protected.")


def _template_removable(engine, entity, force):
    if entity.id == ZERO_ID:
        raise cannot("remove", "Template", "Removing the Blank Template is not allowed.")


def _storage_domain_removable(engine, entity, force):
    if engine.access.items(entity.obj, "data_centers"):
        raise cannot("remove", "Storage",
                     "Storage Domain must be detached from its Data Center first.")


def _host_removable(engine, entity, force):
    state = engine.access.state(entity.obj)
    if state is not None and not force and \
            state not in ("maintenance", "pending_approval", "non_responsive",
                          "install_failed", "down"):
        raise cannot("remove", "Host", "Host must be in Maintenance mode.")


def _tag_removable(engine, entity, force):
    if entity.id == ZERO_ID:
        raise cannot("remove", "Tag", "Removing the root Tag is not allowed.")


def _role_removable(engine, entity, force):
    if engine.access.get(entity.obj, "mutable") is False:
        raise cannot("remove", "Role", "Predefined roles cannot be removed.")


# kind -> fn(engine, entity, force): raises the engine's refusal when the entity may
# not be deleted (``force``: the request's force flag).
BEFORE_DELETE = {"VM": _vm_removable, "Template": _template_removable,
                 "StorageDomain": _storage_domain_removable, "Host": _host_removable,
                 "Tag": _tag_removable, "Role": _role_removable,
                 "HostNIC": _host_nic_removable}


def before_delete(engine, entity, force=False):
    fn = BEFORE_DELETE.get(engine.access.kind(entity.obj))
    if fn is not None:
        fn(engine, entity, force)


# ---------------------------------------------------------------- actions

def _state(obj):
    return obj.status.state if obj.status is not None else None


# The actions below are written against the dialect's object access
# (``engine.access``: ``dialects/v3/access.py``, ``dialects/v4/access.py``) and run
# for both dialects; members by XML name, a status by its text.

def _ref_id(access, ref):
    return access.get(ref, "id")


def _vm_start(engine, target, action):
    a = engine.access
    vm = target.entity.obj
    if a.state(vm) in ("up", "powering_up", "wait_for_launch"):
        raise cannot("run", "VM", "VM is running.")
    policy = a.get(a.get(action, "vm"), "placement_policy")
    host = engine.referenced(a.get(policy, "host"))
    if host is None:
        host = next((h for h in map(engine.referenced, a.items(policy, "hosts")) if h), None)
    if host is None:
        cluster = _ref_id(a, a.get(vm, "cluster"))
        ups = [m.entity for m in engine.top["hosts"] if a.state(m.entity.obj) == "up"]
        same = [h for h in ups if _ref_id(a, a.get(h.obj, "cluster")) == cluster]
        host = (same or ups or [None])[0]
    a.set_state(vm, "paused" if a.get(action, "pause") else "up")
    a.set(vm, "host", engine.ref(host))
    a.set(vm, "start_time", engine.now())
    a.set(vm, "stop_time", None)
    if a.get(action, "vm") is not None:
        a.set(vm, "run_once", True)
    engine.event(153, "VM %s was started by %s (Host: %s)."
                 % (target.entity.name, engine.user, host.name if host else "N/A"),
                 vm=target.entity, host=host)
    _guest_agent_up(engine, target.entity)


def _guest_agent_up(engine, vm):
    """What a running VM's guest agent reports: a device per NIC with its MAC and an
    address (``vms/{id}/reporteddevices``), the FQDN and addresses (3.6
    ``guest_info``, v4 ``fqdn``: each model keeps the member it has)."""
    a = engine.access
    devices = engine.children(vm, "reporteddevices")
    devices.members.clear()
    ips = []
    for i, nic in enumerate(list(vm.children.get("nics") or ())):
        ip = a.new("IP", address="192.0.2.%d" % (100 + i + len(engine.top["vms"])),
                   version="v4")
        device = a.new("ReportedDevice", name=nic.entity.name, type="network")
        a.set(device, "mac", a.new("MAC", address=a.get(a.get(nic.entity.obj, "mac"),
                                                       "address")))
        a.set_items(device, "ips", [ip])
        a.set_ref(engine, device, "vm", vm)
        engine.create_child(vm, "reporteddevices", device)
        ips.append(a.clone(ip))
    fqdn = "%s.example.com" % vm.name
    a.set(vm.obj, "fqdn", fqdn)
    info = a.new("GuestInfo", fqdn=fqdn)
    a.set_items(info, "ips", ips)
    a.set(vm.obj, "guest_info", info)


def _guest_agent_down(engine, vm):
    """A VM that is down has no guest agent: no FQDN, addresses or reported devices."""
    a = engine.access
    a.set(vm.obj, "fqdn", None)
    a.set(vm.obj, "guest_info", None)
    devices = vm.children.get("reporteddevices")
    if devices is not None:
        devices.members.clear()


def _vm_down(verb, code, text):
    def run(engine, target, action):
        a = engine.access
        vm = target.entity.obj
        if a.state(vm) == "down":
            raise cannot(verb, "VM", "VM is not running.")
        host = engine.referenced(a.get(vm, "host"))
        a.set_state(vm, "down")
        for cd in target.entity.children.get("cdroms") or ():
            engine.running_cdroms.pop(cd.entity.id, None)     # a run's CD ends with it
        _guest_agent_down(engine, target.entity)
        a.set(vm, "host", None)
        a.set(vm, "stop_time", engine.now())
        if a.get(vm, "run_once"):
            a.set(vm, "run_once", False)
        engine.event(code, text % (target.entity.name, engine.user,
                                   host.name if host else "N/A"), vm=target.entity)
    return run


def _vm_requires_up(verb, new_state=None):
    def run(engine, target, action):
        a = engine.access
        vm = target.entity.obj
        if a.state(vm) != "up":
            raise cannot(verb, "VM", "VM is not running.")
        if new_state:
            a.set_state(vm, new_state)
        if verb == "migrate":
            host = _resolved(engine, a.get(action, "host"), "Host")
            if host is None:
                others = [m.entity for m in engine.top["hosts"]
                          if a.state(m.entity.obj) == "up"
                          and m.entity.id != _ref_id(a, a.get(vm, "host"))]
                if not others:
                    raise cannot("migrate", "VM", "There is no host available to migrate "
                                                  "the VM to.")
                host = others[0]
            a.set(vm, "host", engine.ref(host))
    return run


def _resolved(engine, ref, kind_):
    """The entity a reference sent in an action names; 400 when it names none."""
    if ref is None:
        return None
    entity = engine.referenced(ref)
    if entity is None:
        a = engine.access
        raise Fault(400, "Operation Failed", "Entity not found: %s: %s"
                    % (kind_, a.get(ref, "id") or a.get(ref, "name")))
    return entity


def _required(engine, action, member, kind_, spelled, what):
    """The entity the action's ``member`` names; 400 when it names none or is missing
    (``Action [spelled.id|name] required for what``)."""
    entity = _resolved(engine, engine.access.get(action, member), kind_)
    if entity is None:
        raise Fault(400, "Incomplete parameters",
                    "Action [%s.id|name] required for %s" % (spelled, what))
    return entity


# A console ticket's lifetime when the request gives none, in seconds (3.6: 120; the
# v4 rules say 7200).
TICKET_EXPIRY = 120


def _vm_ticket(engine, target, action):
    """A console ticket of a running VM: the request's value and expiry, else new ones."""
    a = engine.access
    if a.state(target.entity.obj) not in ("up", "paused", "powering_up"):
        raise cannot("set", "VM", "Ticket: VM is not running.")
    ticket = a.get(action, "ticket")
    ticket = a.clone(ticket) if ticket is not None else a.new("Ticket")
    if not a.get(ticket, "value"):
        a.set(ticket, "value", uuid.uuid4().hex[:12])
    if not a.get(ticket, "expiry"):
        a.set(ticket, "expiry", engine.rules.TICKET_EXPIRY)
    return {"ticket": ticket}


def _snapshot_action(name):
    """``previewsnapshot`` (the action's snapshot goes ``in_preview``), ``commitsnapshot``
    and ``undosnapshot`` (the snapshot in preview is ``ok`` again) of a VM that is
    down; commit or undo with nothing in preview is refused."""
    verb = name.replace("snapshot", " snapshot")

    def run(engine, target, action):
        a = engine.access
        if a.state(target.entity.obj) != "down":
            raise cannot(verb, "VM", "VM is running.")
        snaps = engine.children(target.entity, "snapshots")
        if name == "previewsnapshot":
            ident = _ref_id(a, a.get(action, "snapshot"))
            if ident not in snaps.members:
                raise Fault(400, "Incomplete parameters",
                            "Action [snapshot.id] required for previewsnapshot")
            a.set(snaps.members[ident].entity.obj, "snapshot_status", "in_preview")
            return None
        previewed = [m for m in snaps if a.get(m.entity.obj, "snapshot_status") == "in_preview"]
        if not previewed:
            raise cannot(verb, "VM", "VM is not in preview mode.")
        for m in previewed:
            a.set(m.entity.obj, "snapshot_status", "ok")
        return None
    return run


def _job_end(engine, target, action):
    """``jobs/{id}/end``: the state the action gives (3.6: ``status.state``, finished,
    failed or aborted), else finished (failed when v4's ``succeeded`` is false)."""
    a = engine.access
    job = target.entity.obj
    given = a.state(action)
    a.set_state(job, given.lower() if given else
                "failed" if a.get(action, "succeeded") is False else "finished")
    a.set(job, "end_time", engine.now())
    a.set(job, "last_updated", a.get(job, "end_time"))


class _Started(object):
    """The target of a start the engine makes itself (a pool's allocated VM)."""
    __slots__ = ("entity",)

    def __init__(self, entity):
        self.entity = entity


def _pool_allocate(engine, target, action):
    """``vmpools/{id}/allocatevm``: the pool's first VM that is down is started (a
    host, its guest agent, the event); the action names it (409 when none is free)."""
    a = engine.access
    for m in engine.top["vms"]:
        if _ref_id(a, a.get(m.entity.obj, "vmpool")) == target.entity.id and \
                a.state(m.entity.obj) == "down":
            _vm_start(engine, _Started(m.entity), None)
            return {"vm": engine.ref(m.entity)}
    raise cannot("allocate and run", "VM-Pool", "There are no available VMs in the pool.")


def _host_set(new_state, allowed=None, verb=None, code=None, text=None):
    def run(engine, target, action):
        a = engine.access
        host = target.entity.obj
        state = a.state(host)
        if allowed is not None and state not in allowed:
            raise cannot(verb, "Host", "Host is in %s status."
                         % (state or "unknown").replace("_", " ").title())
        a.set_state(host, new_state)
        cluster = _resolved(engine, a.get(action, "cluster"), "Cluster")
        if cluster is not None:
            a.set(host, "cluster", engine.ref(cluster))
        if code:
            engine.event(code, text % (target.entity.name, engine.user), host=target.entity)
    return run


def _sd_set(new_state, code, text):
    def run(engine, target, action):
        a = engine.access
        dc = target.coll.owner if target.view else None
        if dc is None:
            a.set_state(target.entity.obj, new_state)
            return
        if a.kind(dc.obj) != "DataCenter":
            raise cannot("activate" if new_state == "active" else "deactivate",
                         "Storage Domain",
                         "The Storage Domain is not attached to a Data Center.")
        target.member.overlay["status"] = a.status(new_state)
        active = any(a.state_of(m.overlay.get("status")) == "active" and
                     a.get(m.entity.obj, "type") == "data" for m in target.coll)
        a.set_state(dc.obj, "up" if active else "maintenance")
        engine.event(code, text % (target.entity.name, dc.name, engine.user),
                     storage_domain=target.entity, data_center=dc)
    return run


def _sd_isattached(engine, target, action):
    return {"is_attached": bool(engine.access.items(target.entity.obj, "data_centers"))}


def _disk_active(value):
    def run(engine, target, action):
        if target.view:
            target.member.overlay["active"] = value
        else:
            target.entity.obj.active = value
    return run


def _vm_move(engine, target, action):
    """3.6 ``vms/{id}/move``: every disk of a VM that is down moves to the domain."""
    a = engine.access
    sd = _required(engine, action, "storage_domain", "StorageDomain", "storageDomain",
                   "move")
    if a.state(target.entity.obj) != "down":
        raise cannot("move", "VM", "VM is running.")
    for m in engine.children(target.entity, "disks"):
        a.set_items(m.entity.obj, "storage_domains", [engine.ref(sd)])


def _export(label, segment):
    """``vms/{id}/export`` / ``templates/{id}/export``: a copy of the VM or template,
    same id, with its disks, is kept on the export domain (its OVF there) and listed in
    the domain's ``vms`` / ``templates`` (``.../vms/{id}/disks``); it outlives the
    original. Exporting again needs
    ``exclusive`` (it replaces the copy)."""
    def run(engine, target, action):
        a = engine.access
        sd = _required(engine, action, "storage_domain", "StorageDomain", "storageDomain",
                       "export")
        if a.get(sd.obj, "type") != "export":
            raise cannot("export", label, "Storage Domain is not an export domain.")
        entity = target.entity
        view = engine.children(sd, segment)
        kept = view.get(entity.id)
        if kept is not None:
            if not a.get(action, "exclusive"):
                raise cannot("export", label, "%s with the same identifier already "
                             "exists on the export domain." % label)
            engine.destroy(kept.entity)
        kept = engine.store(view, a.clone(entity.obj), entity.id)
        for disk, _ in owner_disks(engine, entity):   # its disks, as the OVF lists them
            engine.store(engine.children(kept, "disks"), a.clone(disk.obj), disk.id)
    return run


def _import(label, segment, member):
    """``storagedomains/{id}/vms|templates/{id}/import``: the exported copy becomes a
    VM / template of the given cluster again, with its id, or with ``clone`` a new
    one named by the action's ``vm`` / ``template``; its exported disks come with it
    onto the action's storage domain (their ids kept unless cloned or taken); the
    action answers it."""
    def run(engine, target, action):
        a = engine.access
        cluster = _required(engine, action, "cluster", "Cluster", "cluster", "import")
        domain = _resolved(engine, a.get(action, "storage_domain"), "StorageDomain")
        source = target.entity
        obj = a.clone(source.obj)
        ident = source.id
        if a.get(action, "clone"):
            name = a.get(a.get(action, member), "name")
            if not name:
                raise Fault(400, "Incomplete parameters",
                            "Action [%s.name] required for import with clone" % member)
            a.set(obj, "name", name)
            ident = None
        elif engine.find(segment, id_=ident) is not None:
            raise cannot("import", label, "%s with the same identifier already exists."
                         % label)
        a.set_ref(engine, obj, "cluster", cluster)
        a.set_state(obj, None)
        disks = []      # the exported disks, on the domain the import names
        for m in source.children.get("disks") or ():
            copy = a.clone(m.entity.obj)
            for name in ("id", "status"):
                a.set(copy, name, None)
            if domain is not None:
                a.set_items(copy, "storage_domains", [engine.ref(domain)])
            taken = ident is None or engine.find("disks", id_=m.entity.id) is not None
            disks.append((copy, None if taken else m.entity.id))
        engine.requested = {"imported": disks}
        try:
            entity = engine.create_top(segment, obj, id_=ident)
        finally:
            engine.requested = None
        return {member: engine.ref(entity)}
    return run


def _disk_move(engine, target, action):
    """A moved disk's image is on the target domain only (v3 vms/{}/disks/{}/move and
    disks/{}/move; v4 disks/{}/move)."""
    a = engine.access
    sd = _required(engine, action, "storage_domain", "StorageDomain", "storageDomain",
                   "move")
    a.set_items(target.entity.obj, "storage_domains", [engine.ref(sd)])


# The iSCSI target the default host discovers, and the LUNs it sees there.
ISCSI_TARGET = "iqn.2016-01.com.example:storage.target0"
ISCSI_ADDRESS = "storage.example.com"
ISCSI_PORT = 3260
# (LUN id, LUN mapping, size in bytes): free LUNs, in no volume group yet.
DEFAULT_HOST_LUNS = (("36001405b1f7ea1c9a0a4c3c9a1c0e001", 0, 20 * GiB),
                     ("36001405b1f7ea1c9a0a4c3c9a1c0e002", 1, 50 * GiB))


def _iscsidiscover(engine, target, action):
    return {"iscsi_target": [ISCSI_TARGET]}


ACTIONS = {
    ("VM", "start"): _vm_start,
    ("VM", "stop"): _vm_down("stop", 33, "VM %s powered off by %s (Host: %s)."),
    ("VM", "shutdown"): _vm_down("shutdown", 73, "VM %s was shut down by %s (Host: %s)."),
    ("VM", "suspend"): _vm_requires_up("suspend", "suspended"),
    ("VM", "reboot"): _vm_requires_up("reboot"),
    ("VM", "reset"): _vm_requires_up("reset"),
    ("VM", "migrate"): _vm_requires_up("migrate"),
    ("VM", "ticket"): _vm_ticket,
    ("VM", "previewsnapshot"): _snapshot_action("previewsnapshot"),
    ("VM", "commitsnapshot"): _snapshot_action("commitsnapshot"),
    ("VM", "undosnapshot"): _snapshot_action("undosnapshot"),
    # (3.6 spells them preview_snapshot, commit_snapshot, undo_snapshot)
    ("VM", "preview_snapshot"): _snapshot_action("previewsnapshot"),
    ("VM", "commit_snapshot"): _snapshot_action("commitsnapshot"),
    ("VM", "undo_snapshot"): _snapshot_action("undosnapshot"),
    ("Job", "end"): _job_end,
    ("VmPool", "allocatevm"): _pool_allocate,
    ("Host", "approve"): _host_set("up", ("pending_approval", "install_failed"), "approve",
                                   16, "Host %s was approved by %s."),
    ("Host", "install"): _host_set("up"),
    ("Host", "activate"): _host_set("up", None, None, 16, "Activation of host %s initiated "
                                                          "by %s."),
    ("Host", "deactivate"): _host_set("maintenance", None, None, 17,
                                      "Host %s was switched to Maintenance mode by %s."),
    ("Host", "fence"): _host_set("up"),
    ("Host", "iscsidiscover"): _iscsidiscover,
    ("Host", "setupnetworks"): _host_setup_networks,
    ("HostNIC", "attach"): _nic_network_action("attach"),
    ("HostNIC", "detach"): _nic_network_action("detach"),
    ("StorageDomain", "activate"): _sd_set("active", 966, "Storage Domain %s (Data Center %s)"
                                                         " was activated by %s"),
    ("StorageDomain", "deactivate"): _sd_set("maintenance", 968,
                                             "Storage Domain %s (Data Center %s) was "
                                             "deactivated by %s"),
    ("StorageDomain", "isattached"): _sd_isattached,
    ("Disk", "activate"): _disk_active(True),
    ("Disk", "deactivate"): _disk_active(False),
    ("Disk", "move"): _disk_move,
    ("VM", "export"): _export("VM", "vms"),
    ("VM", "move"): _vm_move,
    ("Template", "export"): _export("Template", "templates"),
    ("VM", "import"): _import("VM", "vms", "vm"),
    ("Template", "import"): _import("Template", "templates", "template"),
}


# Action members that name what the action creates, not an entity that exists
# (``vm`` of an import with clone): rel -> members left unresolved.
ACTION_NEW_ENTITIES = {"import": ("vm", "template")}


def action_answer(engine, action, async_param):
    """(HTTP status, action state) of an action's reply: asked to run asynchronously
    (the ``async`` URL parameter, or ``async`` in the action), the engine answers
    202 Accepted with the action pending; otherwise 200, complete."""
    wanted = engine.access.get(action, "async")
    if str(async_param or "").strip().lower() in ("true", "1", "yes") or wanted:
        return 202, "pending"
    return 200, "complete"


# Actions on a collection: (member kind, rel) -> fn(engine, target, action).
COLLECTION_ACTIONS = {("HostNIC", "setupnetworks"): _nics_setup_networks}


def run_action(engine, target, rel, action):
    """Apply the action's state change; returns extra response values (or None)."""
    if target.kind == "collaction":
        fn = COLLECTION_ACTIONS.get((target.cinfo.member_type, rel))
        return fn(engine, target, action) if fn is not None else None
    fn = ACTIONS.get((kind(target.entity.obj), rel)) if target.entity else None
    if fn is None:
        return None
    return fn(engine, target, action)


# ---------------------------------------------------------------- a CD-ROM, current

_RUNNING = ("up", "paused", "suspended", "powering_up", "migrating")


def _running_vm(engine, cdrom):
    vm = cdrom.home.owner
    return vm is not None and engine.access.state(vm.obj) in _RUNNING


def on_update(engine, target, obj, current):
    """An update with its own rule; True when it is done. A CD-ROM: with ``current``
    the running VM's disc changes and its configuration stays (409 when the VM is not
    running); without, the configuration's, which a VM that is down runs next (3.6
    and 4.x alike)."""
    a = engine.access
    entity = target.entity
    if a.kind(entity.obj) != "CdRom":
        return False
    file_ = a.get(obj, "file")
    if current:
        if not _running_vm(engine, entity):
            raise cannot("change", "CD", "VM is not running.")
        engine.running_cdroms[entity.id] = file_
    else:
        a.set(entity.obj, "file", file_)
        if not _running_vm(engine, entity):
            engine.running_cdroms.pop(entity.id, None)
    return True


def get_overlay(engine, entity, current):
    """What a GET with ``current`` shows on top of the stored values: a running VM's
    CD-ROM holds the disc of its run (the configuration's until changed)."""
    if not current or engine.access.kind(entity.obj) != "CdRom" or \
            not _running_vm(engine, entity):
        return None
    return {"file": engine.running_cdroms.get(entity.id, engine.access.get(entity.obj,
                                                                          "file"))}


# ---------------------------------------------------------------- lists

def visible(engine, coll, members):
    """Members a list shows: an ISO domain's files once it is attached to a data center."""
    if coll.info.member_type == "File" and coll.owner is not None and \
            not engine.access.items(coll.owner.obj, "data_centers"):
        return []
    return members


def order(engine, cinfo, members, searched=False):
    """The order of a list: events newest first, a domain's files by name, what a search
    finds (every list of a searchable collection) by name, the rest as stored."""
    if cinfo.member_type == "Event":
        return sorted(members, key=lambda m: -int(m.entity.id))
    if cinfo.member_type == "File":
        return sorted(members, key=lambda m: m.entity.id)
    if searched:
        return sorted(members, key=lambda m: search.sort_key(m.entity.name))
    return list(members)


# ---------------------------------------------------------------- search fields

def _host_storage(engine, member):
    """``Hosts: storage=X``: the storage domains of the host's data center."""
    host = member.entity.obj
    cluster = engine.referenced(host.cluster)
    dc = engine.referenced(cluster.obj.data_center) if cluster is not None else None
    if dc is None or "storagedomains" not in dc.children:
        return []
    return [m.entity.name for m in dc.children["storagedomains"]]


# (member type, field) -> fn(engine, member): the values of a search field that is not
# an attribute of the type (``Hosts: storage=data1``).
SEARCH_FIELDS = {("Host", "storage"): _host_storage}


def search_field(member_type, field):
    """The function giving a search field's values, or None (an attribute path)."""
    return SEARCH_FIELDS.get((member_type, field.lower()))


# ---------------------------------------------------------------- the API summary

def _sd_active(entity):
    """A storage domain is active when its status is: in a data center that status
    lives in the data center's view of it; an unattached domain has its own."""
    states = [m.overlay["status"].state for v in entity.views
              if v.owner is not None and kind(v.owner.obj) == "DataCenter"
              for m in (v.get(entity.id),) if m is not None and m.overlay.get("status")]
    if entity.obj.status is not None:
        states.append(entity.obj.status.state)
    return "active" in states


# ---------------------------------------------------------------- All-Content

def wants_all_content(header, param=None):
    """True for ``All-Content: true`` (header) or, in API v4, ``all_content=true``."""
    return any((v or "").strip().lower() == "true" for v in (header, param))


# The type of a VM's ``virtio_scsi`` member, by dialect.
VIRTIO_SCSI_KIND = "VirtIO_SCSI"


def _device_content(engine, entity):
    """What the engine reads from a VM's (template's, instance type's) devices: the
    console, the VirtIO-SCSI controller, the sound card, the TPM (as stored when the
    add or update set them; else the engine's default devices for a new VM)."""
    a, obj = engine.access, entity.obj
    console, scsi = a.get(obj, "console"), a.get(obj, "virtio_scsi")
    sound = a.get(obj, "soundcard_enabled")
    return {"console": a.new("Console", enabled=bool(console is not None
                                                     and a.get(console, "enabled"))),
            "virtio_scsi": a.new(engine.rules.VIRTIO_SCSI_KIND,
                                 enabled=scsi is None or bool(a.get(scsi, "enabled"))),
            "soundcard_enabled": bool(sound) if sound is not None
            else a.get(obj, "type") == "desktop",
            "tpm_enabled": bool(a.get(obj, "tpm_enabled"))}


def _ovf(engine, entity):
    """The VM's OVF (``initialization/configuration``, type ovf): the engine's export
    of its configuration; here the envelope with the VM's name, id, memory and CPUs."""
    from lxml import etree
    a, obj = engine.access, entity.obj
    ns = {"ovf": "http://schemas.dmtf.org/ovf/envelope/1/",
          "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    q = "{%s}" % ns["ovf"]
    root = etree.Element(q + "Envelope", nsmap=ns, attrib={q + "version": "4.1"})
    content = etree.SubElement(root, "Content", attrib={
        q + "id": "out", "{%s}type" % ns["xsi"]: "ovf:VirtualSystem_Type"})
    topology = a.get(a.get(obj, "cpu"), "topology")
    cpus = 1
    for name in ("sockets", "cores", "threads"):
        cpus *= int(a.get(topology, name) or 1) if topology is not None else 1
    for tag, value in (("Name", entity.name), ("TemplateId", _ref_id(a, a.get(obj, "template"))),
                       ("MemSizeMB", (a.get(obj, "memory") or 0) // (1024 * 1024)),
                       ("NumOfCpus", cpus), ("VmType", a.get(obj, "type"))):
        etree.SubElement(content, tag).text = "" if value is None else str(value)
    etree.SubElement(content, "Section", attrib={
        q + "id": entity.id, "{%s}type" % ns["xsi"]: "ovf:OperatingSystemSection_Type"})
    data = etree.tostring(root, encoding="unicode")
    init = a.get(obj, "initialization")
    init = a.clone(init) if init is not None else a.new("Initialization")
    a.set(init, "configuration", a.new("Configuration", type="ovf", data=data))
    return {"initialization": init}


def _vm_content(engine, entity):
    out = _device_content(engine, entity)
    out.update(_ovf(engine, entity))
    return out


def _host_content(engine, entity):
    return {"network_operation_in_progress": False}


def _cluster_content(engine, entity):
    """The cluster's management network (the one of its networks used for it)."""
    a = engine.access
    for m in engine.children(entity, "networks"):
        if "management" in a.items(m.entity.obj, "usages"):
            return {"management_network": engine.ref(m.entity)}
    return {}


def _disk_content(engine, entity):
    """The VMs the disk is attached to."""
    vms = [engine.ref(m.entity) for m in engine.top["vms"]
           if any(entity.id in c.members for seg, c in m.entity.children.items()
                  if seg in ("disks", "diskattachments"))]
    return {"vms": vms} if vms else {}


# kind -> what ``All-Content`` adds to an entity of that kind (the engine's
# "populate" of its REST layer): {member (XML name): value}.
ALL_CONTENT = {"VM": _vm_content, "Template": _device_content,
               "InstanceType": _device_content, "Host": _host_content,
               "Cluster": _cluster_content, "Disk": _disk_content}


def all_content(engine, entity):
    """The members ``All-Content`` adds to ``entity`` as an overlay of the dialect's
    values (members the dialect's model lacks are left out)."""
    a = engine.access
    rule = ALL_CONTENT.get(a.kind(entity.obj))
    if rule is None:
        return {}
    scratch = a.new(a.type_name(entity.obj))
    out = {}
    for name, value in rule(engine, entity).items():
        if isinstance(value, list):
            a.set_items(scratch, name, value)
        else:
            a.set(scratch, name, value)
        stored = a.get(scratch, name)
        if stored is not None:
            out[name] = stored
    return out


def summary(engine):
    """The entry point's summary: {collection: (total, active)}, as the engine counts
    (VMs and hosts that are up, storage domains whose status is active)."""
    def count(href, active):
        members = [m.entity for m in engine.top[href]]
        return len(members), sum(1 for e in members if active(e))

    return {
        "vms": count("vms", lambda e: _state(e.obj) == "up"),
        "hosts": count("hosts", lambda e: _state(e.obj) == "up"),
        "users": (len(engine.top["users"]), 1),
        "storage_domains": count("storagedomains", _sd_active),
    }


# ---------------------------------------------------------------- the default environment

# A host's storage entry (``hosts/{id}/storage``) and its logical units, by dialect.
HOST_STORAGE_KIND = "Storage"
LOGICAL_UNITS = "logical_unit"


def add_host_storage(engine, host):
    """The block devices ``host`` sees (``GET /hosts/{id}/storage``), as the engine's
    device list gives them: one entry per LUN, its id the LUN's id, holding that one
    logical unit (``DEFAULT_HOST_LUNS`` on the target ``ISCSI_TARGET``)."""
    a, facts = engine.access, engine.rules
    coll = engine.children(host, "storage")
    for serial, (lun_id, mapping, size) in enumerate(DEFAULT_HOST_LUNS, 1):
        lun = a.new("LogicalUnit", id=lun_id, address=ISCSI_ADDRESS, port=ISCSI_PORT,
                    target=ISCSI_TARGET, serial="SLIO-ORG_lun%d_%s" % (mapping, lun_id[-8:]),
                    vendor_id="LIO-ORG", product_id="lun%d" % mapping, lun_mapping=mapping,
                    size=size, paths=1, status="free",
                    portal="%s:%d,1" % (ISCSI_ADDRESS, ISCSI_PORT))
        storage = a.new(facts.HOST_STORAGE_KIND, id=lun_id, type="iscsi")
        a.set_items(storage, facts.LOGICAL_UNITS, [lun])
        a.set_ref(engine, storage, "host", host)
        engine.create(coll, storage, id_=lun_id)


def populate(engine):
    """Default environment: the guide's starting point."""
    mk = engine.create_top
    dc = mk("datacenters", P.DataCenter(name="Default",
                                        description="The default Data Center"))
    mk("macpools", P.MacPool(name="Default", description="Default MAC pool",
                             allow_duplicates=False, default_pool=True,
                             ranges=P.Ranges(range=[P.Range(from_="00:1A:4A:16:01:51",
                                                            to="00:1A:4A:16:01:E6")])))
    # the management network (and its vNIC profile), carried by the clusters made after it
    mk("networks", P.Network(name="ovirtmgmt", description="Management Network",
                             data_center=engine.ref(dc),
                             usages=P.Usages(usage=["vm", "management"])),
       id_="00000000-0000-0000-0000-000000000009")
    cluster = mk("clusters", P.Cluster(
        name="Default", description="The default server cluster",
        data_center=engine.ref(dc), cpu=P.CPU(id="Intel Conroe Family")))
    mk("templates", P.Template(name="Blank", description="Blank template",
                               creation_time=datetime.datetime(
                                   2008, 4, 1, tzinfo=datetime.timezone.utc).astimezone()),
       id_=ZERO_ID)
    mk("tags", P.Tag(name="root", description="root"), id_=ZERO_ID)
    mk("hosts", P.Host(name="Atlantic", address="atlantic.example.com",
                       cluster=engine.ref(cluster), status=status("pending_approval")),
       keep_status=True)
    add_host_storage(engine, engine.find("hosts", name="Atlantic"))
    mk("storagedomains", P.StorageDomain(
        name="ISO_DOMAIN", type_="iso",
        storage=P.Storage(type_="nfs", address="engine.example.com",
                          path="/var/lib/exports/iso")))
    mk("domains", P.Domain(name="internal-authz"))
    for user in engine.user_names:
        name, _, domain = user.partition("@")
        mk("users", P.User(name=name, user_name=user,
                           domain=P.Domain(name=domain or "internal")))
    for name, admin in (("SuperUser", True), ("UserRole", False), ("ClusterAdmin", True),
                        ("DataCenterAdmin", True), ("UserVmManager", False)):
        mk("roles", P.Role(name=name, administrative=admin, mutable=False))
    for name in ("none", "evenly_distributed", "power_saving", "vm_evenly_distributed"):
        mk("schedulingpolicies", P.SchedulingPolicy(name=name, locked=True,
                                                     default_policy=name == "none"))
    for ident, name, desc in (("0", "other", "Other OS"),
                              ("1", "windows_xp", "Windows XP"),
                              ("11", "windows_7", "Windows 7"),
                              ("18", "rhel_6x64", "Red Hat Enterprise Linux 6.x x64"),
                              ("24", "rhel_7x64", "Red Hat Enterprise Linux 7.x x64")):
        mk("operatingsystems", P.OperatingSystemInfo(name=name, description=desc),
           id_=ident)
    mk("capabilities", P.VersionCaps(major=3, minor=6, current=True),
       id_="332e3600-3600-3600-3600-363636363636")
    engine.event(13, "Host Atlantic is pending approval.", host=engine.find("hosts",
                                                                           name="Atlantic"))
    engine.event(30, "User admin@internal logged in.")
