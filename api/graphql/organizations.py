"""GraphQL door for organizations: ``me``, ``opds`` (paginated, filtered) and ``opd``.

Resolvers call ``organizations.selectors`` only; the OPD list joins ``parent`` there, so
a page costs the same few queries whatever its size.
"""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api.filtersets.organizations import OPDFilter
from organizations.roles import GlobalRole
from organizations.selectors import opd_list, user_global_roles, user_memberships, visible_opds

from .auth import require_user
from .pagination import page_arguments, paginate, paginated_type


class OPDRefType(graphene.ObjectType):
    """Public identity of an OPD (parents, memberships)."""

    class Meta:
        name = "OPDRef"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    acronym = graphene.String(required=True)
    kind = graphene.String(required=True)

    def resolve_id(opd, info):
        return opd.pk


class OPDType(graphene.ObjectType):
    class Meta:
        name = "OPD"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    acronym = graphene.String(required=True)
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    parent = graphene.Field(OPDRefType)
    is_active = graphene.Boolean(required=True)
    email = graphene.String(required=True)
    phone = graphene.String(required=True)
    address = graphene.String(required=True)
    website = graphene.String(required=True)

    def resolve_id(opd, info):
        return opd.pk

    def resolve_kind_label(opd, info):
        return opd.get_kind_display()


OPDPage = paginated_type(OPDType, name="OPDPage")


class RoleType(graphene.ObjectType):
    class Meta:
        name = "GlobalRole"

    code = graphene.String(required=True)
    label = graphene.String(required=True)


class MembershipType(graphene.ObjectType):
    class Meta:
        name = "Membership"

    opd = graphene.Field(OPDRefType, required=True)
    role = graphene.String(required=True)
    role_label = graphene.String(required=True)

    def resolve_role_label(membership, info):
        return membership.get_role_display()


class MeType(graphene.ObjectType):
    class Meta:
        name = "Me"

    id = graphene.ID(required=True)
    username = graphene.String(required=True)
    full_name = graphene.String(required=True)
    email = graphene.String(required=True)
    is_superuser = graphene.Boolean(required=True)
    global_roles = graphene.List(graphene.NonNull(RoleType), required=True)
    memberships = graphene.List(graphene.NonNull(MembershipType), required=True)

    def resolve_id(user, info):
        return user.pk

    def resolve_username(user, info):
        return user.get_username()

    def resolve_full_name(user, info):
        return user.get_full_name()

    def resolve_global_roles(user, info):
        roles = user_global_roles(user)
        return [RoleType(code=r.value, label=str(r.label)) for r in GlobalRole if r in roles]

    def resolve_memberships(user, info):
        return user_memberships(user).order_by("opd__name")


class OrganizationsQuery(graphene.ObjectType):
    me = graphene.Field(MeType, required=True, description="Pengguna yang sedang masuk.")
    opds = graphene.Field(
        OPDPage,
        required=True,
        kind=graphene.String(),
        is_active=graphene.Boolean(description="Tanpa argumen ini hanya OPD aktif."),
        parent=graphene.ID(),
        search=graphene.String(description="Cari pada nama atau singkatan."),
        description="OPD yang boleh dilihat pengguna.",
        **page_arguments(),
    )
    opd = graphene.Field(OPDType, id=graphene.ID(required=True), description="Satu OPD (404 bila tidak terlihat).")

    def resolve_me(root, info):
        return require_user(info)

    def resolve_opds(root, info, page=1, page_size=None, **filters):
        user = require_user(info)
        data = {k: v for k, v in filters.items() if v is not None}
        queryset = opd_list(user=user, include_inactive="is_active" in data)
        filterset = OPDFilter(data=data, queryset=queryset)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return paginate(filterset.qs, page=page, page_size=page_size)

    def resolve_opd(root, info, id):
        user = require_user(info)
        return visible_opds(user).select_related("parent").get(pk=_pk(id))


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"id": [_("ID OPD harus berupa angka.")]}) from None


queries: list[type] = [OrganizationsQuery]
mutations: list[type] = []
