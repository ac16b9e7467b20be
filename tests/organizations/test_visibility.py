"""Who sees which OPD: the one rule every door uses (``visible_opds``)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from organizations.models import OPDKind
from organizations.roles import PEMDA_WIDE_ROLES, GlobalRole
from organizations.selectors import opd_list, visible_opds
from tests.factories import OPDFactory, UserFactory, opd_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    dinkes = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    kec = OPDFactory(name="Kecamatan Nunukan", kind=OPDKind.KECAMATAN)
    kel = OPDFactory(name="Kelurahan Nunukan Barat", kind=OPDKind.KELURAHAN, parent=kec)
    unit = OPDFactory(name="Pos Pelayanan Nunukan Barat", kind=OPDKind.OTHER, parent=kel)
    other = OPDFactory(name="Dinas Sosial")
    return {"dinkes": dinkes, "kec": kec, "kel": kel, "unit": unit, "other": other}


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_opd_user_sees_only_its_opd(tree):
    user = opd_user(tree["dinkes"])
    assert names(visible_opds(user)) == {"Dinas Kesehatan"}


def test_kecamatan_user_sees_its_whole_subtree(tree):
    user = opd_user(tree["kec"])
    assert names(visible_opds(user)) == {"Kecamatan Nunukan", "Kelurahan Nunukan Barat", "Pos Pelayanan Nunukan Barat"}


def test_kelurahan_user_does_not_see_its_parent(tree):
    user = opd_user(tree["kel"])
    assert names(visible_opds(user)) == {"Kelurahan Nunukan Barat", "Pos Pelayanan Nunukan Barat"}


@pytest.mark.parametrize("role", sorted(PEMDA_WIDE_ROLES))
def test_pemda_wide_roles_see_every_opd(tree, role):
    user = UserFactory(roles=[role])
    assert visible_opds(user).count() == 5


@pytest.mark.parametrize("role", sorted(set(GlobalRole) - PEMDA_WIDE_ROLES))
def test_budget_roles_do_not_see_every_opd_s_reports(tree, role):
    """Pimpinan and Pengelola Anggaran see every OPD's budget (``budget.access``), not its reports."""
    assert not visible_opds(UserFactory(roles=[role])).exists()


def test_superuser_sees_everything(tree):
    assert visible_opds(UserFactory(is_superuser=True)).count() == 5


def test_user_without_role_or_membership_sees_nothing(tree):
    assert not visible_opds(UserFactory()).exists()


def test_anonymous_and_inactive_see_nothing(tree):
    assert not visible_opds(AnonymousUser()).exists()
    inactive = opd_user(tree["dinkes"], is_active=False)
    assert not visible_opds(inactive).exists()


def test_visible_opds_is_one_query_after_the_role_lookup(tree, django_assert_num_queries):
    user = opd_user(tree["kec"])
    with django_assert_num_queries(2):  # the user's roles (cached on the user), then the OPDs
        list(visible_opds(user))
    with django_assert_num_queries(1):
        list(visible_opds(user))


def test_opd_list_hides_inactive_unless_asked(tree):
    tree["other"].is_active = False
    tree["other"].save()
    auditor = UserFactory(roles=[GlobalRole.AUDITOR])
    assert "Dinas Sosial" not in names(opd_list(user=auditor))
    assert "Dinas Sosial" in names(opd_list(user=auditor, include_inactive=True))
