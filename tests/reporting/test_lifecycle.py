"""Carry-forward from the previous period, the period lock and the admin's reopen."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cms.formatting import format_datetime
from reporting.models import SubmissionStatus, SubmissionTransition
from reporting.periods import local_zone
from reporting.workflow import (
    submission_is_locked,
    submission_reopen,
    submission_return,
    submission_save_draft,
    submission_submit,
)
from tests.factories import OPDFactory, editor_user, report_slot

pytestmark = pytest.mark.django_db

S = SubmissionStatus
GOOD = {
    "nama_kegiatan": "Pelatihan SPBE",
    "jumlah_pegawai": 42,
    "catatan_internal": "rahasia",
    "realisasi": [{"kegiatan": "Pelatihan", "pagu": 1000000, "realisasi": 750000}],
}


def _submit(slot, answers=GOOD):
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers=answers)
    return submission_submit(submission=slot.submission, actor=slot.operator)


def test_carry_forward_copies_marked_fields_from_the_same_opds_previous_period():
    opd = OPDFactory()
    q1 = report_slot(opd=opd, number=1)
    _submit(q1)
    other = report_slot(form=q1.form, number=1)  # another OPD, same form and period: ignored
    _submit(other, {**GOOD, "jumlah_pegawai": 7})
    q2 = report_slot(opd=opd, form=q1.form, number=2)
    submission_save_draft(submission=q2.submission, actor=q2.operator, answers={"nama_kegiatan": "Baru"})
    answers = q2.submission.answers
    assert answers["jumlah_pegawai"] == 42
    assert [{k: r[k] for k in ("kegiatan", "pagu", "realisasi")} for r in answers["realisasi"]] == [
        {"kegiatan": "Pelatihan", "pagu": 1000000, "realisasi": 750000}
    ]
    assert answers["realisasi"][0]["serapan"] == 75  # formulas computed again
    assert answers["nama_kegiatan"] == "Baru"
    assert answers.get("catatan_internal") is None  # not marked carry_forward


def test_no_carry_forward_from_a_draft_never_submitted():
    opd = OPDFactory()
    q1 = report_slot(opd=opd, number=1)
    submission_save_draft(submission=q1.submission, actor=q1.operator, answers=GOOD)
    q2 = report_slot(opd=opd, form=q1.form, number=2)
    submission_save_draft(submission=q2.submission, actor=q2.operator, answers={"nama_kegiatan": "Baru"})
    assert q2.submission.answers.get("jumlah_pegawai") is None


def test_locked_period_refuses_operator_writes_until_an_admin_reopens_it():
    slot = report_slot(year=2020)  # Q1 2020 locked long ago
    sub = slot.submission
    assert submission_is_locked(sub)
    with pytest.raises(ValidationError) as exc:
        submission_save_draft(submission=sub, actor=slot.operator, answers=GOOD)
    message = exc.value.message_dict["non_field_errors"][0]
    assert "terkunci" in message
    # The lock moment is shown in the Pemda's own time, with its zone (e.g. "15 April 2020 23.59 WITA").
    assert format_datetime(sub.locks_at, tz=local_zone()) in message
    assert local_zone().key in {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}

    tomorrow = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        submission_reopen(submission=sub, actor=slot.verifier, until=tomorrow, reason="Server down")
    with pytest.raises(ValidationError) as exc:
        submission_reopen(submission=sub, actor=editor_user(), until=timezone.now() - dt.timedelta(hours=1), reason=" ")
    assert set(exc.value.message_dict) == {"until", "reason"}

    admin = editor_user()
    submission_reopen(submission=sub, actor=admin, until=tomorrow, reason="Gangguan jaringan di kecamatan")
    assert sub.reopened_until == tomorrow
    assert sub.reopen_reason == "Gangguan jaringan di kecamatan"
    history = sub.history.first()
    assert (history.history_change_reason, history.history_user) == ("Gangguan jaringan di kecamatan", admin)
    step = SubmissionTransition.objects.filter(submission=sub).last()
    assert (step.actor, step.comment) == (admin, "Gangguan jaringan di kecamatan")

    _submit(slot)
    assert sub.status == S.SUBMITTED
    assert sub.is_late


def test_reopen_window_ends():
    slot = report_slot(year=2020)
    until = timezone.now() + dt.timedelta(hours=2)
    submission_reopen(submission=slot.submission, actor=editor_user(), until=until, reason="Perpanjangan")
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 1})
    with time_machine.travel(until + dt.timedelta(minutes=1)), pytest.raises(ValidationError):
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 2})


def test_reopen_takes_a_date_as_its_local_end_of_day():
    slot = report_slot(year=2020)
    day = timezone.localdate() + dt.timedelta(days=3)
    submission_reopen(submission=slot.submission, actor=editor_user(), until=day, reason="Perpanjangan")
    assert timezone.localtime(slot.submission.reopened_until).date() == day


def test_deadline_passing_while_filling_locks_the_draft():
    slot = report_slot()
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 1})
    with time_machine.travel(slot.submission.locks_at + dt.timedelta(seconds=1)), pytest.raises(ValidationError):
        submission_submit(submission=slot.submission, actor=slot.operator)
    slot.submission.refresh_from_db()
    assert slot.submission.status == S.DRAFT


def test_a_returned_report_stays_fixable_after_the_lock():
    slot = report_slot()
    _submit(slot)
    submission_return(submission=slot.submission, actor=slot.verifier, field_comments={"jumlah_pegawai": "Cek"})
    with time_machine.travel(slot.submission.locks_at + dt.timedelta(days=1)):
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 41})
        submission_submit(submission=slot.submission, actor=slot.operator)
    assert (slot.submission.status, slot.submission.round) == (S.SUBMITTED, 2)
