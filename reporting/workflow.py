"""The submission workflow: draft → submitted → returned → submitted → verified → published.

Every function checks the actor's role (``permissions``), locks the row
(``select_for_update``), compares the client's revision when given (``StaleRevision``),
writes a ``SubmissionTransition`` for a status change, bumps ``revision``, records the
audit reason on the history row, and calls the notice hooks (``notices``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.formatting import format_datetime
from forms_builder.fields import CleanContext, FieldError
from forms_builder.prefill import locked_fields, prefill_answers
from forms_builder.scoring import score_answers
from forms_builder.uploads import File
from forms_builder.validation import NON_FIELD, validate_answers
from safefiles.sanitize import IMAGE_TYPES, PDF_TYPE, clean_image, clean_pdf

from . import notices
from .answers import (
    answer_keys,
    attachment_meta,
    carried_answers,
    clean_partial,
    diff_answers,
    is_computed,
    path_within,
    resolve_files,
    restore_files,
    set_path,
    spec_for_path,
)
from .models import Submission, SubmissionAttachment, SubmissionStatus, SubmissionTransition
from .periods import end_of_local_day, local_zone
from .permissions import can_edit, can_publish, can_reopen, can_review
from .signals import submission_published

S = SubmissionStatus
EDITABLE = (S.NOT_STARTED, S.DRAFT, S.RETURNED)


class StaleRevision(Exception):  # noqa: N818 (name fixed by the contract)
    """The client edited an older revision; ``submission`` is current, ``changed`` the differing paths."""

    def __init__(self, submission: Submission, changed: list[str]):
        super().__init__(f"stale revision for submission {submission.pk}")
        self.submission = submission
        self.changed = changed


# --- helpers ------------------------------------------------------------------------------


def submission_is_locked(submission: Submission, now: dt.datetime | None = None) -> bool:
    """Past the deadline plus grace, and not reopened for this OPD."""
    now = now or timezone.now()
    if submission.reopened_until and submission.reopened_until > now:
        return False
    return now > submission.locks_at


def _changed_since(current: Submission, revision: int) -> list[str]:
    """Paths whose values differ between ``revision`` (from the history) and now."""
    base = current.history.filter(revision=revision).order_by("-history_date", "-history_id").first()
    if base is None:  # unknown revision: everything the report holds may have changed
        return sorted(diff_answers({}, current.answers))
    return sorted(diff_answers(base.answers or {}, current.answers or {}))


def _locked_row(submission: Submission, expected_revision: int | None) -> Submission:
    current = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("assignment", "assignment__form", "form_version", "period", "opd")
        .get(pk=submission.pk)
    )
    if expected_revision is not None and int(expected_revision) != current.revision:
        raise StaleRevision(current, _changed_since(current, int(expected_revision)))
    return current


def _save(submission: Submission, actor, reason: str) -> None:
    submission.revision += 1
    submission.updated_by = actor if getattr(actor, "pk", None) else None
    submission._history_user = submission.updated_by
    submission._change_reason = reason
    submission.save()


def _transition(submission: Submission, from_status: str, actor, **extra) -> SubmissionTransition:
    return SubmissionTransition.objects.create(
        submission=submission,
        from_status=from_status,
        to_status=submission.status,
        actor=actor if getattr(actor, "pk", None) else None,
        round=submission.round,
        **extra,
    )


def _refresh(target: Submission, source: Submission) -> Submission:
    """Let a caller holding the old instance see the new state too."""
    if target is not source:
        for f in Submission._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))
        target._state.fields_cache = dict(source._state.fields_cache)
    return source


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_status(submission: Submission, *allowed: str) -> None:
    if submission.status not in allowed:
        raise ValidationError(
            {
                "status": [
                    _("Tidak dapat dilakukan pada laporan berstatus %(s)s.") % {"s": submission.get_status_display()}
                ]
            }
        )


def _require_open(submission: Submission) -> None:
    """Operators cannot write after the lock (a returned report stays fixable: the verifier asked)."""
    if submission.status != S.RETURNED and submission_is_locked(submission):
        raise ValidationError(
            {
                NON_FIELD: [
                    _("Periode pelaporan sudah terkunci sejak %(t)s. Minta admin membukanya kembali untuk OPD Anda.")
                    % {"t": format_datetime(submission.locks_at, tz=local_zone())}
                ]
            }
        )


def _previous_answers(submission: Submission) -> dict:
    """Answers of the same OPD's latest earlier report of the same form (submitted at least once)."""
    previous = (
        Submission.objects.filter(
            assignment__form_id=submission.assignment.form_id,
            opd_id=submission.opd_id,
            period__period_type=submission.period.period_type,
            period__end__lt=submission.period.start,
            first_submitted_at__isnull=False,
        )
        .order_by("-period__start", "-submitted_at")
        .values_list("answers", flat=True)
        .first()
    )
    return previous or {}


def starting_answers(*, submission: Submission, schema: dict) -> dict:
    """What filling starts with: the previous period's ``carry_forward`` values that ``schema`` still
    accepts, then the platform's own figures for the form's fields (``forms_builder.prefill``, e.g. the
    SP4N-LAPOR self-assessment's complaint counts), which win.

    The fill page shows them before the first save; ``_start`` stores them. One rule, two readers.
    """
    period = submission.period
    platform = prefill_answers(schema.get("key", ""), opd=submission.opd, start=period.start, end=period.end)
    keys = answer_keys(schema)
    carried = {
        **carried_answers(schema, _previous_answers(submission)),
        **{k: v for k, v in platform.items() if k in keys},
    }
    cleaned, errors = clean_partial(schema=schema, answers=carried)
    # values the current version no longer accepts are simply not carried
    return {
        k: v for k, v in cleaned.items() if k in carried and not any(e == k or e.startswith(f"{k}.") for e in errors)
    }


def _start(submission: Submission, actor) -> None:
    """Filling starts: pin the latest published version and carry values forward."""
    version = submission.assignment.form.versions.order_by("-number").first()
    if version is None:
        raise ValidationError({NON_FIELD: [_("Formulir ini belum punya versi terbit.")]})
    submission.form_version = version
    submission.answers = starting_answers(submission=submission, schema=version.schema)
    submission.status = S.DRAFT
    _transition(submission, S.NOT_STARTED, actor, comment=str(_("Pengisian dimulai")))


# --- operator ------------------------------------------------------------------------------


def submission_save_draft(
    *, submission: Submission, actor, answers: dict, expected_revision: int | None = None
) -> Submission:
    """Merge partial answers into the draft (type errors raise; required-ness only on submit).

    Keys present in ``answers`` replace the stored ones (a table is sent whole); ``null``
    clears a value. While returned, only the returned fields may change.
    """
    if not isinstance(answers, dict):
        raise ValidationError({NON_FIELD: [_("Jawaban harus berupa objek JSON.")]})
    _require(can_edit(actor, submission), _("Anda tidak dapat mengisi laporan OPD ini."))
    with transaction.atomic():
        current = _locked_row(submission, expected_revision)
        _require_status(current, *EDITABLE)
        _require_open(current)
        if current.status == S.NOT_STARTED:
            _start(current, actor)
        schema = current.form_version.schema
        keys = answer_keys(schema)
        errors = {k: [str(_("Isian tidak dikenal pada formulir ini."))] for k in answers if k not in keys}
        # The platform's own figures: sending them back unchanged is fine (an app may round-trip every
        # answer); a different value is refused and nothing of the request is saved.
        locked = locked_fields(schema.get("key", ""))
        refused = [k for k in answers if k in locked and answers[k] != current.answers.get(k)]
        errors.update({k: [str(_("Angka dari data platform; tidak dapat diubah."))] for k in refused})
        incoming = {k: v for k, v in answers.items() if k in keys and keys[k]["type"] != "computed" and k not in locked}
        attachments = {str(a.uuid): a for a in current.attachments.all()}
        errors.update(resolve_files(schema, incoming, attachments))
        merged = {**current.answers, **incoming}
        cleaned, type_errors = clean_partial(schema=schema, answers=merged)
        errors.update(type_errors)
        if errors:
            raise ValidationError(errors)
        restore_files(schema, cleaned, merged)
        if current.status == S.RETURNED:
            _check_returned(schema, current, cleaned)
        current.answers = cleaned
        _save(current, actor, str(_("Draf laporan disimpan")))
    return _refresh(submission, current)


def _check_returned(schema: dict, current: Submission, cleaned: dict) -> None:
    changed = [p for p in diff_answers(current.answers, cleaned) if not is_computed(schema, p)]
    refused = [p for p in changed if not path_within(p, current.returned_fields)]
    if refused:
        message = _("Isian ini tidak dikembalikan oleh verifikator sehingga tidak dapat diubah.")
        raise ValidationError({p: [message] for p in refused})


def submission_submit(*, submission: Submission, actor, expected_revision: int | None = None) -> Submission:
    """Validate fully (required, rules) and submit; a resubmission keeps the round's diff."""
    _require(can_edit(actor, submission), _("Anda tidak dapat mengirim laporan OPD ini."))
    with transaction.atomic():
        current = _locked_row(submission, expected_revision)
        if current.status == S.NOT_STARTED:
            raise ValidationError({NON_FIELD: [_("Laporan belum diisi.")]})
        _require_status(current, S.DRAFT, S.RETURNED)
        _require_open(current)
        schema = current.form_version.schema
        result = validate_answers(schema=schema, answers=current.answers, ctx=CleanContext())
        if result.errors:
            raise ValidationError(result.errors)
        cleaned = result.cleaned
        restore_files(schema, cleaned, current.answers)
        now, before = timezone.now(), current.status
        diff = {}
        if before == S.RETURNED:
            last = current.history.filter(status=S.SUBMITTED).order_by("-history_date", "-history_id").first()
            diff = diff_answers(last.answers if last else {}, cleaned)
        current.answers, current.computed = cleaned, result.computed
        current.score = score_answers(schema=schema, cleaned=cleaned)
        current.status, current.returned_fields = S.SUBMITTED, {}
        current.round += 1
        current.first_submitted_at = current.first_submitted_at or now
        current.submitted_at = now
        _transition(current, before, actor, at=now, diff=diff)
        _save(current, actor, str(_("Laporan dikirim (putaran %(n)d)") % {"n": current.round}))
        notices.notify_submitted(submission=current)
    return _refresh(submission, current)


def submission_attach(*, submission: Submission, actor, field_path: str, upload) -> SubmissionAttachment:
    """Check an upload against the file field's rules (content, size) and make it the answer."""
    _require(can_edit(actor, submission), _("Anda tidak dapat mengisi laporan OPD ini."))
    with transaction.atomic():
        current = _locked_row(submission, None)
        _require_status(current, *EDITABLE)
        _require_open(current)
        if current.status == S.NOT_STARTED:
            _start(current, actor)
        schema = current.form_version.schema
        spec = spec_for_path(schema, field_path or "")
        if spec is None or spec.get("type") != "file" or (field_path.count(".") not in (0, 2)):
            raise ValidationError({field_path or NON_FIELD: [_("Bukan isian berkas pada formulir ini.")]})
        if current.status == S.RETURNED and not path_within(field_path, current.returned_fields):
            raise ValidationError(
                {field_path: [_("Isian ini tidak dikembalikan oleh verifikator sehingga tidak dapat diubah.")]}
            )
        try:
            meta = File().clean(upload, spec, CleanContext())
        except FieldError as exc:
            raise ValidationError({field_path: [exc.message]}) from exc
        upload, meta = _sanitised(upload, meta, field_path)
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
            digest.update(chunk)
        upload.seek(0)
        attachment = SubmissionAttachment(
            submission=current,
            field_path=field_path,
            name=os.path.basename(meta["name"] or "berkas")[:255],
            mime=meta["mime"],
            size=meta["size"],
            sha256=digest.hexdigest(),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        attachment.file.save(attachment.name, upload, save=False)
        attachment._history_user = attachment.uploaded_by
        attachment._change_reason = str(_("Lampiran laporan diunggah"))
        attachment.save()
        answers = dict(current.answers)
        set_path(answers, field_path, attachment_meta(attachment))
        current.answers = answers
        _save(current, actor, str(_("Lampiran laporan diunggah")))
    _refresh(submission, current)
    return attachment


def _sanitised(upload, meta: dict, field_path: str):
    """PDFs and images are re-written without scripts, actions, metadata and embedded files
    (``safefiles``, the one sanitiser of every upload door); other allowed types are kept as sent.
    Returns the file to store and its metadata (the stored size)."""
    mime = meta["mime"]
    if mime != PDF_TYPE and mime not in IMAGE_TYPES:
        return upload, meta
    upload.seek(0)
    data = upload.read()
    try:
        clean = clean_pdf(data) if mime == PDF_TYPE else clean_image(data, mime)
    except ValidationError as exc:
        raise ValidationError({field_path: exc.messages}) from exc
    return clean.content, {**meta, "mime": clean.content_type, "size": clean.size}


# --- reviewer and admin ---------------------------------------------------------------------


def submission_return(
    *,
    submission: Submission,
    actor,
    field_comments: dict[str, str],
    comment: str = "",
    reopen_fields: Iterable[str] = (),
) -> Submission:
    """Return a submitted report with comments on fields; those fields reopen.

    ``reopen_fields`` reopens more fields without a comment of their own (any fillable field,
    file fields included: "add the evidence" on one field reopens the file field that holds it).
    At least one commented field is still required.
    """
    _require(
        can_review(actor, submission), _("Hanya verifikator OPD ini atau Reviewer Bappeda yang dapat mengembalikan.")
    )
    with transaction.atomic():
        current = _locked_row(submission, None)
        _require_status(current, S.SUBMITTED)
        schema = current.form_version.schema
        comments = _clean_field_comments(schema, field_comments)
        for path in _clean_reopen_fields(schema, reopen_fields):
            comments.setdefault(path, "")
        current.status, current.returned_fields = S.RETURNED, comments
        _transition(current, S.SUBMITTED, actor, comment=comment or "", field_comments=comments)
        _save(current, actor, comment or str(_("Laporan dikembalikan untuk diperbaiki")))
        notices.notify_returned(submission=current)
    return _refresh(submission, current)


def _fillable(schema: dict, path: str) -> bool:
    """Whether ``path`` is a field of ``schema`` that a person fills (not computed, not a container)."""
    spec = spec_for_path(schema, path) if path else None
    return spec is not None and spec.get("type") not in ("computed", "section", "heading")


def _clean_field_comments(schema: dict, field_comments) -> dict[str, str]:
    if not isinstance(field_comments, dict) or not field_comments:
        raise ValidationError({"field_comments": [_("Sebutkan paling sedikit satu isian yang harus diperbaiki.")]})
    problems, comments = [], {}
    for path, text in field_comments.items():
        text = str(text or "").strip()
        if not _fillable(schema, str(path)):
            problems.append(_("Isian '%(p)s' tidak ada atau tidak dapat diisi.") % {"p": path})
        elif not text:
            problems.append(_("Catatan untuk isian '%(p)s' wajib diisi.") % {"p": path})
        else:
            comments[str(path)] = text
    if problems:
        raise ValidationError({"field_comments": problems})
    return comments


def _clean_reopen_fields(schema: dict, paths) -> list[str]:
    if isinstance(paths, str) or not isinstance(paths, Iterable):
        raise ValidationError({"reopen_fields": [_("Daftar isian yang dibuka kembali tidak valid.")]})
    problems, clean = [], []
    for path in paths:
        path = str(path or "").strip()
        if not _fillable(schema, path):
            problems.append(_("Isian '%(p)s' tidak ada atau tidak dapat diisi.") % {"p": path})
        else:
            clean.append(path)
    if problems:
        raise ValidationError({"reopen_fields": problems})
    return clean


def submission_verify(*, submission: Submission, actor, comment: str = "") -> Submission:
    """Approve a submitted report."""
    _require(
        can_review(actor, submission), _("Hanya verifikator OPD ini atau Reviewer Bappeda yang dapat memverifikasi.")
    )
    with transaction.atomic():
        current = _locked_row(submission, None)
        _require_status(current, S.SUBMITTED)
        current.status, current.verified_at, current.returned_fields = S.VERIFIED, timezone.now(), {}
        _transition(current, S.SUBMITTED, actor, at=current.verified_at, comment=comment or "")
        _save(current, actor, comment or str(_("Laporan diverifikasi")))
        notices.notify_verified(submission=current)
    return _refresh(submission, current)


def submission_publish(*, submission: Submission, actor) -> Submission:
    """Publish a verified report (only its public fields reach public pages)."""
    _require(can_publish(actor), _("Hanya Editor Kominfo atau Reviewer Bappeda yang dapat memublikasikan."))
    with transaction.atomic():
        current = _locked_row(submission, None)
        _require_status(current, S.VERIFIED)
        current.status, current.published_at = S.PUBLISHED, timezone.now()
        _transition(current, S.VERIFIED, actor, at=current.published_at)
        _save(current, actor, str(_("Laporan dipublikasikan")))
        transaction.on_commit(lambda: submission_published.send(sender=Submission, submission=current))
    return _refresh(submission, current)


def submission_reopen(*, submission: Submission, actor, until, reason: str) -> Submission:
    """Reopen a locked period for this one OPD until ``until`` (a date means its local end)."""
    _require(can_reopen(actor), _("Hanya admin pelaporan yang dapat membuka kembali periode."))
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = [_("Alasan membuka kembali wajib diisi.")]
    if isinstance(until, dt.date) and not isinstance(until, dt.datetime):
        until = end_of_local_day(until)
    if not isinstance(until, dt.datetime) or timezone.is_naive(until) or until <= timezone.now():
        errors["until"] = [_("Isi batas waktu yang akan datang.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked_row(submission, None)
        _require_status(current, *EDITABLE)
        current.reopened_until, current.reopen_reason = until, reason
        _transition(current, current.status, actor, comment=reason)
        _save(current, actor, reason)
    return _refresh(submission, current)
