"""``myCurrentReports``, ``reportSubmissions`` and ``reportSubmission``, in the same shapes as REST
(``api.reports_common``)."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api import reports_common as common
from reporting.selectors import submission_get

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import ReportSubmissionPage, ReportSubmissionType


def parse_id(value) -> int:
    """A GraphQL ``ID`` argument as a primary key; a non-number is a 400 on ``id``."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"id": [_("ID harus berupa angka.")]}) from None


def submission_detail(user, pk: int) -> dict:
    """One submission as the detail shape (404 when the user may not see it)."""
    return common.submission_detail(submission_get(user=user, pk=pk), user=user)


class ReportsQuery(graphene.ObjectType):
    my_current_reports = graphene.Field(
        ReportSubmissionPage,
        required=True,
        description="Laporan yang harus diisi OPD saya pada periode berjalan.",
        **page_arguments(),
    )
    report_submissions = graphene.Field(
        ReportSubmissionPage,
        required=True,
        status=graphene.String(),
        period=graphene.ID(),
        form=graphene.ID(),
        year=graphene.Int(),
        opd=graphene.ID(),
        assignment=graphene.ID(),
        description="Laporan yang boleh dilihat pengguna.",
        **page_arguments(),
    )
    report_submission = graphene.Field(
        ReportSubmissionType, id=graphene.ID(required=True), description="Satu laporan (404 bila tidak terlihat)."
    )

    def resolve_my_current_reports(root, info, page=1, page_size=None):
        result = paginate(common.current_list(user=require_user(info)), page=page, page_size=page_size)
        result.items = [common.submission_row(s) for s in result.items]
        return result

    def resolve_report_submissions(root, info, page=1, page_size=None, **filters):
        result = paginate(
            common.submission_list(user=require_user(info), filters=filters), page=page, page_size=page_size
        )
        result.items = [common.submission_row(s) for s in result.items]
        return result

    def resolve_report_submission(root, info, id):
        return submission_detail(require_user(info), parse_id(id))
