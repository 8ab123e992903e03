"""The translation tables: which v3 call goes where in v4 (data only).

Patterns are v3 hrefs relative to the entry point with every id written ``{}``
(``vms/{}/nics/{}``); ``''`` is the entry point. A v3 call is translated when
one of these holds, checked in this order:

1. its pattern is in ``HANDLERS``: a named handler of ``handlers.py`` (or of a
   module it gathers, ``hostnets.py``) does it;
2. it is listed in ``NOT_TRANSLATED``: refused with the reason given;
3. the same method and pattern exist in v4 (``v4links.LINKS``, extracted from the
   v4 model), with the action renamed by ``ACTION_RENAMES`` if listed, and the
   pattern's collection is not in ``NOT_SAME``: sent to the same path, bodies and
   replies converted element by element (``xmlmap``);

anything else raises ``NotTranslatedError`` before a request is sent.
"""

# v3 pattern -> handler name (see handlers.HANDLERS).
HANDLERS = {
    "": "entry_point",
    # 4: a VM's or template's disks are disk attachments in v4
    "vms/{}/disks": "vm_disks",
    "vms/{}/disks/{}": "vm_disk",
    "vms/{}/disks/{}/activate": "vm_disk_active",
    "vms/{}/disks/{}/deactivate": "vm_disk_active",
    "templates/{}/disks": "template_disks",
    "templates/{}/disks/{}": "template_disk",
    # 6: NICs name a network in v3, a vNIC profile in v4
    "vms/{}/nics": "nics",
    "vms/{}/nics/{}": "nics",
    "templates/{}/nics": "nics",
    "templates/{}/nics/{}": "nics",
    "instancetypes/{}/nics": "nics",
    "instancetypes/{}/nics/{}": "nics",
    # a v4 CD-ROM list has no current=true: each CD-ROM is read with it
    "vms/{}/cdroms": "vm_cdroms",
    # a VM disk's statistics are the disk's (v4 has no VM disks)
    "vms/{}/disks/{}/statistics": "vm_disk_statistics",
    "vms/{}/disks/{}/statistics/{}": "vm_disk_statistics",
    # a snapshot's disk is deleted as its disk's disk snapshot (by image)
    "vms/{}/snapshots/{}/disks/{}": "snapshot_disk",
    # 13: v4 has no VM move: each disk moves
    "vms/{}/move": "vm_move",
    # 15: add-time clone flags in the v3 body are v4 URL parameters
    "vms": "vms_add",
    # 15: a host's storage is <host_storages> of <host_storage> in v4
    "hosts/{}/storage": "host_storage",
    "hosts/{}/storage/{}": "host_storage",
    # host NIC network changes are v4 setupnetworks (hostnets.py)
    "hosts/{}/nics": "host_nics",
    "hosts/{}/nics/{}": "host_nic",
    "hosts/{}/nics/{}/attach": "host_nic_network",
    "hosts/{}/nics/{}/detach": "host_nic_network",
    "hosts/{}/nics/setupnetworks": "host_nics_setup",
    # 11: /capabilities is /clusterlevels in v4
    "capabilities": "capabilities",
    "capabilities/{}": "capabilities",
}

# v3 actions on a collection (the path's last segment names the action, not an id).
COLLECTION_ACTIONS = frozenset(("hosts/{}/nics/setupnetworks",))

# v3 action name -> v4 action name, per resource pattern.
ACTION_RENAMES = {
    "vms/{}": {
        "preview_snapshot": "previewsnapshot",
        "commit_snapshot": "commitsnapshot",
        "undo_snapshot": "undosnapshot",
    },
}

# v3 path prefixes that v4 serves under another path: v3 pattern -> v4 path with
# ``{n}`` the n-th id of the v3 call; the rest of the path follows unchanged.
PATH_RENAMES = {
    "datacenters/{}/networks/{}/permissions": "networks/{1}/permissions",
    "datacenters/{}/networks/{}/vnicprofiles": "networks/{1}/vnicprofiles",
    "datacenters/{}/iscsibonds/{}/storageconnections":
        "datacenters/{0}/iscsibonds/{1}/storageserverconnections",
    # a VM's or template's disk is the disk itself for these (v4 has no VM disks)
    "vms/{}/disks/{}/permissions": "disks/{1}/permissions",
    "vms/{}/disks/{}/move": "disks/{1}/move",
    "vms/{}/disks/{}/export": "disks/{1}/export",
    "templates/{}/disks/{}/copy": "disks/{1}/copy",
    "templates/{}/disks/{}/export": "disks/{1}/export",
    # network labels are networklabels (a data center network's: the network's)
    "networks/{}/labels": "networks/{0}/networklabels",
    "datacenters/{}/networks/{}/labels": "networks/{1}/networklabels",
    "datacenters/{}/iscsibonds/{}/networks/{}/labels":
        "datacenters/{0}/iscsibonds/{1}/networks/{2}/networklabels",
    "hosts/{}/nics/{}/labels": "hosts/{0}/nics/{1}/networklabels",
    # a gluster volume's bricks are its glusterbricks
    "clusters/{}/glustervolumes/{}/bricks": "clusters/{0}/glustervolumes/{1}/glusterbricks",
    "datacenters/{}/clusters/{}/glustervolumes/{}/bricks":
        "clusters/{1}/glustervolumes/{2}/glusterbricks",
}

# v3 patterns known to have no v4 counterpart with the same meaning.
NOT_TRANSLATED = {}      # (none at present: VM move, once here, moves each disk)

# Same path in v4 but different content: must have a handler, never "same".
NOT_SAME = frozenset(("vms/{}/disks", "templates/{}/disks", "vms/{}/nics",
                      "templates/{}/nics", "instancetypes/{}/nics"))

# DELETE with a v3 body (<action>, or <storage_domain> for storage domains):
# member path below the root -> v4 URL parameter.
DELETE_BODY = {
    "vms/{}": {"force": "force", "async": "async", "vm/disks/detach_only": "detach_only"},
    "templates/{}": {"async": "async"},
    "datacenters/{}": {"force": "force", "async": "async"},
    "hosts/{}": {"force": "force", "async": "async"},
    "storagedomains/{}": {"async": "async", "host/name": "host", "host/id": "host",
                          "format": "format", "destroy": "destroy"},
}

# v3 GET patterns whose v3 reply is built from v4 members that v4 serves as links:
# the v4 request asks the engine to inline them (``follow=``), so a list stays one
# request. vms: <guest_info><ips> from the VM's reported devices.
FOLLOW = {
    "vms": ("reported_devices",),
    "vms/{}": ("reported_devices",),
}

# ``detail=`` (8: v3 inline sub-collections, as a URL parameter or in the Accept
# header) is v4 ``follow=`` on these GET patterns: pattern -> the v4 entity type
# whose list links may be followed.
DETAIL = {
    "vms": "Vm", "vms/{}": "Vm",
    "templates": "Template", "templates/{}": "Template",
    "hosts": "Host", "hosts/{}": "Host",
    "clusters": "Cluster", "clusters/{}": "Cluster",
    "datacenters": "DataCenter", "datacenters/{}": "DataCenter",
    "storagedomains": "StorageDomain", "storagedomains/{}": "StorageDomain",
}

# v3 detail names whose v4 follow path differs (the v3 name otherwise).
DETAIL_FOLLOW = {"disks": "disk_attachments.disk"}

# v3 URL parameters that v4 lacks but whose v3 value is v4's behaviour anyway.
HARMLESS_DEFAULTS = {("case_sensitive", "true")}

# v4 entry-point link rels -> the v3 rel and href tail.
ENTRY_LINK_RENAMES = {"clusterlevels": "capabilities"}

# v4 <special_objects> members -> the rel of the v3 <link> that names them.
SPECIAL_OBJECTS = {"blank_template": "templates/blank", "root_tag": "tags/root"}
