"""A small Renaksi world for the tests: a running plan with actions of two OPDs and the people."""

import datetime as dt
import io
import zoneinfo

import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from complaints.models import ContactPoint
from complaints.renaksi.models import Action, ActionPlan, ActionProgress, PlanStatus
from organizations.models import MembershipRole
from organizations.roles import OPD_MEMBER_GROUP, GlobalRole
from tests.complaints.uploads import upload
from tests.factories import OPDFactory, UserFactory, desk_user, opd_user

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def travel(year, month, day, hour=8):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=WITA), tick=False)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="bukti.png"):
    return upload(name, png(), "image/png")


class World:
    pass


def make_world(*, actions_per_opd: int = 2) -> World:
    w = World()
    w.dinas = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    w.other = OPDFactory(name="Dinas Pendidikan", acronym="Disdik")
    w.desk = desk_user(username="meja")
    w.bappeda = UserFactory(username="bappeda", roles=[GlobalRole.BAPPEDA_REVIEWER])
    w.inspektur = UserFactory(username="inspektur", roles=[GlobalRole.INSPECTORATE])
    w.editor = UserFactory(username="editor", roles=[GlobalRole.KOMINFO_EDITOR])
    w.operator = opd_user(w.dinas, username="op.dinkes", email="op.dinkes@nunukankab.go.id")
    w.head = opd_user(w.dinas, MembershipRole.VERIFIER, username="kepala.dinkes", email="kepala@nunukankab.go.id")
    w.other_op = opd_user(w.other, username="op.disdik", email="op.disdik@nunukankab.go.id")
    # a liaison without an OPD membership (admin access through the OPD users' group)
    w.liaison = UserFactory(username="penghubung", email="penghubung@nunukankab.go.id")
    w.liaison.groups.add(Group.objects.get(name=OPD_MEMBER_GROUP))
    ContactPoint.objects.create(opd=w.dinas, user=w.liaison)
    w.nobody = UserFactory(username="warga")
    w.superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    w.plan = ActionPlan.objects.create(
        title="Renaksi 2025–2027", start_year=2025, end_year=2027, status=PlanStatus.ACTIVE
    )
    w.draft = ActionPlan.objects.create(title="Renaksi 2028–2030", start_year=2028, end_year=2030)
    w.actions, w.other_actions = [], []
    for i in range(actions_per_opd):
        w.actions.append(
            Action.objects.create(
                plan=w.plan, code=f"1.{i + 1}", title=f"Aksi Dinkes {i + 1}", opd=w.dinas,
                output="Keluaran", indicator="Indikator", due_date=dt.date(2026, 12, 31), order=i,
            )
        )  # fmt: skip
        w.other_actions.append(
            Action.objects.create(
                plan=w.plan, code=f"2.{i + 1}", title=f"Aksi Disdik {i + 1}", opd=w.other,
                output="Keluaran", indicator="Indikator", due_date=dt.date(2026, 6, 30), order=10 + i,
            )
        )  # fmt: skip
    w.action = w.actions[0]
    w.draft_action = Action.objects.create(
        plan=w.draft,
        code="1.1",
        title="Aksi draf",
        opd=w.dinas,
        output="-",
        indicator="-",
        due_date=dt.date(2028, 6, 30),
    )
    return w


def add_progress(action, year, quarter, percent, *, by=None):
    return ActionProgress.objects.create(
        action=action, year=year, quarter=quarter, percent=percent, narrative="Kemajuan", reported_by=by,
        reported_at=timezone.now(),
    )  # fmt: skip
