"""The v4 dialect on the wire: a 4.5 engine's paths, versions, auth and sessions.

Plain HTTP with ``requests`` (what the v4 client does is checked in
``test_v4_engine_sdk4.py``).
"""
import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from lxml import etree

from ovirtsdk.testing import FakeEngine

pytestmark = pytest.mark.fake_engine(api_version=4)


@pytest.fixture
def engine():
    with FakeEngine(https=False, api_version=4) as fake:
        yield fake


def _get(engine, path="", **headers):
    return requests.get(engine.url + path, auth=(engine.username, engine.password),
                        headers=headers, timeout=30)


def test_v4_is_served_at_the_entry_point_and_under_v4(engine):
    for path in ("", "/v4"):
        reply = _get(engine, path)
        assert reply.status_code == 200
        assert reply.headers["Content-Type"].startswith("application/xml")
        root = etree.fromstring(reply.content)
        assert root.tag == "api"
        assert root.findtext("product_info/version/major") == "4"
        assert root.findtext("product_info/version/minor") == "5"
        rels = {link.get("rel") for link in root.findall("link")}
        assert {"vms", "vms/search", "clusterlevels", "vnicprofiles"} <= rels
        assert "capabilities" not in rels
    vms = _get(engine, "/v4/vms", Version="4")
    assert vms.status_code == 200 and etree.fromstring(vms.content).tag == "vms"


@pytest.mark.parametrize("path, headers", [
    ("", {"Version": "3"}), ("/vms", {"Version": "3"}), ("/v3", {}), ("/v3/vms", {}),
    ("/v3/vms", {"Version": "4"})])
def test_v3_is_not_served_a_4_5_engine_answers_404(engine, path, headers):
    reply = _get(engine, path, **headers)
    assert reply.status_code == 404
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"<vms" not in reply.content and b"<api" not in reply.content


def test_basic_auth_and_persistent_sessions(engine):
    assert requests.get(engine.url, timeout=30).status_code == 401
    assert requests.get(engine.url, auth=(engine.username, "wrong"), timeout=30) \
        .status_code == 401
    reply = _get(engine, "", Prefer="persistent-auth")
    assert reply.status_code == 200
    cookie = reply.cookies["JSESSIONID"]
    again = requests.get(engine.url + "/vms", headers={"Cookie": "JSESSIONID=" + cookie,
                                                       "Prefer": "persistent-auth"},
                         timeout=30)
    assert again.status_code == 200


def test_the_sso_token_service(engine):
    sso = engine.url.replace("/ovirt-engine/api", "/ovirt-engine/sso/oauth/token")
    reply = requests.post(sso, data={"grant_type": "password", "scope": "ovirt-app-api",
                                     "username": engine.username,
                                     "password": engine.password},
                          headers={"Accept": "application/json"}, timeout=30)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    token = reply.json()["access_token"]
    assert reply.json()["token_type"] == "bearer"
    api = requests.get(engine.url, headers={"Authorization": "Bearer " + token}, timeout=30)
    assert api.status_code == 200
    assert requests.get(engine.url, headers={"Authorization": "Bearer nope"},
                        timeout=30).status_code == 401
    bad = requests.post(sso, data={"grant_type": "password", "username": engine.username,
                                   "password": "wrong"}, timeout=30)
    assert bad.json()["error_code"] == "access_denied"
    logout = engine.url.replace("/ovirt-engine/api", "/ovirt-engine/services/sso-logout")
    assert requests.post(logout, data={"token": token}, timeout=30).json() == {}
    assert requests.get(engine.url, headers={"Authorization": "Bearer " + token},
                        timeout=30).status_code == 401


def test_faults_are_v4_fault_documents(engine):
    reply = requests.post(engine.url + "/vms", data=b"<vm><name>x</name></vm>",
                          auth=(engine.username, engine.password),
                          headers={"Content-Type": "application/xml"}, timeout=30)
    assert reply.status_code == 400
    fault = etree.fromstring(reply.content)
    assert fault.tag == "fault"
    assert fault.findtext("reason") == "Incomplete parameters"
    assert "cluster" in fault.findtext("detail")
    unknown = requests.post(engine.url + "/vms", data=b"<vm><nosuch>1</nosuch></vm>",
                            auth=(engine.username, engine.password), timeout=30)
    assert unknown.status_code == 400 and b"nosuch" in unknown.content
    missing = _get(engine, "/vms/123")
    assert missing.status_code == 404
    assert etree.fromstring(missing.content).findtext("detail") == "Entity not found: 123"


def test_matrix_parameters_count_as_query_parameters(engine):
    reply = _get(engine, "/vms;max=0")
    assert reply.status_code == 200
    bad = _get(engine, "/vms;max=many")
    assert bad.status_code == 400


def test_api_version_is_checked():
    with pytest.raises(ValueError, match="api_version"):
        FakeEngine(https=False, api_version=2)


def test_reset_restores_the_v4_environment(engine):
    body = b"<tag><name>t1</name></tag>"
    auth = (engine.username, engine.password)
    assert requests.post(engine.url + "/tags", data=body, auth=auth, timeout=30) \
        .status_code == 201
    engine.reset()
    tags = etree.fromstring(_get(engine, "/tags").content)
    assert [t.findtext("name") for t in tags] == ["root"]


def test_the_fixture_starts_a_v4_engine_when_asked(fake_engine, fake_engine_v4):
    assert fake_engine.api_version == 4         # the module's fake_engine marker
    assert fake_engine_v4.api_version == 4
    assert repr(fake_engine).startswith("<FakeEngine v4 ")


@pytest.mark.parametrize("fake_engine", [{"api_version": 4}], indirect=True)
def test_the_fixture_takes_an_indirect_parameter(fake_engine):
    assert fake_engine.api_version == 4


def test_the_command_line_runs_a_v4_engine():
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "ovirtsdk.testing", "--http",
                             "--api-version", "4"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env,
                            cwd=os.path.dirname(os.path.abspath(__file__)))
    try:
        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if line.strip().startswith("url:"):
                break
        assert "API v4" in lines[0]
        url = lines[-1].split("url:", 1)[1].strip()
        reply = requests.get(url, auth=("admin@internal", "letmein"), timeout=30)
        assert etree.fromstring(reply.content).findtext("product_info/version/major") == "4"
        assert requests.get(url, auth=("admin@internal", "letmein"), headers={
            "Version": "3"}, timeout=30).status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
