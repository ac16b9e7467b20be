"""The server-side page cache for anonymous visitors (home/page_cache.py, ADR 0019)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.tasks import refresh_public_figures
from home.complaint_pages import ComplaintFormPage, ComplaintStatsPage
from home.page_cache import HEADER
from home.planning_pages import PerformancePage
from tests.factories import ComplaintFactory, OPDFactory, UserFactory, site_home
from tests.factories.home import _publish, make_chart_page, make_news, make_news_index, make_standard_page
from tests.factories.planning import add_indicator, plan_world
from tests.factories.public_results import publish_submission, sakip_answers
from tests.home.test_sakip_results import publish_year, results_page, sakip_form, world  # noqa: F401

pytestmark = pytest.mark.django_db


def publish_edit(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_second_anonymous_get_is_a_hit_without_queries_and_the_same_body(client):
    page = make_standard_page(title="Profil Daerah", intro="<p>Kabupaten contoh</p>")
    first = client.get(page.url)
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert second[HEADER] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "public" in second["Cache-Control"]
    assert client.head(page.url)[HEADER] == "hit"


def test_logged_in_users_neither_get_nor_fill_the_anonymous_copy(client):
    page = make_standard_page(title="Profil Daerah")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    staff = client.get(page.url)
    assert HEADER not in staff
    assert "private" in staff["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(page.url)[HEADER] == "miss"  # the staff view did not fill the cache
    assert client.get(page.url)[HEADER] == "hit"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    again = client.get(page.url)
    assert HEADER not in again  # the anonymous copy is never served to a session
    assert "private" in again["Cache-Control"]


def test_publishing_an_edit_purges_the_page_and_the_listing_above_it(client):
    index = make_news_index()
    news = make_news(index, title="Jembatan baru dibuka")
    assert client.get(news.url)[HEADER] == "miss"
    assert client.get(index.url)[HEADER] == "miss"
    assert client.get(news.url)[HEADER] == "hit"
    publish_edit(news, title="Jembatan Kali Putih dibuka")
    after = client.get(news.url)
    assert after[HEADER] == "miss"
    assert "Jembatan Kali Putih dibuka" in after.content.decode()
    listing = client.get(index.url)
    assert listing[HEADER] == "miss"
    assert "Jembatan Kali Putih dibuka" in listing.content.decode()
    other = make_standard_page(title="Halaman lain")
    client.get(other.url)
    publish_edit(news, title="Judul ketiga")
    assert client.get(other.url)[HEADER] == "hit"  # precise: an unrelated page stays


def test_unpublishing_purges(client):
    page = make_standard_page(title="Sementara")
    client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit"
    page.specific.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_published_report_purges_the_sakip_page(client, world, django_capture_on_commit_callbacks):  # noqa: F811
    form = sakip_form()
    actor = world["actor"]
    assignment = publish_year(form, [world["dinkes"], world["disdik"]], 2025, [81, None], actor)
    page = results_page(form)
    client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        publish_submission(assignment.submissions.get(opd=world["disdik"]), answers=sakip_answers(65), actor=actor)
    html = client.get(page.url)
    assert html[HEADER] == "miss"
    assert "Dinas Pendidikan" in html.content.decode()


def test_the_statistics_refresh_purges_the_statistics_page(client):
    ComplaintFactory.create_batch(2, opd=OPDFactory())
    page = _publish(site_home(), ComplaintStatsPage(title="Statistik Pengaduan", slug="statistik-pengaduan"))
    refresh_public_figures()
    assert 'id="total">2<' in client.get(page.url).content.decode()
    ComplaintFactory(opd=OPDFactory())
    assert client.get(page.url)[HEADER] == "hit"
    refresh_public_figures()
    fresh = client.get(page.url)
    assert fresh[HEADER] == "miss"
    assert 'id="total">3<' in fresh.content.decode()


class SetsACookie:
    """A layer below the page cache that sets a cookie (as a page reading ``csrf_token`` would)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("pilihan", "1")
        return response


def test_responses_that_set_a_cookie_are_not_kept(client, settings):
    at = settings.MIDDLEWARE.index("home.page_cache.PageCacheMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:at], f"{__name__}.SetsACookie", *settings.MIDDLEWARE[at:]]
    page = make_standard_page(title="Profil Daerah")
    assert client.get(page.url).cookies["pilihan"].value == "1"
    client.cookies.clear()
    assert client.get(page.url)[HEADER] == "miss"


def test_the_language_cookie_is_set_afresh_on_a_hit(client):
    page = make_standard_page(title="Profil Daerah")
    first = client.get(page.url, {"lang": "en"})
    client.cookies.clear()
    second = client.get(page.url, {"lang": "en"})
    assert second[HEADER] == "hit"
    assert second.cookies[settings.LANGUAGE_COOKIE_NAME].value == first.cookies[settings.LANGUAGE_COOKIE_NAME].value
    assert second["Content-Language"] == "en"


def test_query_parameters_outside_the_allow_list_are_answered_but_not_kept(client):
    page = make_standard_page(title="Profil Daerah")
    assert client.get(page.url, {"utm_source": "wa"})[HEADER] == "miss"
    assert client.get(page.url, {"utm_source": "wa"})[HEADER] == "miss"
    client.get(page.url, {"page": "2"})
    assert client.get(page.url, {"page": "2"})[HEADER] == "hit"


def test_form_pages_are_never_kept(client):
    form = _publish(site_home(), ComplaintFormPage(title="Lapor", slug="lapor"))
    for _ in range(2):
        response = client.get(form.url)
        assert response.status_code == 200
        assert HEADER not in response


def test_languages_are_kept_apart(client):
    page = make_standard_page(title="Profil Daerah")
    indonesian = client.get(page.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(page.url)
    assert english[HEADER] == "miss"
    assert english.content != indonesian.content
    assert '<html lang="en"' in client.get(page.url).content.decode()
    assert client.get(page.url)[HEADER] == "hit"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    back = client.get(page.url)
    assert back[HEADER] == "hit"
    assert back.content == indonesian.content


def test_the_setting_turns_it_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    page = make_standard_page(title="Profil Daerah")
    client.get(page.url)
    assert HEADER not in client.get(page.url)


def test_a_planning_change_purges_the_performance_page(client):
    plan = plan_world(opds=2)
    page = _publish(site_home(), PerformancePage(title="Kinerja Daerah", slug="kinerja"))
    client.get(page.url, {"tahun": "2026"})
    assert client.get(page.url, {"tahun": "2026"})[HEADER] == "hit"
    add_indicator(plan.opd_sasaran[0], target=100, realised=88)
    assert client.get(page.url, {"tahun": "2026"})[HEADER] == "miss"


def test_moving_and_deleting_purge_the_old_and_new_places(client):
    old_index = make_news_index(title="Berita lama", slug="berita-lama")
    new_index = make_news_index(title="Berita baru", slug="berita-baru")
    news = make_news(old_index, title="Pasar malam dibuka")
    for url in (old_index.url, new_index.url):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
    news.specific.move(new_index, pos="last-child")
    old, new = client.get(old_index.url), client.get(new_index.url)
    assert (old[HEADER], new[HEADER]) == ("miss", "miss")
    assert "Pasar malam dibuka" not in old.content.decode()
    assert "Pasar malam dibuka" in new.content.decode()
    assert client.get(new_index.url)[HEADER] == "hit"
    news.refresh_from_db()
    news.specific.delete()
    after = client.get(new_index.url)
    assert after[HEADER] == "miss"
    assert "Pasar malam dibuka" not in after.content.decode()


def test_a_page_learns_the_figures_it_shows_and_is_purged_with_them(client):
    """A standard page with a complaint chart block declares nothing: the provider's read is recorded."""
    ComplaintFactory.create_batch(2, opd=OPDFactory())
    refresh_public_figures()
    page = make_chart_page(provider="pengaduan_per_kategori")
    plain = make_standard_page(title="Tanpa angka")
    for url in (page.url, plain.url):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
    refresh_public_figures()
    assert client.get(page.url)[HEADER] == "miss"
    assert client.get(plain.url)[HEADER] == "hit"


# --- stampede protection: one request rebuilds, the others do not pile onto the database ---------


def _entry_key(client, page):
    """Fill the cache with an anonymous GET of ``page`` and return the middleware's key for it."""
    from django.test import RequestFactory
    from django.utils import translation

    from home import page_cache

    assert client.get(page.url)[HEADER] == "miss"
    with translation.override("id"):
        return page_cache._key(RequestFactory().get(page.url))


def test_while_one_request_rebuilds_an_expired_page_the_others_get_the_previous_copy(client):
    from django.core.cache import cache

    refresh_public_figures()
    page = make_chart_page(provider="pengaduan_per_kategori")
    key = _entry_key(client, page)
    entry = cache.get(key)
    cache.set(key, {**entry, "expires": 0}, 60)  # its life is over
    cache.add(key + ":lock", "1", 30)  # another request is rebuilding it
    with CaptureQueriesContext(connection) as queries:
        stale = client.get(page.url)
    assert stale[HEADER] == "stale"
    assert len(queries) == 0
    assert stale.content == entry["content"]
    cache.delete(key + ":lock")
    assert client.get(page.url)[HEADER] == "miss"  # the next one rebuilds
    assert client.get(page.url)[HEADER] == "hit"


def test_new_figures_are_served_stale_only_while_the_rebuild_runs(client):
    from django.core.cache import cache

    ComplaintFactory.create_batch(2, opd=OPDFactory())
    refresh_public_figures()
    page = make_chart_page(provider="pengaduan_per_kategori")
    key = _entry_key(client, page)
    refresh_public_figures()  # the figures moved on
    cache.add(key + ":lock", "1", 30)
    assert client.get(page.url)[HEADER] == "stale"
    cache.delete(key + ":lock")
    assert client.get(page.url)[HEADER] == "miss"


def test_a_republished_or_unpublished_page_is_never_served_from_the_old_copy(client, monkeypatch):
    from django.core.cache import cache

    from home import page_cache

    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.2)
    page = make_standard_page(title="Pengumuman lama")
    key = _entry_key(client, page)
    publish_edit(page, title="Pengumuman baru")
    cache.add(key + ":lock", "1", 30)  # someone else is rebuilding it: wait, then answer live
    waited = client.get(page.url)
    assert HEADER not in waited or waited[HEADER] != "stale"
    assert "Pengumuman baru" in waited.content.decode()
    assert "Pengumuman lama" not in waited.content.decode()

    page.refresh_from_db()
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_made_private_drops_its_copy_at_once(client):
    from wagtail.models import PageViewRestriction

    page = make_standard_page(title="Rapat internal")
    client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    restricted = client.get(page.url)
    assert restricted.status_code == 302
    assert "Rapat internal" not in restricted.content.decode()


def test_a_form_page_never_waits_for_a_rebuild_lock(client, monkeypatch):
    import time

    from django.core.cache import cache

    form = _publish(site_home(), ComplaintFormPage(title="Sampaikan Pengaduan", slug="pengaduan-kunci"))
    from django.test import RequestFactory
    from django.utils import translation

    from home import page_cache

    with translation.override("id"):
        key = page_cache._key(RequestFactory().get(form.url))
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 20.0)
    cache.set(key + ":lock", "1", 30)  # were it to wait for a lock, this would hold it for 20 s
    started = time.monotonic()
    answered = client.get(form.url)
    assert answered.status_code == 200
    assert time.monotonic() - started < 10
    assert cache.get(key) is None


def test_an_entry_kept_by_the_previous_version_is_rebuilt_not_read(client):
    """After an upgrade Redis may still hold entries without ``expires``/``structural``."""
    from django.core.cache import cache

    page = make_standard_page(title="Profil Daerah")
    key = _entry_key(client, page)
    entry = cache.get(key)
    cache.set(key, {k: entry[k] for k in ("content", "headers", "deps")}, 60)
    assert client.get(page.url)[HEADER] == "miss"
    assert client.get(page.url)[HEADER] == "hit"
