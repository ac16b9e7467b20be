"""Admin doors: the import screens (upload → map → preview → confirm), hand entry, record listings."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from budget.models import BatchStatus, BudgetLine, FiscalYear, ImportBatch, ImportProfile, Realisation

pytestmark = pytest.mark.django_db


def _file(rows, name="realisasi.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["SKPD", "Kode", "Dana", "Bulan", "Nilai"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def test_upload_map_preview_confirm(people):
    client = Client()
    client.force_login(people["manager"])
    line = BudgetLine.objects.select_related("opd_budget__opd", "sub_kegiatan", "funding_source").first()
    row = [line.opd_budget.opd.name, line.sub_kegiatan.code, line.funding_source.code, "9", "12.500"]
    year = FiscalYear.objects.get()
    response = client.post(
        "/admin/budget/import/",
        {"fiscal_year": year.pk, "new_profile": "Ekspor SIPD", "kind": "realisation", "file": _file([row])},
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/budget/import/{batch.pk}/map/")
    page = client.get(response["Location"]).content.decode()
    assert '<option value="Nilai">' in page
    response = client.post(
        f"/admin/budget/import/{batch.pk}/map/",
        {"opd": "SKPD", "sub_kegiatan": "Kode", "funding_source": "Dana", "month": "Bulan", "amount": "Nilai"},
    )
    assert ImportProfile.objects.get().columns["amount"] == "Nilai"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED
    assert "Terapkan impor" in client.get(f"/admin/budget/import/{batch.pk}/").content.decode()
    client.post(f"/admin/budget/import/{batch.pk}/")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPLIED
    assert Realisation.objects.get(line=line, month=9).amount == 12_500


def test_import_screens_are_closed_to_leaders(people):
    client = Client()
    client.force_login(people["leader"])
    assert client.get("/admin/budget/import/").status_code in (302, 403)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/budget/contract/",
        "/admin/budget/budgetline/",
        "/admin/budget/budgetrules/",
        "/admin/budget/contractstage/",
    ],
)
def test_record_listings_open_for_the_manager(people, url):
    client = Client()
    client.force_login(people["manager"])
    assert client.get(url).status_code == 200


def test_hand_entry_refuses_a_future_month(people):
    client = Client()
    client.force_login(people["manager"])
    line = BudgetLine.objects.first()
    page = client.post("/admin/budget/figure/", {"line": line.pk, "kind": "realisation", "month": 12, "amount": 5})
    assert "belum berjalan" in page.content.decode()
    assert not Realisation.objects.filter(line=line, month=12).exists()
