"""What the REST and GraphQL doors of periodic reports share, so neither repeats the other.

The rules are not here: who sees a report is ``reporting.selectors``, who may
change it and how is ``reporting.workflow`` (with ``permissions``). This module
only shapes a report for a client, maps the door's arguments onto those services and turns
``StaleRevision`` into the 412 problem (``stale_revision``) both doors report.

Optimistic concurrency: a client sends the ``ETag`` it last saw (REST ``If-Match``, GraphQL
``expectedRevision``). Without it the write is accepted (last write wins) — old clients and
one-shot scripts keep working — but every client that edits should send it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from api.errors import ProblemError, make_problem
from api.filtersets.reports import SubmissionFilter
from reporting import permissions as report_permissions
from reporting import workflow
from reporting.models import Submission, SubmissionAttachment
from reporting.periods import period_label
from reporting.selectors import my_current_submissions, visible_submissions

#: Workflow actions after the draft: name -> the service that performs it.
ACTIONS = ("submit", "return", "verify", "publish")

_ETAG = re.compile(r'^(?:W/)?"s(?P<pk>\d+)-r(?P<revision>\d+)"$')


# --- Reading -----------------------------------------------------------------------------


def _joined(queryset: QuerySet[Submission]) -> QuerySet[Submission]:
    """The selector joins assignment, period, OPD and version; the form is a door-only field."""
    return queryset.select_related("assignment__form", "period", "opd", "form_version")


def submission_list(*, user, filters: Mapping[str, Any] | None = None) -> QuerySet[Submission]:
    """Visible submissions, filtered (invalid filters are 400 field errors)."""
    data = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    filterset = SubmissionFilter(data=data, queryset=visible_submissions(user=user))
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return _joined(filterset.qs).order_by("-period__start", "opd__name", "pk")


def current_list(*, user) -> QuerySet[Submission]:
    """The forms the user's OPDs must file in the current periods."""
    return _joined(my_current_submissions(user=user))


def submission_row(s: Submission) -> dict[str, Any]:
    """A report in a list: where it stands, without its answers."""
    form, period, opd = s.assignment.form, s.period, s.opd
    return {
        "id": s.pk,
        "status": s.status,
        "status_label": str(s.get_status_display()),
        "revision": s.revision,
        "etag": s.etag,
        "round": s.round,
        "assignment": {"id": s.assignment_id, "title": s.assignment.title},
        "form": {"id": form.pk, "key": form.key, "title": form.title},
        "form_version": s.form_version.number if s.form_version_id else None,
        "period": {
            "id": period.pk,
            "period_type": period.period_type,
            "year": period.year,
            "number": period.number,
            "label": str(period_label(period)),
            "start": period.start,
            "end": period.end,
        },
        "opd": {"id": opd.pk, "name": opd.name, "acronym": opd.acronym},
        "due_at": s.due_at,
        "locks_at": s.locks_at,
        "reopened_until": s.reopened_until,
        "is_late": s.is_late,
        "first_submitted_at": s.first_submitted_at,
        "submitted_at": s.submitted_at,
        "verified_at": s.verified_at,
        "published_at": s.published_at,
        "updated_at": s.updated_at,
    }


def attachment_dict(a: SubmissionAttachment) -> dict[str, Any]:
    url = reverse("api:report-attachment", kwargs={"pk": a.submission_id, "uuid": a.uuid})
    return {
        "uuid": str(a.uuid),
        "field_path": a.field_path,
        "name": a.name,
        "mime": a.mime,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_at": a.uploaded_at,
        "url": url,
    }


def _actor_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def submission_detail(s: Submission, *, user) -> dict[str, Any]:
    """One report with answers, returned fields, attachments, its history and what ``user`` may do."""
    transitions = s.transitions.select_related("actor").order_by("at", "pk")
    return {
        **submission_row(s),
        "answers": s.answers,
        "computed": s.computed,
        "score": s.score,
        "returned_fields": s.returned_fields,
        "reopen_reason": s.reopen_reason,
        "attachments": [attachment_dict(a) for a in s.attachments.order_by("pk")],
        "transitions": [
            {
                "from_status": t.from_status,
                "to_status": t.to_status,
                "actor": _actor_name(t.actor),
                "at": t.at,
                "comment": t.comment,
                "field_comments": t.field_comments,
                "round": t.round,
                "diff": t.diff,
            }
            for t in transitions
        ],
        "permissions": {
            "edit": report_permissions.can_edit(user, s),
            "review": report_permissions.can_review(user, s),
            "publish": report_permissions.can_publish(user),
        },
    }


def attachment_get(*, submission: Submission, uuid) -> SubmissionAttachment:
    """An attachment of a submission the caller already got through ``submission_get`` (else 404)."""
    return submission.attachments.get(uuid=uuid)


# --- Writing -----------------------------------------------------------------------------


def expected_revision_from_etag(value: str | None, *, submission: Submission) -> int | None:
    """The revision in an ``If-Match`` value (``None`` when absent or ``*``); others are 400."""
    if value is None or value.strip() in ("", "*"):
        return None
    match = _ETAG.match(value.strip())
    if match is None or int(match["pk"]) != submission.pk:
        raise ValidationError({"If-Match": [_("Nilai If-Match tidak dikenali: kirim ETag terakhir laporan ini.")]})
    return int(match["revision"])


def stale_problem(exc: workflow.StaleRevision):
    """412 ``stale_revision``: each changed field path is listed in ``errors``; ``ETag`` is the current one."""
    message = str(_("Isian ini sudah diubah orang lain."))
    problem = make_problem("stale_revision", status=412, errors={path: [message] for path in exc.changed})
    problem.headers["ETag"] = exc.submission.etag
    return problem


@contextmanager
def stale_as_problem() -> Iterator[None]:
    try:
        yield
    except workflow.StaleRevision as exc:
        raise ProblemError(stale_problem(exc)) from exc


def save_draft(*, submission: Submission, actor, answers: Any, expected_revision: int | None) -> Submission:
    """Merge partial ``answers`` into the draft (the service checks types and who may edit)."""
    with stale_as_problem():
        return workflow.submission_save_draft(
            submission=submission, actor=actor, answers=answers, expected_revision=expected_revision
        )


def run_action(
    *,
    submission: Submission,
    actor,
    action: str,
    expected_revision: int | None = None,
    field_comments: Any = None,
    comment: str = "",
    reopen_fields: Any = (),
) -> Submission:
    """One workflow step by name (see ``ACTIONS``); the service checks the role and the state."""
    comment = comment or ""
    with stale_as_problem():
        if action == "submit":
            return workflow.submission_submit(submission=submission, actor=actor, expected_revision=expected_revision)
        if action == "return":
            return workflow.submission_return(
                submission=submission,
                actor=actor,
                field_comments=field_comments,
                comment=comment,
                reopen_fields=reopen_fields or (),
            )
        if action == "verify":
            return workflow.submission_verify(submission=submission, actor=actor, comment=comment)
        if action == "publish":
            return workflow.submission_publish(submission=submission, actor=actor)
    raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
