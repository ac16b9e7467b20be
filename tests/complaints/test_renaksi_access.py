"""Who may do what with the Renaksi: tables of (role, door, object) -> allowed, over every door:
the services (edit plan, report progress), the admin screens (plan/action lists and edits,
"Rencana aksi saya", the report form, evidence download) and the public doors (page, REST, GraphQL)."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from complaints.renaksi import access
from complaints.renaksi.models import ActionEvidence, ActionProgress
from complaints.renaksi.services import action_save, plan_save, progress_report
from tests.complaints.renaksi_world import add_progress, make_world, png_upload, travel

pytestmark = pytest.mark.django_db

ROLES = ["desk", "bappeda", "superuser", "inspektur", "editor", "operator", "head", "liaison", "other_op", "nobody"]
EDITORS = {"desk", "bappeda", "superuser"}
REPORTERS = {"operator", "head", "liaison"}  # the owner OPD's members and liaison


@pytest.fixture
def w(pemda):
    return make_world()


@pytest.mark.parametrize("role", ROLES)
def test_service_doors(w, role):
    user = getattr(w, role)
    # edit the plan
    w.plan.description = f"ubah oleh {role}"
    if role in EDITORS:
        plan_save(plan=w.plan, actor=user)
        action_save(action=w.action, actor=user)
    else:
        with pytest.raises(PermissionDenied):
            plan_save(plan=w.plan, actor=user)
        with pytest.raises(PermissionDenied):
            action_save(action=w.action, actor=user)
    # report progress of an owned action
    with travel(2026, 5, 2):
        if role in REPORTERS:
            progress_report(action=w.action, actor=user, year=2026, quarter=1, percent=20, narrative="ok",
                            files=[png_upload()],
                            reason="koreksi" if ActionProgress.objects.exists() else "")  # fmt: skip
        else:
            with pytest.raises(PermissionDenied):
                progress_report(action=w.action, actor=user, year=2026, quarter=1, percent=20, narrative="ok",
                                files=[png_upload()])  # fmt: skip
    assert ActionProgress.objects.filter(action=w.action).exists() == (role in REPORTERS)


def test_nobody_reports_for_another_opd_or_in_a_draft_plan(w):
    assert not access.can_report(w.operator, w.other_actions[0])
    assert access.can_report(w.other_op, w.other_actions[0])
    assert not access.can_report(w.operator, w.draft_action)  # draft plan: not running


VISIBLE = {  # role -> which actions the staff lists show: "all", "published" (no draft), "own" (owner OPD's)
    "desk": "all", "bappeda": "all", "superuser": "all", "inspektur": "published", "editor": "published",
    "operator": "own", "head": "own", "liaison": "own", "other_op": "other", "nobody": "none",
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_admin_doors(w, role, settings):
    user = getattr(w, role)
    client = Client()
    client.force_login(user)
    with travel(2026, 5, 2):
        # lists
        index = client.get(reverse("complaints_renaksi_action:index"))
        expected = VISIBLE[role]
        if expected == "none":
            assert index.status_code in (302, 403)
        else:
            assert index.status_code == 200
            html = index.content.decode()
            assert ("Aksi draf" in html) == (expected == "all")
            assert ("Aksi Dinkes 1" in html) == (expected in {"all", "published", "own"})
            assert ("Aksi Disdik 1" in html) == (expected in {"all", "published", "other"})
        # one action's quarterly reports: whoever sees the action
        detail = client.get(reverse("complaints_renaksi_progress", args=[w.action.pk]))
        assert (detail.status_code == 200) == (expected in {"all", "published", "own"}), detail.status_code
        # edit screens: editors only
        edit = client.get(reverse("complaints_renaksi_action:edit", args=[w.action.pk]))
        assert (edit.status_code == 200) == (role in EDITORS)
        plan_edit = client.post(
            reverse("complaints_renaksi_plan:edit", args=[w.plan.pk]),
            {"title": w.plan.title, "start_year": 2025, "end_year": 2027, "status": "active", "description": role},
        )
        w.plan.refresh_from_db()
        assert (plan_edit.status_code, w.plan.description == role) == ((302, True) if role in EDITORS else (302, False))
        # "Rencana aksi saya" and the report form
        mine = client.get(reverse("complaints_renaksi_mine"))
        assert (mine.status_code == 200) == (role in REPORTERS | {"other_op"})
        posted = client.post(
            reverse("complaints_renaksi_report", args=[w.action.pk]),
            {f"a{w.action.pk}-period": "2026-1", f"a{w.action.pk}-percent": "30", f"a{w.action.pk}-narrative": "x",
             f"a{w.action.pk}-evidence": png_upload()},
        )  # fmt: skip
        saved = posted.status_code == 302 and posted["Location"].startswith(reverse("complaints_renaksi_mine"))
        assert saved == (role in REPORTERS), posted.status_code
        assert ActionProgress.objects.exists() == (role in REPORTERS)
    # the evidence download: whoever sees the action
    if role in REPORTERS:
        evidence = ActionEvidence.objects.get()
        for other in ROLES:
            c = Client()
            c.force_login(getattr(w, other))
            got = c.get(reverse("complaints_renaksi_evidence", args=[evidence.uuid]))
            assert (got.status_code == 200) == (VISIBLE[other] in {"all", "published", "own"}), other


def test_public_doors_never_show_a_draft_plan(w, client, api_client):
    plans = api_client.get("/api/v1/renaksi/plans/").json()["results"]
    assert [p["title"] for p in plans] == ["Renaksi 2025–2027"]
    assert api_client.get(f"/api/v1/renaksi/plans/{w.draft.pk}/").status_code == 404
    query = {"query": f'{{ renaksiPlan(id: "{w.draft.pk}") {{ title }} renaksiPlans {{ title }} }}'}
    data = client.post("/graphql/", json.dumps(query), content_type="application/json").json()["data"]
    assert data["renaksiPlan"] is None
    assert [p["title"] for p in data["renaksiPlans"]] == ["Renaksi 2025–2027"]


def test_a_goalpost_change_in_a_running_plan_needs_a_reason_and_records_it(w):
    w.action.due_date = dt.date(2027, 3, 31)
    with pytest.raises(ValidationError) as exc:
        action_save(action=w.action, actor=w.desk)
    assert "reason" in exc.value.message_dict
    action_save(action=w.action, actor=w.desk, reason="Menunggu anggaran perubahan")
    latest = w.action.history.order_by("-history_id").first()
    assert (latest.history_change_reason, latest.history_actor) == ("Menunggu anggaran perubahan", "user:meja")


def test_admin_action_list_filters_by_status_plan_and_opd(w, client):
    add_progress(w.actions[1], 2026, 2, 100)
    client.force_login(w.desk)
    url = reverse("complaints_renaksi_action:index")
    with travel(2026, 7, 15):
        late = client.get(url, {"status": "terlambat"}).content.decode()
        done = client.get(url, {"status": "selesai"}).content.decode()
        by_opd = client.get(url, {"opd": w.other.pk}).content.decode()
    assert "Aksi Disdik 1" in late
    assert "Aksi Disdik 2" in late
    assert "Aksi Dinkes 1" not in late
    assert "Aksi Dinkes 2" not in late
    assert "Aksi Dinkes 2" in done
    assert "Aksi Dinkes 1" not in done
    assert "Aksi Disdik 1" in by_opd
    assert "Aksi Dinkes 1" not in by_opd
    assert "Terlambat" in late
    assert "15 Juli 2026" not in late
    assert "30 Juni 2026" in late
