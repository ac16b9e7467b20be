"""The staff dashboard from a snapshot shared by users who see the same complaints: a fresh one is
served without the aggregates, a stale one is served at once while one job recomputes it, a missing
one is computed once, and an OPD never reads another OPD's figures."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import dashboard
from complaints.models import Status
from tests.factories import ComplaintFactory, desk_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _overdue(world, opd, n):
    yesterday = dt.date.today() - dt.timedelta(days=3)
    ComplaintFactory.create_batch(n, category=world.category, opd=opd, status=Status.ASSIGNED, due_date=yesterday)


def _overdue_of(snapshot, opd_name):
    return next((r["overdue"] for r in snapshot["stats"]["overdue_per_opd"] if str(r["opd"]) == opd_name), 0)


def test_same_visibility_shares_a_snapshot_and_an_opd_sees_only_its_own(world):
    second_desk = desk_user(username="meja2")
    assert dashboard.dashboard_key(world.desk) == dashboard.dashboard_key(second_desk)
    assert dashboard.dashboard_key(world.opd_op) == dashboard.dashboard_key(world.opd_head)
    assert dashboard.dashboard_key(world.opd_op) != dashboard.dashboard_key(world.other_op)
    assert dashboard.dashboard_key(world.opd_op) != dashboard.dashboard_key(world.desk)

    _overdue(world, world.dinas, 2)
    _overdue(world, world.other, 3)
    desk = dashboard.dashboard_snapshot(user=world.desk)
    assert (_overdue_of(desk, "Dinas PU"), _overdue_of(desk, "Dinas Kesehatan")) == (2, 3)
    own = dashboard.dashboard_snapshot(user=world.opd_op)
    assert _overdue_of(own, "Dinas PU") == 2
    assert _overdue_of(own, "Dinas Kesehatan") == 0


@pytest.mark.parametrize("rows", [2, 12])
def test_a_fresh_snapshot_is_served_without_the_aggregates(world, rows):
    _overdue(world, world.dinas, rows)
    first = dashboard.dashboard_snapshot(user=world.desk)
    _overdue(world, world.dinas, 1)  # not yet in the snapshot
    with CaptureQueriesContext(connection) as queries:
        again = dashboard.dashboard_snapshot(user=world.desk)
    assert not [q for q in queries.captured_queries if "complaints_complaint" in q["sql"]]
    assert len(queries) <= 3  # the user's roles and memberships only, whatever the row count
    assert _overdue_of(again, "Dinas PU") == _overdue_of(first, "Dinas PU") == rows
    assert again["stale"] is False

    refreshed = dashboard.dashboard_snapshot(user=world.desk, refresh=True)
    assert _overdue_of(refreshed, "Dinas PU") == rows + 1


def test_a_stale_snapshot_is_served_at_once_and_one_job_recomputes_it(world, django_capture_on_commit_callbacks):
    _overdue(world, world.dinas, 2)
    key = dashboard.dashboard_key(world.desk)
    dashboard.dashboard_snapshot(user=world.desk)
    old = cache.get(key)
    cache.set(key, {**old, "computed_at": old["computed_at"] - dt.timedelta(seconds=dashboard.FRESH_SECONDS + 5)})
    _overdue(world, world.dinas, 1)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        stale = dashboard.dashboard_snapshot(user=world.desk)
        dashboard.dashboard_snapshot(user=world.desk)  # a second reader queues nothing more
    assert stale["stale"] is True
    assert _overdue_of(stale, "Dinas PU") == 2
    assert len(queued) == 1

    queued[0]()  # the job (django-q2 runs it synchronously in the test settings)
    assert cache.get(key + ":lock") is None
    fresh = dashboard.dashboard_snapshot(user=world.desk)
    assert (fresh["stale"], _overdue_of(fresh, "Dinas PU")) == (False, 3)


def test_a_missing_snapshot_is_computed_by_one_reader_while_the_other_waits(world):
    _overdue(world, world.dinas, 1)
    key = dashboard.dashboard_key(world.desk)
    cache.add(key + ":lock", "1", timeout=30)  # another request is computing it
    waited = dashboard.dashboard_snapshot(user=world.desk, wait=0.2)
    assert _overdue_of(waited, "Dinas PU") == 1  # answered anyway after the wait
    assert cache.get(key) is None  # the lock holder stores, not the waiter


def test_dashboard_page_says_when_its_figures_were_computed(world, client):
    _overdue(world, world.dinas, 1)
    client.force_login(world.desk)
    page = client.get(reverse("complaints_dashboard"))
    assert page.status_code == 200
    assert "Angka dihitung" in page.text
    assert "WITA" in page.text
    assert "Perbarui sekarang" in page.text
    assert "Dinas PU" in page.text
    client.force_login(world.editor)
    assert client.get(reverse("complaints_dashboard")).status_code in (302, 403)
