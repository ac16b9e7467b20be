"""A verifier returning a report can reopen any field, file fields included, without a comment."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting.models import SubmissionStatus
from reporting.workflow import submission_attach, submission_return, submission_save_draft, submission_submit
from tests.factories import pdf_upload, report_slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def submitted():
    slot = report_slot()
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "A"})
    submission_submit(submission=slot.submission, actor=slot.operator)
    return slot


def test_returned_with_evidence_asked_reopens_the_file_field(submitted):
    slot = submitted
    submission_return(
        submission=slot.submission,
        actor=slot.verifier,
        field_comments={"nama_kegiatan": "Lampirkan bukti kegiatan"},
        reopen_fields=["dokumen"],
    )
    assert slot.submission.returned_fields == {"nama_kegiatan": "Lampirkan bukti kegiatan", "dokumen": ""}
    att = submission_attach(submission=slot.submission, actor=slot.operator, field_path="dokumen", upload=pdf_upload())
    assert slot.submission.answers["dokumen"]["attachment"] == str(att.uuid)
    # a field neither commented nor reopened stays locked
    with pytest.raises(ValidationError) as exc:
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"jumlah_pegawai": 3})
    assert "jumlah_pegawai" in exc.value.error_dict


def test_reopen_fields_must_be_fillable_fields(submitted):
    slot = submitted
    for bad in (["tidak_ada"], ["total_pagu"], "dokumen"):
        with pytest.raises(ValidationError) as exc:
            submission_return(
                submission=slot.submission,
                actor=slot.verifier,
                field_comments={"nama_kegiatan": "x"},
                reopen_fields=bad,
            )
        assert "reopen_fields" in exc.value.error_dict
    assert slot.submission.status == SubmissionStatus.SUBMITTED


def test_verifier_reopens_a_file_field_through_the_admin(submitted, client):
    slot = submitted
    sub = slot.submission
    client.force_login(slot.verifier)
    page = client.get(reverse("reporting_submission_edit", args=[sub.pk])).content.decode()
    assert 'name="reopen" value="dokumen"' in page
    response = client.post(
        reverse("reporting_submission_action", args=[sub.pk, "return"]),
        {"comment-nama_kegiatan": "Lampirkan bukti", "reopen": ["dokumen"]},
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.RETURNED
    assert sub.returned_fields == {"nama_kegiatan": "Lampirkan bukti", "dokumen": ""}
    client.force_login(slot.operator)
    page = client.get(reverse("reporting_submission_edit", args=[sub.pk])).content.decode()
    assert 'name="file-dokumen"' in page
    assert 'class="report-field report-field--returned" id="field-dokumen"' in page
