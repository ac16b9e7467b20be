import pytest
import time_machine

from organizations.models import MembershipRole
from organizations.roles import GlobalRole
from tests.factories import BUDGET_TODAY, UserFactory, budget_world, opd_user


@pytest.fixture
def on_budget_day():
    """Every read runs on ``BUDGET_TODAY`` (noon WITA) so contract states are stable."""
    with time_machine.travel("2026-10-15 04:00:00+00:00", tick=False):
        yield BUDGET_TODAY


@pytest.fixture
def world(db, on_budget_day):
    return budget_world(opds=3, with_contracts=2)


@pytest.fixture
def people(world):
    from organizations.models import OPD

    dinkes = OPD.objects.get(acronym="Dinkes")
    return {
        "leader": UserFactory(username="bupati.uji", roles=[GlobalRole.LEADER]),
        "manager": UserFactory(username="anggaran.uji", roles=[GlobalRole.BUDGET_MANAGER]),
        "auditor": UserFactory(username="auditor.uji", roles=[GlobalRole.AUDITOR]),
        "desk": UserFactory(username="meja.uji", roles=[GlobalRole.COMPLAINT_DESK]),
        "head": opd_user(dinkes, MembershipRole.VERIFIER, username="kepala.uji"),
        "operator": opd_user(dinkes, MembershipRole.OPERATOR, username="operator.uji"),
        "dinkes": dinkes,
    }
