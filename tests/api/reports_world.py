"""A small reporting world for the API tests: two OPDs, their people, and reports in every state.

Built through the services (assignment_create, save/submit/verify), never by writing rows by hand,
so the doors are tested against real states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from organizations.models import MembershipRole
from organizations.roles import GlobalRole
from reporting import workflow
from reporting.models import PeriodType, Submission
from tests.factories import (
    OPDFactory,
    UserFactory,
    editor_user,
    make_assignment,
    make_report_form,
    opd_user,
    pdf_upload,
    reviewer_user,
)

#: Answers that pass the report form's full validation (``tests.factories.reports.report_schema``).
VALID = {
    "nama_kegiatan": "Imunisasi dasar lengkap",
    "jumlah_pegawai": 12,
    "realisasi": [{"kegiatan": "Posyandu", "pagu": 1_000_000, "realisasi": 750_000}],
}


def auth(user) -> dict:
    """Request headers for ``user`` (empty for anonymous)."""
    if user is None:
        return {}
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


@dataclass
class World:
    opd_x: object
    opd_y: object
    users: dict
    form: object
    #: state name -> X's submission in that state; ``other`` is Y's draft.
    x: dict = field(default_factory=dict)
    other: Submission | None = None
    attachment: object = None

    def sub(self, name: str) -> Submission:
        """A fresh copy of X's submission ``name`` (tests may change it; the world is shared)."""
        return Submission.objects.get(pk=self.x[name].pk)


def build_world(*, year: int | None = None) -> World:
    """X has reports of one monthly assignment in every state; Y has one draft.

    Next year's months are used so nothing is locked and ``my_current_submissions`` stays
    empty for the old periods; ``current`` tests use ``current_assignment``.
    """
    year = year or timezone.localdate().year + 1
    opd_x = OPDFactory(name="Dinas Kesehatan", acronym="DINKES")
    opd_y = OPDFactory(name="Dinas Pendidikan", acronym="DISDIK")
    users = {
        "operator_x": opd_user(opd_x, username="operator.dinkes", first_name="Sari"),
        "operator_y": opd_user(opd_y, username="operator.disdik"),
        "verifier_x": opd_user(opd_x, MembershipRole.VERIFIER, username="kepala.dinkes"),
        "editor": editor_user(username="editor.kominfo"),
        "bappeda": reviewer_user(username="reviewer.bappeda"),
        "auditor": UserFactory(username="auditor", roles=[GlobalRole.AUDITOR]),
        "anonymous": None,
    }
    form = make_report_form(key="laporan_api")
    assignment = make_assignment(
        form=form, opds=[opd_x, opd_y], period_type=PeriodType.MONTHLY, year=year, numbers=range(1, 7)
    )
    slots = {
        s.period.number: s for s in Submission.objects.filter(assignment=assignment, opd=opd_x).select_related("period")
    }
    op, ver = users["operator_x"], users["verifier_x"]
    world = World(opd_x=opd_x, opd_y=opd_y, users=users, form=form)
    world.x["draft"] = workflow.submission_save_draft(submission=slots[1], actor=op, answers={"nama_kegiatan": "A"})
    world.attachment = workflow.submission_attach(
        submission=world.x["draft"], actor=op, field_path="dokumen", upload=pdf_upload()
    )
    world.x["ready"] = workflow.submission_save_draft(submission=slots[2], actor=op, answers=VALID)
    for n, name in ((3, "submitted"), (4, "submitted_2"), (5, "verified")):
        s = workflow.submission_save_draft(submission=slots[n], actor=op, answers=VALID)
        world.x[name] = workflow.submission_submit(submission=s, actor=op)
    world.x["verified"] = workflow.submission_verify(submission=world.x["verified"], actor=ver)
    other = Submission.objects.get(assignment=assignment, opd=opd_y, period__number=1)
    world.other = workflow.submission_save_draft(
        submission=other, actor=users["operator_y"], answers={"nama_kegiatan": "B"}
    )
    return world


def current_assignment(*, opds, today: dt.date | None = None):
    """An assignment of the current quarter for ``opds`` (shows in ``my_current_submissions``)."""
    today = today or timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    return make_assignment(opds=opds, period_type=PeriodType.QUARTERLY, year=today.year, numbers=[quarter])


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """``build_world()`` once per module, inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (the ``db`` fixture), so what one test changes
    is gone before the next; tests take fresh rows with ``world.sub(name)``.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
