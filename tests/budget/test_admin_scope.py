"""Per-OPD admin record screens: an OPD's operator (the treasurer works as one) sees only their OPD's
budget lines, contracts, stages and alerts; leaders, the budget manager and Bappeda see all. Object
screens refuse another OPD's row. Listings keep their query count whatever the number of rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from budget.alerts import scan
from budget.models import Alert, BudgetLine, Contract, ContractStage, OPDBudget
from organizations.models import OPD, MembershipRole
from organizations.roles import GlobalRole
from tests.factories import UserFactory, opd_user

pytestmark = pytest.mark.django_db

#: listing URL → (model, path from the model to its OPD)
LISTINGS = {
    "/admin/budget/opdbudget/": (OPDBudget, "opd"),
    "/admin/budget/budgetline/": (BudgetLine, "opd_budget__opd"),
    "/admin/budget/contract/": (Contract, "package__line__opd_budget__opd"),
    "/admin/budget/contractstage/": (ContractStage, "contract__package__line__opd_budget__opd"),
    "/admin/budget/alert/": (Alert, "opd"),
}


@pytest.fixture
def two_opds(people):
    scan()  # opens the alerts of the day (nothing is delivered in this test)
    dinkes = people["dinkes"]
    dpupr = OPD.objects.get(acronym="DPUPR")
    assert Contract.objects.filter(package__line__opd_budget__opd=dpupr).exists()
    return {
        "dinkes": dinkes,
        "dpupr": dpupr,
        "dinkes_operator": people["operator"],
        "dpupr_treasurer": opd_user(dpupr, MembershipRole.OPERATOR, username="bendahara.dpupr"),
        "bappeda": UserFactory(username="bappeda.uji", roles=[GlobalRole.BAPPEDA_REVIEWER]),
    }


def _listed_opds(client, url, model, path) -> tuple[set[int], int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    listed = response.context["page_obj"].paginator.object_list
    return set(listed.values_list(f"{path}", flat=True)), listed.count()


@pytest.mark.parametrize("url", LISTINGS)
def test_an_opd_operator_lists_only_their_opd(two_opds, url):
    model, path = LISTINGS[url]
    for who, opd in (("dinkes_operator", "dinkes"), ("dpupr_treasurer", "dpupr")):
        client = Client()
        client.force_login(two_opds[who])
        opds, count = _listed_opds(client, url, model, path)
        assert opds == {two_opds[opd].pk}, (who, url)
        assert count == model.objects.filter(**{path: two_opds[opd]}).count()


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("who", ["leader", "manager", "bappeda"])
def test_leaders_finance_and_bappeda_list_every_opd(people, two_opds, url, who):
    model, path = LISTINGS[url]
    client = Client()
    client.force_login(two_opds.get(who) or people[who])
    opds, count = _listed_opds(client, url, model, path)
    assert {two_opds["dinkes"].pk, two_opds["dpupr"].pk} <= opds
    assert count == model.objects.count()


def test_object_screens_refuse_another_opds_row(two_opds):
    client = Client()
    client.force_login(two_opds["dinkes_operator"])
    own = Contract.objects.filter(package__line__opd_budget__opd=two_opds["dinkes"]).first()
    other = Contract.objects.filter(package__line__opd_budget__opd=two_opds["dpupr"]).first()
    assert client.get(f"/admin/budget/contract/inspect/{own.pk}/").status_code == 200
    for screen in ("inspect", "edit", "history", "delete"):
        response = client.get(f"/admin/budget/contract/{screen}/{other.pk}/")
        assert response.status_code in (302, 403), screen
        if response.status_code == 302:
            assert f"/{other.pk}/" not in response["Location"]
    stage = ContractStage.objects.filter(contract=other).first()
    assert client.get(f"/admin/budget/contractstage/inspect/{stage.pk}/").status_code in (302, 403)


def test_an_operator_has_no_dashboard_menu_item_they_cannot_open(two_opds):
    client = Client()
    client.force_login(two_opds["dinkes_operator"])
    page = client.get("/admin/").content.decode()
    assert "/serap/" not in page
    assert "/admin/budget/contract/" in page


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["page_obj"].object_list)


@pytest.mark.parametrize(
    "url", ["/admin/budget/contract/", "/admin/budget/contractstage/", "/admin/budget/budgetline/"]
)
def test_listing_queries_do_not_grow_with_rows(two_opds, url):
    """The Dinkes operator's listing with one contract of Dinkes left, then with two (rows double,
    under one page); the budget lines listing at the same two sizes."""
    client = Client()
    client.force_login(two_opds["dinkes_operator"])
    dinkes = two_opds["dinkes"]
    contracts = list(Contract.objects.filter(package__line__opd_budget__opd=dinkes).order_by("pk"))
    assert len(contracts) >= 2
    Alert.objects.all().delete()
    for contract in contracts[2:]:
        contract.delete()
    lines = list(BudgetLine.objects.filter(opd_budget__opd=dinkes, packages__isnull=True).order_by("pk"))
    keep = {c.package.line_id for c in contracts[:2]}
    BudgetLine.objects.filter(pk__in=[ln.pk for ln in lines[4:]]).exclude(pk__in=keep).delete()
    big, big_rows = _queries(client, url)
    contracts[1].delete()
    BudgetLine.objects.filter(pk__in=[ln.pk for ln in lines[1:4]]).exclude(pk__in=keep).delete()
    small, small_rows = _queries(client, url)
    assert small_rows < big_rows <= 20
    assert small == big, (url, small, big)
