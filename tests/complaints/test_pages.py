import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from complaints.models import Attachment, Complaint, Privacy, Status
from complaints.services import complaint_add_note, complaint_answer, complaint_assign, complaint_verify
from home.complaint_pages import ComplaintFormPage, ComplaintStatsPage, ComplaintTrackPage
from tests.complaints.uploads import upload
from tests.factories import ComplaintFactory, gps_jpeg, submit_complaint

pytestmark = pytest.mark.django_db


def _root() -> Page:
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Beranda", slug="beranda"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def pages(world):
    root = _root()
    return {
        "form": root.add_child(instance=ComplaintFormPage(title="Lapor", slug="lapor")),
        "track": root.add_child(instance=ComplaintTrackPage(title="Lacak", slug="lacak")),
        "stats": root.add_child(instance=ComplaintStatsPage(title="Statistik", slug="statistik-pengaduan")),
    }


def test_form_works_without_javascript_and_strips_gps(world, pages, client):
    url = pages["form"].url
    assert client.get(url).status_code == 200
    r = client.post(
        url,
        {
            "kind": "pengaduan",
            "category": "jalan",
            "title": "Jalan rusak",
            "description": "Berlubang",
            "privacy": "public",
            "kecamatan": world.kec.pk,
            "kelurahan": world.kel.pk,
            "reporter_name": "Wati",
            "attachments": [upload("foto.jpg", gps_jpeg(), "image/jpeg")],
        },
    )
    assert r.status_code == 200, r.content[:2000]
    assert r["Cache-Control"] == "no-store, private"
    c = Complaint.objects.get()
    assert c.tracking_code in r.text
    assert b"KameraRahasia" not in Attachment.objects.get().file.read()


def test_kelurahan_and_desa_grouped_by_kecamatan_without_javascript(world, pages, client):
    from organizations.models import OPDKind
    from tests.factories import OPDFactory

    krayan = OPDFactory(name="Kecamatan Krayan", kind=OPDKind.KECAMATAN, region_code="65.03.05")
    desa = OPDFactory(name="Desa Long Bawan", acronym="", kind=OPDKind.DESA, parent=krayan, region_code="65.03.05.2001")
    page = client.get(pages["form"].url).content.decode()
    select = page[page.index('name="kelurahan"') : page.index("</select>", page.index('name="kelurahan"'))]
    krayan_group = select[select.index('<optgroup label="Kecamatan Krayan">') :].split("</optgroup>")[0]
    assert f'value="{desa.pk}"' in krayan_group
    assert f'data-kecamatan="{krayan.pk}"' in krayan_group
    assert "Kelurahan Nunukan Barat" in select[select.index('<optgroup label="Kecamatan Nunukan">') :]
    assert f'value="{desa.pk}"' not in page[: page.index('name="kelurahan"')]  # a desa is no kecamatan
    r = client.post(
        pages["form"].url,
        {
            "kind": "pengaduan",
            "category": "jalan",
            "title": "Jalan desa rusak",
            "description": "Berlubang",
            "privacy": "public",
            "kelurahan": desa.pk,
        },
    )
    assert r.status_code == 200, r.content[:2000]
    assert (Complaint.objects.get().kecamatan, Complaint.objects.get().kelurahan) == (krayan, desa)


def test_form_errors_are_shown_in_indonesian(world, pages, client):
    r = client.post(
        pages["form"].url,
        {"category": "jalan", "title": "", "description": "x", "privacy": "public", "kind": "pengaduan", "lat": "4.1"},
    )
    assert r.status_code == 400
    assert "harus diisi" in r.text
    assert not Complaint.objects.exists()
    r = client.post(
        pages["form"].url,
        {
            "category": "jalan",
            "title": "T",
            "description": "x",
            "privacy": "public",
            "kind": "pengaduan",
            "website": "spam",
        },
    )
    assert r.status_code == 400
    assert not Complaint.objects.exists()


def test_tracking_page_reporter_flow(world, pages, client):
    r = submit_complaint(category=world.category, privacy=Privacy.RAHASIA)
    c = r.complaint
    complaint_verify(complaint=c, actor=world.desk, door="admin")
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    complaint_add_note(complaint=c, actor=world.opd_op, door="admin", body="CATATAN INTERNAL")
    complaint_answer(complaint=c, actor=world.opd_op, door="admin", body="Sudah diperbaiki")
    url = pages["track"].url
    bad = client.post(url, {"code": c.tracking_code, "secret": "XXXX-XXXX-XXXX-XXXX"})
    assert bad.status_code == 404
    ok = client.post(url, {"code": c.tracking_code, "secret": r.secret})
    assert ok.status_code == 200
    assert "Sudah diperbaiki" in ok.text
    assert "CATATAN INTERNAL" not in ok.text
    rated = client.post(url, {"code": c.tracking_code, "secret": r.secret, "action": "rate", "rating": "4"})
    assert rated.status_code == 200
    c.refresh_from_db()
    assert c.rating == 4
    client.post(url, {"code": c.tracking_code, "secret": r.secret, "action": "confirm"})
    c.refresh_from_db()
    assert c.status == Status.CLOSED
    # a confidential complaint is not visible publicly by code
    assert client.get(url, {"kode": c.tracking_code}).status_code == 404


def test_public_view_and_me_too(world, pages, client):
    c = submit_complaint(category=world.category, reporter_name="Wati Pelapor").complaint
    complaint_verify(complaint=c, actor=world.desk, door="admin")
    r = client.get(pages["track"].url, {"kode": c.tracking_code})
    assert r.status_code == 200
    assert "Wati Pelapor" not in r.text
    client.post(pages["track"].url, {"action": "support", "code": c.tracking_code})
    c.refresh_from_db()
    assert c.support_count == 1


@pytest.mark.parametrize("size", [3, 30])
def test_stats_page_shows_no_confidential_rows(world, pages, client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    secret = ComplaintFactory(category=world.category, privacy=Privacy.RAHASIA, status=Status.ASSIGNED, title="RHS")
    with django_assert_max_num_queries(30):
        r = client.get(pages["stats"].url)
    assert r.status_code == 200
    assert secret.tracking_code not in r.text
    assert f'id="total">{size + 1}<' in r.text
