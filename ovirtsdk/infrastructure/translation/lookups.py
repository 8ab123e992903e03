"""Lookups the translation handlers share: the cluster of the object a call is below,
a network's id from a v3 ``<network id|name>``."""
from urllib.parse import quote

from .xmlmap import NotTranslatable


def owner_cluster(tr, call):
    """The cluster id of the VM, template or host the call is below (None otherwise)."""
    owner = call.segments[0]
    if owner not in ("vms", "templates", "hosts"):
        return None
    _, root = tr.send_tree("GET", "%s/%s" % (owner, quote(call.ids[0], safe="")), (), None, None)
    cluster = root.find("cluster") if root is not None else None
    return cluster.get("id") if cluster is not None else None


def network_id(tr, call, network):
    """The v4 id of a v3 ``<network id|name>``: a name among the networks of the
    owner's cluster (cached per API), else the one network of that name."""
    net_id = network.get("id")
    if net_id:
        return net_id
    name = network.findtext("name")
    if not name:
        raise NotTranslatable(call.where, "the <network> has neither id nor name")
    cluster_id = owner_cluster(tr, call)
    if cluster_id is not None:
        return tr.cluster_network_id(call.where, cluster_id, name)
    _, root = tr.send_tree("GET", "networks", [("search", "name=%s" % name)], None, None)
    ids = [n.get("id") for n in (root.iterchildren("network") if root is not None else ())
           if n.findtext("name") == name]
    if len(ids) != 1:
        raise NotTranslatable(call.where, "%d networks are named %r" % (len(ids), name))
    return ids[0]
