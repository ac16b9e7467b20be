"""WBS queries: ``wbsCategories`` and ``wbsFollowUp`` (receipt code) for anyone, forgetting the
client first; ``wbsCases``, ``wbsCase`` (a logged read) and ``wbsPendingIdentityRequests`` for staff."""

import graphene

from audit.actors import Door
from wbs import investigation, selectors, services
from wbs.models import ReportStatus, WbsReport
from wbs.privacy import client_of, forget_client, forget_reporter

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import (
    WbsCaseDetailType,
    WbsCasePage,
    WbsCategoryType,
    WbsFollowUpType,
    WbsIdentityRequestType,
)


def staff_case(info, pk) -> WbsReport:
    """The case ``pk`` if the signed-in user may handle it (404 otherwise)."""
    return selectors.report_get(user=require_user(info), pk=pk)


def case_summary(info, report: WbsReport) -> WbsReport:
    """The case re-read as lists show it (no content beyond the title)."""
    return selectors.report_list(user=require_user(info)).get(pk=report.pk)


class WbsQueries(graphene.ObjectType):
    wbs_categories = graphene.List(graphene.NonNull(WbsCategoryType), required=True)
    wbs_follow_up = graphene.Field(WbsFollowUpType, receipt_code=graphene.String(required=True))
    wbs_cases = graphene.Field(
        WbsCasePage, required=True, status=graphene.String(), category=graphene.ID(), **page_arguments()
    )
    wbs_case = graphene.Field(WbsCaseDetailType, id=graphene.ID(required=True))
    wbs_pending_identity_requests = graphene.List(graphene.NonNull(WbsIdentityRequestType), required=True)

    def resolve_wbs_categories(root, info):
        forget_client(info.context)
        return selectors.category_list()

    def resolve_wbs_follow_up(root, info, receipt_code):
        forget_reporter(info.context)
        return services.report_by_receipt(code=receipt_code, client=client_of(info.context))

    def resolve_wbs_cases(root, info, status=None, category=None, page=1, page_size=25):
        qs = selectors.report_list(
            user=require_user(info),
            status=status if status in ReportStatus.values else None,
            category=int(category) if category and str(category).isdigit() else None,
        )
        result = paginate(qs, page=page, page_size=page_size)
        return WbsCasePage(
            items=result.items,
            total_count=result.total_count,
            total_count_capped=result.total_count_capped,
            page=result.page,
            page_size=result.page_size,
        )

    def resolve_wbs_case(root, info, id):
        return investigation.wbs_report_read(user=require_user(info), pk=id, door=Door.GRAPHQL)

    def resolve_wbs_pending_identity_requests(root, info):
        return selectors.pending_identity_requests(user=require_user(info))
