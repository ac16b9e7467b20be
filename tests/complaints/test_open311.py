import xml.etree.ElementTree as ET

import pytest

from complaints.models import Complaint, Privacy, Status
from complaints.partners import open311_key_create
from complaints.services import complaint_add_note, complaint_answer, complaint_assign, complaint_verify
from tests.complaints.uploads import upload
from tests.factories import ComplaintFactory, gps_jpeg, submit_complaint

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


def _xml(content: bytes):
    return ET.fromstring(content)  # noqa: S314 - our own response in a test


def _assigned(world, **data):
    r = submit_complaint(category=world.category, reporter_name="Rudi Warga", reporter_email="rudi@example.com", **data)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    complaint_assign(complaint=r.complaint, actor=world.desk, door="admin", opd=world.dinas)
    return r.complaint


def test_discovery_and_services_json_and_xml(world, client):
    d = client.get(f"{BASE}/discovery.json").json()
    assert d["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    services = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in services} == {"jalan", "kesehatan"}
    assert services[0]["metadata"] is False
    xml = _xml(client.get(f"{BASE}/services.xml").content)
    assert xml.tag == "services"
    assert {s.findtext("service_code") for s in xml.findall("service")} == {"jalan", "kesehatan"}
    assert client.get(f"{BASE}/services/jalan.json").json()["service_code"] == "jalan"
    assert client.get(f"{BASE}/services/nope.json").status_code == 404
    assert client.get(f"{BASE}/services.csv").status_code == 404


def test_requests_list_only_public_without_identity(world, client):
    pub = _assigned(world, lat="4.1", long="117.6", files=[upload("a.jpg", gps_jpeg())])
    complaint_add_note(complaint=pub, actor=world.opd_op, door="admin", body="INTERNAL SECRET NOTE")
    complaint_add_note(complaint=pub, actor=world.opd_op, door="admin", body="Petugas ke lokasi", public=True)
    rahasia = _assigned(world, privacy=Privacy.RAHASIA)
    anonim = _assigned(world, privacy=Privacy.ANONIM)
    submit_complaint(category=world.category)  # received, not verified
    r = client.get(f"{BASE}/requests.json")
    rows = r.json()
    assert [row["service_request_id"] for row in rows] == [pub.tracking_code]
    row = rows[0]
    assert row["status"] == "open"
    assert row["status_notes"] == "Petugas ke lokasi"
    assert row["agency_responsible"] == "Dinas PU"
    assert row["lat"] == 4.1
    assert row["media_url"].startswith("http://testserver/api/v1/complaints/attachments/")
    assert row["expected_datetime"]
    for text in ("Rudi", "rudi@example.com", "INTERNAL SECRET NOTE"):
        assert text not in r.text
    xml = client.get(f"{BASE}/requests.xml")
    assert "Rudi" not in xml.text
    root = _xml(xml.content)
    assert root.tag == "service_requests"
    assert root.find("request").findtext("service_request_id") == pub.tracking_code
    for c in (rahasia, anonim):
        assert client.get(f"{BASE}/requests/{c.tracking_code}.json").status_code == 404
        assert client.get(f"{BASE}/requests.json", {"service_request_id": c.tracking_code}).json() == []
    assert client.get(f"{BASE}/requests/{pub.tracking_code}.xml").status_code == 200


def test_requests_filters(world, client):
    a = _assigned(world)
    b = _assigned(world)
    complaint_answer(complaint=b, actor=world.opd_op, door="admin", body="Selesai")
    assert [x["service_request_id"] for x in client.get(f"{BASE}/requests.json", {"status": "closed"}).json()] == [
        b.tracking_code
    ]
    assert [x["service_request_id"] for x in client.get(f"{BASE}/requests.json", {"status": "open"}).json()] == [
        a.tracking_code
    ]
    assert client.get(f"{BASE}/requests.json", {"service_code": "kesehatan"}).json() == []
    assert (
        client.get(
            f"{BASE}/requests.json", {"start_date": "2000-01-01T00:00:00Z", "end_date": "2000-02-01T00:00:00Z"}
        ).json()
        == []
    )
    ids = f"{a.tracking_code},{b.tracking_code}"
    assert len(client.get(f"{BASE}/requests.json", {"service_request_id": ids}).json()) == 2
    bad = client.get(f"{BASE}/requests.json", {"status": "maybe"})
    assert bad.status_code == 400
    assert bad.json()[0]["code"] == 400
    assert client.get(f"{BASE}/requests.json", {"start_date": "kemarin"}).status_code == 400


def test_post_requires_api_key_and_creates_public_complaint(world, client):
    payload = {
        "service_code": "jalan",
        "lat": "4.1",
        "long": "117.6",
        "description": "Jalan rusak parah\ndetail",
        "first_name": "Tono",
        "email": "tono@example.com",
    }
    assert client.post(f"{BASE}/requests.json", payload).status_code == 403
    _key, secret = open311_key_create(name="Aplikasi Mitra")
    r = client.post(f"{BASE}/requests.json", {**payload, "api_key": secret})
    assert r.status_code == 201, r.content
    code = r.json()[0]["service_request_id"]
    c = Complaint.objects.get(tracking_code=code)
    assert (c.privacy, c.title, c.reporter.name) == (Privacy.PUBLIC, "Jalan rusak parah", "Tono")
    assert c.history.first().history_door == "open311"
    bad = client.post(f"{BASE}/requests.xml", {**payload, "api_key": secret, "service_code": "nope"})
    assert bad.status_code == 400
    assert _xml(bad.content).find("error").findtext("code") == "400"
    nowhere = client.post(f"{BASE}/requests.json", {"api_key": secret, "service_code": "jalan", "description": "x"})
    assert nowhere.status_code == 400


@pytest.mark.parametrize("size", [5, 40])
def test_requests_query_count_constant(world, client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    with django_assert_max_num_queries(6):
        rows = client.get(f"{BASE}/requests.json").json()
    assert len(rows) == size


def test_requests_list_is_cached_until_the_public_figures_refresh(world, client, django_assert_num_queries):
    from complaints.tasks import refresh_public_figures

    first = _assigned(world)
    one = client.get(f"{BASE}/requests.json")
    assert one["X-Sepakat-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(f"{BASE}/requests.json")
    assert again["X-Sepakat-Cache"] == "hit"
    assert again.content == one.content
    # the full request is the key: another format or filter is its own entry
    assert client.get(f"{BASE}/requests.xml")["X-Sepakat-Cache"] == "miss"
    assert client.get(f"{BASE}/requests.json", {"status": "open"})["X-Sepakat-Cache"] == "miss"
    assert client.get(f"{BASE}/requests.json", {"status": "nope"}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"status": "nope"})["X-Sepakat-Cache"] == "miss"  # errors not kept
    second = _assigned(world)
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()] == [first.tracking_code]
    refresh_public_figures()  # the job every few minutes: the complaints' public figures and this list
    fresh = client.get(f"{BASE}/requests.json")
    assert fresh["X-Sepakat-Cache"] == "miss"
    assert {r["service_request_id"] for r in fresh.json()} == {first.tracking_code, second.tracking_code}


def test_requests_cache_can_be_turned_off(world, client, settings):
    settings.OPEN311_CACHE_SECONDS = 0
    _assigned(world)
    client.get(f"{BASE}/requests.json")
    assert "X-Sepakat-Cache" not in client.get(f"{BASE}/requests.json")
