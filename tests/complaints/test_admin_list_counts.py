"""The admin's complaint list counts no further than ``LIST_COUNT_CAP`` and says "lebih dari" past
it; its queries do not grow with the rows; the search runs once per view."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Status
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _count_text(response) -> str:
    return re.search(r'result-count">([^<]*)<', response.content.decode()).group(1).strip()


def _footer_text(response) -> str:
    return re.search(r'pagination__end">([^<]*)<', response.content.decode()).group(1).strip()


def test_past_the_cap_the_list_says_more_than(world, client, settings):
    settings.LIST_COUNT_CAP = 3
    ComplaintFactory.create_batch(5, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    ComplaintFactory(category=world.category2, opd=world.dinas, status=Status.ANSWERED)
    client.force_login(world.desk)
    url = reverse("complaints_complaint_modeladmin_index")
    assert _count_text(client.get(url)) == "lebih dari 3 cocok"
    assert _footer_text(client.get(url)) == "Lebih dari 3 pengaduan"  # not "4 pengaduan" (the cap + 1)
    assert _count_text(client.get(url, {"status__exact": Status.ANSWERED})) == "1 dari lebih dari 3"
    settings.LIST_COUNT_CAP = 100
    assert _count_text(client.get(url)) == "6 dari 6"
    assert _footer_text(client.get(url)) == "6 pengaduan"


@pytest.mark.parametrize("rows", [3, 30])
def test_queries_do_not_grow_with_rows_and_the_search_runs_once(world, client, rows, django_assert_max_num_queries):
    ComplaintFactory.create_batch(rows, category=world.category, opd=world.dinas, title="Lampu jalan mati")
    client.force_login(world.desk)
    url = reverse("complaints_complaint_modeladmin_index")
    client.get(url)
    with CaptureQueriesContext(connection) as plain:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as searched:
        answer = client.get(url, {"q": "lampu mati"})
    assert answer.status_code == 200
    assert "Lampu jalan mati" in answer.content.decode()
    assert len(plain) <= 20, [q["sql"][:80] for q in plain]
    # the search adds at most its sparse-match probe and a code check, once (not once per use);
    # on PostgreSQL the probe's savepoint and SET LOCAL statements are not queries of their own
    reads = [q for q in searched if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL"))]
    assert len(reads) - len(plain) <= 2, [q["sql"][:80] for q in searched]


def test_the_cap_reads_as_an_indonesian_figure():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("id"):
        capped = render_to_string(
            "modeladmin/includes/result_count.html", {"result_count_capped": True, "count_cap": 10_000}
        )
        part = render_to_string(
            "modeladmin/includes/result_count.html",
            {"all_count_capped": True, "count_cap": 10_000, "result_count": 1234},
        )
    assert "lebih dari 10.000 cocok" in capped
    assert "1.234 dari lebih dari 10.000" in part
