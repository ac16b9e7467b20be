"""GraphQL types of organizations: the signed-in user (``Me``), OPDs and their references."""

import graphene

from organizations.roles import GlobalRole
from organizations.selectors import user_global_roles, user_memberships

from ..pagination import paginated_type


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
    region_code = graphene.String(description="Kode wilayah Kemendagri (kecamatan, kelurahan, desa).")
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
