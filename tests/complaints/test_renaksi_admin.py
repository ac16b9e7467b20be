"""Renaksi admin screens: flat queries at two sizes ("Rencana aksi saya" and the desk's action list),
and a bad evidence file refused through the admin form with the reason shown."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.renaksi.models import Action, ActionEvidence, ActionProgress
from tests.complaints.renaksi_world import add_progress, make_world, png_upload, travel
from tests.complaints.uploads import upload

pytestmark = pytest.mark.django_db

#: "Rencana aksi saya" and the desk's action list: the same bound at both sizes.
BOUNDS = {"mine": 17, "index": 17}


def _grow(w, size):
    for i in range(size):
        a = Action.objects.create(
            plan=w.plan, code=f"9.{i}", title=f"Aksi {i}", opd=w.dinas, output="-", indicator="-",
            due_date=dt.date(2027, 6, 30), order=100 + i,
        )  # fmt: skip
        for quarter in (1, 2):
            p = add_progress(a, 2026, quarter, 20 * quarter, by=w.operator)
            ActionEvidence.objects.create(progress=p, file="renaksi/x.png", content_type="image/png", size=10)


@pytest.mark.parametrize("size", [2, 20])
def test_admin_screens_are_flat_in_queries(client, pemda, size):
    w = make_world()
    _grow(w, size)
    with travel(2026, 7, 15):
        client.force_login(w.operator)
        client.get(reverse("complaints_renaksi_mine"))  # warm caches
        with CaptureQueriesContext(connection) as mine:
            response = client.get(reverse("complaints_renaksi_mine"))
        assert response.content.decode().count('class="renaksi-action"') == size + 2
        client.force_login(w.desk)
        client.get(reverse("complaints_renaksi_action:index"))
        with CaptureQueriesContext(connection) as index:
            assert client.get(reverse("complaints_renaksi_action:index")).status_code == 200
    assert len(mine) <= BOUNDS["mine"], len(mine)
    assert len(index) <= BOUNDS["index"], len(index)


def test_admin_form_refuses_a_bad_evidence_file_and_says_why(client, pemda):
    w = make_world()
    client.force_login(w.operator)
    prefix = f"a{w.action.pk}"
    with travel(2026, 5, 2):
        response = client.post(
            reverse("complaints_renaksi_report", args=[w.action.pk]),
            {f"{prefix}-period": "2026-1", f"{prefix}-percent": "30", f"{prefix}-narrative": "Rapat",
             f"{prefix}-evidence": upload("bukti.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        )  # fmt: skip
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not ActionProgress.objects.exists()
    with travel(2026, 5, 2):
        ok = client.post(
            reverse("complaints_renaksi_report", args=[w.action.pk]),
            {f"{prefix}-period": "2026-1", f"{prefix}-percent": "30", f"{prefix}-narrative": "Rapat",
             f"{prefix}-evidence": png_upload()},
        )  # fmt: skip
    assert ok.status_code == 302
    assert ActionProgress.objects.get().evidence.count() == 1


def test_the_desk_reads_an_actions_quarterly_reports_with_evidence(client, pemda):
    w = make_world()
    p = add_progress(w.action, 2026, 1, 35, by=w.operator)
    evidence = ActionEvidence.objects.create(progress=p, file="renaksi/x.png", content_type="image/png", size=10)
    client.force_login(w.desk)
    html = client.get(reverse("complaints_renaksi_progress", args=[w.action.pk])).content.decode()
    assert "TW 1 2026" in html
    assert "35%" in html
    assert reverse("complaints_renaksi_evidence", args=[evidence.uuid]) in html
    assert "Laporkan kemajuan</a>" not in html  # the desk does not report for the OPD
    listing = client.get(reverse("complaints_renaksi_action:index")).content.decode()
    assert reverse("complaints_renaksi_progress", args=[w.action.pk]) in listing


def test_chosen_files_survive_a_validation_error_and_are_sent_once(client, pemda):
    """A report refused for another field (no narrative) keeps the good file chosen, says so, and
    the corrected report stores it without choosing it again; a bad file is not kept."""
    from complaints.models import PendingUpload

    w = make_world()
    client.force_login(w.operator)
    prefix = f"a{w.action.pk}"
    url = reverse("complaints_renaksi_report", args=[w.action.pk])
    base = {f"{prefix}-period": "2026-1", f"{prefix}-percent": "30"}
    with travel(2026, 5, 2):
        refused = client.post(
            url,
            {**base, f"{prefix}-narrative": "", f"{prefix}-evidence": [
                png_upload(), upload("bukti.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
            ]},
        )  # fmt: skip
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "1 berkas yang Anda pilih sebelumnya sudah tersimpan sementara" in html
    tokens = re.findall(rf'name="{prefix}-pending" value="([^"]+)"', html)
    assert len(tokens) == 1
    assert PendingUpload.objects.count() == 1
    assert not ActionProgress.objects.exists()
    with travel(2026, 5, 2):
        # still refused (no narrative): the kept file stays kept, no second copy
        again = client.post(url, {**base, f"{prefix}-narrative": "", f"{prefix}-pending": tokens})
        assert re.findall(rf'name="{prefix}-pending" value="([^"]+)"', again.content.decode()) == tokens
        ok = client.post(url, {**base, f"{prefix}-narrative": "Rapat koordinasi", f"{prefix}-pending": tokens})
    assert ok.status_code == 302, ok.content.decode()[:2000]
    evidence = ActionProgress.objects.get().evidence.get()
    assert evidence.content_type == "image/png"
    assert not PendingUpload.objects.exists()  # taken once
    with travel(2026, 5, 2):  # a used token is not carried again
        correction = {f"{prefix}-narrative": "Koreksi", f"{prefix}-reason": "salah ketik"}
        reused = client.post(url, {**base, **correction, f"{prefix}-pending": tokens})
    assert reused.status_code == 400
    assert f'name="{prefix}-pending"' not in reused.content.decode()
    assert ActionProgress.objects.get().evidence.count() == 1
