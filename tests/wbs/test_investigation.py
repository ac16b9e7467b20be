"""The Inspektorat's rules: conflicts of interest, four-eyes reveal, read logging, statuses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.actors import Door
from audit.models import SensitiveRead
from organizations.models import Membership
from tests.factories import UserFactory, inspector, opd_user, wbs_report
from wbs import investigation, selectors
from wbs.models import IdentityRequest, WbsReport

pytestmark = pytest.mark.django_db


def test_assignment_refuses_inspector_from_reported_opd(report, opds, inspector_a):
    obj, _ = report
    conflicted = inspector(username="inspektur.dinkes")
    Membership.objects.create(user=conflicted, opd=opds["dinkes"])
    with pytest.raises(ValidationError) as exc:
        investigation.report_assign(report=obj, assignee=conflicted, actor=inspector_a)
    assert "assignee" in exc.value.message_dict
    assert conflicted not in selectors.assignable_inspectors(report=obj)
    investigation.report_assign(report=obj, assignee=inspector_a, actor=inspector_a)
    assert WbsReport.objects.get(pk=obj.pk).assignee == inspector_a


def test_assignment_refuses_inspector_from_parent_opd(opds, category, inspector_a):
    obj, _ = wbs_report(opd=opds["kel"], category=category)
    upper = inspector(username="inspektur.kecamatan")
    Membership.objects.create(user=upper, opd=opds["kec"])
    with pytest.raises(ValidationError):
        investigation.report_assign(report=obj, assignee=upper, actor=inspector_a)


def test_assignment_refuses_non_inspector(report, users, inspector_a):
    obj, _ = report
    with pytest.raises(ValidationError):
        investigation.report_assign(report=obj, assignee=users["auditor"], actor=inspector_a)


def test_conflicted_inspector_neither_sees_nor_acts(report, opds):
    obj, _ = report
    conflicted = inspector(username="inspektur.dinkes")
    Membership.objects.create(user=conflicted, opd=opds["dinkes"])
    assert not selectors.report_list(user=conflicted).filter(pk=obj.pk).exists()
    with pytest.raises(PermissionDenied):
        selectors.report_get(user=conflicted, pk=obj.pk)
    with pytest.raises(PermissionDenied):
        investigation.note_add(report=obj, actor=conflicted, body="catatan")


@pytest.mark.parametrize("role", ["opd_operator", "opd_head", "auditor", "complaint_desk", "editor", "superuser"])
def test_only_inspectorate_reads(report, users, role):
    obj, _ = report
    with pytest.raises(PermissionDenied):
        selectors.report_list(user=users[role])
    with pytest.raises(PermissionDenied):
        investigation.wbs_report_read(user=users[role], pk=obj.pk, door=Door.REST)
    assert not SensitiveRead.objects.exists()


def test_read_is_logged(report, inspector_a):
    obj, _ = report
    investigation.wbs_report_read(user=inspector_a, pk=obj.pk, door=Door.ADMIN)
    read = SensitiveRead.objects.get()
    assert (read.user_id, read.action, read.door, read.object_id) == (inspector_a.pk, "wbs.read", "admin", str(obj.pk))


def test_four_eyes_identity_reveal(report, inspector_a, inspector_b):
    obj, _ = report
    req = investigation.identity_request_create(report=obj, actor=inspector_a, reason="Perlu klarifikasi saksi kunci.")
    with pytest.raises(PermissionDenied):
        investigation.identity_reveal(report=obj, actor=inspector_a, door=Door.ADMIN)
    with pytest.raises(PermissionDenied):
        investigation.identity_request_decide(identity_request=req, actor=inspector_a, approve=True)
    assert req not in selectors.pending_identity_requests(user=inspector_a)
    investigation.identity_request_decide(identity_request=req, actor=inspector_b, approve=True, note="Alasan sah.")
    # The approver did not ask, so the approver cannot reveal either.
    with pytest.raises(PermissionDenied):
        investigation.identity_reveal(report=obj, actor=inspector_b, door=Door.ADMIN)
    identity = investigation.identity_reveal(report=obj, actor=inspector_a, door=Door.REST)
    assert identity == {"name": "Siti Pelapor", "contact": "0812-0000-1111"}
    log = SensitiveRead.objects.get(action="wbs.reveal_identity")
    assert (log.user_id, log.door) == (inspector_a.pk, "rest")


def test_rejected_request_does_not_reveal(report, inspector_a, inspector_b):
    obj, _ = report
    req = investigation.identity_request_create(report=obj, actor=inspector_a, reason="Perlu klarifikasi saksi kunci.")
    with pytest.raises(ValidationError):
        investigation.identity_request_decide(identity_request=req, actor=inspector_b, approve=False, note="")
    investigation.identity_request_decide(identity_request=req, actor=inspector_b, approve=False, note="Belum perlu.")
    with pytest.raises(PermissionDenied):
        investigation.identity_reveal(report=obj, actor=inspector_a, door=Door.ADMIN)
    with pytest.raises(ValidationError):
        investigation.identity_request_decide(identity_request=req, actor=inspector_b, approve=True)


def test_identity_request_needs_reason_and_identity(report, opds, category, inspector_a):
    obj, _ = report
    with pytest.raises(ValidationError) as exc:
        investigation.identity_request_create(report=obj, actor=inspector_a, reason="singkat")
    assert "reason" in exc.value.message_dict
    anonymous, _ = wbs_report(opd=opds["dinkes"], category=category)
    with pytest.raises(ValidationError):
        investigation.identity_request_create(report=anonymous, actor=inspector_a, reason="Perlu klarifikasi saksi.")


def test_database_enforces_four_eyes(report, inspector_a):
    obj, _ = report
    req = IdentityRequest.objects.create(report=obj, requested_by=inspector_a, reason="alasan yang cukup")
    req.decided_by = inspector_a
    with pytest.raises(IntegrityError), transaction.atomic():
        req.save()


def test_status_flow_and_closing(report, inspector_a):
    obj, _ = report
    investigation.report_change_status(report=obj, status="investigasi", actor=inspector_a)
    with pytest.raises(ValidationError):
        investigation.report_change_status(report=obj, status="terbukti", actor=inspector_a, reason="")
    with pytest.raises(ValidationError):
        investigation.report_change_status(report=obj, status="entah", actor=inspector_a)
    investigation.report_change_status(
        report=obj, status="terbukti", actor=inspector_a, reason="Terbukti, dilimpahkan."
    )
    obj.refresh_from_db()
    assert obj.closed_at is not None
    assert obj.is_closed
    assert obj.history.first().history_change_reason == "Terbukti, dilimpahkan."
    with pytest.raises(ValidationError):
        investigation.report_change_status(report=obj, status="ditelaah", actor=inspector_a)


def test_messages_and_notes(report, inspector_a):
    obj, code = report
    investigation.message_send(report=obj, actor=inspector_a, body="Mohon kirim bukti tambahan.")
    investigation.note_add(report=obj, actor=inspector_a, body="Saksi: pegawai loket 2.")
    from wbs.services import report_by_receipt

    seen = report_by_receipt(code=code)
    assert [m.body for m in seen.messages.all()] == ["Mohon kirim bukti tambahan."]


def test_non_inspector_cannot_act(report, opds):
    obj, _ = report
    for user in (UserFactory(is_superuser=True), opd_user(opds["kec"])):
        with pytest.raises(PermissionDenied):
            investigation.message_send(report=obj, actor=user, body="x")


def test_auditor_audit_trail_has_no_wbs_events(report, users, inspector_a):
    """The audit trail of WBS records (metadata only: no content is tracked) is the Inspektorat's."""
    from audit.selectors import audit_events

    obj, _ = report
    investigation.report_change_status(report=obj, status="ditelaah", actor=inspector_a)
    investigation.wbs_report_read(user=inspector_a, pk=obj.pk, door=Door.ADMIN)
    assert audit_events(user=inspector_a).filter(model__startswith="wbs.").exists()
    assert not audit_events(user=users["auditor"]).filter(model__startswith="wbs.").exists()
    contents = " ".join(audit_events(user=inspector_a).values_list("payload", flat=True))
    assert "Pemohon izin" not in contents
    assert "Siti Pelapor" not in contents
