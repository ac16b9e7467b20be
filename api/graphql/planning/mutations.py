"""Staff edits of the cascade over the planning services (the same rules as the admin and REST):
``planningLinkSupports`` (Bappeda planners), ``planningSubmitRealisation`` (members of the
indicator's OPD, or Bappeda) and ``planningReviewRealisation`` (Bappeda only). Errors are the
services' own (``ValidationError``, ``PermissionDenied``, not found), formatted as problems."""

from decimal import Decimal

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from planning.models import Indicator, Realisation
from planning.selectors import realisations_to_verify
from planning.services import node_supports_link
from planning.workflow import realisation_review, realisation_submit

from ..auth import require_user
from .types import RealisationQuarter


class PlanNodeRef(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    name = graphene.String(required=True)

    def resolve_id(root, info):
        return root.pk


class PlanningLinkSupports(graphene.Mutation):
    """Make an OPD sasaran (or a programme) support exactly ``targets``; history is kept."""

    class Arguments:
        node = graphene.Int(required=True)
        targets = graphene.List(graphene.NonNull(graphene.Int), required=True)
        reason = graphene.String()

    node = graphene.Field(PlanNodeRef, required=True)
    supports = graphene.List(graphene.NonNull(PlanNodeRef), required=True)

    def mutate(root, info, node, targets, reason=""):
        user = require_user(info)
        if len(targets) > 50:
            raise ValidationError({"targets": [_("Paling banyak 50 sasaran.")]})
        found, linked = node_supports_link(node_id=node, target_ids=targets, actor=user, reason=reason or "")
        return PlanningLinkSupports(node=found, supports=linked)


def _decimal(value, field: str) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(str(value))
    if not number.is_finite() or abs(number) >= Decimal("1e16"):
        raise ValidationError({field: [_("Angka tidak sah.")]})
    return number


class PlanningSubmitRealisation(graphene.Mutation):
    """Submit a quarter's cumulative realisation for Bappeda's verification."""

    class Arguments:
        indicator = graphene.Int(required=True)
        year = graphene.Int(required=True)
        quarter = graphene.Int(required=True)
        value = graphene.Float(required=True)
        plan_value = graphene.Float()
        note = graphene.String()

    realisation = graphene.Field(RealisationQuarter, required=True)

    def mutate(root, info, indicator, year, quarter, value, plan_value=None, note=""):
        user = require_user(info)
        if not 2000 <= year <= 2100:
            raise ValidationError({"year": [_("Tahun harus antara 2000 dan 2100.")]})
        found = Indicator.objects.select_related("node").get(pk=indicator)
        real = realisation_submit(
            indicator=found, year=year, quarter=quarter, value=_decimal(value, "value"),
            plan_value=_decimal(plan_value, "planValue"), note=(note or "")[:2000], actor=user,
        )  # fmt: skip
        return PlanningSubmitRealisation(realisation=real)


class PlanningReviewRealisation(graphene.Mutation):
    """Bappeda verifies a submitted realisation, or returns it with a note."""

    class Arguments:
        id = graphene.Int(required=True)
        approve = graphene.Boolean(required=True)
        note = graphene.String()

    realisation = graphene.Field(RealisationQuarter, required=True)

    def mutate(root, info, id, approve, note=""):
        user = require_user(info)
        real = realisations_to_verify(user=user).filter(pk=id).first() or Realisation.objects.get(pk=id)
        real = realisation_review(realisation=real, actor=user, approve=approve, note=(note or "")[:2000])
        return PlanningReviewRealisation(realisation=real)


class PlanningMutation(graphene.ObjectType):
    planning_link_supports = PlanningLinkSupports.Field()
    planning_submit_realisation = PlanningSubmitRealisation.Field()
    planning_review_realisation = PlanningReviewRealisation.Field()
