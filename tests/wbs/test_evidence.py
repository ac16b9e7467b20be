"""WBS evidence (issue 17): sanitised like complaint attachments, encrypted at rest, read only by
the Inspektorat (superusers included in the ban), every read logged; nothing about the sender kept."""

import io
import re

import pytest
from PIL import Image

from audit.models import SensitiveRead
from tests.complaints.uploads import upload
from tests.factories import gps_jpeg
from tests.safefiles.pdfs import SECRET_MARKS, assert_clean, encrypted_pdf, loaded_pdf
from wbs.crypto import decrypt_evidence
from wbs.models import WbsEvidence

from .doors import client_for, page_form

pytestmark = pytest.mark.django_db


def _code(html: str) -> str:
    return re.search(r'id="receipt-code">([^<]+)<', html).group(1)


def _file_report(wbs_pages, opds, category):
    data = page_form(opds["dinkes"], category)
    data["evidence"] = [
        upload("C:/Users/siti/Documents/bukti rahasia.pdf", loaded_pdf(), "application/pdf"),
        upload("/home/siti/foto-gps.jpg", gps_jpeg(), "image/jpeg"),
    ]
    response = client_for().post(wbs_pages["form"].url, data)
    assert response.status_code == 200, response.content.decode()[:3000]
    return _code(response.content.decode())


def test_public_form_and_follow_up_store_sanitised_encrypted_evidence(wbs_pages, opds, category):
    code = _file_report(wbs_pages, opds, category)
    follow = client_for().post(
        wbs_pages["follow"].url,
        {"receipt_code": code, "body": "Foto tambahan.", "evidence": [upload("lagi.jpg", gps_jpeg(), "image/jpeg")]},
    )
    assert follow.status_code == 200, follow.content.decode()[:2000]
    pdf, photo, extra = WbsEvidence.objects.order_by("pk")
    assert extra.message is not None
    assert (pdf.content_type, photo.content_type) == ("application/pdf", "image/jpeg")
    for row in (pdf, photo, extra):
        raw = bytes(row.ciphertext)
        assert not raw.startswith(b"%PDF")
        assert b"\xff\xd8" not in raw[:4]
        for mark in (*SECRET_MARKS, "siti", "bukti rahasia", "foto-gps"):
            assert mark.encode() not in raw
    assert_clean(decrypt_evidence(bytes(pdf.ciphertext)))
    with Image.open(io.BytesIO(decrypt_evidence(bytes(photo.ciphertext)))) as img:
        assert not img.getexif()
        assert "exif" not in img.info


def test_encrypted_pdf_evidence_is_refused_with_a_clear_message(wbs_pages, opds, category):
    data = page_form(opds["dinkes"], category)
    data["evidence"] = [upload("kunci.pdf", encrypted_pdf("x"), "application/pdf")]
    response = client_for().post(wbs_pages["form"].url, data)
    assert response.status_code == 400
    assert "PDF terkunci kata sandi tidak diterima" in response.content.decode()
    assert not WbsEvidence.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("inspectorate", 200), ("superuser", 403), ("auditor", 403), ("complaint_desk", 403), ("anonymous", 302)],
)
def test_only_the_inspectorate_reads_evidence_and_each_read_is_logged(wbs_pages, opds, category, users, role, expected):
    _file_report(wbs_pages, opds, category)
    evidence = WbsEvidence.objects.order_by("pk").first()
    client = client_for(users[role])
    response = client.get(f"/admin/wbs/evidence/{evidence.pk}/")
    assert response.status_code == expected
    reads = SensitiveRead.objects.filter(action="wbs.evidence_read")
    if expected == 200:
        data = b"".join(response.streaming_content)
        assert_clean(data)
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert reads.filter(user=users[role]).count() == 1
        detail = client.get(f"/admin/wbs/{evidence.report_id}/").content.decode()
        assert f"/admin/wbs/evidence/{evidence.pk}/" in detail
    else:
        assert not reads.exists()


def test_rest_door_takes_evidence_and_the_inspectorate_downloads_it_logged(opds, category, inspector_a, users):
    """An app files a report with evidence (multipart) and adds more in a reply; the case detail lists
    the files (metadata only) and each download is decrypted, sanitised and logged."""
    from .doors import submit_payload

    data = {
        **submit_payload(opds["dinkes"], category),
        "evidence": [upload("C:/bukti rahasia.pdf", loaded_pdf(), "application/pdf")],
    }
    filed = client_for().post("/api/v1/wbs/reports/", data)
    assert filed.status_code == 201, filed.content
    code = filed.json()["receipt_code"]
    reply = client_for().post(
        "/api/v1/wbs/follow-up/reply/",
        {"receipt_code": code, "body": "Foto tambahan.", "evidence": [upload("foto.jpg", gps_jpeg(), "image/jpeg")]},
    )
    assert reply.status_code == 201, reply.content

    report_pk = WbsEvidence.objects.get(content_type="application/pdf").report_id
    inspector = client_for(inspector_a)
    detail = inspector.get(f"/api/v1/wbs/cases/{report_pk}/").json()
    listed = detail["evidence"]
    assert [e["content_type"] for e in listed] == ["application/pdf", "image/jpeg"]
    assert listed[0]["message"] is None
    assert listed[1]["message"] is not None

    before = SensitiveRead.objects.filter(action="wbs.evidence_read").count()
    download = inspector.get(listed[0]["url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert_clean(b"".join(download.streaming_content))
    assert SensitiveRead.objects.filter(action="wbs.evidence_read", door="rest").count() == before + 1
    # a case that is not a number, or another case's number, in the URL does not open the file
    assert inspector.get(f"/api/v1/wbs/cases/x/evidence/{listed[0]['id']}/").status_code == 404
    assert inspector.get(f"/api/v1/wbs/cases/{report_pk + 999}/evidence/{listed[0]['id']}/").status_code == 404
    # the superuser is not exempt from WBS secrecy
    assert client_for(users["superuser"]).get(listed[0]["url"]).status_code in (403, 404)
