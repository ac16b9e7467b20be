"""Puts history on every tracked model from outside, so no domain model carries audit code.

Our own apps get their historical models in their own app (and migrations); third-party
models we track (the user model) get theirs in ``audit``.
"""

from django.apps import apps
from django.conf import settings
from simple_history import register
from simple_history.models import HistoricalRecords

from .history import HistoryContext, SepakatHistoricalRecords

#: Our apps whose every concrete model is tracked.
TRACKED_APPS = ("organizations", "notifications", "forms_builder", "complaints", "wbs")

#: Models of other apps that are tracked too, with their history kept in ``audit``, and
#: the fields left out of their history (a password hash has no place in an audit table).
EXTRA_TRACKED_MODELS = {settings.AUTH_USER_MODEL: ["password", "last_login"]}

#: Models never tracked (append-only logs, caches, history itself): "app_label.ModelName".
UNTRACKED_MODELS: set[str] = set()


def _is_trackable(model) -> bool:
    meta = model._meta
    label = f"{meta.app_label}.{meta.object_name}"
    return not (
        meta.abstract
        or meta.proxy
        or not meta.managed
        or label in UNTRACKED_MODELS
        or meta.object_name.startswith("Historical")
        or getattr(model, "_sepakat_untracked", False)
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


def register_tracked_models() -> None:
    for model in tracked_models():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        own_app = model._meta.app_label in TRACKED_APPS
        register(
            model,
            app=None if own_app else "audit",
            excluded_fields=[] if own_app else EXTRA_TRACKED_MODELS[model._meta.label],
            user_db_constraint=False,
            records_class=SepakatHistoricalRecords,
            bases=[HistoryContext],
        )
