"""Complaint mutations: ``submitComplaint`` (``Idempotency-Key`` supported),
``supportComplaint`` and the reporter's ``complaintReporterAction`` (code + secret) for
anyone; ``complaintAction`` and ``revealComplaintReporter`` for staff. Attachments are
tokens from ``POST /api/v1/complaints/uploads/`` (GraphQL has no standard multipart)."""

import datetime as dt

import graphene
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from api.idempotency import HEADER, graphql_idempotent
from api.idempotency.sealed import COMPLAINT_SECRET, seal, unseal
from audit.actors import Door
from complaints import actions, exposure, services
from complaints.lookups import location_choice
from complaints.selectors import complaint_get_staff, complaint_public_get
from organizations.client_address import client_address

from ..auth import require_user
from .queries import parse_id, tracked_complaint
from .types import ReporterType, StaffComplaintType, TrackedComplaintType


def client_of(info) -> str:
    """The client key for rate limits (hashed by the limiter, never stored)."""
    return client_address(info.context)


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
    """File a complaint. ``secret`` is shown once; a replay of the same Idempotency-Key gives
    the same secret (kept only sealed with a key derived from the Idempotency-Key)."""

    class Arguments:
        input = SubmitComplaintInput(required=True)

    tracking_code = graphene.String(required=True)
    secret = graphene.String(required=True)
    status = graphene.String(required=True)
    due_date = graphene.Date()

    def mutate(root, info, input):
        data = dict(input)
        uploads = list(data.pop("attachments", None) or [])
        for field in ("kecamatan", "kelurahan"):
            if data.get(field) is not None:
                data[field] = location_choice(field=field, pk=parse_id(data[field]))
                if data[field] is None:
                    raise ValidationError({field: [_("Pilihan tidak dikenal.")]})
        key = info.context.headers.get(HEADER)
        secrets: list[str] = []

        def run():
            result = services.complaint_submit(data=data, uploads=uploads, client=client_of(info), door=Door.GRAPHQL)
            secrets.append(result.secret)
            c = result.complaint
            value = {
                "tracking_code": c.tracking_code,
                "status": c.status,
                "due_date": c.due_date.isoformat() if c.due_date else None,
            }
            if key:
                value["sealed_secret"] = seal(result.secret, key=key, purpose=COMPLAINT_SECRET)
            return value

        outcome = graphql_idempotent(info, operation="submitComplaint", payload=dict(input), run=run)
        value = outcome.value
        secret = secrets[0] if secrets else unseal(value.get("sealed_secret"), key=key, purpose=COMPLAINT_SECRET)
        due = value.get("due_date")
        return SubmitComplaint(
            tracking_code=value["tracking_code"],
            secret=secret,
            status=value["status"],
            due_date=dt.date.fromisoformat(due) if due else None,
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

    def mutate(root, info, code, secret, action, attachments=None, **data):
        c = tracked_complaint(code, secret)
        actions.run_reporter_action(name=action, complaint=c, door=Door.GRAPHQL, data=data, uploads=attachments or [])
        return ReporterAction(complaint=exposure.reporter_dict(tracked_complaint(code, secret)))


class SupportComplaint(graphene.Mutation):
    class Arguments:
        code = graphene.String(required=True)

    support_count = graphene.Int(required=True)

    def mutate(root, info, code):
        c = complaint_public_get(code=code)
        if c is None:
            raise Http404
        return SupportComplaint(support_count=services.complaint_support(complaint=c, client=client_of(info)))


class ComplaintAction(graphene.Mutation):
    """Staff actions (``complaints.actions``): verify, reject, assign, start, note, answer, close,
    merge, decline, recategorize, forward_wbs, redact."""

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
        override_reason = graphene.String(description="assign: alasan tetap mendisposisikan ke OPD tanpa petugas.")
        category = graphene.String(description="recategorize: kode kategori baru.")
        wbs_category = graphene.ID(description="forward_wbs: kategori WBS.")
        reported_opd = graphene.ID(description="forward_wbs: OPD terlapor.")
        reported_person = graphene.String(description="forward_wbs: nama/jabatan terlapor.")
        title = graphene.String(description="redact: judul publik.")
        description = graphene.String(description="redact: uraian publik.")

    complaint = graphene.Field(StaffComplaintType, required=True)

    def mutate(root, info, id, action, **data):
        user = require_user(info)
        c = complaint_get_staff(user=user, pk=parse_id(id))
        if actions.staff_action(action) is None or actions.staff_action(action).name == "reveal":
            raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
        actions.run_staff_action(name=action, complaint=c, actor=user, door=Door.GRAPHQL, data=data)
        return ComplaintAction(complaint=exposure.staff_dict(complaint_get_staff(user=user, pk=c.pk), user=user))


class RevealComplaintReporter(graphene.Mutation):
    """The desk reveals a reporter's identity (logged for confidential complaints)."""

    class Arguments:
        id = graphene.ID(required=True)

    reporter = graphene.Field(ReporterType)

    def mutate(root, info, id):
        user = require_user(info)
        c = complaint_get_staff(user=user, pk=parse_id(id))
        identity = services.complaint_reveal_reporter(complaint=c, actor=user, door=Door.GRAPHQL)
        data = {"name": identity.name, "email": identity.email, "phone": identity.phone} if identity else None
        return RevealComplaintReporter(reporter=data)


class ComplaintsMutation(graphene.ObjectType):
    submit_complaint = SubmitComplaint.Field()
    complaint_reporter_action = ReporterAction.Field()
    support_complaint = SupportComplaint.Field()
    complaint_action = ComplaintAction.Field()
    reveal_complaint_reporter = RevealComplaintReporter.Field()
