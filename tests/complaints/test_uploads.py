"""Attachments for GraphQL (and JSON clients): upload first over REST, then reference the token."""

import datetime as dt

import pytest
import time_machine
from PIL import Image

from complaints.models import Attachment, Complaint, PendingUpload
from complaints.selectors import complaint_track
from complaints.services import complaint_uploads_prune
from tests.complaints.uploads import upload
from tests.factories import gps_jpeg, submit_complaint
from tests.safefiles.pdfs import plain_pdf

pytestmark = pytest.mark.django_db
UPLOAD = "/api/v1/complaints/uploads/"
SUBMIT = """mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { trackingCode secret status } }"""
INFO = """mutation($c: String!, $s: String!, $a: [String!]) {
  complaintReporterAction(code: $c, secret: $s, action: "information", body: "Foto tambahan", attachments: $a) {
    complaint { status } } }"""


def _upload(client, data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return client.post(UPLOAD, {"file": upload(name, data, content_type)})


def _gql(client, query, variables):
    return client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json").json()


def _input(**extra):
    return {"category": "jalan", "title": "Jalan rusak", "description": "Berlubang", **extra}


def test_graphql_submit_with_uploaded_photo_strips_gps_and_token_is_single_use(world, client):
    r = _upload(client, gps_jpeg((80, 60)))
    assert r.status_code == 201, r.content
    token = r.json()["token"]
    assert r.json()["content_type"] == "image/jpeg"
    pending = PendingUpload.objects.get()
    assert token not in pending.token_hash  # only the hash is stored
    assert b"KameraRahasia" not in pending.file.read()

    out = _gql(client, SUBMIT, {"input": _input(attachments=[token])})
    assert "errors" not in out, out
    c = Complaint.objects.get(tracking_code=out["data"]["submitComplaint"]["trackingCode"])
    att = c.attachments.get()
    assert att.content_type == "image/jpeg"
    data = att.file.read()
    assert b"KameraRahasia" not in data
    att.file.seek(0)
    assert not Image.open(att.file).getexif()
    assert not PendingUpload.objects.exists()

    again = _gql(client, SUBMIT, {"input": _input(title="Lagi", attachments=[token])})
    assert "attachments" in again["errors"][0]["extensions"]["errors"]
    assert Complaint.objects.count() == 1


def test_upload_checks_content_not_extension_and_size(world, client, settings):
    fake = _upload(client, b"#!/bin/sh\necho bukan gambar\n", name="foto.jpg")
    assert fake.status_code == 400
    assert "file" in fake.json()["errors"]
    settings.COMPLAINT_MAX_FILE_SIZE = 100
    big = _upload(client, gps_jpeg((200, 200)))
    assert big.status_code == 400
    assert "file" in big.json()["errors"]
    assert not PendingUpload.objects.exists()
    assert client.post(UPLOAD, {}).status_code == 400


def test_pdf_upload_and_rest_json_submit_with_token(world, client, api_client):
    pdf = plain_pdf()  # a real PDF: broken ones are refused by the sanitiser
    token = _upload(client, pdf, name="surat.pdf", content_type="application/pdf").json()["token"]
    payload = {"category": "jalan", "title": "Surat", "description": "Lampiran surat", "uploads": [token]}
    r = api_client.post("/api/v1/complaints/", payload, format="json")
    assert r.status_code == 201, r.content
    assert Attachment.objects.get().content_type == "application/pdf"


def test_unknown_and_too_many_tokens_are_refused(world, client, settings):
    out = _gql(client, SUBMIT, {"input": _input(attachments=["tidak-ada"])})
    assert "attachments" in out["errors"][0]["extensions"]["errors"]
    settings.COMPLAINT_MAX_FILES = 1
    tokens = [_upload(client, gps_jpeg()).json()["token"] for _ in range(2)]
    out = _gql(client, SUBMIT, {"input": _input(attachments=tokens)})
    assert "attachments" in out["errors"][0]["extensions"]["errors"]
    assert not Complaint.objects.exists()
    assert PendingUpload.objects.count() == 2  # nothing taken on failure


def test_expired_uploads_are_refused_and_pruned(world, client):
    start = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        token = _upload(client, gps_jpeg()).json()["token"]
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        out = _gql(client, SUBMIT, {"input": _input(attachments=[token])})
        assert "attachments" in out["errors"][0]["extensions"]["errors"]
        assert complaint_uploads_prune() == 1
    assert not PendingUpload.objects.exists()


def test_reporter_adds_information_with_uploaded_file_over_graphql(world, client):
    r = submit_complaint(category=world.category, reporter_name="Rudi")
    token = _upload(client, gps_jpeg()).json()["token"]
    out = _gql(client, INFO, {"c": r.complaint.tracking_code, "s": r.secret, "a": [token]})
    assert "errors" not in out, out
    att = Attachment.objects.get(complaint=r.complaint)
    assert att.event is not None
    assert b"KameraRahasia" not in att.file.read()
    assert complaint_track(code=r.complaint.tracking_code, secret=r.secret) is not None
