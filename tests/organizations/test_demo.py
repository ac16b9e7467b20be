import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organizations.models import OPD, OPDKind, Pemda

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_realistic():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (OPD.objects.count(), get_user_model().objects.count(), Pemda.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (OPD.objects.count(), get_user_model().objects.count(), Pemda.objects.count()) == counts
    assert counts[0] >= 50
    assert OPD.objects.filter(kind=OPDKind.KECAMATAN).count() == 21
    assert OPD.objects.get(acronym="Dinkes").name == "Dinas Kesehatan"
    pemda = Pemda.objects.get()
    assert (pemda.region_code, pemda.timezone) == ("65.03", "Asia/Makassar")
