"""A new assignment tells each assigned OPD's operators once (per assignment and OPD)."""

from __future__ import annotations

import pytest

from notifications.models import Notification
from organizations.models import MembershipRole
from reporting.assignments import assignment_sync_expected
from tests.factories import OPDFactory, PemdaFactory, opd_user
from tests.factories.reports import make_assignment, make_report_form

pytestmark = pytest.mark.django_db


def _assigned():
    return Notification.objects.filter(dedupe_key__startswith="report:assigned:").select_related("recipient")


def test_operators_get_one_notice_per_assignment_and_opd():
    PemdaFactory()
    opd_a, opd_b, opd_c = OPDFactory(name="Dinas A"), OPDFactory(name="Dinas B"), OPDFactory(name="Dinas C")
    opd_user(opd_a, username="op.a")
    opd_user(opd_b, username="op.b")
    opd_user(opd_a, role=MembershipRole.VERIFIER, username="kepala.a")
    opd_user(opd_c, username="op.c")
    form = make_report_form("laporan_notice")
    assignment = make_assignment(form=form, opds=[opd_a, opd_b], numbers=[1, 2], title="Laporan Kinerja")

    notices = list(_assigned().order_by("recipient__username"))
    assert [n.recipient.username for n in notices] == ["op.a", "op.b"]  # not the verifier; once for 2 periods
    first = notices[0]
    assert first.subject == "Penugasan laporan baru: Laporan Kinerja"
    assert "Dinas A mendapat penugasan laporan baru" in first.body
    assert "Triwulan I 20" in first.body
    assert "Triwulan II 20" in first.body
    assert first.dedupe_key == f"report:assigned:{assignment.pk}:{opd_a.pk}"

    # syncing again creates nothing and tells nobody again
    assert assignment_sync_expected(assignment=assignment) == 0
    assert _assigned().count() == 2
    # an OPD added later: only its operators hear about it
    assignment.opds.add(opd_c)
    assert assignment_sync_expected(assignment=assignment) == 2
    assert sorted(_assigned().values_list("recipient__username", flat=True)) == ["op.a", "op.b", "op.c"]
