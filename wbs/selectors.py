"""Who may read WBS reports, and the reads themselves (already restricted and prefetched).

Least privilege: only members of the Inspektorat role read WBS reports. A superuser is no
exception (docs/adr/0005-wbs.md): being able to administer the site is not a reason to
read whistleblowing reports. An Inspektorat member who works in the reported OPD, or in
an OPD above it, has a conflict of interest and neither sees nor gets the report.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from organizations.models import OPD, OPD_MAX_DEPTH, Membership
from organizations.roles import GlobalRole
from organizations.selectors import user_global_roles

from .models import IdentityRequest, WbsCategory, WbsMessage, WbsNote, WbsReport

User = get_user_model()

NOT_ALLOWED = _("Hanya Inspektorat yang dapat membuka laporan WBS.")
CONFLICT = _("Anda anggota OPD terlapor; laporan ini tidak dapat Anda buka atau tangani.")


def is_inspector(user) -> bool:
    """Member of the Inspektorat role (superusers too need the role)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and GlobalRole.INSPECTORATE in user_global_roles(user)
    )


def _conflict_filter(user, prefix: str = "reported_opd") -> Q:
    """Reports whose reported OPD is one of ``user``'s OPDs or lies below one (any depth)."""
    own = Membership.objects.filter(user=user).values("opd_id")
    cond = Q(**{f"{prefix}__in": own})
    lookup = f"{prefix}__parent"
    for _level in range(1, OPD_MAX_DEPTH):
        cond |= Q(**{f"{lookup}__in": own})
        lookup = f"{lookup}__parent"
    return cond


def is_conflicted(*, user, opd: OPD) -> bool:
    """True when ``user`` works in ``opd`` or in an OPD above it."""
    chain = [opd.pk, *(a.pk for a in opd.ancestors())]
    return Membership.objects.filter(user=user, opd_id__in=chain).exists()


def ensure_inspector(user) -> None:
    if not is_inspector(user):
        raise PermissionDenied(NOT_ALLOWED)


def category_list(*, include_inactive: bool = False) -> QuerySet[WbsCategory]:
    qs = WbsCategory.objects.all()
    return qs if include_inactive else qs.filter(is_active=True)


def report_list(*, user, status: str | None = None, category: int | None = None) -> QuerySet[WbsReport]:
    """Reports the Inspektorat ``user`` may see, for lists (content title joined, one query)."""
    ensure_inspector(user)
    qs = (
        WbsReport.objects.exclude(_conflict_filter(user))
        .select_related("category", "reported_opd", "assignee", "content")
        .order_by("-created_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category_id=category)
    return qs


def report_get(*, user, pk: int) -> WbsReport:
    """One report with everything a detail screen shows; logs no read (``investigation.wbs_report_read`` does)."""
    ensure_inspector(user)
    try:
        report = (
            WbsReport.objects.select_related("category", "reported_opd", "assignee", "content")
            .prefetch_related(
                Prefetch("messages", queryset=WbsMessage.objects.select_related("author")),
                Prefetch("notes", queryset=WbsNote.objects.select_related("author")),
                Prefetch(
                    "identity_requests",
                    queryset=IdentityRequest.objects.select_related("requested_by", "decided_by"),
                ),
            )
            .get(pk=pk)
        )
    except (WbsReport.DoesNotExist, ValueError, TypeError):
        raise WbsReport.DoesNotExist from None
    if is_conflicted(user=user, opd=report.reported_opd):
        raise PermissionDenied(CONFLICT)
    return report


def assignable_inspectors(*, report: WbsReport) -> QuerySet:
    """Inspektorat users who may be assigned ``report`` (none from the reported OPD or above it)."""
    chain = [report.reported_opd_id, *(a.pk for a in report.reported_opd.ancestors())]
    return (
        User.objects.filter(is_active=True, groups__name=GlobalRole.INSPECTORATE.value)
        .exclude(opd_memberships__opd_id__in=chain)
        .distinct()
        .order_by("username")
    )


def pending_identity_requests(*, user) -> QuerySet[IdentityRequest]:
    """Requests waiting for a second pair of eyes that ``user`` may decide (not their own)."""
    ensure_inspector(user)
    return (
        IdentityRequest.objects.filter(status="menunggu")
        .exclude(requested_by=user)
        .exclude(_conflict_filter(user, prefix="report__reported_opd"))
        .select_related("report", "requested_by")
    )
