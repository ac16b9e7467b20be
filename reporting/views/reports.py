"""Admin doors for periodic reports: "Laporan saya", the fill page, the review actions, attachments.

Thin: visibility comes from ``selectors``, who may do what from
``permissions``, every change from ``workflow``. Their ``ValidationError``,
``PermissionDenied`` and ``StaleRevision`` are shown to the user, never a 500. The HTML form
of a schema is ``reporting.forms``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from forms_builder.describe import field_hints
from forms_builder.models import FormVersion
from forms_builder.prefill import locked_fields
from forms_builder.schema import field_map, iter_fields
from forms_builder.scoring import band_label
from forms_builder.services import form_latest_version, format_number, path_label
from organizations.selectors import public_opds

from .. import permissions as perms
from .. import workflow
from ..forms import Editable, answers_to_texts, build_items, post_to_texts, texts_to_answers
from ..models import Submission, SubmissionAttachment, SubmissionStatus
from ..periods import local_zone
from ..selectors import my_current_submissions, review_queue, submission_get

EDITABLE_STATUSES = {SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}
REVIEW_QUEUE_LIMIT = 200


def _error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {path: [str(m) for m in ValidationError(errs).messages] for path, errs in exc.error_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


# --- the list ------------------------------------------------------------------------------


@require_GET
def report_list(request):
    """The user's OPDs' reports of the current period and older open ones, and the review queue."""
    user = request.user
    mine = list(my_current_submissions(user=user))
    queue = review_queue(user=user, limit=REVIEW_QUEUE_LIMIT)
    now = timezone.now()
    return TemplateResponse(
        request,
        "reporting/reports/list.html",
        {
            "mine": mine,
            "queue": queue,
            "now": now,
            "zone": local_zone(),
            "page_title": _("Laporan saya"),
            "header_icon": "doc-full",
        },
    )


# --- the fill and review page --------------------------------------------------------------


def _version(submission: Submission) -> FormVersion:
    """The version the report was started on, else the form's latest (what the first save pins)."""
    if submission.form_version_id:
        return submission.form_version
    version = form_latest_version(form=submission.assignment.form)
    if version is None:
        raise Http404(_("Formulir belum diterbitkan."))
    return version


def _schema(submission: Submission) -> dict:
    return _version(submission).schema


def _attachments(submission: Submission) -> dict[str, list[SubmissionAttachment]]:
    found: dict[str, list[SubmissionAttachment]] = {}
    for att in submission.attachments.all():
        found.setdefault(att.field_path, []).append(att)
    return found


def _editable(user, submission: Submission) -> Editable:
    allowed = submission.status in EDITABLE_STATUSES and perms.can_edit(user, submission)
    returned = submission.returned_fields if submission.status == SubmissionStatus.RETURNED else None
    return Editable(allowed=allowed, returned=returned, locked=locked_fields(submission.assignment.form.key))


def _render(request, submission: Submission, *, texts=None, errors=None, latest=None, status=200):
    user = request.user
    version = _version(submission)
    schema = version.schema
    editable = _editable(user, submission)
    can_review = submission.status == SubmissionStatus.SUBMITTED and perms.can_review(user, submission)
    carried: set[str] = set()
    if texts is None:
        answers = submission.answers or {}
        if submission.status == SubmissionStatus.NOT_STARTED and editable.allowed:
            # what the first save will carry forward, shown before it
            answers = workflow.starting_answers(submission=submission, schema=schema)
            carried = set(answers)
        texts = answers_to_texts(schema, answers)
    has_opd_choice = any(r.spec.get("type") == "opd_choice" for r in iter_fields(schema))
    opd_choices = list(public_opds().values_list("pk", "name")) if has_opd_choice else []
    comments = submission.returned_fields if submission.status == SubmissionStatus.RETURNED else {}
    errors = errors or {}
    items = build_items(
        schema,
        texts=texts,
        errors=errors,
        comments=comments or {},
        computed=submission.computed or {},
        editable=editable,
        attachments=_attachments(submission),
        latest=latest,
        opd_choices=opd_choices,
        extra_rows={request.GET.get("tambah", ""): 2},
        carried=carried,
        hints=field_hints(schema),
    )
    transitions = list(submission.transitions.select_related("actor").order_by("at", "id"))
    for t in transitions:  # labels, never keys, in what a person reads
        t.diff_rows = [(path_label(schema, p), *(change or [None, None])) for p, change in (t.diff or {}).items()]
        t.comment_rows = [(path_label(schema, p), c) for p, c in (t.field_comments or {}).items()]
    specs = field_map(schema)
    computed_facts = [
        (path_label(schema, p), format_number(v), band_label(v, specs[p].spec.get("bands")) if p in specs else None)
        for p, v in (submission.computed or {}).items()
        if "." not in p
    ]
    context = {
        "submission": submission,
        "schema": schema,
        "version": version,
        "items": items,
        "errors": errors,
        "non_field_errors": errors.get("non_field_errors", []),
        "latest": latest,
        "editable": editable,
        "can_fill": editable.allowed,
        "can_review": can_review,
        "can_publish": submission.status == SubmissionStatus.VERIFIED and perms.can_publish(user),
        "transitions": transitions,
        "computed_facts": computed_facts,
        "zone": local_zone(),
        "now": timezone.now(),
        "page_title": f"{submission.assignment.title} — {submission.opd.name}",
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "reporting/reports/edit.html", context, status=status)


def submission_edit(request, pk: int):
    """GET: the form with the saved answers. POST: save the draft ("Simpan draf") or submit ("Kirim")."""
    submission = submission_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _render(request, submission)
    editable = _editable(request.user, submission)
    if not editable.allowed:
        messages.error(request, _("Laporan ini tidak dapat diubah oleh Anda saat ini."))
        return redirect("reporting_submission_edit", pk=pk)
    schema = _schema(submission)
    base = answers_to_texts(schema, submission.answers or {})
    texts = post_to_texts(schema, request.POST, base=base, editable=editable)
    answers = texts_to_answers(schema, texts, stored=submission.answers or {}, editable=editable)
    try:
        expected = int(request.POST.get("revision", ""))
    except ValueError:
        expected = None
    try:
        submission = workflow.submission_save_draft(
            submission=submission, actor=request.user, answers=answers, expected_revision=expected
        )
    except workflow.StaleRevision as exc:
        current = exc.submission
        latest = answers_to_texts(schema, current.answers or {})
        changed = ", ".join(exc.changed) or _("(status atau lampiran)")
        messages.warning(
            request,
            _(
                "Laporan ini sudah disimpan orang lain sejak Anda membukanya. Isian yang berubah: %(f)s. "
                "Isian Anda belum disimpan dan masih ada di bawah; periksa nilai terbaru lalu simpan lagi."
            )
            % {"f": changed},
        )
        shown = {p: latest.get(p) for p in exc.changed}
        return _render(request, current, texts=texts, latest=shown, status=409)
    except ValidationError as exc:
        messages.error(request, _("Laporan belum tersimpan: periksa isian yang ditandai."))
        return _render(request, submission, texts=texts, errors=_error_dict(exc), status=400)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
        return _render(request, submission, texts=texts, status=403)

    file_errors = _attach_files(request, submission, editable)
    if file_errors:
        submission = submission_get(user=request.user, pk=pk)
        messages.error(request, _("Draf tersimpan, tetapi ada berkas yang ditolak."))
        return _render(request, submission, errors=file_errors, status=400)
    if "submit" not in request.POST:
        messages.success(request, _("Draf tersimpan."))
        table = request.POST.get("add_row", "")
        url = reverse("reporting_submission_edit", args=[pk])
        return redirect(f"{url}?{urlencode({'tambah': table})}#table-{table}" if table else url)
    submission = submission_get(user=request.user, pk=pk)
    try:
        workflow.submission_submit(submission=submission, actor=request.user, expected_revision=submission.revision)
    except (ValidationError, PermissionDenied, workflow.StaleRevision) as exc:
        messages.error(request, _("Draf tersimpan, tetapi belum dapat dikirim."))
        errors = _error_dict(exc) if isinstance(exc, ValidationError) else {"non_field_errors": [_message(exc)]}
        return _render(request, submission_get(user=request.user, pk=pk), errors=errors, status=400)
    messages.success(request, _("Laporan terkirim untuk diverifikasi."))
    return redirect("reporting_submission_edit", pk=pk)


def _message(exc: Exception) -> str:
    if isinstance(exc, workflow.StaleRevision):
        return str(_("Laporan berubah sementara Anda menyimpan; muat ulang halaman."))
    return str(exc) or str(_("Akses ditolak."))


def _attach_files(request, submission: Submission, editable: Editable) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in request.FILES:
        path = name.removeprefix("file-")
        if not name.startswith("file-") or not editable(path):
            continue
        try:
            workflow.submission_attach(
                submission=submission, actor=request.user, field_path=path, upload=request.FILES[name]
            )
        except ValidationError as exc:
            for key, msgs in _error_dict(exc).items():
                errors.setdefault(path if key in ("non_field_errors", "file", "upload") else key, []).extend(msgs)
        except PermissionDenied as exc:
            errors.setdefault(path, []).append(_message(exc))
        submission.refresh_from_db()
    return errors


@require_POST
def submission_action(request, pk: int, name: str):
    """Reviewer actions: return with field comments, verify, publish."""
    submission = submission_get(user=request.user, pk=pk)
    post, user = request.POST, request.user
    try:
        if name == "return":
            comments = {
                key.removeprefix("comment-"): value.strip()
                for key, value in post.items()
                if key.startswith("comment-") and value.strip()
            }
            workflow.submission_return(
                submission=submission,
                actor=user,
                field_comments=comments,
                comment=post.get("comment", "").strip(),
                reopen_fields=[p for p in post.getlist("reopen") if p not in comments],
            )
            done = _("Laporan dikembalikan ke OPD.")
        elif name == "verify":
            workflow.submission_verify(submission=submission, actor=user, comment=post.get("comment", "").strip())
            done = _("Laporan diverifikasi.")
        elif name == "publish":
            workflow.submission_publish(submission=submission, actor=user)
            done = _("Laporan dipublikasikan.")
        else:
            raise Http404
    except ValidationError as exc:
        for messages_ in _error_dict(exc).values():
            for msg in messages_:
                messages.error(request, msg)
    except PermissionDenied as exc:
        messages.error(request, _message(exc))
    except workflow.StaleRevision as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, done)
    return redirect("reporting_submission_edit", pk=pk)


@require_GET
def attachment_download(request, uuid):
    """An attachment, only to who may see its report; always as a download, never inline."""
    try:
        att = SubmissionAttachment.objects.only("submission_id", "file", "name", "mime").get(uuid=uuid)
    except SubmissionAttachment.DoesNotExist:
        raise Http404 from None
    submission_get(user=request.user, pk=att.submission_id)
    response = FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name, content_type=att.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
