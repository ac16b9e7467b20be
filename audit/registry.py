"""Puts history on every tracked model from outside, so no domain model carries audit code.

Our own apps get their historical models in their own app (and migrations); third-party
models we track (the user) get theirs in ``audit``.

Domain apps configure their audit with ONE LINE in the dicts below (see
docs/adr/0003-audit-trail.md); keys are model labels ``"app_label.ModelName"``.
"""

from django.apps import apps
from django.conf import settings
from simple_history import register
from simple_history.models import HistoricalRecords

from .history import HistoryContext, SepakatHistoricalRecords

#: Our apps whose every concrete model is tracked.
TRACKED_APPS = (
    "organizations",
    "notifications",
    "forms_builder",
    "planning",
    "complaints",
    "wbs",
    "reporting",
    "budget",
)

#: Models of other apps that are tracked too, with their history kept in ``audit``.
EXTRA_TRACKED_MODELS = [settings.AUTH_USER_MODEL]

#: Fields left out of a model's history (never copied into the history table, never in a
#: diff): secrets, confidential identities. A password hash has no place in an audit table.
EXCLUDED_FIELDS: dict[str, list[str]] = {
    settings.AUTH_USER_MODEL: ["password", "last_login"],
    "wbs.WbsReport": ["secret_hash"],
    "complaints.Complaint": ["secret_hash"],  # the tracking secret's hash: no auditor needs it
    # The reasons name people and allegations; retention purges them from the live row only.
    "wbs.IdentityRequest": ["reason", "decision_note"],
}

#: Many-to-many fields whose membership is tracked (simple-history m2m history tables).
M2M_FIELDS: dict[str, list[str]] = {
    settings.AUTH_USER_MODEL: ["groups"],
    "reporting.Assignment": ["periods", "opds"],
}

#: Who may read a model's (or a whole app's) audit trail besides nobody: label or app label
#: -> global role names (organizations.roles.GlobalRole values). Unlisted = every audit reader
#: (Auditor, Inspektorat). Applied by ``audit.selectors`` to the timeline, diffs and exports.
#: Superusers are NOT let through: only members of the listed roles read these trails.
RESTRICTED_MODELS: dict[str, tuple[str, ...]] = {
    "wbs": ("Inspektorat",),
}

#: How to find a record's OPD for the timeline's OPD filter: label -> attribute path
#: (dots for relations, e.g. "assignment.opd_id"). Models with an ``opd`` field need no
#: entry; OPD itself is its own OPD.
OPD_PATHS: dict[str, str] = {
    "organizations.OPD": "pk",
    "complaints.ActionProgress": "action.opd_id",
    "complaints.ActionEvidence": "progress.action.opd_id",
}

#: Models never tracked (append-only logs, caches, history itself): "app_label.ModelName".
UNTRACKED_MODELS: set[str] = {
    "notifications.Delivery",  # a delivery log, not a business record
    "complaints.ReporterIdentity",  # no copy of a reporter's identity in a history table
    "complaints.ComplaintEvent",  # the complaint's own append-only timeline
    "complaints.Attachment",  # immutable files; the event timeline records them
    "complaints.PendingUpload",  # cleaned files waiting for a submission; short-lived
    "reporting.SubmissionTransition",  # a report's own append-only workflow log
    "reporting.ReportExport",  # bookkeeping of an export; the sensitive-read log records it
    # WBS content, identity, messages and notes never reach history: Auditors read history.
    "wbs.WbsReportContent",
    "wbs.WbsReporterIdentity",
    "wbs.WbsMessage",
    "wbs.WbsNote",
    # Serap monthly figures are bulk data (millions of rows): the tracked ImportBatch and the
    # append-only FigureRevision keep their history; alerts are the scan's own bookkeeping.
    "budget.CashPlan",
    "budget.Realisation",
    "budget.FigureRevision",
    "budget.Alert",
    "complaints.ActionNotice",  # the Renaksi reminder job's once-only bookkeeping
    "wbs.WbsEvidence",  # encrypted evidence files; reads go to the sensitive-read log
    "wbs.WbsPendingEvidence",  # encrypted files waiting for a report or reply; short-lived
}

#: Models that moved to another app and kept their tables: new label -> old label. Their
#: history tables keep the old name too (``history_table_name``), and events already in the
#: chain name the old label (sealed rows are never rewritten): the timeline, its model filter
#: and a record's history read both labels (``label_aliases``). New events use the new label.
MOVED_MODELS: dict[str, str] = {
    "reporting.ReportingPeriod": "forms_builder.ReportingPeriod",
    "reporting.Assignment": "forms_builder.Assignment",
    "reporting.Submission": "forms_builder.Submission",
    "reporting.SubmissionTransition": "forms_builder.SubmissionTransition",
    "reporting.SubmissionAttachment": "forms_builder.SubmissionAttachment",
    "reporting.ReportExport": "forms_builder.ReportExport",
}


def canonical_label(label: str) -> str:
    """The current lower-case label of ``label`` (an old label of a moved model gives the new one)."""
    label = label.strip().lower()
    for new, old in MOVED_MODELS.items():
        if label == old.lower():
            return new.lower()
    return label


def label_aliases(label: str) -> list[str]:
    """Every lower-case label events of this model may carry: the current one and the old ones."""
    current = canonical_label(label)
    return [current, *(old.lower() for new, old in MOVED_MODELS.items() if new.lower() == current)]


def history_table_name(label: str) -> str | None:
    """The kept history table of a moved model (``<old_app>_historical<model>``), else None."""
    old = MOVED_MODELS.get(label)
    if old is None:
        return None
    old_app, _sep, name = old.partition(".")
    return f"{old_app}_historical{name.lower()}"


def _is_trackable(model) -> bool:
    meta = model._meta
    label = f"{meta.app_label}.{meta.object_name}"
    return not (
        meta.abstract
        or meta.proxy
        or not meta.managed
        or label in UNTRACKED_MODELS
        or meta.object_name.startswith("Historical")
        or any(isinstance(f, HistoricalRecords) for f in vars(model).values())
        or hasattr(meta, "simple_history_manager_attribute")
    )


def tracked_models() -> list:
    """Every model that gets history, in a stable order."""
    models = []
    for label in TRACKED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        models.extend(m for m in config.get_models() if _is_trackable(m))
    models.extend(apps.get_model(label) for label in EXTRA_TRACKED_MODELS)
    return models


def is_tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def registered_models() -> list:
    """Every model that has history now (after ``register_tracked_models``)."""
    return [m for m in apps.get_models() if is_tracked(m) and not m._meta.object_name.startswith("Historical")]


def register_tracked_models() -> None:
    for model in tracked_models():
        if is_tracked(model):
            continue
        label = model._meta.label
        own_app = model._meta.app_label in TRACKED_APPS
        register(
            model,
            app=None if own_app else "audit",
            excluded_fields=EXCLUDED_FIELDS.get(label, []),
            m2m_fields=M2M_FIELDS.get(label, []),
            table_name=history_table_name(label),
            user_db_constraint=False,
            records_class=SepakatHistoricalRecords,
            bases=[HistoryContext],
        )


def roles_allowed_for(label: str) -> tuple[str, ...] | None:
    """Roles that may read ``label``'s trail (model label, any case), or None if unrestricted."""
    app_label, _sep, name = label.partition(".")
    for key, roles in RESTRICTED_MODELS.items():
        k_app, _s, k_name = key.partition(".")
        if k_app.lower() == app_label.lower() and (not k_name or k_name.lower() == name.lower()):
            return roles
    return None


def opd_id_of(instance) -> int | None:
    """The OPD id a record belongs to, following ``OPD_PATHS`` or an ``opd`` field."""
    path = OPD_PATHS.get(instance._meta.label)
    if path is None:
        names = {f.attname for f in instance._meta.concrete_fields}
        if "opd_id" not in names:
            return None
        path = "opd_id"
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
