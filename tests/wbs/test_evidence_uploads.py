"""WBS evidence through GraphQL: ``POST /api/v1/wbs/uploads/`` checks, cleans and encrypts a file
like evidence sent with a report and answers a single-use, short-lived token that
``wbsSubmitReport(input: {evidence})`` and ``wbsReporterReply(evidence:)`` take once."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from PIL import Image

from audit.models import SensitiveRead
from tests.complaints.uploads import upload
from tests.factories import gps_jpeg
from tests.safefiles.pdfs import assert_clean, loaded_pdf
from wbs.crypto import decrypt_evidence
from wbs.models import WbsEvidence, WbsPendingEvidence, WbsReport
from wbs.uploads import evidence_uploads_prune

from .doors import client_for, gql, gql_input

pytestmark = pytest.mark.django_db

SUBMIT = """mutation($input: WbsReportInput!){ wbsSubmitReport(input: $input){ number receiptCode replayed } }"""
REPLY = """mutation($code: String!, $body: String!, $evidence: [String!]){
  wbsReporterReply(receiptCode: $code, body: $body, evidence: $evidence){ followUp{ messages{ body } } } }"""
TOKEN_ERROR = "Token bukti tidak dikenal, sudah dipakai, atau kedaluwarsa. Unggah berkasnya lagi."


def _upload(client, name, content, content_type):
    return client.post("/api/v1/wbs/uploads/", {"file": upload(name, content, content_type)})


def _token(client, name="C:/Users/siti/bukti rahasia.pdf", content=None, content_type="application/pdf") -> str:
    response = _upload(client, name, loaded_pdf() if content is None else content, content_type)
    assert response.status_code == 201, response.content
    return response.json()["token"]


def test_upload_is_cleaned_encrypted_and_answers_a_token(opds, category):
    client = client_for()
    response = _upload(client, "/home/siti/foto-gps.jpg", gps_jpeg(), "image/jpeg")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"token", "content_type", "size", "expires_at"}
    assert body["content_type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store"
    row = WbsPendingEvidence.objects.get()
    assert body["token"] not in row.token_hash  # only the token's hash is stored
    plain = decrypt_evidence(bytes(row.ciphertext))
    assert plain[:2] == b"\xff\xd8"
    assert b"foto-gps" not in bytes(row.ciphertext)
    import io

    with Image.open(io.BytesIO(plain)) as img:
        assert not img.getexif().get_ifd(0x8825)  # GPS gone
    expires = dt.datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert dt.timedelta(minutes=29) < expires - row.created_at <= dt.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"file": upload("skrip.pdf", b"#!/bin/sh\necho halo\n", "application/pdf")},
            "Hanya gambar (JPEG, PNG, WebP) atau PDF yang diterima.",
        ),
        ({}, "Kirim satu berkas pada isian 'file'."),
    ],
)
def test_a_wrong_file_is_a_clear_problem(opds, category, files, message):
    response = client_for().post("/api/v1/wbs/uploads/", files)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["errors"]["file"] == [message]
    assert not WbsPendingEvidence.objects.exists()


def test_graphql_report_and_reply_take_tokens_once_and_the_inspectorate_reads_them(opds, category, inspector_a, users):
    client = client_for()
    pdf, photo = _token(client), _token(client, "foto.jpg", gps_jpeg(), "image/jpeg")
    data = gql(client, SUBMIT, {"input": {**gql_input(opds["dinkes"], category), "evidence": [pdf]}})
    assert "errors" not in data, data
    code = data["data"]["wbsSubmitReport"]["receiptCode"]
    reply = gql(client, REPLY, {"code": code, "body": "Foto tambahan.", "evidence": [photo]})
    assert "errors" not in reply, reply
    report = WbsReport.objects.get()
    stored = list(WbsEvidence.objects.filter(report=report).order_by("pk"))
    kinds = [(e.content_type, e.message_id is None) for e in stored]
    assert kinds == [("application/pdf", True), ("image/jpeg", False)]
    assert_clean(decrypt_evidence(bytes(stored[0].ciphertext)))
    assert not WbsPendingEvidence.objects.exists()  # taken, gone

    # a token is used once
    again = gql(client, SUBMIT, {"input": {**gql_input(opds["dinkes"], category), "evidence": [pdf]}})
    assert again["errors"][0]["extensions"]["code"] == "validation"
    assert again["errors"][0]["extensions"]["errors"]["evidence"] == [TOKEN_ERROR]
    assert WbsReport.objects.count() == 1

    # only the Inspektorat reads the files, each read logged
    url = f"/api/v1/wbs/cases/{report.pk}/evidence/{stored[0].pk}/"
    before = SensitiveRead.objects.filter(action="wbs.evidence_read").count()
    download = client_for(inspector_a).get(url)
    assert download.status_code == 200
    assert_clean(b"".join(download.streaming_content))
    assert SensitiveRead.objects.filter(action="wbs.evidence_read").count() == before + 1
    for role in ("anonymous", "opd_head", "auditor", "complaint_desk", "superuser"):
        assert client_for(users[role]).get(url).status_code in (401, 403, 404), role


def test_expired_or_unknown_tokens_are_refused_and_nothing_is_filed(opds, category):
    client = client_for()
    token = _token(client)
    WbsPendingEvidence.objects.update(created_at=timezone.now() - dt.timedelta(minutes=31))  # audit: bulk-ok
    for tokens in ([token], ["bukan-token"], [_token(client), _token(client)][:1] * 2):
        data = gql(client, SUBMIT, {"input": {**gql_input(opds["dinkes"], category), "evidence": tokens}})
        assert data["errors"][0]["extensions"]["errors"]["evidence"] == [TOKEN_ERROR], tokens
    assert not WbsReport.objects.exists()
    # a refused submission takes nothing; the expired file was pruned by the next uploads
    assert WbsPendingEvidence.objects.count() == 2
    WbsPendingEvidence.objects.filter(pk=WbsPendingEvidence.objects.first().pk).update(  # audit: bulk-ok
        created_at=timezone.now() - dt.timedelta(minutes=31)
    )
    assert evidence_uploads_prune() == 1  # the daily job's prune
    assert WbsPendingEvidence.objects.count() == 1


def test_idempotent_replay_gives_the_same_receipt_like_rest(opds, category):
    client = client_for()
    token = _token(client)
    variables = {"input": {**gql_input(opds["dinkes"], category), "evidence": [token]}}
    key = str(uuid.uuid4())
    first = gql(client, SUBMIT, variables, HTTP_IDEMPOTENCY_KEY=key)["data"]["wbsSubmitReport"]
    replay = gql(client, SUBMIT, variables, HTTP_IDEMPOTENCY_KEY=key)["data"]["wbsSubmitReport"]
    assert (replay["receiptCode"], replay["replayed"], first["replayed"]) == (first["receiptCode"], True, False)
    assert (WbsReport.objects.count(), WbsEvidence.objects.count()) == (1, 1)
    # the same key with other evidence is another request: refused, like REST with other files
    other = {"input": {**variables["input"], "evidence": [_token(client)]}}
    refused = gql(client, SUBMIT, other, HTTP_IDEMPOTENCY_KEY=key)
    assert refused["errors"][0]["extensions"]["code"] == "idempotency_key_reused"
    assert WbsReport.objects.count() == 1


def test_at_most_five_files_in_all(opds, category):
    client = client_for()
    tokens = [_token(client, f"b{i}.pdf") for i in range(6)]
    data = gql(client, SUBMIT, {"input": {**gql_input(opds["dinkes"], category), "evidence": tokens}})
    assert data["errors"][0]["extensions"]["errors"]["evidence"] == ["Paling banyak 5 berkas bukti."]
    assert WbsPendingEvidence.objects.count() == 6
