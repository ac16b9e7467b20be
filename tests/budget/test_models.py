"""Small invariants: NPWP checked by its check digit, phones in E.164, pagu revision pairs."""

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetLine, ContractParty, PartyRole, Provider
from budget.models.contracts import validate_npwp
from budget.phones import phone_e164


@pytest.mark.parametrize("value", ["01.312.166.0-091.000", "013121660091000", "0013121660091000"])
def test_valid_npwp(value):
    validate_npwp(value)


@pytest.mark.parametrize("value", ["01.312.166.1-091.000", "12345", "abcdefghijklmno"])
def test_invalid_npwp_is_refused_in_indonesian(value):
    with pytest.raises(ValidationError, match="NPWP tidak valid"):
        validate_npwp(value)


@pytest.mark.django_db
def test_provider_stores_the_compact_npwp():
    provider = Provider.objects.create(name="CV Uji", npwp="01.312.166.0-091.000")
    assert provider.npwp == "013121660091000"


@pytest.mark.parametrize(
    ("raw", "e164"), [("0812-3456-7890", "+6281234567890"), ("+62 812 3456 7890", "+6281234567890")]
)
def test_phone_to_e164(raw, e164):
    assert phone_e164(raw) == e164


def test_a_bad_phone_is_a_field_error():
    party = ContractParty(role=PartyRole.PPK, name="PPK", phone="12")
    with pytest.raises(ValidationError) as error:
        party.clean()
    assert "phone" in error.value.message_dict


def test_revised_pagu_needs_its_date_and_replaces_the_original():
    line = BudgetLine(original_amount=100, revised_amount=120)
    assert line.pagu == 120
    with pytest.raises(ValidationError):
        line.clean()
