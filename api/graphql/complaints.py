"""GraphQL door for complaints: the same services and selectors as REST, the same exposure rules.

Public: ``publicComplaints``, ``publicComplaint``, ``trackComplaint`` (code + secret) and the
reporter mutations; staff: ``complaints``, ``complaint`` and ``complaintAction``. Attachments:
GraphQL has no standard multipart, so files go first to ``POST /api/v1/complaints/uploads/``
(the same checks as every door) and the mutations take the returned tokens (``attachments``).
"""

import graphene
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import Throttled

from audit.actors import Door
from complaints import exposure, services
from complaints.errors import RateLimitedError
from complaints.models import Complaint, Handling, Privacy, Status
from complaints.selectors import (
    complaint_get_staff,
    complaint_list_staff,
    complaint_public_get,
    complaint_public_list,
    complaint_timeline,
    complaint_track,
)
from organizations.selectors import public_opds

from .auth import require_user
from .pagination import page_arguments, paginate, paginated_type


def _client(info) -> str:
    return info.context.META.get("REMOTE_ADDR", "")


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


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"id": [_("ID harus berupa angka.")]}) from None


def _tracked(code: str, secret: str) -> Complaint:
    c = complaint_track(code=code, secret=secret)
    if c is None:
        raise Http404
    return c


class ComplaintsQuery(graphene.ObjectType):
    public_complaints = graphene.Field(
        PublicComplaintPage, required=True, category=graphene.String(), status=graphene.String(), **page_arguments()
    )
    public_complaint = graphene.Field(PublicComplaintType, code=graphene.String(required=True))
    track_complaint = graphene.Field(
        TrackedComplaintType, code=graphene.String(required=True), secret=graphene.String(required=True)
    )
    complaints = graphene.Field(
        StaffComplaintPage,
        required=True,
        status=graphene.String(),
        category=graphene.String(),
        opd=graphene.ID(),
        privacy=graphene.String(),
        overdue=graphene.Boolean(),
        escalated=graphene.Boolean(),
        q=graphene.String(),
        description="Pengaduan yang boleh dilihat petugas.",
        **page_arguments(),
    )
    complaint = graphene.Field(StaffComplaintType, id=graphene.ID(required=True))

    def resolve_public_complaints(root, info, page=1, page_size=None, category=None, status=None):
        qs = complaint_public_list(category=category, status=status)
        result = paginate(qs, page=page, page_size=page_size)
        result.items = [exposure.public_dict(c) for c in result.items]
        return result

    def resolve_public_complaint(root, info, code):
        c = complaint_public_get(code=code)
        if c is None:
            return None
        timeline = [exposure._event(e) for e in complaint_timeline(complaint=c, audience="public")]
        return {**exposure.public_dict(c), "timeline": timeline}

    def resolve_track_complaint(root, info, code, secret):
        return exposure.reporter_dict(_tracked(code, secret))

    def resolve_complaints(root, info, page=1, page_size=None, **filters):
        user = require_user(info)
        if filters.get("status") and filters["status"] not in Status.values:
            raise ValidationError({"status": [_("Status tidak dikenal.")]})
        if filters.get("privacy") and filters["privacy"] not in Privacy.values:
            raise ValidationError({"privacy": [_("Kerahasiaan tidak dikenal.")]})
        if filters.get("opd") is not None:
            filters["opd"] = _pk(filters["opd"])
        qs = complaint_list_staff(user=user, **filters)
        result = paginate(qs, page=page, page_size=page_size)
        today = exposure.local_today()
        result.items = [exposure.staff_row(c, today) for c in result.items]
        return result

    def resolve_complaint(root, info, id):
        user = require_user(info)
        return exposure.staff_dict(complaint_get_staff(user=user, pk=_pk(id)), user=user)


class SubmitComplaintInput(graphene.InputObjectType):
    category = graphene.String(required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    kind = graphene.String()
    privacy = graphene.String()
    location_text = graphene.String()
    kecamatan = graphene.ID()
    kelurahan = graphene.ID()
    lat = graphene.Float()
    long = graphene.Float()
    incident_date = graphene.Date()
    reporter_name = graphene.String()
    reporter_email = graphene.String()
    reporter_phone = graphene.String()
    website = graphene.String(description="Biarkan kosong.")
    extra = graphene.JSONString(description="Isian tambahan kategori (objek JSON).")
    attachments = graphene.List(
        graphene.NonNull(graphene.String),
        description="Token lampiran dari POST /api/v1/complaints/uploads/ (multipart), masing-masing sekali pakai.",
    )


class SubmitComplaint(graphene.Mutation):
    """File a complaint. ``secret`` is shown once; a replay of the same Idempotency-Key issues a new one."""

    class Arguments:
        input = SubmitComplaintInput(required=True)

    tracking_code = graphene.String(required=True)
    secret = graphene.String(required=True)
    status = graphene.String(required=True)
    due_date = graphene.Date()

    def mutate(root, info, input):
        from api.idempotency import graphql_idempotent

        data = dict(input)
        uploads = list(data.pop("attachments", None) or [])
        for field in ("kecamatan", "kelurahan"):
            if data.get(field) is not None:
                data[field] = public_opds().filter(pk=_pk(data[field]), kind=field).first()
                if data[field] is None:
                    raise ValidationError({field: [_("Pilihan tidak dikenal.")]})
        secrets: list[str] = []

        def run():
            try:
                result = services.complaint_submit(data=data, uploads=uploads, client=_client(info), door=Door.GRAPHQL)
            except RateLimitedError as exc:
                raise Throttled(detail=str(exc)) from exc
            secrets.append(result.secret)
            c = result.complaint
            return {"tracking_code": c.tracking_code, "status": c.status, "due_date": str(c.due_date)}

        outcome = graphql_idempotent(info, operation="submitComplaint", payload=dict(input), run=run)
        value = outcome.value
        if outcome.replayed:
            secrets.append(services.complaint_secret_for_replay(tracking_code=value["tracking_code"]))
        return SubmitComplaint(
            tracking_code=value["tracking_code"], secret=secrets[0], status=value["status"], due_date=value["due_date"]
        )


class ReporterAction(graphene.Mutation):
    """The reporter's actions by code + secret: information, confirm, rate, reopen."""

    class Arguments:
        code = graphene.String(required=True)
        secret = graphene.String(required=True)
        action = graphene.String(required=True, description="information | confirm | rate | reopen")
        body = graphene.String()
        rating = graphene.Int()
        comment = graphene.String()
        reason = graphene.String()
        attachments = graphene.List(
            graphene.NonNull(graphene.String), description="Token lampiran (POST /api/v1/complaints/uploads/)."
        )

    complaint = graphene.Field(TrackedComplaintType, required=True)

    def mutate(root, info, code, secret, action, body="", rating=None, comment="", reason="", attachments=None):
        c = _tracked(code, secret)
        door = Door.GRAPHQL
        if action == "information":
            services.complaint_add_information(complaint=c, body=body, uploads=attachments or [], door=door)
        elif action == "confirm":
            services.complaint_confirm(complaint=c, door=door)
        elif action == "rate":
            services.complaint_rate(complaint=c, rating=rating, comment=comment or "", door=door)
        elif action == "reopen":
            services.complaint_reopen(complaint=c, reason=reason or "", door=door)
        else:
            raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
        return ReporterAction(complaint=exposure.reporter_dict(_tracked(code, secret)))


class SupportComplaint(graphene.Mutation):
    class Arguments:
        code = graphene.String(required=True)

    support_count = graphene.Int(required=True)

    def mutate(root, info, code):
        c = complaint_public_get(code=code)
        if c is None:
            raise Http404
        return SupportComplaint(support_count=services.complaint_support(complaint=c, client=_client(info)))


class ComplaintAction(graphene.Mutation):
    """Staff actions: verify, reject, assign, start, note, answer, close, merge."""

    class Arguments:
        id = graphene.ID(required=True)
        action = graphene.String(required=True)
        reason = graphene.String()
        note = graphene.String()
        body = graphene.String()
        public = graphene.Boolean()
        opd = graphene.ID()
        handling = graphene.String()
        primary = graphene.ID()

    complaint = graphene.Field(StaffComplaintType, required=True)

    def mutate(root, info, id, action, **d):
        user = require_user(info)
        c = complaint_get_staff(user=user, pk=_pk(id))
        common = {"complaint": c, "actor": user, "door": Door.GRAPHQL}
        if d.get("handling") and d["handling"] not in Handling.values:
            raise ValidationError({"handling": [_("Jenis penanganan tidak dikenal.")]})
        if action == "verify":
            services.complaint_verify(**common, handling=d.get("handling"))
        elif action == "reject":
            services.complaint_reject(**common, reason=d.get("reason") or "", note=d.get("note") or "")
        elif action == "assign":
            opd = public_opds().filter(pk=_pk(d.get("opd"))).first()
            if opd is None:
                raise ValidationError({"opd": [_("Pilih OPD.")]})
            services.complaint_assign(**common, opd=opd, handling=d.get("handling"), reason=d.get("reason") or "")
        elif action == "start":
            services.complaint_start(**common)
        elif action == "note":
            services.complaint_add_note(**common, body=d.get("body") or "", public=bool(d.get("public")))
        elif action == "answer":
            services.complaint_answer(**common, body=d.get("body") or "")
        elif action == "close":
            services.complaint_close(**common, reason=d.get("reason") or "")
        elif action == "merge":
            try:
                primary = complaint_list_staff(user=user).get(pk=_pk(d.get("primary")))
            except ObjectDoesNotExist:
                raise ValidationError({"primary": [_("Pengaduan utama tidak ditemukan.")]}) from None
            services.complaint_merge(duplicate=c, primary=primary, actor=user, door=Door.GRAPHQL)
        else:
            raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
        return ComplaintAction(complaint=exposure.staff_dict(complaint_get_staff(user=user, pk=c.pk), user=user))


class RevealComplaintReporter(graphene.Mutation):
    """The desk reveals a reporter's identity (logged for confidential complaints)."""

    class Arguments:
        id = graphene.ID(required=True)

    reporter = graphene.Field(ReporterType)

    def mutate(root, info, id):
        user = require_user(info)
        c = complaint_get_staff(user=user, pk=_pk(id))
        identity = services.complaint_reveal_reporter(complaint=c, actor=user, door=Door.GRAPHQL)
        data = {"name": identity.name, "email": identity.email, "phone": identity.phone} if identity else None
        return RevealComplaintReporter(reporter=data)


class ComplaintsMutation(graphene.ObjectType):
    submit_complaint = SubmitComplaint.Field()
    complaint_reporter_action = ReporterAction.Field()
    support_complaint = SupportComplaint.Field()
    complaint_action = ComplaintAction.Field()
    reveal_complaint_reporter = RevealComplaintReporter.Field()


queries: list[type] = [ComplaintsQuery]
mutations: list[type] = [ComplaintsMutation]
