"""``saveReportDraft`` and the workflow steps (``submitReport``, ``returnReport``, ``verifyReport``,
``publishReport``), each run at most once per ``Idempotency-Key``."""

import graphene
from graphene.types.generic import GenericScalar

from api import reports_common as common
from api.idempotency import graphql_idempotent
from reporting.selectors import submission_get

from ..auth import require_user
from .queries import parse_id, submission_detail
from .types import ReportMutationPayload


class SaveReportDraft(graphene.Mutation):
    """Merge partial answers into the draft; ``expectedRevision`` guards against overwriting others."""

    class Arguments:
        id = graphene.ID(required=True)
        answers = GenericScalar(required=True)
        expected_revision = graphene.Int(description="`revision` terakhir yang dilihat; sangat dianjurkan.")

    Output = ReportMutationPayload

    def mutate(root, info, id, answers, expected_revision=None):
        user = require_user(info)
        s = submission_get(user=user, pk=parse_id(id))
        common.save_draft(submission=s, actor=user, answers=answers, expected_revision=expected_revision)
        return ReportMutationPayload(submission=submission_detail(user, s.pk), replayed=False)


def _action_mutation(action: str, operation: str, doc: str, **arguments) -> type[graphene.Mutation]:
    """``submitReport`` & co: one workflow step, run at most once per Idempotency-Key."""

    def mutate(root, info, id, **data):
        user = require_user(info)
        pk = parse_id(id)

        def run():
            s = submission_get(user=user, pk=pk)
            common.run_action(submission=s, actor=user, action=action, **data)
            return {"id": pk}

        outcome = graphql_idempotent(info, operation=operation, payload={"id": pk, **data}, run=run)
        return ReportMutationPayload(submission=submission_detail(user, outcome.value["id"]), replayed=outcome.replayed)

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
    reopen_fields=graphene.List(
        graphene.NonNull(graphene.String),
        description="Jalur isian lain yang ikut dibuka tanpa catatan sendiri (isian berkas juga boleh).",
    ),
)
VerifyReport = _action_mutation("verify", "verifyReport", "Setujui laporan.", comment=graphene.String())
PublishReport = _action_mutation("publish", "publishReport", "Publikasikan laporan terverifikasi.")


class ReportsMutation(graphene.ObjectType):
    save_report_draft = SaveReportDraft.Field()
    submit_report = SubmitReport.Field()
    return_report = ReturnReport.Field()
    verify_report = VerifyReport.Field()
    publish_report = PublishReport.Field()
