"""The submission workflow: drafts, submit, return with field comments, verify, publish; roles."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.roles import GlobalRole
from reporting.models import SubmissionStatus, SubmissionTransition
from reporting.workflow import (
    submission_publish,
    submission_return,
    submission_save_draft,
    submission_submit,
    submission_verify,
)
from tests.factories import OPDFactory, UserFactory, editor_user, opd_user, report_slot, reviewer_user

pytestmark = pytest.mark.django_db

S = SubmissionStatus
GOOD = {
    "nama_kegiatan": "Pelatihan SPBE",
    "jumlah_pegawai": 42,
    "catatan_internal": "rahasia dapur",
    "realisasi": [{"kegiatan": "Pelatihan", "pagu": "1000000", "realisasi": 750000}],
}


@pytest.fixture
def slot():
    return report_slot()


def _submitted(slot, answers=GOOD):
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers=answers)
    return submission_submit(submission=slot.submission, actor=slot.operator)


def test_first_draft_pins_the_latest_version_and_stores_cleaned_partial_answers(slot):
    sub = slot.submission
    assert (sub.status, sub.form_version, sub.revision) == (S.NOT_STARTED, None, 0)
    result = submission_save_draft(submission=sub, actor=slot.operator, answers={"jumlah_pegawai": "12"})
    assert result is not sub
    assert sub.status == S.DRAFT
    assert sub.form_version == slot.form.versions.get()
    assert sub.answers["jumlah_pegawai"] == 12  # cleaned by type
    assert sub.answers.get("nama_kegiatan") is None  # required, but only checked on submit
    assert sub.revision == 1
    submission_save_draft(submission=sub, actor=slot.operator, answers={"nama_kegiatan": "A"})
    assert (sub.answers["jumlah_pegawai"], sub.answers["nama_kegiatan"], sub.revision) == (12, "A", 2)
    steps = list(SubmissionTransition.objects.filter(submission=sub).values_list("from_status", "to_status"))
    assert steps == [(S.NOT_STARTED, S.DRAFT)]  # autosaves are not transitions


def test_draft_type_errors_and_unknown_keys_are_refused_by_path(slot):
    with pytest.raises(ValidationError) as exc:
        submission_save_draft(
            submission=slot.submission,
            actor=slot.operator,
            answers={"jumlah_pegawai": "banyak", "realisasi": [{"pagu": "x"}], "tidak_ada": 1},
        )
    assert set(exc.value.message_dict) == {"jumlah_pegawai", "realisasi.0.pagu", "tidak_ada"}
    slot.submission.refresh_from_db()
    assert slot.submission.answers == {}
    assert slot.submission.revision == 0


def test_submit_runs_full_validation_and_stores_computed_and_score(slot):
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 3})
    with pytest.raises(ValidationError) as exc:
        submission_submit(submission=slot.submission, actor=slot.operator)
    assert "nama_kegiatan" in exc.value.message_dict
    sub = _submitted(slot)
    assert (sub.status, sub.round, sub.revision) == (S.SUBMITTED, 1, 3)
    assert sub.first_submitted_at == sub.submitted_at
    assert sub.computed["total_pagu"] == 1000000
    assert sub.computed["realisasi.0.serapan"] == 75
    assert sub.answers["realisasi"][0]["serapan"] == 75
    assert "total" in sub.score
    last = SubmissionTransition.objects.filter(submission=sub).last()
    assert (last.from_status, last.to_status, last.actor, last.round) == (S.DRAFT, S.SUBMITTED, slot.operator, 1)
    # the history row carries the audit reason and the acting user
    history = sub.history.first()
    assert history.history_change_reason.startswith("Laporan dikirim")
    assert history.history_user == slot.operator


def test_return_reopens_only_the_commented_fields_and_resubmission_keeps_a_round_diff(slot):
    sub = _submitted(slot)
    submission_return(
        submission=sub,
        actor=slot.verifier,
        field_comments={"jumlah_pegawai": "Periksa lagi jumlahnya", "realisasi.0.realisasi": "Tidak sesuai SP2D"},
        comment="Dua isian perlu diperbaiki",
    )
    assert sub.status == S.RETURNED
    assert sub.returned_fields == {
        "jumlah_pegawai": "Periksa lagi jumlahnya",
        "realisasi.0.realisasi": "Tidak sesuai SP2D",
    }
    step = SubmissionTransition.objects.filter(submission=sub).last()
    assert (step.to_status, step.comment, step.field_comments) == (
        S.RETURNED,
        "Dua isian perlu diperbaiki",
        sub.returned_fields,
    )

    with pytest.raises(ValidationError) as exc:
        submission_save_draft(
            submission=sub, actor=slot.operator, answers={"nama_kegiatan": "Ganti", "jumlah_pegawai": 40}
        )
    assert list(exc.value.message_dict) == ["nama_kegiatan"]
    rows = [{**GOOD["realisasi"][0], "pagu": 1000000, "realisasi": 800000}]
    with pytest.raises(ValidationError) as exc:  # a cell not returned in the same table
        submission_save_draft(submission=sub, actor=slot.operator, answers={"realisasi": [{**rows[0], "pagu": 5}]})
    assert list(exc.value.message_dict) == ["realisasi.0.pagu"]

    submission_save_draft(submission=sub, actor=slot.operator, answers={"jumlah_pegawai": 40, "realisasi": rows})
    assert sub.status == S.RETURNED
    submission_submit(submission=sub, actor=slot.operator)
    assert (sub.status, sub.round, sub.returned_fields) == (S.SUBMITTED, 2, {})
    resubmit = SubmissionTransition.objects.filter(submission=sub).last()
    assert (resubmit.from_status, resubmit.round) == (S.RETURNED, 2)
    assert resubmit.diff == {
        "jumlah_pegawai": [42, 40],
        "realisasi.0.realisasi": [750000, 800000],
        "realisasi.0.serapan": [75, 80],
    }
    assert sub.computed["realisasi.0.serapan"] == 80


def test_return_needs_known_fields_and_comments(slot):
    sub = _submitted(slot)
    for comments in ({}, {"tidak_ada": "x"}, {"total_pagu": "rumus"}, {"jumlah_pegawai": "  "}):
        with pytest.raises(ValidationError) as exc:
            submission_return(submission=sub, actor=slot.verifier, field_comments=comments)
        assert "field_comments" in exc.value.message_dict
    assert sub.status == S.SUBMITTED


def test_verify_then_publish(slot):
    sub = _submitted(slot)
    submission_verify(submission=sub, actor=slot.verifier, comment="Lengkap")
    assert sub.status == S.VERIFIED
    assert sub.verified_at
    with pytest.raises(PermissionDenied):
        submission_publish(submission=sub, actor=slot.verifier)  # OPD verifiers do not publish
    submission_publish(submission=sub, actor=editor_user())
    assert sub.status == S.PUBLISHED
    assert sub.published_at
    steps = list(SubmissionTransition.objects.filter(submission=sub).values_list("to_status", flat=True))
    assert steps == [S.DRAFT, S.SUBMITTED, S.VERIFIED, S.PUBLISHED]
    with pytest.raises(ValidationError):
        submission_save_draft(submission=sub, actor=slot.operator, answers={"jumlah_pegawai": 1})


def test_transitions_refuse_the_wrong_status(slot):
    sub = slot.submission
    with pytest.raises(ValidationError):
        submission_submit(submission=sub, actor=slot.operator)
    with pytest.raises(ValidationError):
        submission_verify(submission=sub, actor=slot.verifier)
    submission_save_draft(submission=sub, actor=slot.operator, answers=GOOD)
    with pytest.raises(ValidationError):
        submission_publish(submission=sub, actor=editor_user())
    with pytest.raises(ValidationError):
        submission_return(submission=sub, actor=slot.verifier, field_comments={"jumlah_pegawai": "x"})


@pytest.mark.parametrize(
    ("who", "edit", "review", "publish"),
    [
        ("operator", True, False, False),
        ("verifier", True, True, False),
        ("other_opd_verifier", False, False, False),
        ("bappeda", False, True, True),
        ("kominfo", False, False, True),
        ("auditor", False, False, False),
        ("nobody", False, False, False),
        ("superuser", True, True, True),
    ],
)
def test_role_check_on_every_transition(slot, who, edit, review, publish):
    from organizations.models import MembershipRole

    users = {
        "operator": lambda: slot.operator,
        "verifier": lambda: slot.verifier,
        "other_opd_verifier": lambda: opd_user(OPDFactory(), role=MembershipRole.VERIFIER),
        "bappeda": reviewer_user,
        "kominfo": editor_user,
        "auditor": lambda: UserFactory(roles=[GlobalRole.AUDITOR]),
        "nobody": UserFactory,
        "superuser": lambda: UserFactory(is_superuser=True),
    }
    actor = users[who]()

    def attempt(fn, **kwargs):
        try:
            fn(**kwargs)
        except PermissionDenied:
            return False
        return True

    sub = slot.submission
    assert attempt(submission_save_draft, submission=sub, actor=actor, answers=GOOD) is edit
    if not edit:
        submission_save_draft(submission=sub, actor=slot.operator, answers=GOOD)
    assert attempt(submission_submit, submission=sub, actor=actor) is edit
    if not edit:
        submission_submit(submission=sub, actor=slot.operator)
    returned = attempt(submission_return, submission=sub, actor=actor, field_comments={"jumlah_pegawai": "?"})
    assert returned is review
    if returned:
        submission_submit(submission=sub, actor=slot.operator)
    assert attempt(submission_verify, submission=sub, actor=actor) is review
    if not review:
        submission_verify(submission=sub, actor=slot.verifier)
    assert attempt(submission_publish, submission=sub, actor=actor) is publish
    sub.refresh_from_db()
    assert sub.status == (S.PUBLISHED if publish else S.VERIFIED)


def test_inactive_member_cannot_act(slot):
    slot.operator.is_active = False
    slot.operator.save()
    with pytest.raises(PermissionDenied):
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers=GOOD)
