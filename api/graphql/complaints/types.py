"""GraphQL object types of the complaint door, one per audience: the public view, the
reporter's view (by tracking code + secret) and the staff view, plus their page types.
What each audience sees is decided in ``complaints.exposure``; these types only name it."""

import graphene

from ..pagination import paginated_type


class CategoryRef(graphene.ObjectType):
    class Meta:
        name = "ComplaintCategoryRef"

    slug = graphene.String(required=True)
    name = graphene.String(required=True)


class OPDBrief(graphene.ObjectType):
    class Meta:
        name = "ComplaintOPD"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    acronym = graphene.String(required=True)


class EventType(graphene.ObjectType):
    class Meta:
        name = "ComplaintEvent"

    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    status = graphene.String(required=True)
    body = graphene.String(required=True)
    public = graphene.Boolean(required=True)
    opd = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    actor = graphene.String()


class PublicComplaintType(graphene.ObjectType):
    class Meta:
        name = "PublicComplaint"

    tracking_code = graphene.String(required=True)
    kind = graphene.String(required=True)
    category = graphene.Field(CategoryRef, required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    location_text = graphene.String(required=True)
    kecamatan = graphene.String(required=True)
    kelurahan = graphene.String(required=True)
    lat = graphene.Float()
    long = graphene.Float()
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)
    opd = graphene.Field(OPDBrief)
    support_count = graphene.Int(required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    media = graphene.List(graphene.NonNull(graphene.String), required=True)
    timeline = graphene.List(graphene.NonNull(EventType))


class MergedType(graphene.ObjectType):
    class Meta:
        name = "ComplaintMergedInto"

    tracking_code = graphene.String(required=True)
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)


class TrackedComplaintType(graphene.ObjectType):
    """The reporter's own view (found by tracking code and secret)."""

    class Meta:
        name = "TrackedComplaint"

    tracking_code = graphene.String(required=True)
    kind = graphene.String(required=True)
    privacy = graphene.String(required=True)
    category = graphene.Field(CategoryRef, required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)
    opd = graphene.Field(OPDBrief)
    due_date = graphene.Date()
    created_at = graphene.DateTime(required=True)
    rating = graphene.Int()
    can_rate = graphene.Boolean(required=True)
    can_confirm = graphene.Boolean(required=True)
    can_reopen = graphene.Boolean(required=True)
    can_add_information = graphene.Boolean(required=True)
    merged_into = graphene.Field(MergedType)
    timeline = graphene.List(graphene.NonNull(EventType), required=True)


class ReporterType(graphene.ObjectType):
    class Meta:
        name = "ComplaintReporter"

    name = graphene.String()
    email = graphene.String()
    phone = graphene.String()
    hidden = graphene.Boolean()
    can_reveal = graphene.Boolean()


class AttachmentType(graphene.ObjectType):
    class Meta:
        name = "ComplaintAttachment"

    url = graphene.String(required=True)
    content_type = graphene.String(required=True)
    size = graphene.Int(required=True)


class StaffComplaintType(graphene.ObjectType):
    class Meta:
        name = "StaffComplaint"

    id = graphene.ID(required=True)
    tracking_code = graphene.String(required=True)
    title = graphene.String(required=True)
    kind = graphene.String(required=True)
    category = graphene.Field(CategoryRef, required=True)
    privacy = graphene.String(required=True)
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)
    opd = graphene.Field(OPDBrief)
    kecamatan = graphene.String(required=True)
    due_date = graphene.Date()
    overdue = graphene.Boolean(required=True)
    deadline_state = graphene.String(
        required=True, description='"overdue" (terlambat), "near" (≤ 2 hari kerja lagi) atau kosong.'
    )
    escalation_level = graphene.Int(required=True)
    support_count = graphene.Int(required=True)
    created_at = graphene.DateTime(required=True)
    # detail only (null in lists)
    description = graphene.String()
    location_text = graphene.String()
    lat = graphene.Float()
    long = graphene.Float()
    handling = graphene.String()
    reporter = graphene.Field(ReporterType)
    attachments = graphene.List(graphene.NonNull(AttachmentType))
    timeline = graphene.List(graphene.NonNull(EventType))


PublicComplaintPage = paginated_type(PublicComplaintType, name="PublicComplaintPage")
StaffComplaintPage = paginated_type(StaffComplaintType, name="StaffComplaintPage")
