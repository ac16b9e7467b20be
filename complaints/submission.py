"""The reporter's side: submit, add information, confirm, rate, reopen, "me too".

A reporter has no account: the doors find the complaint with ``selectors.complaint_track``
(code + secret) and pass it here. For an anonymous complaint no identity is ever written:
not here, not in history (no ``ReporterIdentity`` row exists), not in task arguments.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actors import acting_as
from forms_builder.models import FormVersion
from forms_builder.validation import validate_answers
from notifications.services import notify

from . import pii, ratelimit
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
from .routing import notify_desk_new
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


def _text(errors: dict, field: str, value, *, required: bool, max_len: int) -> str:
    if value is not None and not isinstance(value, str):  # e.g. JSON numbers, lists or objects
        errors[field] = [_("Harus berupa teks.")]
        return ""
    value = (value or "").strip()
    if required and not value:
        errors[field] = [_("Wajib diisi.")]
    elif len(value) > max_len:
        errors[field] = [_("Paling banyak %(n)s karakter.") % {"n": max_len}]
    return value


def _coordinate(errors: dict, field: str, value, bound: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Koordinat tidak valid.")]
        return None
    if not -bound <= number <= bound:
        errors[field] = [_("Koordinat di luar jangkauan.")]
        return None
    return number


def _validate(data: dict) -> dict:
    errors: dict = {}
    clean = {
        "title": _text(errors, "title", data.get("title"), required=True, max_len=MAX_TITLE),
        "description": _text(errors, "description", data.get("description"), required=True, max_len=MAX_DESCRIPTION),
        "location_text": _text(errors, "location_text", data.get("location_text"), required=False, max_len=255),
    }
    kind = data.get("kind") or ComplaintKind.PENGADUAN
    if kind not in ComplaintKind.values:
        errors["kind"] = [_("Jenis tidak dikenal.")]
    privacy = data.get("privacy") or Privacy.PUBLIC
    if privacy not in Privacy.values:
        errors["privacy"] = [_("Pilihan kerahasiaan tidak dikenal.")]
    category = data.get("category")
    if not isinstance(category, Category):
        category = active_category(slug=category) if category else None
    if category is None or not category.is_active:
        errors["category"] = [_("Pilih kategori yang tersedia.")]
    kecamatan, kelurahan = data.get("kecamatan"), data.get("kelurahan")
    if kecamatan is not None and kecamatan.kind != "kecamatan":
        errors["kecamatan"] = [_("Pilih kecamatan.")]
    if kelurahan is not None and kelurahan.kind != "kelurahan":
        errors["kelurahan"] = [_("Pilih kelurahan.")]
    elif kelurahan is not None and kecamatan is not None and kelurahan.parent_id != kecamatan.pk:
        errors["kelurahan"] = [_("Kelurahan tidak berada di kecamatan yang dipilih.")]
    if kelurahan is not None and kecamatan is None:
        kecamatan = kelurahan.parent
    lat = _coordinate(errors, "lat", data.get("lat"), 90)
    long = _coordinate(errors, "long", data.get("long"), 180)
    if (lat is None) != (long is None) and "lat" not in errors and "long" not in errors:
        errors["lat" if lat is None else "long"] = [_("Isi lintang dan bujur bersama-sama.")]
    incident = data.get("incident_date")
    if isinstance(incident, dt.datetime):
        incident = incident.date()
    if incident and incident > local_today():
        errors["incident_date"] = [_("Tanggal kejadian tidak boleh di masa depan.")]
    identity = {}
    if privacy != Privacy.ANONIM:
        identity = {
            "name": _text(errors, "reporter_name", data.get("reporter_name"), required=False, max_len=150),
            "email": _text(errors, "reporter_email", data.get("reporter_email"), required=False, max_len=254),
            "phone": _text(errors, "reporter_phone", data.get("reporter_phone"), required=False, max_len=30),
        }
        if identity["email"] and "@" not in identity["email"]:
            errors["reporter_email"] = [_("Alamat email tidak valid.")]
    extra_version, extra_answers = None, {}
    if category is not None and category.is_active:
        extra_version, extra_answers = _extra_answers(errors, category, data.get("extra"))
    if errors:
        raise ValidationError(errors)
    return {
        **clean,
        "extra_form_version": extra_version,
        "extra_answers": extra_answers,
        "kind": kind,
        "privacy": privacy,
        "category": category,
        "kecamatan": kecamatan,
        "kelurahan": kelurahan,
        "lat": lat,
        "long": long,
        "incident_date": incident or None,
        "identity": {k: v for k, v in identity.items() if v},
    }


def category_extra_version(*, category: Category) -> FormVersion | None:
    """The latest published version of the category's extra-field form (none: no extra fields)."""
    if not category.extra_form_id:
        return None
    return FormVersion.objects.filter(form_id=category.extra_form_id).order_by("-number").first()


def _extra_answers(errors: dict, category: Category, answers) -> tuple[FormVersion | None, dict]:
    """Validate the extra answers with the form engine; errors are keyed ``extra.<path>``."""
    version = category_extra_version(category=category)
    if version is None:
        return None, {}
    result = validate_answers(schema=version.schema, answers={} if answers is None else answers)
    for path, messages in result.errors.items():
        errors[f"extra.{path}"] = list(messages)
    return version, result.cleaned


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
    clean = _validate(data)
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
    notify_desk_new(complaint)
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
    errors: dict = {}
    body = _text(errors, "body", body, required=True, max_len=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
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
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Nilai antara 1 dan 5.")]})
    errors: dict = {}
    comment = _text(errors, "comment", comment, required=False, max_len=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
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
    errors: dict = {}
    reason = _text(errors, "reason", reason, required=True, max_len=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
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
