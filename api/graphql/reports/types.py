"""GraphQL types of periodic reports: a submission (detail fields null in lists), its parts and pages."""

import graphene
from graphene.types.generic import GenericScalar

from ..pagination import paginated_type


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


class ReportMutationPayload(graphene.ObjectType):
    class Meta:
        name = "ReportMutationPayload"

    submission = graphene.Field(ReportSubmissionType, required=True)
    replayed = graphene.Boolean(required=True, description="true: jawaban ulangan Idempotency-Key yang sama.")
