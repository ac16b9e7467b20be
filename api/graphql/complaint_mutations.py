"""Complaint mutations: ``submitComplaint`` (``Idempotency-Key`` supported),
``supportComplaint`` and the reporter's ``complaintReporterAction`` (code + secret) for
anyone; ``complaintAction`` and ``revealComplaintReporter`` for staff. Attachments are
tokens from ``POST /api/v1/complaints/uploads/`` (GraphQL has no standard multipart)."""

import graphene
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from audit.actors import Door
from complaints import exposure, services
from complaints.models import Handling
from complaints.selectors import complaint_get_staff, complaint_list_staff, complaint_public_get
from organizations.selectors import public_opds

from .auth import require_user
from .complaint_lookups import client_of, parse_id, tracked_complaint
from .complaint_types import ReporterType, StaffComplaintType, TrackedComplaintType


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
                data[field] = public_opds().filter(pk=parse_id(data[field]), kind=field).first()
                if data[field] is None:
                    raise ValidationError({field: [_("Pilihan tidak dikenal.")]})
        secrets: list[str] = []

        def run():
            result = services.complaint_submit(data=data, uploads=uploads, client=client_of(info), door=Door.GRAPHQL)
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
        c = tracked_complaint(code, secret)
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
        c = complaint_get_staff(user=user, pk=parse_id(id))
        common = {"complaint": c, "actor": user, "door": Door.GRAPHQL}
        if d.get("handling") and d["handling"] not in Handling.values:
            raise ValidationError({"handling": [_("Jenis penanganan tidak dikenal.")]})
        if action == "verify":
            services.complaint_verify(**common, handling=d.get("handling"))
        elif action == "reject":
            services.complaint_reject(**common, reason=d.get("reason") or "", note=d.get("note") or "")
        elif action == "assign":
            opd = public_opds().filter(pk=parse_id(d.get("opd"))).first()
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
                primary = complaint_list_staff(user=user).get(pk=parse_id(d.get("primary")))
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
