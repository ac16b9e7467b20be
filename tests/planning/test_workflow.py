"""Realisation workflow, the Perjanjian Kinerja, links, history; permissions as a table over doors."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from organizations.roles import GlobalRole
from planning.models import AgreementStatus, PerformanceAgreement, Realisation, RealisationStatus
from planning.services import node_supports_set
from planning.workflow import agreement_revise, agreement_sign, realisation_review, realisation_submit
from tests.factories import UserFactory, add_indicator, bappeda_user, opd_user, pdf_upload, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = plan_world(opds=2)
    w.ind_a = add_indicator(w.opd_sasaran[0], target=100)
    w.ind_b = add_indicator(w.opd_sasaran[1], target=100)
    return w


def test_submit_verify_and_history(world):
    operator = opd_user(world.opds[0])
    bappeda = bappeda_user()
    real = realisation_submit(
        indicator=world.ind_a, year=2026, quarter=1, value=Decimal("30"), plan_value=Decimal("25"), actor=operator,
        files=[pdf_upload("bukti.pdf")],
    )  # fmt: skip
    assert real.status == RealisationStatus.SUBMITTED
    assert real.evidence.get().mime == "application/pdf"
    real = realisation_review(realisation=real, actor=bappeda, approve=True)
    assert real.status == RealisationStatus.VERIFIED
    assert real.verified_by == bappeda
    history = list(real.history.order_by("history_date"))
    assert [h.status for h in history] == ["submitted", "verified"]
    assert history[-1].history_user == bappeda
    assert history[-1].history_change_reason == "Realisasi diverifikasi"
    with pytest.raises(ValidationError):
        realisation_submit(indicator=world.ind_a, year=2026, quarter=1, value=Decimal("31"), actor=operator)


def test_bad_evidence_and_values_are_refused(world):
    operator = opd_user(world.opds[0])
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        realisation_submit(indicator=world.ind_a, year=2026, quarter=1, value=Decimal(1), actor=operator, files=[fake])
    assert "Jenis berkas tidak diizinkan" in str(caught.value)
    assert not Realisation.objects.exists()
    with pytest.raises(ValidationError):
        realisation_submit(indicator=world.ind_a, year=2026, quarter=5, value=Decimal(1), actor=operator)
    with pytest.raises(ValidationError):
        realisation_submit(indicator=world.ind_a, year=2026, quarter=1, value=Decimal(-1), actor=operator)


def test_return_needs_a_note(world):
    real = realisation_submit(
        indicator=world.ind_a, year=2026, quarter=2, value=Decimal(5), actor=opd_user(world.opds[0])
    )
    with pytest.raises(ValidationError):
        realisation_review(realisation=real, actor=bappeda_user(), approve=False, note=" ")
    real = realisation_review(realisation=real, actor=bappeda_user(), approve=False, note="Bukti kurang")
    assert real.status == RealisationStatus.RETURNED


def test_agreement_freezes_targets_and_revisions_keep_the_old_ones(world):
    bappeda = bappeda_user()
    pk = PerformanceAgreement.objects.create(rpjmd=world.rpjmd, opd=world.opds[0], year=2026)
    agreement_sign(agreement=pk, signatory="Kepala Dinas", signed_on="2026-01-15", actor=bappeda)
    assert pk.status == AgreementStatus.SIGNED
    assert pk.items.get().value == 100
    world.ind_a.targets.filter(year=2026).update(value=Decimal(50))  # the plan changes later; the PK does not
    assert pk.items.get().value == 100
    with pytest.raises(ValidationError):
        agreement_revise(agreement=pk, targets={world.ind_a.pk: (Decimal(90), None, None)}, reason="", actor=bappeda)
    agreement_revise(
        agreement=pk, targets={world.ind_a.pk: (Decimal(90), None, None)}, reason="Refocusing", actor=bappeda
    )
    revision = pk.revisions.get()
    assert (revision.number, revision.reason) == (1, "Refocusing")
    assert revision.previous_targets[str(world.ind_a.pk)][0] == "100.0000"
    assert pk.items.get().value == 90
    with pytest.raises(PermissionDenied):
        agreement_revise(agreement=pk, targets={}, reason="x", actor=opd_user(world.opds[0]))


def test_links_only_to_the_right_level_and_leave_history(world):
    bappeda = bappeda_user()
    node = world.opd_sasaran[0]
    with pytest.raises(ValidationError):
        node_supports_set(node=node, targets=[world.tujuan], actor=bappeda)
    node_supports_set(node=node, targets=[], actor=bappeda)
    assert not node.supports.exists()
    node_supports_set(node=node, targets=[world.sasaran], actor=bappeda, reason="Cascading ulang")
    from planning.models import NodeSupport

    link = NodeSupport.objects.get(node=node)
    assert link.history.last().history_change_reason == "Cascading ulang"
    with pytest.raises(PermissionDenied):
        node_supports_set(node=node, targets=[], actor=opd_user(world.opds[0]))


# --- permission table: (role, door, object) → allowed --------------------------------------

ROLES = ["anonim", "operator_a", "operator_b", "bappeda", "editor"]


def _user(role, world):
    return {
        "anonim": None,
        "operator_a": lambda: opd_user(world.opds[0]),
        "operator_b": lambda: opd_user(world.opds[1]),
        "bappeda": bappeda_user,
        "editor": lambda: UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]),
    }[role]


def _client(role, world):
    from django.test import Client

    factory = _user(role, world)
    client = Client()
    if factory:
        client.force_login(factory())
    return client


TABLE = {
    # door: allowed roles
    "admin_entry_post_a": {"operator_a", "bappeda"},
    "rest_submit_a": {"operator_a", "bappeda"},
    "admin_verify_post": {"bappeda"},
    "rest_review": {"bappeda"},
    "admin_tree": {"bappeda", "editor"},
    "admin_import": {"bappeda"},
    "admin_link": {"bappeda"},
    "evidence_a": {"operator_a", "bappeda", "editor"},
}


def _door(door, client, world, role):
    if door == "admin_entry_post_a":
        client.post("/admin/perencanaan/realisasi/", {"indikator": world.ind_a.pk, "tahun": 2026, "triwulan": 3,
                                                      "realisasi": "40"})  # fmt: skip
        return Realisation.objects.filter(indicator=world.ind_a, quarter=3).exists()
    if door == "rest_submit_a":
        api = APIClient()
        if role != "anonim":
            api.force_authenticate(client.session and _session_user(client))
        payload = {"indicator": world.ind_a.pk, "year": 2026, "quarter": 2, "value": "12"}
        r = api.post("/api/v1/planning/realisations/", payload, format="json")
        return r.status_code == 201
    if door == "admin_verify_post":
        client.post("/admin/perencanaan/verifikasi/", {"realisasi": world.pending.pk, "aksi": "verifikasi"})
        world.pending.refresh_from_db()
        return world.pending.status == RealisationStatus.VERIFIED
    if door == "rest_review":
        api = APIClient()
        if role != "anonim":
            api.force_authenticate(_session_user(client))
        r = api.post(f"/api/v1/planning/realisations/{world.pending.pk}/review/", {"approve": True}, format="json")
        return r.status_code == 200
    url = {
        "admin_tree": "/admin/perencanaan/pohon/",
        "admin_import": "/admin/perencanaan/impor/",
        "admin_link": f"/admin/perencanaan/simpul/{world.opd_sasaran[0].pk}/kaitkan/",
        "evidence_a": f"/admin/perencanaan/bukti/{world.evidence.uuid}/",
    }[door]
    return client.get(url).status_code == 200


def _session_user(client):
    from django.contrib.auth import get_user_model

    uid = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=uid) if uid else None


@pytest.mark.parametrize("door", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_permission_table(world, role, door):
    world.pending = realisation_submit(
        indicator=world.ind_b, year=2026, quarter=1, value=Decimal(5), actor=bappeda_user(),
        files=[pdf_upload("b.pdf")],
    )  # fmt: skip
    world.evidence = realisation_submit(
        indicator=world.ind_a, year=2026, quarter=4, value=Decimal(5), actor=bappeda_user(),
        files=[pdf_upload("a.pdf")],
    ).evidence.get()  # fmt: skip
    client = _client(role, world)
    assert _door(door, client, world, role) is (role in TABLE[door])


def test_api_bad_input_is_a_problem_not_a_500(world):
    api = APIClient()
    api.force_authenticate(opd_user(world.opds[0]))
    r = api.post("/api/v1/planning/realisations/", {"indicator": world.ind_a.pk, "year": 2026, "quarter": 9,
                                                    "value": "x"}, format="json")  # fmt: skip
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    r = api.post("/api/v1/planning/realisations/", {"indicator": 999999, "year": 2026, "quarter": 1, "value": "1"},
                 format="json")  # fmt: skip
    assert r.status_code == 404
    r = api.post("/api/v1/planning/realisations/", {"indicator": world.ind_b.pk, "year": 2026, "quarter": 1,
                                                    "value": "1"}, format="json")  # fmt: skip
    assert r.status_code == 403
    listed = api.get("/api/v1/planning/indicators/?tahun=2026").json()
    assert [i["id"] for i in listed] == [world.ind_a.pk]


@pytest.mark.parametrize(
    "url",
    ["/admin/planning_rpjmd/", "/admin/planning_plannode/", "/admin/planning_indicator/",
     "/admin/planning_agreement/", "/admin/planning_nomenclature/", "/admin/planning_plannode/new/"],
)  # fmt: skip
def test_planner_viewsets_open_and_operators_are_kept_out(client, url):
    world = plan_world(opds=1)
    client.force_login(bappeda_user())
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Perencanaan" in response.content.decode()
    client.force_login(opd_user(world.opds[0]))
    assert client.get(url).status_code in (302, 403)


def test_graphql_planning_indicators_are_the_users_own(world):
    from rest_framework.authtoken.models import Token

    query = "{ planningIndicators(year: 2026) { id name opd quarters { quarter value statusLabel } } }"
    operator = opd_user(world.opds[0])
    realisation_submit(indicator=world.ind_a, year=2026, quarter=1, value=Decimal(7), actor=operator)
    api = APIClient()
    anonymous = api.post("/graphql/", {"query": query}, format="json").json()
    assert anonymous["errors"][0]["extensions"]["code"] == "not_authenticated"
    token, _created = Token.objects.get_or_create(user=operator)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api.post("/graphql/", {"query": query}, format="json").json()["data"]["planningIndicators"]
    assert [int(i["id"]) for i in data] == [world.ind_a.pk]
    assert data[0]["quarters"] == [{"quarter": 1, "value": 7.0, "statusLabel": "Diajukan"}]
