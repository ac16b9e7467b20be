"""GraphQL door for periodic reports: the same services, selectors and shapes as REST.

Queries ``myCurrentReports``, ``reportSubmissions`` (filters, paginated), ``reportSubmission(id)``;
mutations ``saveReportDraft(id, answers, expectedRevision)`` (a stale revision is a 412 error
with ``extensions.code == "stale_revision"`` and the changed field paths in ``extensions.errors``),
``submitReport``, ``returnReport``, ``verifyReport``, ``publishReport`` — each honours the
``Idempotency-Key`` header (a replay returns ``replayed: true`` and makes no second transition).
Attachments are uploaded through REST (multipart); here they are listed with their download URL.
"""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from graphene.types.generic import GenericScalar

from api import reports_common as common
from api.idempotency import graphql_idempotent
from reporting.selectors import submission_get

from .auth import require_user
from .pagination import page_arguments, paginate, paginated_type


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"id": [_("ID harus berupa angka.")]}) from None


class ReportRefType(graphene.ObjectType):
    class Meta:
        name = "ReportAssignmentRef"

    id = graphene.ID(required=True)
    title = graphene.String(required=True)


class ReportFormRefType(graphene.ObjectType):
    class Meta:
        name = "ReportFormRef"

    id = graphene.ID(required=True)
    key = graphene.String(required=True)
    title = graphene.String(required=True)


class ReportOPDType(graphene.ObjectType):
    class Meta:
        name = "ReportOPD"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    acronym = graphene.String(required=True)


class ReportPeriodType(graphene.ObjectType):
    class Meta:
        name = "ReportPeriod"

    id = graphene.ID(required=True)
    period_type = graphene.String(required=True)
    year = graphene.Int(required=True)
    number = graphene.Int(required=True)
    label = graphene.String(required=True)
    start = graphene.Date(required=True)
    end = graphene.Date(required=True)


class ReportAttachmentType(graphene.ObjectType):
    class Meta:
        name = "ReportAttachment"

    uuid = graphene.String(required=True)
    field_path = graphene.String(required=True)
    name = graphene.String(required=True)
    mime = graphene.String(required=True)
    size = graphene.Int(required=True)
    sha256 = graphene.String(required=True)
    uploaded_at = graphene.DateTime(required=True)
    url = graphene.String(required=True, description="Unduh lewat REST (hak akses sama dengan laporannya).")


class ReportTransitionType(graphene.ObjectType):
    class Meta:
        name = "ReportTransition"

    from_status = graphene.String(required=True)
    to_status = graphene.String(required=True)
    actor = graphene.String(required=True)
    at = graphene.DateTime(required=True)
    comment = graphene.String(required=True)
    field_comments = GenericScalar(required=True)
    round = graphene.Int(required=True)
    diff = GenericScalar(required=True)


class ReportPermissionsType(graphene.ObjectType):
    class Meta:
        name = "ReportPermissions"

    edit = graphene.Boolean(required=True)
    review = graphene.Boolean(required=True)
    publish = graphene.Boolean(required=True)


class ReportSubmissionType(graphene.ObjectType):
    """One OPD's report for one period; detail fields are null in lists."""

    class Meta:
        name = "ReportSubmission"

    id = graphene.ID(required=True)
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)
    revision = graphene.Int(required=True, description="Kirim kembali sebagai `expectedRevision` saat menyimpan.")
    etag = graphene.String(required=True)
    round = graphene.Int(required=True)
    assignment = graphene.Field(ReportRefType, required=True)
    form = graphene.Field(ReportFormRefType, required=True)
    form_version = graphene.Int()
    period = graphene.Field(ReportPeriodType, required=True)
    opd = graphene.Field(ReportOPDType, required=True)
    due_at = graphene.DateTime(required=True)
    locks_at = graphene.DateTime(required=True)
    reopened_until = graphene.DateTime()
    is_late = graphene.Boolean(required=True)
    first_submitted_at = graphene.DateTime()
    submitted_at = graphene.DateTime()
    verified_at = graphene.DateTime()
    published_at = graphene.DateTime()
    updated_at = graphene.DateTime(required=True)
    # detail only
    answers = GenericScalar()
    computed = GenericScalar()
    score = GenericScalar()
    returned_fields = GenericScalar(description="Jalur isian -> catatan verifikator.")
    reopen_reason = graphene.String()
    attachments = graphene.List(graphene.NonNull(ReportAttachmentType))
    transitions = graphene.List(graphene.NonNull(ReportTransitionType))
    permissions = graphene.Field(ReportPermissionsType)


ReportSubmissionPage = paginated_type(ReportSubmissionType, name="ReportSubmissionPage")


def _detail(user, pk: int) -> dict:
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
        return _detail(require_user(info), _pk(id))


class ReportMutationPayload(graphene.ObjectType):
    class Meta:
        name = "ReportMutationPayload"

    submission = graphene.Field(ReportSubmissionType, required=True)
    replayed = graphene.Boolean(required=True, description="true: jawaban ulangan Idempotency-Key yang sama.")


class SaveReportDraft(graphene.Mutation):
    """Merge partial answers into the draft; ``expectedRevision`` guards against overwriting others."""

    class Arguments:
        id = graphene.ID(required=True)
        answers = GenericScalar(required=True)
        expected_revision = graphene.Int(description="`revision` terakhir yang dilihat; sangat dianjurkan.")

    Output = ReportMutationPayload

    def mutate(root, info, id, answers, expected_revision=None):
        user = require_user(info)
        s = submission_get(user=user, pk=_pk(id))
        common.save_draft(submission=s, actor=user, answers=answers, expected_revision=expected_revision)
        return ReportMutationPayload(submission=_detail(user, s.pk), replayed=False)


def _action_mutation(action: str, operation: str, doc: str, **arguments) -> type[graphene.Mutation]:
    """``submitReport`` & co: one workflow step, run at most once per Idempotency-Key."""

    def mutate(root, info, id, **data):
        user = require_user(info)
        pk = _pk(id)

        def run():
            s = submission_get(user=user, pk=pk)
            common.run_action(submission=s, actor=user, action=action, **data)
            return {"id": pk}

        outcome = graphql_idempotent(info, operation=operation, payload={"id": pk, **data}, run=run)
        return ReportMutationPayload(submission=_detail(user, outcome.value["id"]), replayed=outcome.replayed)

    args = type("Arguments", (), {"id": graphene.ID(required=True), **arguments})
    return type(
        operation[0].upper() + operation[1:],
        (graphene.Mutation,),
        {"__doc__": doc, "Arguments": args, "Output": ReportMutationPayload, "mutate": mutate},
    )


SubmitReport = _action_mutation(
    "submit",
    "submitReport",
    "Kirim laporan (isian wajib diperiksa).",
    expected_revision=graphene.Int(description="`revision` terakhir yang dilihat."),
)
ReturnReport = _action_mutation(
    "return",
    "returnReport",
    "Kembalikan laporan dengan catatan per isian; hanya isian itu yang dibuka.",
    field_comments=GenericScalar(required=True, description="{jalur isian: catatan}"),
    comment=graphene.String(),
)
VerifyReport = _action_mutation("verify", "verifyReport", "Setujui laporan.", comment=graphene.String())
PublishReport = _action_mutation("publish", "publishReport", "Publikasikan laporan terverifikasi.")


class ReportsMutation(graphene.ObjectType):
    save_report_draft = SaveReportDraft.Field()
    submit_report = SubmitReport.Field()
    return_report = ReturnReport.Field()
    verify_report = VerifyReport.Field()
    publish_report = PublishReport.Field()


queries: list[type] = [ReportsQuery]
mutations: list[type] = [ReportsMutation]
