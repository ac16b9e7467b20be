import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from PIL import Image

from complaints.errors import RateLimitedError
from complaints.models import Attachment, Complaint, Privacy, ReporterIdentity, Status
from complaints.selectors import complaint_track
from complaints.services import complaint_add_information, complaint_support
from tests.complaints.uploads import upload
from tests.factories import gps_jpeg, submit_complaint
from tests.safefiles.pdfs import plain_pdf

pytestmark = pytest.mark.django_db

IDENTITY = {"reporter_name": "Budi Pelapor", "reporter_email": "budi@example.com", "reporter_phone": "081234567890"}


def _all_text_in_db() -> str:
    """Every text value of every table (to prove something is stored nowhere)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_submit_returns_code_and_secret_and_stores_only_hash(world):
    result = submit_complaint(category=world.category, **IDENTITY)
    c = result.complaint
    assert c.tracking_code.startswith("ADU-")
    assert len(c.tracking_code) == 13
    assert len(result.secret) == 19
    assert result.secret not in _all_text_in_db()
    assert complaint_track(code=c.tracking_code, secret=result.secret) == c
    assert complaint_track(code=c.tracking_code.lower().replace("-", ""), secret=result.secret.lower()) == c
    assert complaint_track(code=c.tracking_code, secret="AAAA-BBBB-CCCC-DDDD") is None
    assert c.status == Status.RECEIVED
    assert c.reporter.name == "Budi Pelapor"


def test_anonymous_stores_no_identity_anywhere(world):
    result = submit_complaint(category=world.category, privacy=Privacy.ANONIM, **IDENTITY)
    assert not ReporterIdentity.objects.filter(complaint=result.complaint).exists()
    dump = _all_text_in_db()
    for value in IDENTITY.values():
        assert value not in dump
    assert result.complaint.history.first().history_actor == "reporter"


def test_validation_errors_are_per_field_in_indonesian(world):
    with pytest.raises(ValidationError) as exc:
        submit_complaint(
            category=world.category,
            title="",
            lat="4.1",
            incident_date=dt.date.today() + dt.timedelta(days=3),
            kelurahan=world.kel,
            kecamatan=world.dinas,
            reporter_email="bukan-email",
        )
    errors = exc.value.message_dict
    assert errors["title"] == ["Wajib diisi."]
    assert "long" in errors
    assert "incident_date" in errors
    assert "kecamatan" in errors
    assert "reporter_email" in errors
    with pytest.raises(ValidationError) as exc:
        submit_complaint(category=world.category, lat="91", long="10")
    assert "lat" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        submit_complaint(category=world.category, description="x" * 10_001)
    assert "description" in exc.value.message_dict


def test_kelurahan_must_be_in_kecamatan_and_fills_it(world):
    c = submit_complaint(category=world.category, kelurahan=world.kel).complaint
    assert c.kecamatan == world.kec
    other_kec = type(world.kec).objects.create(name="Kecamatan Sebatik", kind="kecamatan")
    with pytest.raises(ValidationError) as exc:
        submit_complaint(category=world.category, kelurahan=world.kel, kecamatan=other_kec)
    assert "kelurahan" in exc.value.message_dict


def test_honeypot_rejects_without_storing(world):
    with pytest.raises(ValidationError):
        submit_complaint(category=world.category, website="http://spam.example")
    assert not Complaint.objects.exists()


def test_rate_limit_per_client_with_hashed_keys(world, settings):
    settings.COMPLAINT_SUBMIT_RATE = (2, 3600)
    submit_complaint(category=world.category, client="10.1.2.3")
    submit_complaint(category=world.category, client="10.1.2.3")
    with pytest.raises(RateLimitedError):
        submit_complaint(category=world.category, client="10.1.2.3")
    submit_complaint(category=world.category, client="10.9.9.9")  # another client is fine
    keys = list(cache._cache.keys())
    assert keys
    assert not any("10.1.2.3" in k for k in keys)
    assert "10.1.2.3" not in _all_text_in_db()


def test_jpeg_gps_exif_is_removed(world):
    raw = gps_jpeg()
    assert b"KameraRahasia" in raw
    c = submit_complaint(category=world.category, files=[upload("foto.jpg", raw)]).complaint
    att = Attachment.objects.get(complaint=c)
    with att.file.open("rb") as fh:
        stored = fh.read()
    assert b"KameraRahasia" not in stored
    assert b"Exif" not in stored
    img = Image.open(att.file.path)
    assert not img.getexif()
    assert img.size == (64, 48)
    assert att.content_type == "image/jpeg"
    assert "foto" not in att.file.name


def test_pdf_accepted_and_fake_image_rejected(world, settings):
    pdf = plain_pdf()  # a real PDF: a broken one is refused by the sanitiser (tests/safefiles)
    c = submit_complaint(category=world.category, files=[upload("surat.pdf", pdf)]).complaint
    assert c.attachments.get().content_type == "application/pdf"
    with pytest.raises(ValidationError) as exc:
        submit_complaint(category=world.category, files=[upload("foto.jpg", b"MZ\x90\x00 not an image")])
    assert "attachments" in exc.value.message_dict
    settings.COMPLAINT_MAX_FILE_SIZE = 100
    with pytest.raises(ValidationError):
        submit_complaint(category=world.category, files=[upload("foto.jpg", gps_jpeg((200, 200)))])
    settings.COMPLAINT_MAX_FILES = 1
    settings.COMPLAINT_MAX_FILE_SIZE = 5_000_000
    with pytest.raises(ValidationError):
        submit_complaint(category=world.category, files=[upload("a.pdf", pdf), upload("b.pdf", pdf)])


def test_reporter_adds_information_with_photo(world):
    result = submit_complaint(category=world.category)
    event = complaint_add_information(
        complaint=result.complaint, body="Tambahan: lokasinya di RT 3", files=[upload("x.png", _png())], door="web"
    )
    assert event.body.startswith("Tambahan")
    assert result.complaint.attachments.get().content_type == "image/png"


def _png() -> bytes:
    import io

    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_support_only_public_and_once_per_client(world):
    from complaints.services import complaint_verify

    public = submit_complaint(category=world.category).complaint
    complaint_verify(complaint=public, actor=world.desk, door="admin")
    assert complaint_support(complaint=public, client="1.1.1.1") == 1
    assert complaint_support(complaint=public, client="1.1.1.1") == 1
    assert complaint_support(complaint=public, client="2.2.2.2") == 2
    secret = submit_complaint(category=world.category, privacy=Privacy.RAHASIA).complaint
    complaint_verify(complaint=secret, actor=world.desk, door="admin")
    with pytest.raises(ValidationError):
        complaint_support(complaint=secret, client="1.1.1.1")


def test_tracking_code_collision_retries(world, monkeypatch):
    first = submit_complaint(category=world.category).complaint
    codes = iter([first.tracking_code, "ADU-2222-3333"])
    monkeypatch.setattr("complaints.submission.new_tracking_code", lambda: next(codes))
    with time_machine.travel(dt.datetime(2026, 5, 12, 10, tzinfo=dt.UTC)):
        second = submit_complaint(category=world.category).complaint
    assert second.tracking_code == "ADU-2222-3333"


def test_tracking_code_collision_retries_the_whole_filing(world, monkeypatch):
    """A colliding code (stdlib ``secrets.choice`` made to repeat one) aborts that attempt only."""
    import secrets

    first = submit_complaint(category=world.category, reporter_name="Pertama")
    taken = first.complaint.tracking_code.replace("ADU-", "").replace("-", "")
    real_choice = secrets.choice
    script = list("2" * 16) + list(taken)  # the new secret, then the taken code once

    def choice(seq):
        return script.pop(0) if script else real_choice(seq)

    monkeypatch.setattr(secrets, "choice", choice)
    second = submit_complaint(category=world.category, reporter_name="Kedua", title="Lain")
    monkeypatch.setattr(secrets, "choice", real_choice)
    assert second.complaint.tracking_code != first.complaint.tracking_code
    assert Complaint.objects.count() == 2
    assert ReporterIdentity.objects.get(complaint=second.complaint).name == "Kedua"  # encrypted: no lookup
    assert complaint_track(code=second.complaint.tracking_code, secret=second.secret) is not None
