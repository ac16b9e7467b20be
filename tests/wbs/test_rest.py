"""REST door: public submit/follow-up, Inspektorat cases and actions, errors as problem+json."""

import uuid

import pytest

from api.models import IdempotencyKey
from audit.models import SensitiveRead
from tests.factories import wbs_report
from wbs import receipts
from wbs.models import WbsReport

from .doors import client_for, submit_payload

pytestmark = pytest.mark.django_db

BASE = "/api/v1/wbs"


def test_categories_are_public(category):
    response = client_for().get(f"{BASE}/categories/")
    assert response.status_code == 200
    assert "Gratifikasi uji" in [c["name"] for c in response.json()]


def test_submit_then_follow_up_and_reply(opds, category):
    client = client_for()
    response = client.post(
        f"{BASE}/reports/", submit_payload(opds["dinkes"], category), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Cache-Control"] == "no-store"
    code = body["receipt_code"]
    assert receipts.parse_code(code).lookup_id == body["number"]
    follow = client.post(f"{BASE}/follow-up/", {"receipt_code": code}, content_type="application/json")
    assert follow.status_code == 200
    assert follow.json()["status"] == "diterima"
    assert follow.json()["messages"] == []
    reply = client.post(
        f"{BASE}/follow-up/reply/",
        {"receipt_code": code, "body": "Bukti transfer ada."},
        content_type="application/json",
    )
    assert reply.status_code == 201
    assert reply.json()["messages"][0]["body"] == "Bukti transfer ada."


def test_submit_errors_are_field_errors_in_indonesian(opds, category):
    payload = {**submit_payload(opds["dinkes"], category, title=""), "category": "abc", "incident_date": "kemarin"}
    response = client_for().post(f"{BASE}/reports/", payload, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"category", "incident_date"} <= set(errors)
    service_errors = client_for().post(
        f"{BASE}/reports/", submit_payload(opds["dinkes"], category, title=""), content_type="application/json"
    )
    assert service_errors.status_code == 400
    assert service_errors.json()["errors"]["title"] == ["Wajib diisi."]


def test_wrong_receipt_code_is_a_field_error(report):
    response = client_for().post(f"{BASE}/follow-up/", {"receipt_code": "salah"}, content_type="application/json")
    assert response.status_code == 400
    assert "receipt_code" in response.json()["errors"]


def test_idempotent_submit_replays_same_code_without_storing_it(opds, category):
    client = client_for()
    key = str(uuid.uuid4())
    payload = submit_payload(opds["dinkes"], category)
    first = client.post(f"{BASE}/reports/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    second = client.post(f"{BASE}/reports/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["receipt_code"] == second.json()["receipt_code"]
    assert second["Idempotent-Replayed"] == "true"
    assert WbsReport.objects.count() == 1
    record = IdempotencyKey.objects.get()
    stored = bytes(record.response_body).decode()
    assert first.json()["receipt_code"] not in stored
    assert key not in record.key
    other = client.post(
        f"{BASE}/reports/", {**payload, "title": "Lain"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert other.status_code == 422
    short = client.post(f"{BASE}/reports/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="pendek")
    assert short.status_code == 400


def test_inspector_list_detail_and_actions(report, inspector_a, inspector_b):
    obj, code = report
    client = client_for(inspector_a)
    listing = client.get(f"{BASE}/cases/")
    assert listing.status_code == 200
    assert listing.json()["count"] == 1
    assert not SensitiveRead.objects.exists()
    detail = client.get(f"{BASE}/cases/{obj.pk}/")
    assert detail.status_code == 200
    assert detail.json()["description"].startswith("Pemohon izin")
    assert SensitiveRead.objects.filter(action="wbs.read", door="rest", user=inspector_a).count() == 1

    assert client.post(f"{BASE}/cases/{obj.pk}/assign/", {"assignee": inspector_b.pk}).status_code == 200
    assert client.post(f"{BASE}/cases/{obj.pk}/status/", {"status": "ditelaah"}).json()["status"] == "ditelaah"
    assert client.post(f"{BASE}/cases/{obj.pk}/notes/", {"body": "Internal"}).status_code == 201
    assert client.post(f"{BASE}/cases/{obj.pk}/messages/", {"body": "Mohon bukti."}).status_code == 201
    bad = client.post(f"{BASE}/cases/{obj.pk}/status/", {"status": "terbukti", "reason": ""})
    assert bad.status_code == 400
    assert "reason" in bad.json()["errors"]
    follow = client_for().post(f"{BASE}/follow-up/", {"receipt_code": code}, content_type="application/json").json()
    assert [m["body"] for m in follow["messages"]] == ["Mohon bukti."]
    assert "Internal" not in str(follow)


def test_four_eyes_over_rest(report, inspector_a, inspector_b):
    obj, _ = report
    a, b = client_for(inspector_a), client_for(inspector_b)
    created = a.post(f"{BASE}/cases/{obj.pk}/identity-requests/", {"reason": "Saksi kunci perlu diklarifikasi."})
    assert created.status_code == 201
    req_id = created.json()["id"]
    assert a.post(f"{BASE}/cases/{obj.pk}/reveal-identity/").status_code == 403
    assert (
        a.post(
            f"{BASE}/identity-requests/{req_id}/decide/", {"approve": True}, content_type="application/json"
        ).status_code
        == 404
    )
    assert b.get(f"{BASE}/identity-requests/").json()["count"] == 1
    decided = b.post(f"{BASE}/identity-requests/{req_id}/decide/", {"approve": True}, content_type="application/json")
    assert decided.status_code == 200
    assert decided.json()["status"] == "disetujui"
    revealed = a.post(f"{BASE}/cases/{obj.pk}/reveal-identity/")
    assert revealed.status_code == 200
    assert revealed.json()["name"] == "Siti Pelapor"
    assert SensitiveRead.objects.filter(action="wbs.reveal_identity", door="rest", user=inspector_a).exists()


def test_unknown_case_is_404(inspector_a):
    assert client_for(inspector_a).get(f"{BASE}/cases/999999/").status_code == 404


def test_conflicted_inspector_gets_403(report, opds):
    from organizations.models import Membership
    from tests.factories import inspector

    obj, _ = report
    user = inspector(username="inspektur.dinkes")
    Membership.objects.create(user=user, opd=opds["dinkes"])
    client = client_for(user)
    assert client.get(f"{BASE}/cases/{obj.pk}/").status_code == 403
    assert client.get(f"{BASE}/cases/").json()["count"] == 0
    assert client.post(f"{BASE}/cases/{obj.pk}/notes/", {"body": "x"}).status_code == 403


def test_lists_filter_by_status(opds, category, inspector_a):
    wbs_report(opd=opds["dinkes"], category=category)
    client = client_for(inspector_a)
    assert client.get(f"{BASE}/cases/?status=ditelaah").json()["count"] == 0
    assert client.get(f"{BASE}/cases/?status=diterima").json()["count"] == 1
