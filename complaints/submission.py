"""The reporter's side: submit, add information, confirm, rate, reopen, "me too".

A reporter has no account: the doors find the complaint with ``selectors.complaint_track``
(code + secret) and pass it here. For an anonymous complaint no identity is ever written:
not here, not in history (no ``ReporterIdentity`` row exists), not in task arguments.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actors import acting_as
from forms_builder.models import FormVersion
from forms_builder.validation import validate_answers
from notifications.services import notify
from organizations.models import VILLAGE_KINDS

from . import inputs, pii, ratelimit
from .attachments import clean_uploads, max_files
from .codes import hash_secret, new_secret, new_tracking_code
from .deadlines import local_today, stage_due_date
from .errors import ValidationError
from .models import (
    PUBLIC_STATUSES,
    Attachment,
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventKind,
    Privacy,
    ReporterIdentity,
    Status,
)
from .routing import desk_new_notice_queue
from .uploads import take_uploads
from .workflow import notify_opd

MAX_TITLE = 200
MAX_DESCRIPTION = 10_000
MAX_MESSAGE = 5_000


def reopen_days() -> int:
    """Calendar days after the answer in which the reporter may reopen (Pemda policy, not regulation)."""
    return settings.COMPLAINT_REOPEN_DAYS


@dataclass
class Submitted:
    complaint: Complaint
    secret: str  # shown once to the reporter, never stored


#: The reporter's contact fields (kept only when the complaint is not anonymous).
IDENTITY_FIELDS = {"reporter_name": "name", "reporter_email": "email", "reporter_phone": "phone"}


class _ChoiceOrDefault(forms.Field):
    """A value of ``choices`` (empty: ``default``); anything else is ``message``."""

    def __init__(self, *, choices, default, message, **kwargs):
        super().__init__(required=False, **kwargs)
        self.choices, self.default, self.message = choices, default, message

    def clean(self, value):
        value = value or self.default
        if value not in self.choices:
            raise forms.ValidationError(self.message, code="invalid_choice")
        return value


class ComplaintInput(forms.Form):
    """What ``complaint_submit`` accepts (the honeypot and the attachments are checked beside it)."""

    title = inputs.text(max_length=MAX_TITLE, required=True)
    description = inputs.text(max_length=MAX_DESCRIPTION, required=True)
    location_text = inputs.text(max_length=255)
    kind = _ChoiceOrDefault(
        choices=ComplaintKind.values, default=ComplaintKind.PENGADUAN, message=_("Jenis tidak dikenal.")
    )
    privacy = _ChoiceOrDefault(
        choices=Privacy.values, default=Privacy.PUBLIC, message=_("Pilihan kerahasiaan tidak dikenal.")
    )
    category = forms.Field(required=False)  # a Category or its slug
    kecamatan = forms.Field(required=False)  # an OPD row (kind "kecamatan") or None
    kelurahan = forms.Field(required=False)  # an OPD row (kind "kelurahan" or "desa") or None
    lat = inputs.CoordinateField(bound=90)
    long = inputs.CoordinateField(bound=180)
    incident_date = forms.DateField(required=False, error_messages={"invalid": _("Tanggal tidak valid.")})
    reporter_name = inputs.text(max_length=150)
    reporter_email = inputs.text(max_length=254)
    reporter_phone = inputs.text(max_length=30)
    extra = forms.Field(required=False)  # the category's extra answers (a JSON object)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (self.data.get("privacy") or Privacy.PUBLIC) == Privacy.ANONIM:
            for name in IDENTITY_FIELDS:  # no identity is read (nor judged) for an anonymous complaint
                del self.fields[name]

    def clean_category(self) -> Category | None:
        category = self.cleaned_data["category"]
        if not isinstance(category, Category):
            category = active_category(slug=category) if category else None
        if category is None or not category.is_active:
            raise forms.ValidationError(_("Pilih kategori yang tersedia."))
        return category

    def clean_kecamatan(self):
        kecamatan = self.cleaned_data["kecamatan"]
        if kecamatan is not None and kecamatan.kind != "kecamatan":
            raise forms.ValidationError(_("Pilih kecamatan."))
        return kecamatan

    def clean_kelurahan(self):
        kelurahan, kecamatan = self.cleaned_data["kelurahan"], self.data.get("kecamatan")
        if kelurahan is not None and kelurahan.kind not in VILLAGE_KINDS:
            raise forms.ValidationError(_("Pilih kelurahan/desa."))
        if kelurahan is not None and kecamatan is not None and kelurahan.parent_id != kecamatan.pk:
            raise forms.ValidationError(_("Kelurahan/desa tidak berada di kecamatan yang dipilih."))
        return kelurahan

    def clean_incident_date(self):
        incident = self.cleaned_data["incident_date"]
        if incident and incident > local_today():
            raise forms.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        return incident or None

    def clean_reporter_email(self):
        email = self.cleaned_data["reporter_email"]
        if email and "@" not in email:
            raise forms.ValidationError(_("Alamat email tidak valid."))
        return email

    def clean(self):
        data = super().clean()
        lat, long = data.get("lat"), data.get("long")
        if (lat is None) != (long is None) and "lat" not in self.errors and "long" not in self.errors:
            self.add_error("lat" if lat is None else "long", _("Isi lintang dan bujur bersama-sama."))
        if data.get("kelurahan") is not None and self.data.get("kecamatan") is None:
            data["kecamatan"] = data["kelurahan"].parent
        data["extra_form_version"], data["extra_answers"] = None, {}
        category = data.get("category")
        if category is not None:
            version = category_extra_version(category=category)
            if version is not None:
                answers = data.get("extra")
                result = validate_answers(schema=version.schema, answers={} if answers is None else answers)
                # The engine's errors are keyed by answer path (``extra.<path>``), not by a field of
                # this form: they join the form's error dict directly (``add_error`` takes fields only).
                for path, messages in result.errors.items():
                    self.errors[f"extra.{path}"] = self.error_class(list(messages))
                data["extra_form_version"], data["extra_answers"] = version, result.cleaned
        data.pop("extra", None)
        data["identity"] = {
            key: data.pop(name) for name, key in IDENTITY_FIELDS.items() if name in self.fields and data.get(name)
        }
        for name in IDENTITY_FIELDS:
            data.pop(name, None)
        return data


class MessageInput(forms.Form):
    """Information the reporter adds (``body``)."""

    body = inputs.text(max_length=MAX_MESSAGE, required=True)


class ReopenInput(forms.Form):
    reason = inputs.text(max_length=MAX_MESSAGE, required=True)


class RatingInput(forms.Form):
    rating = forms.Field(required=False)
    comment = inputs.text(max_length=MAX_MESSAGE)

    def clean_rating(self) -> int:
        try:
            rating = int(self.cleaned_data["rating"])
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise forms.ValidationError(_("Nilai antara 1 dan 5."))
        return rating


def category_extra_version(*, category: Category) -> FormVersion | None:
    """The latest published version of the category's extra-field form (none: no extra fields)."""
    if not category.extra_form_id:
        return None
    return FormVersion.objects.filter(form_id=category.extra_form_id).order_by("-number").first()


CATEGORY_CACHE_KEY = "sepakat:complaints:category:v1:"


def active_category(*, slug: str) -> Category | None:
    """An active category by slug, cached for a minute (every submission needs it)."""
    key = CATEGORY_CACHE_KEY + str(slug)[:60]
    category = cache.get(key)
    if category is None:
        category = Category.objects.filter(slug=slug, is_active=True).first() or False
        cache.set(key, category, 60)
    return category or None


def _save_attachments(complaint: Complaint, cleaned, event: ComplaintEvent | None = None) -> None:
    for item in cleaned:
        att = Attachment(complaint=complaint, event=event, content_type=item.content_type, size=item.size)
        att.file.save(item.content.name, item.content, save=False)
        att.save()


def _check_count(files, uploads) -> None:
    if len([f for f in files or [] if f]) + len([t for t in uploads or [] if t]) > max_files():
        raise ValidationError({"attachments": [_("Paling banyak %(n)s lampiran.") % {"n": max_files()}]})


def complaint_submit(*, data: dict, files=(), uploads=(), client: str = "", door: str) -> Submitted:
    """File a complaint. ``data`` holds the form fields; ``client`` is only used as a hashed rate-limit key.
    ``files`` are uploaded files (checked here); ``uploads`` are tokens of files checked earlier
    by ``complaint_upload_create`` (taken once, inside the transaction).

    The honeypot field ``website`` must stay empty (bots fill it).
    """
    if (data.get("website") or "").strip():
        raise ValidationError({"website": [_("Pengiriman ditolak.")]})
    limit, window = ratelimit.submission_limit()
    ratelimit.enforce(
        scope="complaint-submit",
        client=client,
        limit=limit,
        window=window,
        message=_("Terlalu banyak pengaduan dari perangkat ini."),
    )
    clean = inputs.clean(ComplaintInput, data)
    _check_count(files, uploads)
    cleaned_files = clean_uploads(files)
    identity = clean.pop("identity")
    secret = new_secret()
    due_date = stage_due_date(stage="verification", start=local_today())
    with acting_as("reporter", door=door):
        # One transaction per attempt, no savepoint around the INSERT: a tracking-code
        # collision (40 random bits: practically never) aborts the attempt and retries it whole.
        for attempt in range(5):
            code = new_tracking_code()
            try:
                complaint = _file(clean, identity, cleaned_files, uploads, code=code, secret=secret, due_date=due_date)
                break
            except IntegrityError:
                if attempt == 4 or not Complaint.objects.filter(tracking_code=code).exists():
                    raise
    return Submitted(complaint=complaint, secret=secret)


@transaction.atomic
def _file(clean: dict, identity: dict, cleaned_files, uploads, *, code: str, secret: str, due_date) -> Complaint:
    complaint = Complaint(
        **clean,
        public_title=pii.redact(clean["title"]),
        public_description=pii.redact(clean["description"]),
        tracking_code=code,
        secret_hash=hash_secret(secret),
        handling=clean["category"].handling,
        status=Status.RECEIVED,
        due_date=due_date,
    )
    complaint.save(force_insert=True)
    if identity and complaint.privacy != Privacy.ANONIM:
        ReporterIdentity.objects.create(complaint=complaint, **identity)
    # The "submitted" timeline entry is derived from ``created_at`` (selectors), not stored.
    _save_attachments(complaint, [*cleaned_files, *take_uploads(uploads)])
    desk_new_notice_queue(complaint)
    if identity.get("email"):
        notify(
            recipients=[identity["email"]],
            subject=_("Pengaduan Anda diterima: %(code)s") % {"code": complaint.tracking_code},
            body=_("Pengaduan Anda tercatat dengan kode %(code)s. Simpan kode rahasia yang ditampilkan.")
            % {"code": complaint.tracking_code},
            dedupe_key=f"complaint:{complaint.pk}:received",
        )
    return complaint


def _reporter_can_write(complaint: Complaint) -> None:
    if complaint.status == Status.REJECTED or complaint.merged_into_id:
        raise ValidationError({"status": [_("Pengaduan ini tidak dapat diubah lagi.")]})


def complaint_add_information(*, complaint: Complaint, body: str, files=(), uploads=(), door: str) -> ComplaintEvent:
    """The reporter adds information or replies (not after closing: reopen instead); ``uploads``
    are tokens from ``complaint_upload_create``."""
    _reporter_can_write(complaint)
    if complaint.status == Status.CLOSED:
        raise ValidationError({"status": [_("Pengaduan sudah selesai; buka kembali bila belum puas.")]})
    body = inputs.clean(MessageInput, {"body": body})["body"]
    _check_count(files, uploads)
    cleaned = clean_uploads(files)
    with acting_as("reporter", door=door), transaction.atomic():
        event = ComplaintEvent.objects.create(complaint=complaint, kind=EventKind.REPORTER_INFO, body=body)
        _save_attachments(complaint, [*cleaned, *take_uploads(uploads)], event)
        complaint.save(update_fields=["updated_at"])
        if complaint.opd_id:
            notify_opd(complaint, key=f"info:{event.pk}", subject=_("Informasi tambahan dari pelapor"))
    return event


def complaint_confirm(*, complaint: Complaint, door: str) -> Complaint:
    """The reporter is satisfied with the answer: the complaint is closed."""
    if complaint.status != Status.ANSWERED:
        raise ValidationError({"status": [_("Hanya pengaduan yang sudah dijawab dapat dikonfirmasi.")]})
    with acting_as("reporter", door=door, reason="dikonfirmasi pelapor"), transaction.atomic():
        complaint.status = Status.CLOSED
        complaint.closed_at = timezone.now()
        complaint.due_date = None
        complaint.save()
        ComplaintEvent.objects.create(
            complaint=complaint,
            kind=EventKind.STATUS,
            public=True,
            status=Status.CLOSED,
            body=str(_("Dikonfirmasi selesai oleh pelapor.")),
        )
    return complaint


def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "", door: str) -> Complaint:
    if complaint.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError({"rating": [_("Penilaian hanya setelah pengaduan dijawab.")]})
    clean = inputs.clean(RatingInput, {"rating": rating, "comment": comment})
    rating, comment = clean["rating"], clean["comment"]
    with acting_as("reporter", door=door), transaction.atomic():
        complaint.rating, complaint.rating_comment = rating, comment
        complaint.save(update_fields=["rating", "rating_comment", "updated_at"])
        ComplaintEvent.objects.create(complaint=complaint, kind=EventKind.RATING, body=f"{rating}/5 {comment}".strip())
    return complaint


def complaint_reopen(*, complaint: Complaint, reason: str, door: str) -> Complaint:
    """Reopen an answered or closed complaint within ``reopen_days()`` of its answer."""
    _reporter_can_write(complaint)
    if complaint.status not in (Status.ANSWERED, Status.CLOSED) or complaint.answered_at is None:
        raise ValidationError({"status": [_("Hanya pengaduan yang sudah dijawab dapat dibuka kembali.")]})
    if timezone.now() - complaint.answered_at > dt.timedelta(days=reopen_days()):
        raise ValidationError({"status": [_("Batas waktu membuka kembali sudah lewat.")]})
    reason = inputs.clean(ReopenInput, {"reason": reason})["reason"]
    with acting_as("reporter", door=door, reason=reason), transaction.atomic():
        complaint.status = Status.IN_PROGRESS
        complaint.reopen_count += 1
        complaint.closed_at = None
        complaint.escalation_level, complaint.escalated_at = 0, None
        complaint.due_date = stage_due_date(stage=complaint.handling, start=local_today())
        complaint.save()
        ComplaintEvent.objects.create(
            complaint=complaint, kind=EventKind.REOPENED, status=Status.IN_PROGRESS, body=reason
        )
        notify_opd(complaint, key=f"reopen:{complaint.reopen_count}", subject=_("Pengaduan dibuka kembali"))
    return complaint


def complaint_support(*, complaint: Complaint, client: str) -> int:
    """ "Me too" on a public complaint; one per client per 30 days (hashed cache key, no address stored)."""
    if complaint.privacy != Privacy.PUBLIC or complaint.status not in PUBLIC_STATUSES:
        raise ValidationError({"complaint": [_("Dukungan hanya untuk pengaduan publik.")]})
    if ratelimit.once(scope=f"support:{complaint.pk}", client=client, window=30 * 86400):
        with transaction.atomic():
            locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
            locked.support_count += 1
            locked.save(update_fields=["support_count", "updated_at"])
    complaint.refresh_from_db(fields=["support_count"])
    return complaint.support_count


def complaint_rotate_secret(*, complaint: Complaint) -> str:
    """Issue a new secret (the old one stops working); used when a lost response is replayed."""
    secret = new_secret()
    complaint.secret_hash = hash_secret(secret)
    complaint.save(update_fields=["secret_hash", "updated_at"])
    return secret


def complaint_secret_for_replay(*, tracking_code: str | None) -> str | None:
    """The secret to hand back when a submission is replayed (Idempotency-Key): the stored
    response never holds the secret, so the complaint filed by the first request gets a new
    one. ``None`` when no such complaint exists (it was merged away or purged)."""
    complaint = Complaint.objects.filter(tracking_code=tracking_code or "").first()
    return complaint_rotate_secret(complaint=complaint) if complaint else None
