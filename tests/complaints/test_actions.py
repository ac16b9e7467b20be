"""One action table for every door: the same input contract and errors through admin, REST
and GraphQL; routing that cannot drop a complaint (no-staff OPDs, contact points, decline,
category change, forwarding to WBS)."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from complaints import actions
from complaints.models import ContactPoint, EventKind, Privacy, RejectReason, Status
from complaints.routing import opd_coverage
from complaints.services import complaint_assign, complaint_verify
from notifications.models import Notification
from tests.factories import OPDFactory, UserFactory, WbsCategoryFactory, submit_complaint

pytestmark = pytest.mark.django_db


def _verified(world, **data):
    r = submit_complaint(category=world.category, reporter_name="Rudi Warga", reporter_email="rudi@example.com", **data)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    return r.complaint


def _assigned(world, **data):
    c = _verified(world, **data)
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    return c


def gql(client, query, variables=None):
    return client.post("/graphql/", {"query": query, "variables": variables or {}}, format="json").json()


ACTION = """mutation($id: ID!, $action: String!, $opd: ID, $primary: ID, $handling: String, $reason: String,
  $overrideReason: String) { complaintAction(id: $id, action: $action, opd: $opd, primary: $primary,
  handling: $handling, reason: $reason, overrideReason: $overrideReason) { complaint { status opd { name } } } }"""


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("merge", {"primary": "abc"}, "primary"),
        ("merge", {"primary": "999999"}, "primary"),
        ("assign", {"opd": "x"}, "opd"),
        ("assign", {"opd": ""}, "opd"),
        ("verify", {"handling": "nope"}, "handling"),
        ("reject", {"reason": ""}, "reason"),
    ],
)
def test_bad_input_is_a_field_error_through_every_door(world, client, api_client, name, data, field):
    c = submit_complaint(category=world.category).complaint
    if name in ("merge", "assign"):
        complaint_verify(complaint=c, actor=world.desk, door="admin")
    # admin: a message naming the field, never a 500
    client.force_login(world.desk)
    r = client.post(reverse("complaints_admin_action", args=[c.pk, name]), data, follow=True)
    assert r.status_code == 200
    label = str(actions.STAFF_ACTIONS[name].form.base_fields[field].label)
    assert label in r.text
    # REST: 400 problem+json keyed by the field
    api_client.force_authenticate(world.desk)
    r = api_client.post(f"/api/v1/complaints/staff/{c.pk}/{name}/", data, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["errors"]
    # GraphQL: a validation error keyed by the field
    api_client.force_login(world.desk)
    variables = {"id": str(c.pk), "action": name, **data}
    out = gql(api_client, ACTION, variables)
    assert out["errors"][0]["extensions"]["code"] == "validation"
    assert field in out["errors"][0]["extensions"]["errors"]


def test_unknown_action_and_non_object_body(world, api_client):
    c = submit_complaint(category=world.category).complaint
    api_client.force_authenticate(world.desk)
    assert api_client.post(f"/api/v1/complaints/staff/{c.pk}/explode/", {}, format="json").status_code == 404
    r = api_client.post(f"/api/v1/complaints/staff/{c.pk}/verify/", [1, 2], format="json")
    assert r.status_code == 400
    api_client.force_login(world.desk)
    out = gql(api_client, ACTION, {"id": str(c.pk), "action": "explode"})
    assert "action" in out["errors"][0]["extensions"]["errors"]


def test_assign_form_preselects_category_default_opd(world, client):
    world.category.default_opd = world.dinas
    world.category.save()
    c = _verified(world)
    form = actions.staff_form("assign", complaint=c, actor=world.desk)
    assert form.initial["opd"] == world.dinas.pk
    client.force_login(world.desk)
    r = client.get(reverse("complaints_admin_detail", args=[c.pk]))
    assert f'<option value="{world.dinas.pk}" selected>' in r.text


def test_opd_without_staff_is_refused_unless_overridden_with_reason(world, api_client):
    empty = OPDFactory(name="Dinas Tanpa Akun", acronym="DTA")
    c = _verified(world)
    api_client.force_authenticate(world.desk)
    url = f"/api/v1/complaints/staff/{c.pk}/assign/"
    r = api_client.post(url, {"opd": empty.pk}, format="json")
    assert r.status_code == 400
    assert "belum punya penghubung" in r.json()["errors"]["opd"][0]
    c.refresh_from_db()
    assert c.opd_id is None
    r = api_client.post(url, {"opd": empty.pk, "override_reason": "Akun sedang dibuat Diskominfo"}, format="json")
    assert r.status_code == 200, r.content
    c.refresh_from_db()
    assert (c.status, c.opd_id) == (Status.ASSIGNED, empty.pk)
    event = AuditEvent.objects.filter(model="complaints.complaint", object_id=str(c.pk)).order_by("-id").first()
    assert "Akun sedang dibuat Diskominfo" in event.reason
    assert c.events.filter(kind=EventKind.NOTE, body__contains="Akun sedang dibuat").exists()


def test_coverage_names_opds_without_contact_point_or_staff(world):
    liaison = UserFactory(username="penghubung.kec")
    ContactPoint.objects.create(opd=world.kec, user=liaison)
    rows = {o.name: (o.has_contact_point, o.has_staff) for o in opd_coverage()}
    assert rows["Kecamatan Nunukan"] == (True, True)
    assert rows["Dinas PU"] == (False, True)  # members, no liaison named
    assert rows["Kelurahan Nunukan Barat"] == (False, False)


def test_assignment_notifies_the_liaison_not_every_member(world, django_capture_on_commit_callbacks):
    liaison = UserFactory(username="penghubung.dpu", email="penghubung.dpu@nunukankab.go.id")
    ContactPoint.objects.create(opd=world.dinas, user=liaison)
    with django_capture_on_commit_callbacks(execute=True):
        _assigned(world)
    to = {m.to[0] for m in mail.outbox}
    assert "penghubung.dpu@nunukankab.go.id" in to
    assert "op.dpu@nunukankab.go.id" not in to


def test_new_complaint_notifies_the_desk_in_app_and_by_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = submit_complaint(category=world.category).complaint
    n = Notification.objects.get(recipient=world.desk, dedupe_key=f"complaint:{c.pk}:desk-new")
    assert c.tracking_code in n.subject
    assert any(m.to == ["meja@nunukankab.go.id"] and c.tracking_code in m.subject for m in mail.outbox)
    job = AuditEvent.objects.filter(model="notifications.notification", object_id=str(n.pk)).get()
    assert (job.door, job.actor) == ("job", "job:notify_desk_new")


def test_the_desk_is_told_by_a_job_after_the_commit_not_in_the_request(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        c = submit_complaint(category=world.category).complaint
    assert not Notification.objects.filter(dedupe_key=f"complaint:{c.pk}:desk-new").exists()
    assert queued, "nothing was queued after the commit"
    for callback in queued:
        callback()
    assert Notification.objects.filter(recipient=world.desk, dedupe_key=f"complaint:{c.pk}:desk-new").exists()


def test_opd_declines_back_to_the_desk_with_a_fresh_clock(world, api_client):
    c = _assigned(world)
    api_client.force_authenticate(world.opd_op)
    url = f"/api/v1/complaints/staff/{c.pk}/decline/"
    assert api_client.post(url, {}, format="json").json()["errors"]["reason"]
    r = api_client.post(url, {"reason": "Jalan nasional, kewenangan BPJN"}, format="json")
    # after the decline the OPD no longer sees it
    assert r.status_code == 404
    c.refresh_from_db()
    assert (c.status, c.opd_id, c.assigned_at) == (Status.VERIFIED, None, None)
    from complaints.deadlines import local_today, stage_due_date

    assert c.due_date == stage_due_date(stage="verification", start=local_today())
    assert Notification.objects.filter(recipient=world.desk, dedupe_key=f"complaint:{c.pk}:declined:1").exists()
    # the desk cannot "decline" (it reassigns), another OPD cannot either
    c2 = _assigned(world)
    api_client.force_authenticate(world.desk)
    assert api_client.post(f"/api/v1/complaints/staff/{c2.pk}/decline/", {"reason": "x"}).status_code == 403


def test_desk_changes_category_and_handling_follows_before_assignment(world, api_client):
    from complaints.models import Handling

    world.category2.handling = Handling.INSPECTION
    world.category2.save()
    c = _verified(world)
    api_client.force_authenticate(world.desk)
    url = f"/api/v1/complaints/staff/{c.pk}/recategorize/"
    assert "category" in api_client.post(url, {"category": "nope", "reason": "x"}).json()["errors"]
    r = api_client.post(url, {"category": "kesehatan", "reason": "Salah pilih kategori"}, format="json")
    assert r.status_code == 200, r.content
    c.refresh_from_db()
    assert (c.category_id, c.handling) == (world.category2.pk, Handling.INSPECTION)
    api_client.force_authenticate(world.opd_op)
    assert api_client.post(url, {"category": "jalan", "reason": "x"}).status_code in (403, 404)


@pytest.mark.parametrize("privacy", [Privacy.PUBLIC, Privacy.ANONIM])
def test_forward_to_wbs_keeps_privacy_and_only_inspectorate_sees_the_link(world, api_client, privacy):
    from wbs.models import WbsReport, WbsReporterIdentity

    wbs_cat = WbsCategoryFactory(name="Pungutan liar", slug="pungli")
    c = _verified(world, privacy=privacy)
    api_client.force_authenticate(world.desk)
    url = f"/api/v1/complaints/staff/{c.pk}/forward-wbs/"
    data = {"wbs_category": wbs_cat.pk, "reported_opd": world.dinas.pk, "reported_person": "Petugas loket"}
    r = api_client.post(url, data, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["wbs_reference"] == ""  # the desk does not see the link
    c.refresh_from_db()
    report = WbsReport.objects.get(lookup_id=c.wbs_reference)
    assert (c.status, c.rejection_reason) == (Status.REJECTED, RejectReason.FORWARDED_WBS)
    assert report.has_identity is (privacy != Privacy.ANONIM)
    assert WbsReporterIdentity.objects.filter(report=report).exists() is (privacy != Privacy.ANONIM)
    api_client.force_authenticate(world.inspektur)
    assert api_client.get(f"/api/v1/complaints/staff/{c.pk}/").json()["wbs_reference"] == report.lookup_id
    # no longer public
    assert api_client.get(f"/api/v1/complaints/public/{c.tracking_code}/").status_code == 404
    api_client.force_authenticate(world.desk)
    assert api_client.post(url, data, format="json").status_code == 400  # not twice


def test_deadlines_near_or_past_are_marked_in_staff_lists(world, api_client, client):
    import datetime as dt

    import time_machine

    c = _assigned(world)
    api_client.force_login(world.desk)
    q = "{ complaints { items { trackingCode deadlineState overdue } } }"
    row = api_client.post("/graphql/", {"query": q}, format="json").json()["data"]["complaints"]["items"][0]
    assert row["deadlineState"] == ""
    later = dt.datetime.combine(c.due_date + dt.timedelta(days=1), dt.time(10), tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False):
        api_client.force_login(world.desk)  # sessions are short; log in at the travelled time
        out = api_client.post("/graphql/", {"query": q}, format="json").json()
        assert "errors" not in out, out
        row = out["data"]["complaints"]["items"][0]
        assert (row["deadlineState"], row["overdue"]) == ("overdue", True)
        client.force_login(world.desk)
        page = client.get("/admin/complaints/complaint/").content.decode()
        assert "deadline-overdue" in page
