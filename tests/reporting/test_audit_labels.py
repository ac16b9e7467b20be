"""The auditor's diff of a report's answers reads the form's labels, not its keys (DESIGN.md)."""

import re

import pytest
from django.urls import reverse

from organizations.roles import GlobalRole
from reporting import workflow
from tests.factories import UserFactory
from tests.factories.reports import report_slot

pytestmark = pytest.mark.django_db


def test_auditor_reads_answer_labels_in_a_reports_history(client):
    slot = report_slot()
    sub = workflow.submission_save_draft(
        submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "Jalan", "jumlah_pegawai": "12"}
    )
    workflow.submission_save_draft(
        submission=sub, actor=slot.operator, answers={"nama_kegiatan": "Jembatan", "jumlah_pegawai": "14"}
    )
    client.force_login(UserFactory(roles=[GlobalRole.AUDITOR]))
    html = client.get(reverse("audit_record", args=["reporting.submission", sub.pk])).content.decode()
    rows = re.findall(r'<table class="audit-json-diff">(.*?)</table>', html, re.S)
    assert rows
    assert "Nama kegiatan" in rows[-1] or "Nama kegiatan" in " ".join(rows)
    assert "<code>nama_kegiatan</code>" not in html
    assert "<code>jumlah_pegawai</code>" not in html
