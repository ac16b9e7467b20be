"""Assignments: validation, roles, and the expected (not started) submissions."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import OPDKind, TimeZone
from organizations.roles import GlobalRole
from reporting.assignments import assignment_create, assignment_opds, assignment_sync_expected
from reporting.models import PeriodType, Submission, SubmissionStatus
from reporting.periods import periods_ensure
from tests.factories import (
    FormDefinitionFactory,
    OPDFactory,
    PemdaFactory,
    UserFactory,
    editor_user,
    make_assignment,
    make_report_form,
    opd_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return editor_user()


@pytest.fixture
def quarters():
    return periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)


def _create(editor, form, periods, **kwargs):
    defaults = {"title": "Laporan triwulanan", "period_type": PeriodType.QUARTERLY, "opds": [OPDFactory()]}
    return assignment_create(actor=editor, form=form, periods=periods, **{**defaults, **kwargs})


def test_expected_rows_for_chosen_opds_and_active_opds_of_chosen_kinds(editor, quarters):
    dinas_a, dinas_b = OPDFactory(), OPDFactory()
    kec_1, kec_2 = OPDFactory(kind=OPDKind.KECAMATAN), OPDFactory(kind=OPDKind.KECAMATAN)
    OPDFactory(kind=OPDKind.KECAMATAN, is_active=False)
    OPDFactory(kind=OPDKind.BADAN)  # not assigned
    assignment = _create(
        editor, make_report_form(), quarters[:2], opds=[dinas_a, dinas_b, kec_1], opd_kinds=[OPDKind.KECAMATAN]
    )
    assert set(assignment_opds(assignment=assignment)) == {dinas_a, dinas_b, kec_1, kec_2}
    rows = Submission.objects.filter(assignment=assignment)
    assert rows.count() == 4 * 2  # kec_1 chosen and by kind: once
    assert set(rows.values_list("status", flat=True)) == {SubmissionStatus.NOT_STARTED}
    assert {(s.opd_id, s.period_id) for s in rows} == {
        (o.pk, p.pk) for o in (dinas_a, dinas_b, kec_1, kec_2) for p in quarters[:2]
    }
    assert rows.first().history.count() == 1  # created through the tracked bulk helper


def test_sync_is_idempotent_and_adds_only_what_is_missing(editor, quarters):
    opd = OPDFactory()
    assignment = _create(editor, make_report_form(), quarters[:1], opds=[opd])
    assert assignment_sync_expected(assignment=assignment) == 0
    assert assignment_sync_expected(assignment=assignment) == 0
    new_kec = OPDFactory(kind=OPDKind.KECAMATAN)
    assignment.opd_kinds = [OPDKind.KECAMATAN]
    assignment.save()
    assignment.periods.add(quarters[1])
    assert assignment_sync_expected(assignment=assignment) == 3  # new OPD × 2 periods + old OPD × new period
    assert assignment_sync_expected(assignment=assignment) == 0
    assert Submission.objects.filter(assignment=assignment, opd=new_kec).count() == 2
    assert Submission.objects.filter(assignment=assignment).count() == 4


def test_inactive_assignment_gets_no_new_rows(editor, quarters):
    assignment = _create(editor, make_report_form(), quarters[:1])
    assignment.is_active = False
    assignment.save()
    assignment.periods.add(quarters[1])
    assert assignment_sync_expected(assignment=assignment) == 0


def test_deadlines_use_the_pemda_zone_and_move_with_the_assignment(editor, quarters):
    PemdaFactory(timezone=TimeZone.WIT)
    assignment = _create(editor, make_report_form(), quarters[:1], due_days=10, grace_days=5)
    row = Submission.objects.get(assignment=assignment)
    local = row.due_at.astimezone(zoneinfo.ZoneInfo(TimeZone.WIT))
    assert (local.date(), local.hour) == (dt.date(2026, 4, 10), 23)
    assert row.locks_at - row.due_at == dt.timedelta(days=5)
    assignment.due_days = 15
    assignment.save()
    assignment_sync_expected(assignment=assignment)
    row.refresh_from_db()
    assert row.due_at.astimezone(zoneinfo.ZoneInfo(TimeZone.WIT)).date() == dt.date(2026, 4, 15)


def test_validation_messages_are_keyed_by_field(editor, quarters):
    months = periods_ensure(period_type=PeriodType.MONTHLY, year=2026)
    unpublished = FormDefinitionFactory()
    with pytest.raises(ValidationError) as exc:
        assignment_create(
            actor=editor,
            form=unpublished,
            title=" ",
            period_type=PeriodType.QUARTERLY,
            periods=[quarters[0], months[0]],
            opds=[],
            opd_kinds=[],
            due_days=-1,
            grace_days=400,
            reminder_days=[7, "x"],
        )
    errors = exc.value.message_dict
    assert set(errors) == {"title", "form", "periods", "opds", "due_days", "grace_days", "reminder_days"}
    assert "belum pernah diterbitkan" in errors["form"][0]
    assert "Januari 2026" in errors["periods"][0]
    with pytest.raises(ValidationError) as exc:
        _create(editor, make_report_form(), [], opds=[], opd_kinds=["pabrik"])
    assert set(exc.value.message_dict) == {"periods", "opd_kinds"}


def test_only_editors_create_assignments(quarters):
    form = make_report_form()
    opd = OPDFactory()
    for user in (opd_user(opd), UserFactory(roles=[GlobalRole.BAPPEDA_REVIEWER]), UserFactory()):
        with pytest.raises(PermissionDenied):
            _create(user, form, quarters[:1], opds=[opd])
    assert _create(UserFactory(is_superuser=True), form, quarters[:1], opds=[opd]).pk


def test_make_assignment_helper_builds_expected_rows():
    assignment = make_assignment(numbers=[1, 2], opds=[OPDFactory(), OPDFactory()])
    assert Submission.objects.filter(assignment=assignment).count() == 4
    assert assignment.reminder_days == [7, 1]
