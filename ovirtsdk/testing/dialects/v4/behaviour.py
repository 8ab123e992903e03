"""What the v4 dialect does beyond storing what it is sent: an oVirt 4.5 engine's
defaults, the state changes of the common actions, the checks that fail, and the
default environment — the same environment as the v3 dialect's, expressed the v4
way (the ``ovirtmgmt`` network with its ``ovirtmgmt`` vNIC profile, VM disks as disk
attachments, the cluster levels instead of ``/capabilities``).

Each rule names the type and action it applies to; everything else is served by
the generic machinery in ``engine.py``. The rules' shared facts (well-known ids,
the ISO files, the event codes and their texts, which entities must be down or in
maintenance first) are the v3 dialect's (``ovirtsdk.testing.behaviour``).
"""
import datetime
import uuid

from ... import behaviour as common
from ... import search
from ...fault import Fault
from .access import RENAMED_MEMBERS
from .xmlio import Obj, bad

ZERO_ID = common.ZERO_ID
GiB = common.GiB
DEFAULT_ISO_FILES = common.DEFAULT_ISO_FILES
MGMT_NETWORK_ID = "00000000-0000-0000-0000-000000000009"

# The ovirtmgmt network's vNIC profile has its well-known id (the shared rule makes it).
VNIC_PROFILE_IDS = {MGMT_NETWORK_ID: "0000000a-000a-000a-000a-000000000398"}
ENGINE_VERSION = (4, 5, 6)
CLUSTER_LEVELS = ("4.2", "4.3", "4.4", "4.5", "4.6", "4.7")
CURRENT_LEVEL = (4, 7)

# Labels the engine uses for a type in its messages ("Cannot add VM. ...").
LABELS = {"Vm": "VM", "Host": "Host", "StorageDomain": "Storage Domain",
          "DataCenter": "Data Center", "Cluster": "Cluster", "Template": "Template",
          "Nic": "Interface", "HostNic": "Interface", "Network": "Network",
          "Disk": "Virtual Disk", "VmPool": "VM-Pool", "Tag": "Tag", "Role": "Role",
          "VnicProfile": "VM network interface profile", "InstanceType": "Instance Type",
          "Snapshot": "Snapshot", "User": "User", "Group": "Group", "MacPool": "MAC Pool",
          "DiskAttachment": "Virtual Disk"}

# ... and under the shared kinds (``NIC``), as the shared state names them.
LABELS.update({k: v for k, v in common.LABELS.items() if k not in LABELS})

# Names unique within their collection (the engine refuses a second one).
UNIQUE_NAMES = {"VM", "Host", "Cluster", "DataCenter", "StorageDomain", "Template", "Tag",
                "Role", "VnicProfile", "InstanceType", "VmPool", "MacPool", "Network",
                "Group", "Bookmark"}

# References that must resolve (others are kept as sent when unknown).
STRICT_REFS = {"Cluster", "DataCenter", "Host", "Template", "InstanceType", "StorageDomain",
               "Network", "Vm", "VnicProfile", "CpuProfile", "DiskProfile", "MacPool", "Role",
               "Tag", "Disk", "VmPool", "User", "Group", "Snapshot"}

# Entities whose id the client chooses (a network label is its name).
CLIENT_IDS = {"NetworkLabel", "File", "ClusterLevel", "Permit", "DiskAttachment"}

# Entities whose references do not make them appear in views.
NOT_AUTO_LINKED = {"Event", "StorageDomain", "Permission", "Statistic", "Job"}

# Ids counted up from 1 instead of UUIDs.
SEQUENTIAL_IDS = {"Event"}


def unique_name(kind):
    """True when two entities of ``kind`` may not share a name in one collection."""
    return kind in UNIQUE_NAMES

# Members a request must carry: type -> (path, ...) ('a|b': one of them).
REQUIRED = {
    "Vm": ("name", "cluster.id|name", "template.id|name"),
    "Template": ("name", "vm.id|name"),
    "Host": ("name", "address"),
    "Cluster": ("name", "data_center.id|name"),
    "DataCenter": ("name", "local"),
    "Network": ("name", "data_center.id|name"),
    "StorageDomain": ("name", "type", "host.id|name", "storage.type"),
    "Disk": ("provisioned_size", "format", "storage_domains"),
    "Nic": ("name",),
    "Tag": ("name",),
    "Role": ("name", "permits"),
    "VmPool": ("name", "cluster.id|name", "template.id|name"),
    "InstanceType": ("name",),
    "VnicProfile": ("name",),
    "Snapshot": ("description",),
    "Group": ("name",),
    "User": ("user_name", "domain.id|name"),
    "Permission": ("role.id|name",),
    "Job": ("description",),
    "ExternalVmImport": ("name", "provider", "url", "cluster.id|name",
                         "storage_domain.id|name"),
    "ExternalTemplateImport": ("url", "template.name", "cluster.id|name",
                               "storage_domain.id|name"),
}

DEFAULT_OS = (("0", "other", "Other OS"), ("1", "windows_xp", "Windows XP"),
              ("11", "windows_7", "Windows 7"),
              ("18", "rhel_6x64", "Red Hat Enterprise Linux 6.x x64"),
              ("24", "rhel_7x64", "Red Hat Enterprise Linux 7.x x64"),
              ("33", "rhel_8x64", "Red Hat Enterprise Linux 8.x x64"))


def cannot(action, type_name, reason, status_code=409):
    label = LABELS.get(type_name, type_name)
    return Fault(status_code, "Operation Failed", "[Cannot %s %s. %s]" % (action, label, reason))


def version(major, minor, **extra):
    v = Obj("Version", major=str(major), minor=str(minor))
    for key, value in extra.items():
        v[key] = str(value)
    return v


def _stamp(engine):
    return engine.now().isoformat(timespec="milliseconds")


def _get(obj, path):
    for part in path.split("."):
        if not isinstance(obj, Obj):
            return None
        obj = obj.get(part)
    return obj


# ---------------------------------------------------------------- checks

def check_required(engine, obj, cinfo):
    """400 'Incomplete parameters' naming the members a new entity lacks (not while
    seeding: an inventory was there already, no request checks run)."""
    if engine.quiet:
        return
    needs = REQUIRED.get(obj.type)
    if not needs or cinfo is not None and engine.is_view(cinfo) and \
            (obj.get("id") or obj.get("name")):
        return
    if obj.type == "Disk" and cinfo is not None and cinfo.href != "disks" and \
            cinfo.href.endswith("/disks"):
        needs = ("provisioned_size", "format")       # the storage domain is the owner
    missing = []
    for path in needs:
        head, _, alts = path.rpartition(".")
        options = alts.split("|")
        if head:
            holder = _get(obj, head)
            if not isinstance(holder, Obj) or not any(holder.get(o) for o in options):
                missing.append(path)
        elif not any(obj.get(o) not in (None, "", []) for o in options):
            missing.append(path)
    if missing:
        raise Fault(400, "Incomplete parameters", "%s [%s] required for add"
                    % (obj.type, ", ".join(missing)))


# ---------------------------------------------------------------- defaults

_NOT_INHERITED = {"id", "name", "description", "comment", "status", "creation_time",
                  "version", "vm", "permissions", "disk_attachments", "nics", "cdroms",
                  "tags", "graphics_consoles", "mediated_devices", "storage_domain"}


def _inherit(engine, obj, source):
    if source is None:
        return
    for key, value in source.obj.items():
        if key not in _NOT_INHERITED and key not in obj and \
                key in engine.model.types["VmBase"].by_tag:
            from .xmlio import deep_copy
            obj[key] = deep_copy(value)


def _vm_defaults(engine, obj, parent):
    _inherit(engine, obj, engine.referenced(obj.get("instance_type")))
    _inherit(engine, obj, engine.referenced(obj.get("template")))
    obj["status"] = "down"
    obj.setdefault("type", "server")
    obj.setdefault("memory", str(GiB))
    obj.setdefault("cpu", Obj("Cpu", architecture="x86_64", topology=Obj(
        "CpuTopology", cores="1", sockets="1", threads="1")))
    obj.setdefault("os", Obj("OperatingSystem", type="other", boot=Obj(
        "Boot", devices=["hd"])))
    obj.setdefault("display", Obj("Display", type="vnc", monitors="1", allow_override="false",
                                  smartcard_enabled="false", file_transfer_enabled="true",
                                  copy_paste_enabled="true"))
    for key, value in (("stateless", "false"), ("delete_protected", "false"),
                       ("start_paused", "false"), ("origin", "ovirt"),
                       ("run_once", "false"), ("next_run_configuration_exists", "false")):
        obj.setdefault(key, value)
    obj.setdefault("high_availability", Obj("HighAvailability", enabled="false", priority="0"))
    obj.setdefault("placement_policy", Obj("VmPlacementPolicy", affinity="migratable"))
    obj.setdefault("memory_policy", Obj("MemoryPolicy", guaranteed=obj["memory"],
                                        max=str(int(obj["memory"]) * 4)))
    obj.setdefault("usb", Obj("Usb", enabled="false"))
    obj["creation_time"] = _stamp(engine)
    cluster = engine.referenced(obj.get("cluster"))
    if cluster is not None and "cpu_profile" not in obj:
        profiles = [m.entity for m in engine.top["cpuprofiles"]
                    if _ref_id(m.entity.obj.get("cluster")) == cluster.id]
        if profiles:
            obj["cpu_profile"] = engine.ref(profiles[0])


def _template_defaults(engine, obj, parent):
    source = engine.referenced(obj.get("vm"))
    _inherit(engine, obj, source)
    if source is not None:
        obj.setdefault("cluster", source.obj.get("cluster"))
    obj["status"] = "ok"
    obj.setdefault("type", "server")
    obj.setdefault("memory", str(GiB))
    obj.setdefault("creation_time", _stamp(engine))
    obj.setdefault("origin", "ovirt")
    obj.setdefault("stateless", "false")
    obj.setdefault("cpu", Obj("Cpu", architecture="x86_64", topology=Obj(
        "CpuTopology", cores="1", sockets="1", threads="1")))
    obj.setdefault("os", Obj("OperatingSystem", type="other", boot=Obj(
        "Boot", devices=["hd"])))
    obj.setdefault("version", Obj("TemplateVersion", version_number="1",
                                  version_name="base version"))


def _host_defaults(engine, obj, parent):
    obj.setdefault("status", "up")
    obj.setdefault("type", "rhel")
    obj.setdefault("port", "54321")
    obj.setdefault("protocol", "stomp")
    obj.setdefault("memory", str(16 * GiB))
    obj.setdefault("max_scheduling_memory", str(15 * GiB))
    obj.setdefault("cpu", Obj("Cpu", name="Intel(R) Xeon(R) CPU E5-2620 v2 @ 2.10GHz",
                              speed="2100", type="Intel Westmere IBRS SSBD MDS Family",
                              topology=Obj("CpuTopology", cores="6", sockets="1",
                                           threads="2")))
    obj.setdefault("summary", Obj("VmSummary", active="0", migrating="0", total="0"))
    obj.setdefault("spm", Obj("Spm", priority="5", status="none"))
    obj.setdefault("version", version(4, 50, build=3, revision=4,
                                      full_version="vdsm-4.50.3.4-1.el8"))
    obj.setdefault("os", Obj("OperatingSystem", type="RHEL", version=Obj(
        "Version", full_version="8 - 7.2206.el8", major="8")))
    obj.setdefault("update_available", "false")
    obj.pop("root_password", None)
    if "cluster" not in obj:
        cluster = engine.find("clusters", name="Default")
        if cluster is not None:
            obj["cluster"] = engine.ref(cluster)


def _storage_domain_defaults(engine, obj, parent):
    obj["status"] = "unattached"
    obj["master"] = "false"
    obj.setdefault("available", str(100 * GiB))
    obj.setdefault("used", str(5 * GiB))
    obj.setdefault("committed", "0")
    obj.setdefault("storage_format", "v1" if obj.get("type") == "iso" else "v5")
    obj.setdefault("wipe_after_delete", "false")
    obj.setdefault("discard_after_delete", "false")
    obj.setdefault("backup", "false")
    obj.setdefault("block_size", "512")
    obj.setdefault("warning_low_space_indicator", "10")
    obj.setdefault("critical_space_action_blocker", "5")
    obj.setdefault("external_status", "ok")
    for key in ("data_center", "data_centers", "host", "import"):
        obj.pop(key, None)          # attaching is a separate request; host only connects


def _data_center_defaults(engine, obj, parent):
    obj["status"] = "uninitialized"
    obj.setdefault("local", "false")
    obj.setdefault("storage_format", "v5")
    obj.setdefault("version", version(*CURRENT_LEVEL))
    obj["supported_versions"] = [version(*CURRENT_LEVEL)]
    obj.setdefault("quota_mode", "disabled")
    if "mac_pool" not in obj:
        pool = engine.find("macpools", name="Default")
        if pool is not None:
            obj["mac_pool"] = engine.ref(pool)


def _cluster_defaults(engine, obj, parent):
    obj.setdefault("version", version(*CURRENT_LEVEL))
    obj.setdefault("memory_policy", Obj("MemoryPolicy", over_commit=Obj(
        "MemoryOverCommit", percent="100"), transparent_hugepages=Obj(
        "TransparentHugePages", enabled="true")))
    obj.setdefault("error_handling", Obj("ErrorHandling", on_error="migrate"))
    for key, value in (("virt_service", "true"), ("gluster_service", "false"),
                       ("threads_as_cores", "false"), ("tunnel_migration", "false"),
                       ("trusted_service", "false"), ("ha_reservation", "false"),
                       ("ballooning_enabled", "false"), ("firewall_type", "firewalld"),
                       ("switch_type", "legacy"), ("bios_type", "q35_ovmf")):
        obj.setdefault(key, value)
    cpu = obj.setdefault("cpu", Obj("Cpu"))
    cpu.setdefault("architecture", "x86_64")
    obj["supported_versions"] = [version(*CURRENT_LEVEL)]
    if "scheduling_policy" not in obj:
        policy = engine.find("schedulingpolicies", name="none")
        if policy is not None:
            obj["scheduling_policy"] = engine.ref(policy)


def _network_defaults(engine, obj, parent):
    obj.setdefault("stp", "false")
    obj.setdefault("mtu", "0")
    obj.setdefault("usages", ["vm"])
    obj.setdefault("required", "true")
    obj.setdefault("port_isolation", "false")
    obj.setdefault("vdsm_name", obj.get("name"))


def _disk_defaults(engine, obj, parent):
    obj.setdefault("provisioned_size", "0")
    obj.setdefault("actual_size", "0")
    obj.setdefault("total_size", "0")
    if not obj.get("alias"):
        obj["alias"] = obj.get("name") or "Disk%d" % (len(engine.top["disks"]) + 1)
    obj["name"] = obj["alias"]
    obj["status"] = "ok"
    obj.setdefault("format", "raw")
    obj.setdefault("sparse", "true" if obj["format"] == "cow" else "false")
    for key in ("shareable", "propagate_errors", "wipe_after_delete"):
        obj.setdefault(key, "false")
    obj.setdefault("storage_type", "image")
    obj.setdefault("content_type", "data")
    if obj["format"] == "cow":
        obj.setdefault("qcow_version", "qcow2_v3")
    obj.setdefault("image_id", str(uuid.uuid4()))
    for key in ("active", "bootable", "interface", "snapshot", "vm"):
        obj.pop(key, None)          # per VM: kept in the disk attachment


def next_mac(engine, prefix="56:6f:5f:b0"):
    engine.macs_used = getattr(engine, "macs_used", 0) + 1
    n = engine.macs_used
    return "%s:%02x:%02x" % (prefix, n >> 8 & 0xff, n & 0xff)


def _nic_defaults(engine, obj, parent):
    obj.setdefault("interface", "virtio")
    if not (isinstance(obj.get("mac"), Obj) and obj["mac"].get("address")):
        obj["mac"] = Obj("Mac", address=next_mac(engine))
    obj.setdefault("linked", "true")
    obj.setdefault("plugged", "true")
    obj.setdefault("synced", "true")
    if parent is not None:
        obj["template" if parent.obj.type == "Template" else "vm"] = engine.ref(parent)


def _snapshot_defaults(engine, obj, parent):
    obj.setdefault("snapshot_type", "regular")
    obj.setdefault("snapshot_status", "ok")
    obj.setdefault("date", _stamp(engine))
    obj.setdefault("persist_memorystate", "false")
    if parent is not None:
        obj["vm"] = engine.ref(parent)


def _event_defaults(engine, obj, parent):
    obj.setdefault("time", _stamp(engine))
    obj.setdefault("severity", "normal")
    obj.setdefault("origin", "oVirt")
    obj.setdefault("custom_id", "-1")
    obj.setdefault("flood_rate", "30")
    obj.setdefault("log_on_host", "false")
    obj.setdefault("index", obj.get("id") or "0")


def _vnic_profile_defaults(engine, obj, parent):
    obj.setdefault("pass_through", Obj("VnicPassThrough", mode="disabled"))
    obj.setdefault("port_mirroring", "false")


def _attachment_defaults(engine, obj, parent):
    obj.setdefault("active", "true")
    obj.setdefault("bootable", "false")
    obj.setdefault("interface", "virtio")
    obj.setdefault("pass_discard", "false")
    obj.setdefault("read_only", "false")
    obj.setdefault("uses_scsi_reservation", "false")
    if parent is not None:
        obj["template" if parent.obj.type == "Template" else "vm"] = engine.ref(parent)


def _tag_defaults(engine, obj, parent):
    if "parent" not in obj and obj.get("id") != ZERO_ID:
        root = engine.find("tags", id_=ZERO_ID)
        if root is not None and obj.get("name") != "root":
            obj["parent"] = engine.ref(root)


def _pool_defaults(engine, obj, parent):
    obj.setdefault("size", "1")
    obj.setdefault("max_user_vms", "1")
    obj.setdefault("prestarted_vms", "0")
    obj.setdefault("type", "automatic")
    obj.setdefault("stateful", "false")
    obj.setdefault("auto_storage_select", "false")


def _job_defaults(engine, obj, parent):
    obj.setdefault("status", "started")
    obj.setdefault("start_time", _stamp(engine))
    obj.setdefault("last_updated", _stamp(engine))
    obj.setdefault("external", "true")
    obj.setdefault("auto_cleared", "true")
    user = engine.find("users", name=engine.user.partition("@")[0])
    if user is not None:
        obj.setdefault("owner", engine.ref(user))


def _user_defaults(engine, obj, parent):
    name = obj.get("user_name") or ""
    obj.setdefault("name", name.partition("@")[0])
    obj.setdefault("namespace", "*")
    obj.setdefault("principal", name.partition("@")[0])


def _role_defaults(engine, obj, parent):
    obj.setdefault("administrative", "false")
    obj["mutable"] = "true"


def _permission_defaults(engine, obj, parent):
    if parent is not None:
        key = {"Vm": "vm", "Host": "host", "Cluster": "cluster", "DataCenter": "data_center",
               "StorageDomain": "storage_domain", "Template": "template", "Disk": "disk",
               "VmPool": "vm_pool", "User": "user", "Group": "group"}.get(parent.obj.type)
        if key is not None and key not in obj:
            obj[key] = engine.ref(parent)


def statistic(engine, name, description, kind, type_, unit, datum, owner_key, owner):
    """One statistic of ``owner`` as v4 writes it (the shared rules say which)."""
    return Obj("Statistic", name=name, description=description, kind=kind, type=type_,
               unit=unit, values=[Obj("Value", datum=str(datum))],
               **{owner_key: engine.ref(owner)})


DEFAULTS = {"Vm": _vm_defaults, "Template": _template_defaults, "Host": _host_defaults,
            "StorageDomain": _storage_domain_defaults, "DataCenter": _data_center_defaults,
            "Cluster": _cluster_defaults, "Network": _network_defaults, "Disk": _disk_defaults,
            "Nic": _nic_defaults, "Event": _event_defaults, "Snapshot": _snapshot_defaults,
            "VnicProfile": _vnic_profile_defaults, "DiskAttachment": _attachment_defaults,
            "Tag": _tag_defaults, "VmPool": _pool_defaults, "Job": _job_defaults,
            "User": _user_defaults, "Role": _role_defaults, "Permission": _permission_defaults}


def apply_defaults(engine, obj, parent):
    fn = DEFAULTS.get(obj.type)
    if fn is not None:
        fn(engine, obj, parent)


def _ref_id(ref):
    return ref.get("id") if isinstance(ref, Obj) else None


# ---------------------------------------------------------------- creation

def before_normalize(engine, obj, coll, req):
    """Request values that become other entities: a disk attachment's new disk."""
    if obj.type == "DiskAttachment":
        disk = obj.get("disk")
        if not isinstance(disk, Obj):
            raise Fault(400, "Incomplete parameters",
                        "DiskAttachment [disk.id|disk.provisioned_size] required for add")
        if not disk.get("id"):
            if not disk.get("alias") and not disk.get("name") and coll.owner is not None:
                # the engine names a VM's new disk after the VM: vm1_Disk1, vm1_Disk2 ...
                disk["alias"] = "%s_Disk%d" % (coll.owner.name, len(coll) + 1)
            check_required(engine, disk, engine.model.collections["disks"])
            engine.normalize(disk)
            created = engine.create_top("disks", disk)
            obj["disk"] = engine.ref(created)
        else:
            target = engine.resolve_ref(disk, "Disk")
            for m in coll:
                if _ref_id(m.entity.obj.get("disk")) == target.id:
                    raise cannot("attach", "Disk", "The disk is already attached to the VM.")
            obj["disk"] = engine.ref(target)
        obj["id"] = obj["disk"]["id"]        # an attachment's id is its disk's id
    if obj.type == "Nic":
        # still in the schema, "completely ignored if provided when creating or updating
        # a NIC" (the engine's change list): the vNIC profile names the network
        obj.pop("network", None)
        if isinstance(obj.get("vnic_profile"), Obj):
            engine.resolve_ref(obj["vnic_profile"], "VnicProfile")


def requested_disks(engine, obj):
    """The template disks a VM add request chooses for (its disk attachments' disks,
    by id), taken off the VM, references resolved: [(disk, how it is attached)], or
    None (for the shared ``take_requested``)."""
    if obj.type != "Vm" or not obj.get("disk_attachments"):
        return None
    a = engine.access
    out = []
    for att in obj.pop("disk_attachments"):
        disk = att.get("disk")
        if not isinstance(disk, Obj) or not disk.get("id"):
            raise bad("A disk attachment of a new VM names a disk of its template by id")
        engine.normalize(disk, top=False)
        out.append((disk, {k: a.get(att, k) for k in ("bootable", "interface")
                           if att.get(k) is not None}))
    return out


def after_create(engine, entity, parent):
    common.after_create_shared(engine, entity, parent, _own_after_create)


def _own_after_create(engine, entity, parent):
    """What the v4 engine adds to the shared rules of a creation: a template does not
    name the VM it was made from (the shared rule copied its disks and NICs); a
    snapshot's disks are also disk snapshots of their disks
    (``disks/{id}/disksnapshots``)."""
    if entity.obj.type == "Template":
        entity.obj.pop("vm", None)
    elif entity.obj.type == "HostNic":
        _lldp_elements(engine, entity)
    elif entity.obj.type == "Snapshot":
        # each disk of the snapshot is also one of its disk's disk snapshots (by image)
        for m in engine.children(entity, "disks"):
            disk = engine.find("disks", id_=m.entity.id)
            if disk is not None:
                image = m.entity.obj.get("image_id")
                engine.store(engine.children(disk, "disksnapshots"), Obj(
                    "DiskSnapshot", id=image, disk=engine.ref(disk),
                    snapshot=engine.ref(entity), alias=disk.obj.get("alias")), image)


# As in the v3 dialect, a storage domain attached to a data center is in maintenance
# there until the activate action (the SDK guide's attach-then-activate flow).
ATTACHED_STORAGE_STATE = common.ATTACHED_STORAGE_STATE


# An existing entity linked into a view (a storage domain in a data center, a network
# in a cluster, a tag assigned) and unlinked: the shared rules.
on_attach = common.on_attach
on_detach = common.on_detach


# What a list shows and in which order: the shared rules.
visible = common.visible
order = common.order


# ---------------------------------------------------------------- search

SEARCH_ALIASES = {"datacenter": "data_center", "storage": "storage_domain",
                  "template": "template", "os": "os.type", "type": "type"}


def check_search_field(engine, type_name, field):
    if field.lower() in ("id", "name", "tag"):
        return
    path = SEARCH_ALIASES.get(field.lower(), field.lower())
    info = engine.model.types[type_name]
    head = path.split(".")[0]
    if head not in info.by_tag:
        raise common_search_error(field)


def common_search_error(field):
    return search.SearchError("unknown field '%s'" % field)


def field_values(engine, member, field):
    entity = member.entity
    f = field.lower()
    if f == "id":
        return [entity.id]
    if f == "tag":
        return [m.entity.name for m in engine.children(entity, "tags")] \
            if "tags" in engine.model.resources[entity.home.info.resource_href].subcollections \
            else []
    path = SEARCH_ALIASES.get(f, f).split(".")
    values = [member.overlay.get(path[0], entity.obj.get(path[0]))]
    for part in path[1:]:
        values = [v.get(part) if isinstance(v, Obj) else None for v in values]
    out = []
    for v in values:
        if isinstance(v, Obj):
            target = engine.referenced(v)
            if target is not None:
                out.append(target.name)
            if v.get("id"):
                out.append(v["id"])
        elif isinstance(v, list):
            out.extend(x for x in v if not isinstance(x, Obj))
        elif v is not None:
            out.append(_typed(v))
    return out


def _typed(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return text


# ---------------------------------------------------------------- reads and updates

def on_update(engine, target, obj, req):
    """Updates with their own rules (the shared ones first: a CD-ROM's ``current``);
    True when fully handled."""
    entity = target.entity
    if common.on_update(engine, target, obj, req.flag("current")):
        return True
    if entity.obj.type == "Nic":
        obj.pop("network", None)            # ignored, as when adding one
    if entity.obj.type == "DiskAttachment" and isinstance(obj.get("disk"), Obj):
        # the disk's members sent within the attachment update the disk (its alias,
        # size); the attachment keeps naming it
        changes = obj.pop("disk")
        changes.pop("id", None)
        disk = engine.referenced(entity.obj.get("disk"))
        if disk is not None and changes:
            for key in READ_ONLY_DISK:
                changes.pop(key, None)
            engine.normalize(changes, top=False)
            engine.merge(disk.obj, changes)
            common.after_update(engine, disk, changes)
    return False


# What an update of a disk through its attachment never changes.
READ_ONLY_DISK = ("href", "status", "image_id", "actual_size", "total_size")


# ---------------------------------------------------------------- deletes

def before_delete(engine, entity, req):
    """What goes with an entity the shared flow removes (``flows.remove``: the
    refusals, a VM's disks) that only v4 has: a disk attachment removed with
    ``detach_only=false`` takes its disk; a disk snapshot leaves its snapshot. The
    context ``after_delete`` is given."""
    kind = entity.obj.type
    context = {}
    if kind == "DiskAttachment" and req.param("detach_only") is not None and \
            not req.flag("detach_only"):
        context["disks"] = [engine.referenced(entity.obj.get("disk"))]
    if kind == "DiskSnapshot":
        # the snapshot no longer holds that disk
        snap_id, disk_id = _ref_id(entity.obj.get("snapshot")), _ref_id(entity.obj.get("disk"))
        for vm in engine.top["vms"]:
            snap = engine.children(vm.entity, "snapshots").get(snap_id)
            held = engine.children(snap.entity, "disks").get(disk_id) if snap else None
            if held is not None:
                engine.destroy(held.entity)
    return context


def after_delete(engine, entity, req, context):
    """A removed disk attachment's disk, when the request said so."""
    for disk in context.get("disks", ()):
        if disk is not None and disk.id in engine.top["disks"].members:
            engine.destroy(disk)


# ---------------------------------------------------------------- actions

# The v4-only actions, keyed on the v4 type (none at present: every action is the
# shared rule, ``ovirtsdk.testing.behaviour.ACTIONS``, keyed on the shared kind; its
# answers' members are renamed by ``access.RENAMED_MEMBERS``, ``iscsi_targets``).
ACTIONS = {}
# A console ticket's lifetime when the request gives none, in seconds.
TICKET_EXPIRY = 7200

# ---------------------------------------------------------------- services of the system
# Services at the top that are no collection: imports from outside (an add, answered
# with what it made) and the engine's configuration options (a get by name).

def _external_vm_import(engine, obj, new):
    """``externalvmimports``: a VM from VMware, Xen, KVM or an OVA becomes a VM of the
    cluster, named by the request's ``vm`` or as it was called there (``name``); it
    has no disks here (the engine would copy the source's)."""
    vm = Obj("Vm", name=(new.get("vm") or {}).get("name") or obj["name"],
             cluster=obj["cluster"], template=engine.ref(engine.find("templates", id_=ZERO_ID)))
    for key in ("cpu_profile", "quota"):
        if key in obj:
            vm[key] = obj[key]
    entity = engine.create_top("vms", vm)
    reply = Obj("ExternalVmImport", {k: v for k, v in obj.items() if k != "password"})
    reply["vm"] = engine.ref(entity)
    return reply


def _external_template_import(engine, obj, new):
    """``externaltemplateimports``: a template from an OVA file becomes a template of
    the cluster, named by the request's ``template``."""
    template = Obj("Template", name=new["template"]["name"], cluster=obj["cluster"])
    entity = engine.create_top("templates", template)
    reply = Obj("ExternalTemplateImport", dict(obj))
    reply["template"] = engine.ref(entity)
    return reply


# body type -> (the members naming what is made, not resolved; fn(engine, obj, new))
SERVICE_ADDS = {"ExternalVmImport": (("vm",), _external_vm_import),
                "ExternalTemplateImport": (("template",), _external_template_import)}

# The configuration options ``options/{name}`` reads: name -> ((value, version), ...)
# (``general``: the same for every cluster level).
SYSTEM_OPTIONS = {
    "MaxVmsInPool": (("1000", "general"),),
    "UserSessionTimeOutInterval": (("30", "general"),),
    "MaxNumOfVmSockets": tuple(("16", level) for level in CLUSTER_LEVELS),
    "MaxNumOfVmCpus": tuple(("384" if level < "4.5" else "512", level)
                            for level in CLUSTER_LEVELS),
}


def _system_option(engine, name, req):
    """``options/{name}[?version=4.7]``: an option and its values (404 when the
    engine has no such option)."""
    version = req.param("version")
    values = SYSTEM_OPTIONS.get(name)
    if values is None:
        raise Fault(404, "Not Found", "Entity not found: SystemOption: name=%s" % name)
    return Obj("SystemOption", id=name, name=name, values=[
        Obj("SystemOptionValue", value=value, version=level) for value, level in values
        if version is None or level in (version, "general")])


# response type -> fn(engine, the name in the URL, request): what a get answers
SERVICE_GETS = {"SystemOption": _system_option}


# The LLDP elements a host NIC's switch reports (``.../nics/{id}/
# linklayerdiscoveryprotocolelements``): (name, type, {property: value}).
LLDP_ELEMENTS = (
    ("Chassis ID", 1, {"chassis ID subtype": "MAC address",
                       "chassis ID": "52:54:00:5f:00:01"}),
    ("Port ID", 2, {"port ID subtype": "Interface name", "port ID": "ge-0/0/{n}"}),
    ("Time To Live", 3, {"time to live": "120"}),
    ("Port Description", 4, {"port description": "uplink {nic}"}),
    ("System Name", 5, {"system name": "switch1.example.com"}),
)


def _lldp_elements(engine, nic):
    host = nic.home.owner
    n = len(host.children.get("nics") or ()) if host is not None else 1
    coll = engine.children(nic, "linklayerdiscoveryprotocolelements")
    for name, type_, props in LLDP_ELEMENTS:
        engine.store(coll, Obj("LinkLayerDiscoveryProtocolElement", name=name,
                               type=str(type_), properties=[
                                   Obj("Property", name=k,
                                       value=v.format(n=n, nic=nic.name))
                                   for k, v in props.items()]))


# What the v4 engine does after a shared action succeeded, keyed on the v4 type
# (none at present: a started VM's guest agent is the shared rule's).
AFTER_ACTION = {}


def run_action(engine, target, segment, action):
    if target.entity is None:                    # an action on a collection
        return common.run_action(engine, target, segment, action)
    obj = target.entity.obj
    fn = ACTIONS.get((obj.type, segment)) or \
        common.ACTIONS.get((engine.access.kind(obj), segment))
    if fn is None:
        return None
    result = fn(engine, target, action)
    if result:
        result = {RENAMED_MEMBERS.get(("Action", k), k): v for k, v in result.items()}
    after = AFTER_ACTION.get((obj.type, segment))
    if after is not None:
        after(engine, target, action)
    return result


# ---------------------------------------------------------------- the entry point

def api_summary(engine):
    def count(href, state=None, key="status"):
        members = list(engine.top[href])
        total = len(members)
        active = sum(1 for m in members if state is None or m.entity.obj.get(key) == state)
        return Obj("ApiSummaryItem", active=str(active), total=str(total))

    major, minor, build = ENGINE_VERSION
    api = Obj("Api",
              product_info=Obj("ProductInfo", name="oVirt Engine", vendor="ovirt.org",
                               instance_id=engine.instance_id,
                               version=Obj("Version", major=str(major), minor=str(minor),
                                           build=str(build), revision="0",
                                           full_version="%d.%d.%d-1.el8" % ENGINE_VERSION)),
              special_objects=Obj("SpecialObjects"),
              summary=Obj("ApiSummary", hosts=count("hosts", "up"),
                          storage_domains=Obj("ApiSummaryItem", total=str(len(
                              engine.top["storagedomains"])), active=str(sum(
                                  1 for m in engine.top["storagedomains"]
                                  if m.entity.obj.get("data_centers")))),
                          users=Obj("ApiSummaryItem", total=str(len(engine.top["users"])),
                                    active="1"),
                          vms=count("vms", "up")),
              time=_stamp(engine))
    blank = engine.find("templates", id_=ZERO_ID)
    root_tag = engine.find("tags", id_=ZERO_ID)
    if blank is not None:
        api["special_objects"]["blank_template"] = engine.ref(blank)
    if root_tag is not None:
        api["special_objects"]["root_tag"] = engine.ref(root_tag)
    user = engine.find("users", name=engine.user.partition("@")[0])
    if user is not None:
        api["authenticated_user"] = engine.ref(user)
        api["effective_user"] = engine.ref(user)
    return api


# ---------------------------------------------------------------- the default environment

# The type of a VM's ``virtio_scsi`` (the shared ``all_content``).
VIRTIO_SCSI_KIND = "VirtioScsi"

# A host's storage entry and its logical units (the shared ``add_host_storage``).
HOST_STORAGE_KIND = "HostStorage"
LOGICAL_UNITS = "logical_units"


def populate(engine):
    """The v3 dialect's default environment, the v4 way."""
    engine.instance_id = str(uuid.UUID(int=0x4f766972745f46616b655f456e67696e))
    mk = engine.create_top
    mk("macpools", Obj("MacPool", name="Default", description="Default MAC pool",
                       allow_duplicates="false", default_pool="true",
                       ranges=[Obj("Range", **{"from": "56:6F:5F:B0:00:00",
                                               "to": "56:6F:5F:B0:00:FF"})]))
    for name in ("none", "evenly_distributed", "power_saving", "vm_evenly_distributed",
                 "cluster_maintenance"):
        mk("schedulingpolicies", Obj("SchedulingPolicy", name=name, locked="true",
                                     default_policy="true" if name == "none" else "false"))
    dc = mk("datacenters", Obj("DataCenter", name="Default",
                               description="The default Data Center"))
    mk("networks", Obj("Network", name="ovirtmgmt", description="Management Network",
                       data_center=engine.ref(dc), usages=["vm", "management"]),
       id_=MGMT_NETWORK_ID)
    cluster = mk("clusters", Obj("Cluster", name="Default",
                                 description="The default server cluster",
                                 data_center=engine.ref(dc),
                                 cpu=Obj("Cpu", type="Intel Conroe Family")))
    mk("templates", Obj("Template", name="Blank", description="Blank template",
                        creation_time=datetime.datetime(
                            2008, 4, 1, tzinfo=datetime.timezone.utc).astimezone().isoformat(
                                timespec="milliseconds")), id_=ZERO_ID)
    mk("tags", Obj("Tag", name="root", description="root"), id_=ZERO_ID)
    mk("hosts", Obj("Host", name="Atlantic", address="atlantic.example.com",
                    cluster=engine.ref(cluster), status="pending_approval"))
    common.add_host_storage(engine, engine.find("hosts", name="Atlantic"))
    mk("storagedomains", Obj("StorageDomain", name="ISO_DOMAIN", type="iso",
                             storage=Obj("HostStorage", type="nfs",
                                         address="engine.example.com",
                                         path="/var/lib/exports/iso")))
    mk("domains", Obj("Domain", name="internal-authz"))
    for user in engine.user_names:
        name, _, domain = user.partition("@")
        mk("users", Obj("User", name=name, user_name=user,
                        domain=Obj("Domain", name=(domain or "internal") + "-authz")))
    for name, admin in (("SuperUser", True), ("UserRole", False), ("ClusterAdmin", True),
                        ("DataCenterAdmin", True), ("UserVmManager", False)):
        mk("roles", Obj("Role", name=name, administrative="true" if admin else "false",
                        mutable="false"))
        engine.find("roles", name=name).obj["mutable"] = "false"
    for ident, name, desc in DEFAULT_OS:
        mk("operatingsystems", Obj("OperatingSystemInfo", name=name, description=desc),
           id_=ident)
    for level in CLUSTER_LEVELS:
        mk("clusterlevels", Obj("ClusterLevel", cpu_types=[
            Obj("CpuType", name="Intel Conroe Family", level="3", architecture="x86_64"),
            Obj("CpuType", name="Intel Westmere IBRS SSBD MDS Family", level="7",
                architecture="x86_64")]), id_=level)
    for name, (cpus, mem) in (("Tiny", (1, 512)), ("Small", (1, 2048)),
                              ("Medium", (2, 4096)), ("Large", (2, 8192)),
                              ("XLarge", (4, 16384))):
        mk("instancetypes", Obj("InstanceType", name=name, description="%s instance type"
                                % name, memory=str(mem * 1024 * 1024), cpu=Obj(
                                    "Cpu", topology=Obj("CpuTopology", cores="1",
                                                        sockets=str(cpus), threads="1"))))
    engine.event(13, "Host Atlantic is pending approval.",
                 host=engine.find("hosts", name="Atlantic"))
    engine.event(30, "User admin@internal logged in.")
