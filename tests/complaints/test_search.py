"""Complaint text search (``complaints.search``): one function behind the staff list, the admin and
the public list; full-text with prefixes on PostgreSQL (served by its GIN index), words on SQLite."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint
from complaints.search import search_words, text_search, tracking_code_in
from complaints.selectors import complaint_list_staff, complaint_public_list
from complaints.services import complaint_verify
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db
_clients = itertools.count(1)


def _file(world, title, description, *, verify=True):
    c = submit_complaint(
        category=world.category, title=title, description=description, client=f"10.1.0.{next(_clients)}"
    ).complaint
    if verify:
        complaint_verify(complaint=c, actor=world.desk, door="admin")
    return c


@pytest.fixture
def three(world):
    return (
        _file(world, "Jalan rusak parah", "Aspal Jalan Pelabuhan berlubang dan tergenang air."),
        _file(world, "Lampu jalan mati", "Penerangan di Jalan Tien Soeharto padam sejak seminggu."),
        _file(world, "Sampah menumpuk", "Sampah di pasar tidak diangkut; hubungi saya di 081234567890."),
    )


def _titles(qs):
    return sorted(c.title for c in qs)


def test_words_are_letters_and_digits_only():
    assert search_words("Jalan  RUSAK!! & | :* 'x'") == ["jalan", "rusak", "x"]
    assert search_words("a_b") == ["a", "b"]
    assert search_words("—%%—") == []
    assert len(search_words(" ".join(["kata"] * 20))) == 8


def test_staff_search_needs_every_word_and_matches_word_beginnings(world, three):
    staff = world.desk
    assert _titles(complaint_list_staff(user=staff, q="jalan")) == ["Jalan rusak parah", "Lampu jalan mati"]
    assert _titles(complaint_list_staff(user=staff, q="jalan berlubang")) == ["Jalan rusak parah"]
    assert _titles(complaint_list_staff(user=staff, q="Pelab")) == ["Jalan rusak parah"]
    assert _titles(complaint_list_staff(user=staff, q="jalan sampah")) == []
    assert _titles(complaint_list_staff(user=staff, q="Lampu jal")) == ["Lampu jalan mati"]


@pytest.mark.parametrize("text", ["&", "jalan & | !", "x:*", "'; DROP TABLE x; --", "(", "\\", "%", "_"])
def test_operators_and_punctuation_are_harmless(world, three, text):
    # Whatever comes in, the query runs (no 500) and finds only what matches its words.
    found = list(complaint_list_staff(user=world.desk, q=text))
    assert len(found) <= 3


def test_a_tracking_code_finds_that_complaint_and_a_phrase_is_never_a_code(world, three):
    code = three[1].tracking_code
    for text in (code, code.lower(), code.replace("-", ""), code[4:].replace("-", " - ")):
        found = [c.pk for c in complaint_list_staff(user=world.desk, q=text)]
        assert found == ([three[1].pk] if " " not in text else []), text
    assert tracking_code_in("Lampu jal") == ""  # eight letters, but two words and an L
    assert tracking_code_in("ADU-7K3M-Q9XP") == "ADU-7K3M-Q9XP"
    assert [c.pk for c in complaint_public_list(q=code.lower())] == [three[1].pk]


def test_a_word_that_could_be_a_code_but_is_none_is_searched_as_a_word(world, three):
    bridge = _file(world, "Jembatan ambruk", "Jembatan kayu di Sebatik patah.")
    assert tracking_code_in("jembatan") == "ADU-JEMB-ATAN"  # eight code letters
    assert [c.pk for c in complaint_list_staff(user=world.desk, q="jembatan")] == [bridge.pk]
    assert [c.pk for c in complaint_public_list(q="Jembatan")] == [bridge.pk]


def test_punctuation_only_leaves_the_list_unfiltered(world, three):
    assert complaint_list_staff(user=world.desk, q="%%").count() == 3


def test_public_search_reads_only_the_public_text(world, three):
    # The phone number is redacted in the public text: the public cannot find the complaint by it.
    assert _titles(complaint_list_staff(user=world.desk, q="081234567890")) == ["Sampah menumpuk"]
    assert _titles(complaint_public_list(q="081234567890")) == []
    assert _titles(complaint_public_list(q="sampah pasar")) == ["Sampah menumpuk"]


def test_public_search_never_shows_what_the_public_may_not_see(world, three):
    _file(world, "Jalan ambles belum diverifikasi", "Jalan ambles di Sebatik.", verify=False)
    assert _titles(complaint_public_list(q="ambles")) == []
    assert _titles(complaint_list_staff(user=world.desk, q="ambles")) == ["Jalan ambles belum diverifikasi"]


def test_staff_search_stays_within_what_the_user_may_see(world, three):
    assert complaint_list_staff(user=world.other_op, q="jalan").count() == 0


def test_admin_search_box_uses_the_same_search_and_finds_codes(world, three, client):
    client.force_login(world.desk)
    page = client.get("/admin/complaints/complaint/", {"q": "jalan berlubang"}).content.decode()
    assert three[0].tracking_code in page
    assert three[1].tracking_code not in page
    page = client.get("/admin/complaints/complaint/", {"q": three[2].tracking_code.lower()}).content.decode()
    assert three[2].tracking_code in page
    assert three[0].tracking_code not in page


def test_admin_escalation_filter_offers_fixed_levels(world, three, client):
    Complaint.objects.filter(pk=three[1].pk).update(escalation_level=2)
    client.force_login(world.desk)
    page = client.get("/admin/complaints/complaint/", {"escalation_level": "2"}).content.decode()
    assert "Tingkat 2: Sekda dan Inspektorat" in page
    assert three[1].tracking_code in page
    assert three[0].tracking_code not in page
    assert client.get("/admin/complaints/complaint/", {"escalation_level": "x"}).status_code == 200


def test_rest_public_list_searches_and_refuses_an_overlong_query(world, three, client):
    r = client.get("/api/v1/complaints/public/", {"q": "lampu"})
    assert r.status_code == 200, r.content
    assert [row["tracking_code"] for row in r.json()["results"]] == [three[1].tracking_code]
    r = client.get("/api/v1/complaints/public/", {"q": "x" * 201})
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Indonesian stemming is PostgreSQL's")
def test_postgres_finds_other_forms_of_a_word(world, three):
    # "lubang" (hole) finds "berlubang" (full of holes): the Indonesian stemmer strips the prefix.
    assert _titles(complaint_list_staff(user=world.desk, q="lubang")) == ["Jalan rusak parah"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text index")
@pytest.mark.parametrize("audience", ["staff", "public"])
def test_postgres_serves_the_search_from_its_gin_index(world, three, audience):
    from complaints.search import DOCUMENTS, TextMatch

    qs = Complaint.objects.filter(TextMatch(DOCUMENTS[audience], ["jalan", "rus"], prefix="rus")).order_by()
    with connection.cursor() as cursor:
        # On three rows any plan is cheap: forbid the table scan and the plain index scans (a walk of
        # another index with a filter), so a bitmap scan of the full-text index is the only way left,
        # which exists only if the query reads the indexed stored column.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = qs.explain()
    assert f"complaint_search_{audience}_gin" in plan, plan
    assert [c.title for c in qs] == ["Jalan rusak parah"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored search column")
def test_a_sparse_search_is_answered_through_its_ids_and_a_dense_one_by_the_match(world, three, monkeypatch):
    """The small-LIMIT trap: a rare phrase must not be asked newest-first of the whole table."""
    from complaints import search

    sparse = text_search(Complaint.objects.all(), "jalan rusak", audience="staff")
    assert '"complaints_complaint"."id" IN (' in str(sparse.query)
    assert "search_staff" not in str(sparse.query)
    monkeypatch.setattr(search, "SPARSE_MATCHES", 0)
    dense = text_search(Complaint.objects.all(), "jalan rusak", audience="staff")
    assert "search_staff" in str(dense.query)
    assert [c.title for c in sparse] == [c.title for c in dense] == ["Jalan rusak parah"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored search column")
def test_the_stored_search_column_follows_an_edited_text(world, three):
    complaint = three[0]
    Complaint.objects.filter(pk=complaint.pk).update(title="Jembatan ambruk", public_title="Jembatan ambruk")
    assert list(text_search(Complaint.objects.all(), "jembatan", audience="staff")) == [complaint]
    assert list(text_search(Complaint.objects.all(), "jembatan", audience="public")) == [complaint]


def test_graphql_public_list_searches_the_public_text(world, three, client):
    query = "query($q: String) { publicComplaints(q: $q) { items { trackingCode } } }"
    r = client.post("/graphql/", {"query": query, "variables": {"q": "lampu"}}, content_type="application/json")
    assert r.json()["data"]["publicComplaints"]["items"] == [{"trackingCode": three[1].tracking_code}]
    r = client.post("/graphql/", {"query": query, "variables": {"q": "x" * 201}}, content_type="application/json")
    assert r.json()["errors"][0]["message"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner setting")
def test_the_probe_leaves_the_planner_as_it_found_it(world, three):
    list(text_search(Complaint.objects.all(), "jalan rusak", audience="staff"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def _counted_without_a_query(qs):
    from cms.counting import capped_count

    with CaptureQueriesContext(connection) as queries:
        counted = capped_count(qs)
    return counted, len(queries.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the probe runs on PostgreSQL")
def test_a_searched_list_is_counted_by_its_probe_not_again(world, three, monkeypatch):
    """The ids read first are the count: exact when sparse, "more than SPARSE_MATCHES" when dense; a
    filter added after the search voids what the probe learnt (the list is then counted)."""
    from complaints import search

    sparse = text_search(Complaint.objects.all(), "jalan", audience="staff")
    counted, queries = _counted_without_a_query(sparse.order_by("-id"))
    assert (counted.count, counted.capped, queries) == (2, False, 0)
    narrowed = sparse.filter(title__startswith="Lampu")
    counted, queries = _counted_without_a_query(narrowed)
    assert (counted.count, counted.capped, queries) == (1, False, 1)

    monkeypatch.setattr(search, "SPARSE_MATCHES", 1)
    dense = text_search(Complaint.objects.all(), "jalan", audience="staff")
    counted, queries = _counted_without_a_query(dense)
    assert (counted.count, counted.capped, counted.cap, queries) == (2, True, 1, 0)
    ranked = search.ranked_text_search(Complaint.objects.all(), "jalan mati", audience="public")
    counted, queries = _counted_without_a_query(ranked)
    assert (counted.count, counted.capped, queries) == (2, False, 0)  # one holds both words, one "jalan"
    assert [c.title for c in ranked] == ["Lampu jalan mati", "Jalan rusak parah"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the probe runs on PostgreSQL")
def test_the_public_api_says_more_than_the_probe_saw_for_a_dense_search(world, three, client, monkeypatch):
    from complaints import search

    monkeypatch.setattr(search, "SPARSE_MATCHES", 1)
    body = client.get("/api/v1/complaints/public/", {"q": "jalan"}).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (2, True, 2)


def test_the_site_search_counts_complaints_as_every_list_does(world, three, client, settings, monkeypatch):
    """Capped (``LIST_COUNT_CAP``), or "more than" what a dense search's probe saw: never an exact
    COUNT(*) over every complaint holding a common word."""
    from complaints import search

    def said(query):
        return " ".join(client.get("/search/", {"query": query, "type": "complaint"}).content.decode().split())

    assert "2 hasil untuk “jalan”" in said("jalan")
    settings.LIST_COUNT_CAP = 1
    assert "Lebih dari 1 hasil untuk “jalan”" in said("jalan")
    settings.LIST_COUNT_CAP = 10_000
    if connection.vendor == "postgresql":
        monkeypatch.setattr(search, "SPARSE_MATCHES", 1)
        assert "Lebih dari 1 hasil untuk “jalan”" in said("jalan")
