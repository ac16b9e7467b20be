"""GraphQL types of the WBS door. Content fields resolve to empty once retention has purged them."""

import graphene
from graphene_django import DjangoObjectType

from api.graphql.pagination import CAPPED_DESCRIPTION
from wbs.models import IdentityRequest, WbsCategory, WbsMessage, WbsNote, WbsReport


def _content(report: WbsReport):
    return getattr(report, "content", None) if report.content_purged_at is None else None


class WbsCategoryType(DjangoObjectType):
    class Meta:
        model = WbsCategory
        name = "WbsCategory"
        fields = ("id", "name", "slug", "description")


class WbsMessageType(DjangoObjectType):
    author = graphene.String()

    class Meta:
        model = WbsMessage
        name = "WbsMessage"
        convert_choices_to_enum = False
        fields = ("id", "sender", "body", "created_at")

    def resolve_author(root, info):
        return root.author.username if root.author_id else None


class WbsPublicMessageType(graphene.ObjectType):
    sender = graphene.String(required=True)
    body = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)


class WbsFollowUpType(graphene.ObjectType):
    """What the reporter sees by receipt code: status and messages, nothing internal."""

    number = graphene.String(required=True)
    status = graphene.String(required=True)
    status_display = graphene.String(required=True)
    category = graphene.String(required=True)
    title = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    messages = graphene.List(graphene.NonNull(WbsPublicMessageType), required=True)

    def resolve_number(root, info):
        return root.lookup_id

    def resolve_status_display(root, info):
        return str(root.get_status_display())

    def resolve_category(root, info):
        return root.category.name

    def resolve_title(root, info):
        content = _content(root)
        return content.title if content else ""

    def resolve_messages(root, info):
        return root.messages.all()


class WbsNoteType(DjangoObjectType):
    author = graphene.String()

    class Meta:
        model = WbsNote
        name = "WbsNote"
        fields = ("id", "body", "created_at")

    def resolve_author(root, info):
        return root.author.username if root.author_id else None


class WbsIdentityRequestType(DjangoObjectType):
    requested_by = graphene.String(required=True)
    decided_by = graphene.String()
    report_id = graphene.ID(required=True)

    class Meta:
        model = IdentityRequest
        name = "WbsIdentityRequest"
        convert_choices_to_enum = False
        fields = ("id", "reason", "status", "decision_note", "created_at", "decided_at")

    def resolve_requested_by(root, info):
        return root.requested_by.username

    def resolve_decided_by(root, info):
        return root.decided_by.username if root.decided_by_id else None

    def resolve_report_id(root, info):
        return root.report_id


class WbsIdentityType(graphene.ObjectType):
    name = graphene.String(required=True)
    contact = graphene.String(required=True)


class WbsCaseType(graphene.ObjectType):
    """A case in lists and mutation results: no content beyond the title."""

    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    status = graphene.String(required=True)
    category = graphene.String(required=True)
    reported_opd = graphene.String(required=True)
    assignee = graphene.String()
    title = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    closed_at = graphene.DateTime()

    def resolve_number(root, info):
        return root.lookup_id

    def resolve_category(root, info):
        return root.category.name

    def resolve_reported_opd(root, info):
        return root.reported_opd.name

    def resolve_assignee(root, info):
        return root.assignee.username if root.assignee_id else None

    def resolve_title(root, info):
        content = _content(root)
        return content.title if content else ""


class WbsCaseDetailType(WbsCaseType):
    reported_person = graphene.String(required=True)
    description = graphene.String(required=True)
    incident_date = graphene.Date()
    location = graphene.String(required=True)
    has_identity = graphene.Boolean(required=True)
    content_purged_at = graphene.DateTime()
    messages = graphene.List(graphene.NonNull(WbsMessageType), required=True)
    notes = graphene.List(graphene.NonNull(WbsNoteType), required=True)
    identity_requests = graphene.List(graphene.NonNull(WbsIdentityRequestType), required=True)

    def resolve_reported_person(root, info):
        content = _content(root)
        return content.reported_person if content else ""

    def resolve_description(root, info):
        content = _content(root)
        return content.description if content else ""

    def resolve_incident_date(root, info):
        content = _content(root)
        return content.incident_date if content else None

    def resolve_location(root, info):
        content = _content(root)
        return content.location if content else ""

    def resolve_messages(root, info):
        return root.messages.all()

    def resolve_notes(root, info):
        return root.notes.all()

    def resolve_identity_requests(root, info):
        return root.identity_requests.all()


class WbsCasePage(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(WbsCaseType), required=True)
    total_count = graphene.Int(required=True)
    total_count_capped = graphene.Boolean(required=True, description=CAPPED_DESCRIPTION)
    page = graphene.Int(required=True)
    page_size = graphene.Int(required=True)
