"""``GET /ovirt-engine/api?schema``: each fake engine serves the XSD of its model.

A 3.6 engine and a 4.5 engine both answer the entry point's ``schema`` parameter
with their data model as an XML schema, sent as a download
(``ovirt-engine-api-schema.xsd``). The fake engines serve the XSD generated from
``schema/`` (v3) and ``schema/v4`` (v4); the documents they serve must validate
against it, and its types must be the ones the real clients know.
"""
import inspect
from pathlib import Path

import pytest
import requests
from lxml import etree

from conftest import ovirtsdk4
from ovirtsdk.testing import FakeEngine

XS = "{http://www.w3.org/2001/XMLSchema}"
REFERENCE_XSD = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "api.xsd"

# Collections whose documents are checked against the served schema.
CHECKED = {3: ("vms", "hosts", "clusters", "datacenters", "storagedomains", "networks",
               "templates", "disks", "roles", "tags", "events"),
           4: ("vms", "hosts", "clusters", "datacenters", "storagedomains", "networks",
               "templates", "disks", "roles", "tags", "events", "vnicprofiles",
               "clusterlevels")}


@pytest.fixture(scope="module", params=[3, 4])
def engine(request):
    with FakeEngine(https=False, api_version=request.param) as fake:
        yield fake


def _get(engine, path=""):
    return requests.get(engine.url + path, auth=(engine.username, engine.password))


def _complex_types(document):
    return {ct.get("name") for ct in document.iter(XS + "complexType") if ct.get("name")}


@pytest.mark.parametrize("form", ["?schema", ";schema"])
def test_schema_is_a_download_of_the_models_xsd(engine, form):
    reply = _get(engine, form)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/octet-stream"
    assert reply.headers["Content-Disposition"] == \
        "attachment; filename = ovirt-engine-api-schema.xsd"
    document = etree.fromstring(reply.content)
    assert document.tag == XS + "schema"
    etree.XMLSchema(document)            # a schema lxml accepts
    # without the parameter the entry point is the API document
    assert etree.fromstring(_get(engine).content).tag == "api"


def test_served_documents_validate_against_the_served_schema(engine):
    schema = etree.XMLSchema(etree.fromstring(_get(engine, "?schema").content))
    for path in ("",) + tuple("/" + c for c in CHECKED[engine.api_version]):
        document = etree.fromstring(_get(engine, path).content)
        assert schema.validate(document), (path, str(schema.error_log.last_error))


@pytest.mark.parametrize("engine", [3], indirect=True)
def test_v3_schema_has_the_types_of_the_36_engines_schema(engine):
    assert engine.api_version == 3
    served = _complex_types(etree.fromstring(_get(engine, "?schema").content))
    assert {"VM", "Host", "Disk", "NIC", "StorageDomain", "DataCenter"} <= served
    if not REFERENCE_XSD.is_file():
        pytest.skip("no ../shared/reference/api.xsd")
    reference = _complex_types(etree.parse(str(REFERENCE_XSD)).getroot())
    assert served == reference


@pytest.mark.parametrize("engine", [4], indirect=True)
def test_v4_schema_has_every_type_of_the_v4_client(engine):
    assert engine.api_version == 4
    sdk = ovirtsdk4()
    # fetched with the v4 client's own transport
    connection = sdk.Connection(url=engine.url, username=engine.username,
                                password=engine.password)
    try:
        reply = connection.wait(connection.send(
            sdk.http.Request(method="GET", path="", query={"schema": ""})))
    finally:
        connection.close()
    assert reply.code == 200
    document = etree.fromstring(reply.body)
    served = _complex_types(document)
    structs = {name for name, cls in inspect.getmembers(sdk.types, inspect.isclass)
               if issubclass(cls, sdk.types.Struct) and cls is not sdk.types.Struct}
    structs.discard("Identified")        # the client's own base of id/name/... (BaseResource)
    assert structs and structs <= served, sorted(structs - served)[:10]
    vm = next(ct for ct in document.iter(XS + "complexType") if ct.get("name") == "Vm")
    members = {e.get("name") for e in vm.iter(XS + "element")}
    assert {"disk_attachments", "nics", "status", "fqdn"} <= members
