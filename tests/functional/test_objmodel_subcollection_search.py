"""get(name=...) searches (?search=name%3DX) only on top-level collections whose link
declares search; on every sub-collection, even those whose RSDL link declares search
(storagedomain.files, domain.users, domain.groups, storage-domain disks, gluster
volumes), it is a plain GET and a client-side match, as the original did."""
import pytest

from ovirtsdk.infrastructure import brokers, linkmodel

GETS = sorted((key, entry[4]) for key, entry in linkmodel.METHODS.items()
              if entry[0] == "get" and entry[4] is not None)


def test_sub_collections_that_declare_search_exist():
    declared = {href for href, c in linkmodel.COLLECTIONS.items() if c[5] and c[7]}
    assert {"storagedomains/{storagedomain:id}/files", "domains/{domain:id}/users",
            "domains/{domain:id}/groups", "storagedomains/{storagedomain:id}/disks",
            "clusters/{cluster:id}/glustervolumes"} <= declared


@pytest.mark.parametrize("key, collection", GETS, ids=[k for k, _ in GETS])
def test_get_searches_only_on_top_level_collections(key, collection):
    entry = linkmodel.COLLECTIONS[collection]
    declares_search, parent = entry[5], entry[7]
    assert brokers._OPS[key].searchable == bool(declares_search and parent is None)
