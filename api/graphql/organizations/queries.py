"""``me``, ``opds`` (paginated, filtered) and ``opd``, over ``organizations.selectors`` only."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api.filtersets.organizations import OPDFilter
from organizations.selectors import opd_list, visible_opds

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import MeType, OPDPage, OPDType


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
