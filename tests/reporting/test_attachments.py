"""Attachments: checked by content and size with the field's rules, stored with a checksum."""

import hashlib
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.models import SubmissionAttachment, SubmissionStatus
from reporting.selectors import public_answers
from reporting.workflow import (
    submission_attach,
    submission_publish,
    submission_return,
    submission_save_draft,
    submission_submit,
    submission_verify,
)
from tests.factories import OPDFactory, editor_user, opd_user, pdf_upload, png_upload, report_slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def slot():
    return report_slot()


def test_pdf_is_stored_sanitised_with_checksum_and_becomes_the_answer(slot):
    upload = pdf_upload("Laporan Triwulan.pdf")
    att = submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=upload)
    with att.file.open("rb") as stored:
        body = stored.read()
    assert body.startswith(b"%PDF")
    assert (att.mime, att.size, att.name) == ("application/pdf", len(body), "Laporan Triwulan.pdf")
    assert att.sha256 == hashlib.sha256(body).hexdigest()
    assert att.uploaded_by == slot.operator
    sub = slot.submission
    assert sub.status == SubmissionStatus.DRAFT  # uploading first starts the report
    assert sub.answers["dokumen"] == {
        "name": "Laporan Triwulan.pdf",
        "size": len(body),
        "mime": "application/pdf",
        "attachment": str(att.uuid),
    }
    # the metadata round-trips through a draft save and survives the submit
    submission_save_draft(
        submission=sub, actor=slot.operator, answers={"nama_kegiatan": "A", "dokumen": sub.answers["dokumen"]}
    )
    submission_submit(submission=sub, actor=slot.operator)
    assert sub.answers["dokumen"]["attachment"] == str(att.uuid)


def test_type_is_read_from_content_not_name(slot):
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 this is really an exe", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=fake)
    assert "Jenis berkas tidak diizinkan" in exc.value.message_dict["dokumen"][0]
    png = png_upload("ternyata.pdf")  # allowed type, whatever its name says
    assert submission_attach(
        submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=png
    ).mime == ("image/png")


def test_too_big_is_refused(slot):
    big = pdf_upload(size=1024 * 1024 + 1)  # the field allows 1 MB
    with pytest.raises(ValidationError) as exc:
        submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=big)
    assert "terlalu besar" in exc.value.message_dict["dokumen"][0]
    assert not SubmissionAttachment.objects.exists()


def test_only_file_fields_take_uploads(slot):
    for path in ("jumlah_pegawai", "tidak_ada", "realisasi.0.pagu", ""):
        with pytest.raises(ValidationError):
            submission_attach(submission=slot.submission, actor=slot.operator, field_path=path, upload=pdf_upload())


def test_answers_cannot_point_at_foreign_or_invented_attachments(slot):
    other = report_slot()
    foreign = submission_attach(
        submission=other.submission, actor=other.operator, field_path="dokumen", upload=pdf_upload()
    )
    for value in (
        {"name": "x.pdf", "size": 10, "mime": "application/pdf"},
        {"name": "x.pdf", "size": 10, "mime": "application/pdf", "attachment": str(uuid.uuid4())},
        {"name": "x.pdf", "size": 10, "mime": "application/pdf", "attachment": str(foreign.uuid)},
    ):
        with pytest.raises(ValidationError) as exc:
            submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"dokumen": value})
        assert list(exc.value.message_dict) == ["dokumen"]
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"dokumen": None})


def test_other_opds_cannot_attach(slot):
    with pytest.raises(PermissionDenied):
        submission_attach(
            submission=slot.submission, actor=opd_user(OPDFactory()), field_path="dokumen", upload=pdf_upload()
        )


def test_attachments_while_returned_only_for_returned_fields(slot):
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "A"})
    submission_submit(submission=slot.submission, actor=slot.operator)
    submission_return(submission=slot.submission, actor=slot.verifier, field_comments={"nama_kegiatan": "Typo"})
    with pytest.raises(ValidationError):
        submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=pdf_upload())


def test_public_answers_never_carry_files_or_private_fields(slot):
    sub = slot.submission
    submission_attach(submission=sub, actor=slot.operator, field_path="dokumen", upload=pdf_upload())
    submission_save_draft(
        submission=sub,
        actor=slot.operator,
        answers={
            "nama_kegiatan": "Pelatihan",
            "jumlah_pegawai": 9,
            "catatan_internal": "jangan dipublikasikan",
            "realisasi": [{"kegiatan": "A", "pagu": 100, "realisasi": 50}],
        },
    )
    submission_submit(submission=sub, actor=slot.operator)
    submission_verify(submission=sub, actor=slot.verifier)
    submission_publish(submission=sub, actor=editor_user())
    public = public_answers(submission=sub)
    assert public == {
        "nama_kegiatan": "Pelatihan",
        "jumlah_pegawai": 9,
        "realisasi": [{"kegiatan": "A", "pagu": 100, "realisasi": 50, "serapan": 50}],
        "total_pagu": 100,
    }
    assert "jangan" not in str(public)
    assert "application/pdf" not in str(public)


def test_a_pdf_loses_its_scripts_metadata_and_embedded_files(slot):
    """Issue 12 item 9 for the report door: the stored file is the sanitised one (safefiles)."""
    from tests.safefiles.pdfs import SECRET_MARKS, loaded_pdf

    upload = SimpleUploadedFile("bukti.pdf", loaded_pdf(), content_type="application/pdf")
    att = submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=upload)
    with att.file.open("rb") as stored:
        body = stored.read()
    for mark in (*SECRET_MARKS, "JavaScript", "OpenAction"):
        assert mark.encode() not in body, mark


def test_a_broken_pdf_is_refused_on_its_field(slot):
    broken = SimpleUploadedFile("rusak.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with pytest.raises(ValidationError) as exc:
        submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=broken)
    assert "rusak" in exc.value.message_dict["dokumen"][0]
    assert not SubmissionAttachment.objects.exists()
