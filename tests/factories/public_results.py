"""Published submissions for the public result pages, made through the real workflow.

``publish_submission`` takes one expected submission from draft to published with the
workflow services (reopening a past, locked period first, as an admin would).
"""

__all__ = ["publish_all", "publish_submission", "sakip_answers", "superuser"]

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from reporting import workflow
from reporting.models import Submission

from .organizations import UserFactory


def superuser():
    user = UserFactory(username="admin-hasil", is_superuser=True, is_staff=True)
    return get_user_model().objects.get(pk=user.pk)


def publish_submission(submission: Submission, *, answers: dict, actor=None, files=None) -> Submission:
    actor = actor or superuser()
    if submission.locks_at <= timezone.now():
        submission = workflow.submission_reopen(
            submission=submission,
            actor=actor,
            until=timezone.now() + datetime.timedelta(days=2),
            reason="Data uji halaman hasil",
        )
    submission = workflow.submission_save_draft(submission=submission, actor=actor, answers=answers)
    for path, upload in (files or {}).items():
        workflow.submission_attach(submission=submission, actor=actor, field_path=path, upload=upload)
        submission.refresh_from_db()
    submission = workflow.submission_submit(submission=submission, actor=actor)
    submission = workflow.submission_verify(submission=submission, actor=actor)
    return workflow.submission_publish(submission=submission, actor=actor)


def publish_all(assignment, answers_for, *, actor=None) -> list[Submission]:
    """Publish every expected submission of ``assignment``; ``answers_for(submission)`` gives its answers."""
    actor = actor or superuser()
    subs = list(assignment.submissions.select_related("opd", "period").order_by("pk"))
    return [publish_submission(s, answers=answers_for(s), actor=actor) for s in subs]


def sakip_answers(total: float, *, year: int = 2025, **extra) -> dict:
    """LKE SAKIP answers whose four component scores all equal ``total`` (so the total is ``total``)."""
    answers = {
        "tahun_evaluasi": year,
        "perencanaan_kinerja_nilai": total,
        "pengukuran_kinerja_nilai": total,
        "pelaporan_kinerja_nilai": total,
        "evaluasi_internal_nilai": total,
    }
    answers.update(extra)
    return answers
