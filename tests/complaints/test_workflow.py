import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import SensitiveRead
from complaints.models import EventKind, Handling, Privacy, RejectReason, Status
from complaints.selectors import complaint_list_staff, complaint_timeline, reporter_for_staff
from complaints.services import (
    complaint_add_note,
    complaint_answer,
    complaint_assign,
    complaint_confirm,
    complaint_rate,
    complaint_reject,
    complaint_reopen,
    complaint_reveal_reporter,
    complaint_start,
    complaint_verify,
)
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db
WITA = dt.timezone(dt.timedelta(hours=8))


def _assigned(world, **data):
    c = submit_complaint(category=world.category, reporter_email="warga@example.com", **data).complaint
    complaint_verify(complaint=c, actor=world.desk, door="admin")
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    return c


def test_full_flow_with_internal_notes_separate(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = _assigned(world)
        assert c.status == Status.ASSIGNED
        complaint_start(complaint=c, actor=world.opd_op, door="admin")
        complaint_add_note(complaint=c, actor=world.opd_op, door="admin", body="Catatan internal: cek anggaran")
        complaint_add_note(complaint=c, actor=world.opd_op, door="admin", body="Tim sudah ke lokasi", public=True)
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Lampu sudah diganti.")
    assert c.status == Status.ANSWERED
    assert c.answered_on_time is True
    reporter_view = [e.body for e in complaint_timeline(complaint=c, audience="reporter")]
    assert "Lampu sudah diganti." in reporter_view
    assert "Tim sudah ke lokasi" in reporter_view
    assert not any("internal" in b for b in reporter_view)
    staff_view = [e.body for e in complaint_timeline(complaint=c, audience="staff")]
    assert "Catatan internal: cek anggaran" in staff_view
    assert {m.to[0] for m in mail.outbox} >= {"warga@example.com", "op.dpu@nunukankab.go.id"}
    complaint_confirm(complaint=c, door="web")
    complaint_rate(complaint=c, rating=5, comment="Cepat", door="web")
    c.refresh_from_db()
    assert (c.status, c.rating) == (Status.CLOSED, 5)
    with pytest.raises(ValidationError):
        complaint_rate(complaint=c, rating=9, door="web")


def test_reject_requires_reason(world):
    c = submit_complaint(category=world.category).complaint
    with pytest.raises(ValidationError):
        complaint_reject(complaint=c, actor=world.desk, door="admin", reason="")
    with pytest.raises(ValidationError):
        complaint_reject(complaint=c, actor=world.desk, door="admin", reason=RejectReason.OTHER)
    complaint_reject(complaint=c, actor=world.desk, door="admin", reason=RejectReason.SPAM)
    assert c.status == Status.REJECTED
    assert c.history.first().history_change_reason == "Spam"


def test_reassign_requires_reason_and_resets_deadline(world):
    c = _assigned(world)
    with pytest.raises(ValidationError) as exc:
        complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.other)
    assert "reason" in exc.value.message_dict
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.other, reason="Salah OPD")
    assert c.opd == world.other
    assert c.history.first().history_change_reason == "Salah OPD"


@pytest.mark.parametrize(
    ("who", "action", "allowed"),
    [
        ("desk", "verify", True),
        ("opd_op", "verify", False),
        ("inspektur", "verify", False),
        ("editor", "verify", False),
        ("opd_op", "answer", True),
        ("opd_head", "answer", True),
        ("other_op", "answer", False),
        ("inspektur", "answer", False),
        ("editor", "answer", False),
        ("desk", "answer", True),
    ],
)
def test_permission_table_for_actions(world, who, action, allowed):
    user = getattr(world, who)
    if action == "verify":
        c = submit_complaint(category=world.category).complaint
        call = lambda: complaint_verify(complaint=c, actor=user, door="admin")  # noqa: E731
    else:
        c = _assigned(world)
        call = lambda: complaint_answer(complaint=c, actor=user, door="admin", body="Jawaban")  # noqa: E731
    if allowed:
        call()
    else:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(
    ("who", "sees_own_opd", "sees_other_opd", "sees_unassigned"),
    [
        ("desk", True, True, True),
        ("opd_op", True, False, False),
        ("other_op", False, True, False),
        ("inspektur", True, True, False),
        ("editor", False, False, False),
        ("anon", False, False, False),
    ],
)
def test_staff_visibility_table(world, who, sees_own_opd, sees_other_opd, sees_unassigned):
    from django.contrib.auth.models import AnonymousUser

    mine = _assigned(world)
    theirs = submit_complaint(category=world.category).complaint
    complaint_verify(complaint=theirs, actor=world.desk, door="admin")
    complaint_assign(complaint=theirs, actor=world.desk, door="admin", opd=world.other)
    unassigned = submit_complaint(category=world.category).complaint
    user = AnonymousUser() if who == "anon" else getattr(world, who)
    seen = set(complaint_list_staff(user=user))
    assert (mine in seen, theirs in seen, unassigned in seen) == (sees_own_opd, sees_other_opd, sees_unassigned)


@pytest.mark.parametrize(
    ("privacy", "who", "identity_shown"),
    [
        (Privacy.PUBLIC, "desk", True),
        (Privacy.PUBLIC, "opd_op", True),
        (Privacy.PUBLIC, "inspektur", False),
        (Privacy.RAHASIA, "desk", False),  # only through a logged reveal
        (Privacy.RAHASIA, "opd_op", False),
        (Privacy.RAHASIA, "inspektur", False),
        (Privacy.ANONIM, "desk", False),
        (Privacy.ANONIM, "opd_op", False),
    ],
)
def test_identity_in_staff_screens_table(world, privacy, who, identity_shown):
    c = _assigned(world, privacy=privacy, reporter_name="Siti Pelapor")
    identity = reporter_for_staff(user=getattr(world, who), complaint=c)
    assert (identity is not None and identity.name == "Siti Pelapor") == identity_shown


def test_desk_reveal_of_confidential_reporter_is_logged(world):
    c = _assigned(world, privacy=Privacy.RAHASIA, reporter_name="Siti Pelapor")
    identity = complaint_reveal_reporter(complaint=c, actor=world.desk, door="admin")
    assert identity.name == "Siti Pelapor"
    read = SensitiveRead.objects.get(action="complaint.reveal_reporter")
    assert (read.object_id, read.user_id) == (str(c.pk), world.desk.pk)
    for who in ("opd_op", "inspektur", "opd_head"):
        with pytest.raises(PermissionDenied):
            complaint_reveal_reporter(complaint=c, actor=getattr(world, who), door="admin")
    anon = _assigned(world, privacy=Privacy.ANONIM, reporter_name="X")
    assert complaint_reveal_reporter(complaint=anon, actor=world.desk, door="admin") is None


def test_reopen_within_window_only(world, settings):
    settings.COMPLAINT_REOPEN_DAYS = 10
    start = dt.datetime(2026, 5, 4, 9, tzinfo=WITA)
    with time_machine.travel(start, tick=False):
        c = _assigned(world)
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Sudah")
    with time_machine.travel(start + dt.timedelta(days=5), tick=False):
        complaint_reopen(complaint=c, reason="Belum diperbaiki", door="web")
        assert (c.status, c.reopen_count) == (Status.IN_PROGRESS, 1)
        assert any(e.kind == EventKind.REOPENED for e in complaint_timeline(complaint=c, audience="reporter"))
        complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Sudah lagi")
    with time_machine.travel(start + dt.timedelta(days=16), tick=False), pytest.raises(ValidationError):
        complaint_reopen(complaint=c, reason="Masih belum", door="web")


def test_handling_override_at_verification(world):
    c = submit_complaint(category=world.category).complaint
    complaint_verify(complaint=c, actor=world.desk, door="admin", handling=Handling.INSPECTION)
    assert c.handling == Handling.INSPECTION
    with pytest.raises(ValidationError):
        complaint_verify(complaint=c, actor=world.desk, door="admin")
