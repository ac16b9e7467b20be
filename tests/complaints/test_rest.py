import uuid

import pytest
from django.urls import reverse

from api.models import IdempotencyKey
from audit.models import SensitiveRead
from complaints.models import Complaint, Privacy, Status
from complaints.selectors import complaint_track
from complaints.services import complaint_add_note, complaint_assign, complaint_verify
from tests.complaints.uploads import upload
from tests.factories import ComplaintFactory, gps_jpeg, submit_complaint

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/complaints/"


def _payload(world, **extra):
    return {
        "category": world.category.slug,
        "title": "Jalan berlubang",
        "description": "Jalan di depan pasar berlubang dalam.",
        "reporter_name": "Rudi Warga",
        "reporter_email": "rudi@example.com",
        **extra,
    }


def _assigned(world, **data):
    r = submit_complaint(category=world.category, reporter_name="Rudi Warga", **data)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    complaint_assign(complaint=r.complaint, actor=world.desk, door="admin", opd=world.dinas)
    return r


def test_submit_json_returns_code_and_secret(world, api_client):
    r = api_client.post(SUBMIT, _payload(world), format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    c = Complaint.objects.get(tracking_code=body["tracking_code"])
    assert complaint_track(code=body["tracking_code"], secret=body["secret"]) == c
    assert c.reporter.name == "Rudi Warga"


def test_submit_bad_input_is_400_with_indonesian_field_errors(world, api_client):
    r = api_client.post(SUBMIT, {"category": "tidak-ada", "title": "", "description": "x", "lat": "5"}, format="json")
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert "title" in errors
    r = api_client.post(SUBMIT, _payload(world, lat="4.1"), format="json")
    assert r.status_code == 400
    assert "long" in r.json()["errors"]
    r = api_client.post(SUBMIT, _payload(world, category="tidak-ada"), format="json")
    assert r.json()["errors"]["category"] == ["Pilih kategori yang tersedia."]


def test_submit_idempotent_replay_never_stores_the_secret(world, api_client):
    key = str(uuid.uuid4())
    first = api_client.post(SUBMIT, _payload(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = api_client.post(SUBMIT, _payload(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1
    code = first.json()["tracking_code"]
    assert again.json()["tracking_code"] == code
    record = IdempotencyKey.objects.get()
    assert key not in record.key  # only the key's hash is kept
    assert first.json()["secret"].encode() not in bytes(record.response_body)
    # the replay gives the same secret back (sealed at rest with a key derived from the Idempotency-Key)
    assert again.json()["secret"] == first.json()["secret"]
    assert "sealed_secret" not in again.json()
    assert complaint_track(code=code, secret=first.json()["secret"]) is not None
    # somebody else's key does not replay it: a new key files a new complaint, never this secret
    other = api_client.post(SUBMIT, _payload(world), format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert other.json()["tracking_code"] != code


def test_submit_multipart_with_gps_photo(world, client):
    data = _payload(world)
    data["attachments"] = [upload("foto.jpg", gps_jpeg(), "image/jpeg")]
    r = client.post(SUBMIT, data)
    assert r.status_code == 201, r.content
    att = Complaint.objects.get().attachments.get()
    assert b"KameraRahasia" not in att.file.read()


def test_submit_rate_limited_is_429(world, api_client, settings):
    settings.COMPLAINT_SUBMIT_RATE = (1, 3600)
    assert api_client.post(SUBMIT, _payload(world), format="json").status_code == 201
    r = api_client.post(SUBMIT, _payload(world), format="json")
    assert r.status_code == 429
    assert r.json()["type"].endswith("throttled")


def test_honeypot_is_400(world, api_client):
    r = api_client.post(SUBMIT, _payload(world, website="http://x"), format="json")
    assert r.status_code == 400
    assert not Complaint.objects.exists()


def test_reporter_track_add_info_confirm_rate_reopen(world, api_client):
    r = _assigned(world)
    complaint_add_note(complaint=r.complaint, actor=world.opd_op, door="admin", body="RAHASIA INTERNAL")
    creds = {"code": r.complaint.tracking_code, "secret": r.secret}
    bad = api_client.post("/api/v1/complaints/track/", {**creds, "secret": "XXXX-XXXX-XXXX-XXXX"}, format="json")
    assert bad.status_code == 404
    seen = api_client.post("/api/v1/complaints/track/", creds, format="json")
    assert seen.status_code == 200
    assert "RAHASIA INTERNAL" not in seen.text
    r2 = api_client.post("/api/v1/complaints/track/information/", {**creds, "body": "Foto tambahan"}, format="json")
    assert r2.status_code == 200
    assert "Foto tambahan" in r2.text
    assert api_client.post("/api/v1/complaints/track/rate/", {**creds, "rating": 5}, format="json").status_code == 400
    from complaints.services import complaint_answer

    complaint_answer(complaint=r.complaint, actor=world.opd_op, door="admin", body="Sudah diperbaiki")
    r3 = api_client.post("/api/v1/complaints/track/rate/", {**creds, "rating": 2}, format="json")
    assert r3.status_code == 200
    assert r3.json()["rating"] == 2
    r4 = api_client.post("/api/v1/complaints/track/reopen/", {**creds, "reason": "Belum"}, format="json")
    assert r4.json()["status"] == Status.IN_PROGRESS


def test_public_list_and_detail_show_only_public_without_identity(world, api_client):
    public = _assigned(world).complaint
    rahasia = _assigned(world, privacy=Privacy.RAHASIA).complaint
    anonim = _assigned(world, privacy=Privacy.ANONIM).complaint
    unverified = submit_complaint(category=world.category).complaint
    complaint_add_note(complaint=public, actor=world.opd_op, door="admin", body="CATATAN DALAM")
    r = api_client.get("/api/v1/complaints/public/")
    codes = {row["tracking_code"] for row in r.json()["results"]}
    assert codes == {public.tracking_code}
    assert "Rudi Warga" not in r.text
    for c in (rahasia, anonim, unverified):
        assert api_client.get(f"/api/v1/complaints/public/{c.tracking_code}/").status_code == 404
    detail = api_client.get(f"/api/v1/complaints/public/{public.tracking_code}/")
    assert detail.status_code == 200
    assert "Rudi Warga" not in detail.text
    assert "CATATAN DALAM" not in detail.text
    s = api_client.post(f"/api/v1/complaints/public/{public.tracking_code}/support/")
    assert s.json()["support_count"] == 1


@pytest.mark.parametrize(
    ("privacy", "who", "status", "name_shown"),
    [
        (Privacy.PUBLIC, "desk", 200, True),
        (Privacy.PUBLIC, "opd_op", 200, True),
        (Privacy.PUBLIC, "other_op", 404, False),
        (Privacy.PUBLIC, "editor", 404, False),
        (Privacy.RAHASIA, "desk", 200, False),
        (Privacy.RAHASIA, "opd_op", 200, False),
        (Privacy.RAHASIA, "inspektur", 200, False),
        (Privacy.ANONIM, "desk", 200, False),
        (Privacy.ANONIM, "opd_op", 200, False),
        (Privacy.PUBLIC, None, 401, False),
    ],
)
def test_staff_detail_privacy_table(world, api_client, privacy, who, status, name_shown):
    c = _assigned(world, privacy=privacy).complaint
    if who:
        api_client.force_authenticate(getattr(world, who))
    r = api_client.get(f"/api/v1/complaints/staff/{c.pk}/")
    assert r.status_code == status
    assert ("Rudi Warga" in r.text) == name_shown
    lst = api_client.get("/api/v1/complaints/staff/")
    assert "Rudi Warga" not in lst.text  # the list never carries identity


def test_desk_reveal_over_rest_is_logged_and_opd_is_403(world, api_client):
    c = _assigned(world, privacy=Privacy.RAHASIA).complaint
    api_client.force_authenticate(world.opd_op)
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/reveal-reporter/").status_code == 403
    api_client.force_authenticate(world.desk)
    r = api_client.post(f"/api/v1/complaints/staff/{c.pk}/reveal-reporter/")
    assert r.json()["reporter"]["name"] == "Rudi Warga"
    assert SensitiveRead.objects.filter(action="complaint.reveal_reporter", door="rest").count() == 1


def test_staff_workflow_over_rest(world, api_client):
    c = submit_complaint(category=world.category).complaint
    api_client.force_authenticate(world.opd_op)
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/verify/").status_code == 404  # not visible yet
    api_client.force_authenticate(world.desk)
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/verify/").json()["status"] == "verified"
    r = api_client.post(f"/api/v1/complaints/staff/{c.pk}/assign/", {"opd": world.dinas.pk}, format="json")
    assert r.json()["status"] == "assigned"
    bad = api_client.post(f"/api/v1/complaints/staff/{c.pk}/assign/", {"opd": world.other.pk}, format="json")
    assert bad.status_code == 400
    assert "reason" in bad.json()["errors"]
    api_client.force_authenticate(world.opd_op)
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/verify/").status_code == 403
    r = api_client.post(f"/api/v1/complaints/staff/{c.pk}/answer/", {"body": "Sudah"}, format="json")
    assert r.json()["status"] == "answered"
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/nonsense/").status_code == 404


def test_staff_filters(world, api_client):
    a = _assigned(world).complaint
    submit_complaint(category=world.category2)
    api_client.force_authenticate(world.desk)
    r = api_client.get("/api/v1/complaints/staff/", {"category": "jalan"})
    assert [row["id"] for row in r.json()["results"]] == [a.pk]
    r = api_client.get("/api/v1/complaints/staff/", {"q": a.tracking_code})
    assert r.json()["count"] == 1
    r = api_client.get("/api/v1/complaints/staff/", {"status": "nope"})
    assert r.status_code == 400


@pytest.mark.parametrize("size", [5, 40])
def test_staff_list_query_count_is_constant(world, api_client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    api_client.force_authenticate(world.opd_op)
    with django_assert_max_num_queries(8):
        r = api_client.get("/api/v1/complaints/staff/", {"page_size": 100})
    assert r.json()["count"] == size


@pytest.mark.parametrize("size", [5, 40])
def test_public_list_query_count_is_constant(world, api_client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    with django_assert_max_num_queries(5):
        r = api_client.get("/api/v1/complaints/public/", {"page_size": 100})
    assert r.json()["count"] == size


def test_attachment_download_rules(world, api_client, client):
    pub = submit_complaint(category=world.category, files=[upload("a.jpg", gps_jpeg())]).complaint
    complaint_verify(complaint=pub, actor=world.desk, door="admin")
    sec = submit_complaint(category=world.category, privacy=Privacy.RAHASIA, files=[upload("a.jpg", gps_jpeg())])
    url_pub = reverse("api:complaint-attachment", kwargs={"uuid": pub.attachments.get().uuid})
    url_sec = reverse("api:complaint-attachment", kwargs={"uuid": sec.complaint.attachments.get().uuid})
    assert client.get(url_pub).status_code == 200
    assert client.get(url_sec).status_code == 404
    client.force_login(world.desk)
    assert client.get(url_sec).status_code == 200


def test_list_count_is_capped(world, api_client, settings):
    settings.LIST_COUNT_CAP = 3
    ComplaintFactory.create_batch(6, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    api_client.force_authenticate(world.desk)
    r = api_client.get("/api/v1/complaints/staff/", {"page_size": 2})
    assert r.json()["count"] == 4  # "more than 3"
    assert r.json()["count_capped"] is True
    assert len(r.json()["results"]) == 2


def test_reporter_actions_refuse_non_text_values_with_a_field_error(world, api_client):
    r = _assigned(world)
    creds = {"code": r.complaint.tracking_code, "secret": r.secret}
    for path, data, field in (
        ("information", {"body": 123}, "body"),
        ("information", {"body": "Tambahan", "uploads": [7]}, "attachments"),
        ("reopen", {"reason": {"x": 1}}, "reason"),  # the input contract is checked first
    ):
        response = api_client.post(f"/api/v1/complaints/track/{path}/", {**creds, **data}, format="json")
        assert response.status_code == 400, (path, response.content)
        assert field in response.json()["errors"], (path, response.json())
    from complaints.services import complaint_answer

    complaint_answer(complaint=r.complaint, actor=world.opd_op, door="admin", body="Sudah diperbaiki")
    response = api_client.post("/api/v1/complaints/track/rate/", {**creds, "rating": 4, "comment": []}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["comment"] == ["Harus berupa teks."]
    assert r.complaint.events.filter(body__contains="123").count() == 0
