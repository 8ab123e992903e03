"""The default host's storage (``GET /hosts/{id}/storage``): the same LUNs on both fake
engines, so ``host.storage.list()`` reads the same from a 3.6 engine and, through the
translation, from a 4.5 engine; the v4 client reads them as v4 host storages."""
import pytest

from conftest import ovirtsdk4
from ovirtsdk.api import API
from ovirtsdk.testing import FakeEngine
from ovirtsdk.testing import behaviour


@pytest.fixture(scope="module")
def engines():
    pair = {v: FakeEngine(https=False, api_version=v).start() for v in (3, 4)}
    yield pair
    for engine in pair.values():
        engine.stop()


def _v3_storage(engine):
    api = API(**engine.api_kwargs())
    try:
        host = api.hosts.get(name="Atlantic")
        out = []
        for s in host.storage.list():
            assert s.host.id == host.id
            out.append((s.id, s.type_, [(u.id, u.address, u.port, u.target, u.portal,
                                         u.lun_mapping, u.size, u.paths, u.status,
                                         u.serial, u.vendor_id, u.product_id)
                                        for u in s.logical_unit]))
        one = host.storage.get(id=out[0][0])
        assert one is not None and one.id == out[0][0]
        return out
    finally:
        api.disconnect()


def test_the_default_host_sees_the_same_luns_on_both_engines(engines):
    seen = _v3_storage(engines[3])
    assert _v3_storage(engines[4]) == seen
    assert [s[0] for s in seen] == [lun[0] for lun in behaviour.DEFAULT_HOST_LUNS]
    lun_id, mapping, size = behaviour.DEFAULT_HOST_LUNS[1]
    assert seen[1][1] == "iscsi"
    unit = seen[1][2]
    assert len(unit) == 1 and unit[0][:8] == (
        lun_id, "storage.example.com", 3260, behaviour.ISCSI_TARGET,
        "storage.example.com:3260,1", mapping, size, 1)
    assert unit[0][8] == "free"


def test_the_v4_client_reads_host_storages_with_their_logical_units(engines):
    sdk = ovirtsdk4()
    engine = engines[4]
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password)
    try:
        hosts = connection.system_service().hosts_service()
        host = hosts.list(search="name=Atlantic")[0]
        storages = hosts.host_service(host.id).storage_service().list()
        assert [s.id for s in storages] == [lun[0] for lun in behaviour.DEFAULT_HOST_LUNS]
        first = storages[0]
        assert first.type == sdk.types.StorageType.ISCSI
        assert first.host.id == host.id
        units = first.logical_units
        assert [(u.id, u.size, u.lun_mapping, u.target, u.port, u.status) for u in units] == [
            (first.id, behaviour.DEFAULT_HOST_LUNS[0][2], 0, behaviour.ISCSI_TARGET, 3260,
             sdk.types.LunStatus.FREE)]
        one = hosts.host_service(host.id).storage_service().storage_service(first.id).get()
        assert one.logical_units[0].id == first.id
    finally:
        connection.close()
