"""Renaksi models (constraints, history) and THE status rule (Python and query agree)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from complaints.renaksi.models import Action, ActionPlan, ActionProgress, PlanStatus
from complaints.renaksi.status import (
    ActionStatus,
    action_status,
    progress_due_date,
    quarter_choices_for,
    reporting_quarter,
    status_filter,
    status_of,
    with_latest_percent,
)
from tests.complaints.renaksi_world import add_progress, make_world

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("due", "percent", "today", "expected"),
    [
        (D(2026, 6, 30), None, D(2026, 6, 1), ActionStatus.NOT_STARTED),
        (D(2026, 6, 30), 0, D(2026, 6, 30), ActionStatus.NOT_STARTED),  # due today is not late yet
        (D(2026, 6, 30), 40, D(2026, 6, 1), ActionStatus.IN_PROGRESS),
        (D(2026, 6, 30), 100, D(2026, 6, 1), ActionStatus.DONE),
        (D(2026, 6, 30), 100, D(2026, 9, 1), ActionStatus.DONE),  # done late is done
        (D(2026, 6, 30), 99, D(2026, 7, 1), ActionStatus.LATE),
        (D(2026, 6, 30), None, D(2026, 7, 1), ActionStatus.LATE),
    ],
)
def test_status_rule(due, percent, today, expected):
    assert action_status(due_date=due, latest_percent=percent, today=today) == expected


def test_the_query_filter_agrees_with_the_python_rule(pemda):
    w = make_world(actions_per_opd=3)
    add_progress(w.actions[0], 2026, 1, 40)
    add_progress(w.actions[0], 2026, 2, 100)  # latest wins: done
    add_progress(w.actions[1], 2026, 1, 30)
    add_progress(w.other_actions[0], 2026, 1, 50)  # due 30 June 2026
    add_progress(w.other_actions[1], 2026, 2, 0)
    for today in (D(2026, 5, 1), D(2026, 7, 1), D(2027, 2, 1)):
        actions = list(with_latest_percent(Action.objects.all()))
        by_rule = {a.pk: status_of(a, today=today) for a in actions}
        for status in ActionStatus:
            matched = set(
                with_latest_percent(Action.objects.all())
                .filter(status_filter(status, today=today))
                .values_list("pk", flat=True)
            )
            assert matched == {pk for pk, s in by_rule.items() if s == status}, (today, status)
    assert by_rule[w.actions[0].pk] == ActionStatus.DONE


def test_progress_is_unique_per_action_year_and_quarter(pemda):
    w = make_world()
    add_progress(w.action, 2026, 1, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_progress(w.action, 2026, 1, 20)
    add_progress(w.action, 2026, 2, 20)  # another quarter is fine


@pytest.mark.parametrize(("quarter", "percent"), [(0, 10), (5, 10), (2, 101)])
def test_quarter_and_percent_are_bounded_in_the_database(pemda, quarter, percent):
    w = make_world()
    with pytest.raises(IntegrityError), transaction.atomic():
        add_progress(w.action, 2026, quarter, percent)


def test_plan_years_and_action_codes_are_checked(pemda):
    w = make_world()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlan.objects.create(title="Terbalik", start_year=2027, end_year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            plan=w.plan, code="1.1", title="Duplikat", opd=w.dinas, output="-", indicator="-", due_date=D(2026, 1, 1)
        )
    outside = Action(
        plan=w.plan, code="9.9", title="Di luar", opd=w.dinas, output="-", indicator="-", due_date=D(2030, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        outside.full_clean()
    assert "due_date" in exc.value.message_dict


def test_every_renaksi_model_has_history(pemda):
    w = make_world()
    add_progress(w.action, 2026, 1, 10)
    assert ActionPlan.history.filter(id=w.plan.pk).exists()
    assert Action.history.filter(id=w.action.pk).exists()
    assert ActionProgress.history.filter(action_id=w.action.pk).exists()
    w.plan.status = PlanStatus.CLOSED
    w.plan.save()
    assert ActionPlan.history.filter(id=w.plan.pk).count() == 2


def test_quarterly_calendar():
    assert progress_due_date(2026, 1) == D(2026, 4, 10)
    assert progress_due_date(2026, 4) == D(2027, 1, 10)
    assert reporting_quarter(D(2026, 3, 27)) == (2026, 1)  # 14 days before 10 April
    assert reporting_quarter(D(2026, 4, 10)) == (2026, 1)
    assert reporting_quarter(D(2026, 4, 11)) is None
    assert reporting_quarter(D(2027, 1, 3)) == (2026, 4)


def test_quarters_open_for_reporting_are_the_started_quarters_of_the_plan(pemda):
    w = make_world()
    periods = quarter_choices_for(w.plan, today=D(2026, 5, 1))
    assert periods[0] == (2025, 1)
    assert periods[-1] == (2026, 2)
    assert len(periods) == 6
