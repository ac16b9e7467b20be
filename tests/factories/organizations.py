"""Factories for organisations, OPDs and users."""

__all__ = ["MembershipFactory", "OPDFactory", "PemdaFactory", "UserFactory", "opd_user"]

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organizations.models import OPD, Membership, MembershipRole, OPDKind, Pemda, PemdaKind, TimeZone
from organizations.roles import OPD_MEMBER_GROUP, ensure_role_groups


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda
        django_get_or_create = ("region_code",)

    name = "Pemerintah Kabupaten Nunukan"
    kind = PemdaKind.KABUPATEN
    region_code = "65.03"
    timezone = TimeZone.WITA


class OPDFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OPD

    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    acronym = factory.Sequence(lambda n: f"DUC{n}")
    kind = OPDKind.DINAS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@nunukankab.go.id")
    first_name = "Uji"
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=[GlobalRole.AUDITOR])`` puts the user in those role groups."""
        if create and extracted:
            ensure_role_groups()
            self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    opd = factory.SubFactory(OPDFactory)
    role = MembershipRole.OPERATOR


def opd_user(opd: OPD, role: str = MembershipRole.OPERATOR, **user_kwargs):
    """A user working at ``opd`` with ``role``, in the OPD member group."""
    ensure_role_groups()
    user = UserFactory(**user_kwargs)
    Membership.objects.create(user=user, opd=opd, role=role)
    user.groups.add(Group.objects.get(name=OPD_MEMBER_GROUP))
    return user
