"""The contract rules at their edges, read from the seeded ``BudgetRules`` row (data, not code)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetRules, Contract, ContractStage, DayKind, StageKind
from budget.rules import is_critical, penalty_for, rules_in_force, stage_days_late

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules():
    return rules_in_force(on=dt.date(2026, 6, 1))


def test_seeded_rules_carry_their_source(rules):
    assert rules.penalty_per_mille_per_day == Decimal("1.000")
    assert rules.penalty_max_days == 50
    assert "Perpres" in rules.source


def test_no_rules_before_the_first_row_is_a_clear_error():
    with pytest.raises(ValidationError):
        rules_in_force(on=dt.date(2000, 1, 1))


def test_a_newer_rules_row_applies_from_its_date(rules):
    newer = BudgetRules.objects.create(
        **{
            **{f.attname: getattr(rules, f.attname) for f in BudgetRules._meta.concrete_fields if f.attname != "id"},
            "valid_from": dt.date(2026, 7, 1),
            "penalty_per_mille_per_day": Decimal("2"),
        }
    )
    assert rules_in_force(on=dt.date(2026, 6, 30)).pk == rules.pk
    assert rules_in_force(on=dt.date(2026, 7, 1)).pk == newer.pk


@pytest.mark.parametrize(
    ("planned", "actual", "past_year", "critical"),
    [
        ("50", "40", False, False),  # exactly 10 behind in the low band: not critical ("more than" is strict)
        ("50", "39.99", False, True),  # just over 10 behind
        ("70", "60", False, False),  # 70 belongs to the low band: 10 behind is not critical
        ("70", "59.5", False, True),
        ("0", "0", True, False),  # nothing planned, nothing behind
        ("70.01", "65.01", False, False),  # high band, exactly 5 behind, within the year
        ("70.01", "65", False, True),  # high band, more than 5 behind
        ("90", "85", True, True),  # high band, 5 or less behind, runs past the fiscal year
        ("90", "89", True, True),
        ("90", "90", True, False),  # not behind at all
        ("100", "95", False, False),
        ("100", "94.99", False, True),
    ],
)
def test_kontrak_kritis_edges(rules, planned, actual, past_year, critical):
    assert (
        is_critical(planned_pct=Decimal(planned), actual_pct=Decimal(actual), runs_past_year=past_year, rules=rules)
        is critical
    )


def test_critical_thresholds_are_data(rules):
    rules.critical_low_gap = Decimal("15")
    assert not is_critical(planned_pct=Decimal(50), actual_pct=Decimal(38), runs_past_year=False, rules=rules)


def _contract(**kw):
    base = {
        "number": "K-1",
        "value": 1_100_000_000,
        "vat_amount": 100_000_000,
        "signed_on": dt.date(2026, 3, 1),
        "start_on": dt.date(2026, 3, 2),
        "end_on": dt.date(2026, 8, 31),
    }
    return Contract(**{**base, **kw})


def test_penalty_is_one_per_mille_per_calendar_day_of_the_value(rules):
    penalty = penalty_for(contract=_contract(), today=dt.date(2026, 9, 10), rules=rules)
    assert penalty.days == 10
    assert penalty.amount == 1_100_000 * 10
    assert not penalty.past_grace


def test_no_penalty_on_the_last_planned_day(rules):
    assert penalty_for(contract=_contract(), today=dt.date(2026, 8, 31), rules=rules).amount == 0


def test_penalty_before_vat_when_the_contract_says_so(rules):
    penalty = penalty_for(contract=_contract(penalty_before_vat=True), today=dt.date(2026, 9, 1), rules=rules)
    assert penalty.base == 1_000_000_000
    assert penalty.amount == 1_000_000


def test_penalty_on_the_late_part_only_when_separable(rules):
    whole = penalty_for(contract=_contract(), today=dt.date(2026, 9, 1), rules=rules, late_part_value=200_000_000)
    part = penalty_for(
        contract=_contract(separable=True), today=dt.date(2026, 9, 1), rules=rules, late_part_value=200_000_000
    )
    assert whole.amount == 1_100_000
    assert part.amount == 200_000


def test_penalty_stops_at_completion_and_grace_is_fifty_days(rules):
    done = penalty_for(contract=_contract(completed_on=dt.date(2026, 9, 5)), today=dt.date(2026, 12, 1), rules=rules)
    assert done.days == 5
    assert done.grace_ends_on == dt.date(2026, 10, 20)
    on_last_grace_day = penalty_for(contract=_contract(), today=dt.date(2026, 10, 20), rules=rules)
    assert on_last_grace_day.days == 50
    assert not on_last_grace_day.past_grace
    assert penalty_for(contract=_contract(), today=dt.date(2026, 10, 21), rules=rules).past_grace


def test_stage_lateness_in_working_days_for_administrative_steps(rules):
    # Friday 2026-08-14 planned; Monday 17 August is Independence Day (national holiday).
    spm = ContractStage(kind=StageKind.SPM, planned_on=dt.date(2026, 8, 14))
    assert stage_days_late(stage=spm, today=dt.date(2026, 8, 18), rules=rules) == 1
    assert stage_days_late(stage=spm, today=dt.date(2026, 8, 14), rules=rules) == 0
    extra_off = frozenset({dt.date(2026, 8, 18)})
    assert stage_days_late(stage=spm, today=dt.date(2026, 8, 18), rules=rules, days_off=extra_off) == 0


def test_stage_lateness_in_calendar_days_for_work_stages(rules):
    handover = ContractStage(kind=StageKind.HANDOVER, planned_on=dt.date(2026, 8, 14))
    assert stage_days_late(stage=handover, today=dt.date(2026, 8, 18), rules=rules) == 4


def test_the_pemda_chooses_the_day_kind(rules):
    rules.administrative_stage_days = DayKind.CALENDAR
    spm = ContractStage(kind=StageKind.SPM, planned_on=dt.date(2026, 8, 14))
    assert stage_days_late(stage=spm, today=dt.date(2026, 8, 18), rules=rules) == 4


def test_a_stage_done_late_keeps_its_days(rules):
    stage = ContractStage(kind=StageKind.HANDOVER, planned_on=dt.date(2026, 8, 14), done_on=dt.date(2026, 8, 16))
    assert stage_days_late(stage=stage, today=dt.date(2026, 12, 1), rules=rules) == 2


def test_a_late_administrative_stage_skips_the_pemdas_cuti_bersama(rules):
    """Planned Wed 23 Dec 2026, still open on Mon 28 Dec: Thu 24 is cuti bersama (entered by the Pemda
    under Pengaduan → Cuti bersama), Fri 25 Christmas, then the weekend: one working day late. The
    complaints desk counts with the same days (one service, ``organizations.workdays``)."""
    from complaints.deadlines import working_days_between as complaints_count
    from tests.factories import DayOffFactory

    spm = ContractStage(kind=StageKind.SPM, planned_on=dt.date(2026, 12, 23))
    monday = dt.date(2026, 12, 28)
    assert stage_days_late(stage=spm, today=monday, rules=rules) == 2
    DayOffFactory(date=dt.date(2026, 12, 24), name="Cuti bersama Hari Raya Natal")
    assert stage_days_late(stage=spm, today=monday, rules=rules) == 1
    assert complaints_count(spm.planned_on, monday) == 1
    handover = ContractStage(kind=StageKind.HANDOVER, planned_on=dt.date(2026, 12, 23))
    assert stage_days_late(stage=handover, today=monday, rules=rules) == 5  # contracts: calendar days
