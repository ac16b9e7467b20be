"""WBS mutations: ``wbsSubmitReport`` (``Idempotency-Key`` supported) and ``wbsReporterReply``
for anyone (the client is forgotten first); case work and identity escrow for staff."""

import graphene
from django.contrib.auth import get_user_model

from api.idempotency.wbs import idempotent_submit
from audit.actors import Door
from wbs import investigation, selectors, services
from wbs.models import IdentityRequest
from wbs.privacy import client_of, forget_reporter

from ..auth import require_user
from .queries import case_summary, staff_case
from .types import WbsCaseType, WbsFollowUpType, WbsIdentityRequestType, WbsIdentityType


class WbsReportInput(graphene.InputObjectType):
    category = graphene.ID(required=True)
    reported_opd = graphene.ID(required=True)
    reported_person = graphene.String(required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    incident_date = graphene.Date()
    location = graphene.String()
    identity_name = graphene.String()
    identity_contact = graphene.String()
    website = graphene.String(description="Honeypot: leave empty.")
    evidence = graphene.List(
        graphene.NonNull(graphene.String),
        description="Token bukti dari POST /api/v1/wbs/uploads/ (sekali pakai, berlaku singkat).",
    )


class WbsSubmitReport(graphene.Mutation):
    """File a WBS report anonymously. Send ``Idempotency-Key`` to retry safely; keep the receipt code."""

    class Arguments:
        input = graphene.Argument(WbsReportInput, required=True)

    number = graphene.String(required=True)
    receipt_code = graphene.String(required=True)
    status = graphene.String(required=True)
    replayed = graphene.Boolean(required=True)

    def mutate(root, info, input):
        forget_reporter(info.context)
        data = dict(input)
        kwargs = {
            "category_id": data.get("category"),
            "reported_opd_id": data.get("reported_opd"),
            "reported_person": data.get("reported_person") or "",
            "title": data.get("title") or "",
            "description": data.get("description") or "",
            "incident_date": data.get("incident_date"),
            "location": data.get("location") or "",
            "identity_name": data.get("identity_name") or "",
            "identity_contact": data.get("identity_contact") or "",
            "honeypot": data.get("website") or "",
            "evidence_tokens": list(data.get("evidence") or []),
        }
        client = client_of(info.context)

        def run() -> dict:
            submitted = services.report_submit(**kwargs, client=client)
            return {
                "number": submitted.report.lookup_id,
                "receipt_code": submitted.receipt_code,
                "status": submitted.report.status,
            }

        body, replayed = idempotent_submit(info.context, payload=kwargs, run=run)
        return WbsSubmitReport(replayed=replayed, **body)


class WbsReporterReply(graphene.Mutation):
    class Arguments:
        receipt_code = graphene.String(required=True)
        body = graphene.String(required=True)
        evidence = graphene.List(
            graphene.NonNull(graphene.String),
            description="Token bukti dari POST /api/v1/wbs/uploads/ (sekali pakai, berlaku singkat).",
        )

    follow_up = graphene.Field(WbsFollowUpType, required=True)

    def mutate(root, info, receipt_code, body, evidence=None):
        forget_reporter(info.context)
        client = client_of(info.context)
        services.reporter_reply(code=receipt_code, body=body, client=client, evidence_tokens=list(evidence or []))
        return WbsReporterReply(follow_up=services.report_by_receipt(code=receipt_code, client=client))


class _CaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    case = graphene.Field(WbsCaseType, required=True)


class WbsAssign(_CaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        assignee = graphene.ID(required=True)

    def mutate(root, info, id, assignee):
        report = staff_case(info, id)
        user = get_user_model().objects.filter(pk=int(assignee) if str(assignee).isdigit() else None).first()
        investigation.report_assign(report=report, assignee=user, actor=info.context.user)
        return WbsAssign(case=case_summary(info, report))


class WbsChangeStatus(_CaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        status = graphene.String(required=True)
        reason = graphene.String()

    def mutate(root, info, id, status, reason=""):
        report = staff_case(info, id)
        investigation.report_change_status(report=report, status=status, reason=reason or "", actor=info.context.user)
        return WbsChangeStatus(case=case_summary(info, report))


class WbsAddNote(_CaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        body = graphene.String(required=True)

    def mutate(root, info, id, body):
        report = staff_case(info, id)
        investigation.note_add(report=report, actor=info.context.user, body=body)
        return WbsAddNote(case=case_summary(info, report))


class WbsSendMessage(_CaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        body = graphene.String(required=True)

    def mutate(root, info, id, body):
        report = staff_case(info, id)
        investigation.message_send(report=report, actor=info.context.user, body=body)
        return WbsSendMessage(case=case_summary(info, report))


class WbsRequestIdentity(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    identity_request = graphene.Field(WbsIdentityRequestType, required=True)

    def mutate(root, info, id, reason):
        report = staff_case(info, id)
        req = investigation.identity_request_create(report=report, actor=info.context.user, reason=reason)
        return WbsRequestIdentity(identity_request=req)


class WbsDecideIdentityRequest(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        approve = graphene.Boolean(required=True)
        note = graphene.String()

    identity_request = graphene.Field(WbsIdentityRequestType, required=True)

    def mutate(root, info, id, approve, note=""):
        user = require_user(info)
        req = selectors.pending_identity_requests(user=user).filter(pk=int(id) if str(id).isdigit() else None).first()
        if req is None:
            raise IdentityRequest.DoesNotExist
        decided = investigation.identity_request_decide(
            identity_request=req, actor=user, approve=approve, note=note or ""
        )
        return WbsDecideIdentityRequest(identity_request=decided)


class WbsRevealIdentity(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    identity = graphene.Field(WbsIdentityType, required=True)

    def mutate(root, info, id):
        report = staff_case(info, id)
        data = investigation.identity_reveal(report=report, actor=info.context.user, door=Door.GRAPHQL)
        return WbsRevealIdentity(identity=WbsIdentityType(name=data.get("name", ""), contact=data.get("contact", "")))


class WbsMutations(graphene.ObjectType):
    wbs_submit_report = WbsSubmitReport.Field()
    wbs_reporter_reply = WbsReporterReply.Field()
    wbs_assign = WbsAssign.Field()
    wbs_change_status = WbsChangeStatus.Field()
    wbs_add_note = WbsAddNote.Field()
    wbs_send_message = WbsSendMessage.Field()
    wbs_request_identity = WbsRequestIdentity.Field()
    wbs_decide_identity_request = WbsDecideIdentityRequest.Field()
    wbs_reveal_identity = WbsRevealIdentity.Field()
