"""Public complaint search ranks everyday phrases (``complaints.search.ranked_text_search``): complaints
holding every word first, then those holding most of them; the site search shows public complaints
(redacted text only) and says what it searched."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints import search
from complaints.models import Complaint
from complaints.selectors import complaint_public_list
from complaints.services import complaint_verify
from home.complaint_pages import ComplaintTrackPage
from tests.factories import site_home, submit_complaint

pytestmark = pytest.mark.django_db
_clients = itertools.count(1)


def _file(world, title, description, *, verify=True, privacy="public"):
    c = submit_complaint(
        category=world.category,
        title=title,
        description=description,
        privacy=privacy,
        client=f"10.2.0.{next(_clients)}",
    ).complaint
    if verify:
        complaint_verify(complaint=c, actor=world.desk, door="admin")
    return c


@pytest.fixture
def filed(world):
    return {
        "lampu": _file(world, "Lampu jalan mati", "Penerangan di Jalan Tien Soeharto padam sejak seminggu."),
        "rusak": _file(world, "Jalan rusak parah", "Aspal berlubang dan tergenang air."),
        "sampah": _file(world, "Sampah menumpuk", "Sampah di pasar tidak diangkut."),
        "lampu_taman": _file(world, "Lampu taman mati", "Taman kota gelap."),
    }


def _codes(qs):
    return [c.tracking_code for c in qs]


def test_all_words_first_then_most_words_newest_first(world, filed):
    found = list(complaint_public_list(q="lampu jalan mati"))
    assert [c.tracking_code for c in found] == [
        filed["lampu"].tracking_code,  # 3 of 3
        filed["lampu_taman"].tracking_code,  # 2 of 3 (lampu, mati)
        filed["rusak"].tracking_code,  # 1 of 3 (jalan)
    ]
    assert [c.matched_words for c in found] == [3, 2, 1]
    expected = [filed["rusak"].tracking_code, filed["lampu"].tracking_code]
    assert _codes(complaint_public_list(q="jalan rusak")) == expected


def test_one_word_and_a_tracking_code_are_not_ranked(world, filed):
    assert _codes(complaint_public_list(q="lampu")) == [
        filed["lampu_taman"].tracking_code,
        filed["lampu"].tracking_code,
    ]
    assert _codes(complaint_public_list(q=filed["sampah"].tracking_code)) == [filed["sampah"].tracking_code]


def test_partial_matches_are_bounded_but_full_matches_never_dropped(world, filed, monkeypatch):
    # Few partial matches are all scored; many are cut to the newest PARTIAL_CANDIDATES.
    assert len(_codes(complaint_public_list(q="lampu jalan mati"))) == 3
    monkeypatch.setattr(search, "SPARSE_MATCHES", 1)
    monkeypatch.setattr(search, "PARTIAL_CANDIDATES", 1)
    found = _codes(complaint_public_list(q="lampu jalan mati"))
    # The oldest complaint holds every word: still found; only the newest partial match is kept.
    assert found == [filed["lampu"].tracking_code, filed["lampu_taman"].tracking_code]


def test_when_many_hold_every_word_the_list_is_those_newest_first(world, filed, monkeypatch):
    again = _file(world, "Lampu jalan mati lagi", "Di ujung gang.")
    monkeypatch.setattr(search, "SPARSE_MATCHES", 1)  # two complaints hold every word: "many"
    found = list(complaint_public_list(q="lampu jalan mati"))
    assert _codes(found) == [again.tracking_code, filed["lampu"].tracking_code]
    assert {c.matched_words for c in found} == {3}


def test_private_and_unverified_complaints_are_never_ranked_in(world, filed):
    _file(world, "Lampu jalan mati di desa", "Tanpa nama", privacy="anonim")
    _file(world, "Lampu jalan mati lagi", "Belum diverifikasi", verify=False)
    found = _codes(complaint_public_list(q="lampu jalan mati"))
    assert len(found) == 3
    assert set(found) == {filed[k].tracking_code for k in ("lampu", "lampu_taman", "rusak")}


def test_public_rest_list_is_ranked(world, filed, client):
    r = client.get("/api/v1/complaints/public/", {"q": "lampu jalan mati"})
    assert r.status_code == 200
    codes = [row["tracking_code"] for row in r.json()["results"]]
    assert codes == [filed[k].tracking_code for k in ("lampu", "lampu_taman", "rusak")]


def test_public_rest_list_query_count_does_not_grow(world, client):
    def count(n):
        for i in range(n):
            _file(world, f"Lampu jalan mati {i}", "Gelap." if i % 2 else "Jalan gelap.")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/complaints/public/", {"q": "lampu jalan gelap"}).status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(8)


# --- the site search ------------------------------------------------------------------------------


@pytest.fixture
def track_page(world):
    return site_home().add_child(instance=ComplaintTrackPage(title="Lacak", slug="lacak"))


def test_site_search_finds_public_complaints_and_says_where_it_looked(world, filed, track_page, client):
    r = client.get("/search/", {"query": "pengaduan jalan rusak"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Dicari di halaman situs, dokumen publik dan pengaduan publik yang sudah diverifikasi" in html
    assert f'href="{track_page.url}?kode={filed["rusak"].tracking_code}"' in html
    assert "Memuat 2 dari 3 kata yang dicari" in html  # "jalan rusak" of "pengaduan jalan rusak"
    assert html.index(filed["rusak"].tracking_code) < html.index(filed["lampu"].tracking_code)
    assert "Sampah menumpuk" not in html
    only = client.get("/search/", {"query": "jalan", "type": "complaint"}).content.decode()
    assert "Dicari di pengaduan publik yang sudah diverifikasi." in only


def test_site_search_shows_only_the_redacted_text(world, track_page, client):
    c = _file(world, "Air mati total", "Hubungi saya di 081234567890 soal air mati.")
    html = client.get("/search/", {"query": "air mati"}).content.decode()
    assert c.tracking_code in html
    assert "081234567890" not in html
    assert "081234567890" not in client.get("/search/suggest/", {"query": "Air"}).content.decode()
    # A word only the original text holds finds nothing.
    assert c.tracking_code not in client.get("/search/", {"query": "081234567890"}).content.decode()


def test_site_search_query_count_does_not_grow_with_complaints(world, track_page, client):
    def count(n):
        for i in range(n):
            _file(world, f"Jalan rusak {i}", "Berlubang.")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/search/", {"query": "jalan rusak", "type": "complaint"}).status_code == 200
        return len(ctx.captured_queries)

    client.get("/search/", {"query": "jalan rusak", "type": "complaint"})  # warm the per-process caches
    assert count(2) == count(9)


def test_searched_complaints_are_the_ones_a_visitor_may_see(world, filed):
    assert Complaint.objects.count() == 4


def test_partial_candidates_are_judged_on_their_own_text(world, monkeypatch):
    """The candidate subquery matches each candidate's own text, not the outer row's (a raw table
    name in SQL would: inside a subquery Django renames the table)."""
    monkeypatch.setattr(search, "PARTIAL_CANDIDATES", 1)
    older = _file(world, "Lampu padam", "Gelap.")
    _file(world, "Sampah menumpuk", "Pasar kotor.")  # newer, holds no word of the search
    assert _codes(complaint_public_list(q="lampu jalan")) == [older.tracking_code]
