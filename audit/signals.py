"""Capture: fills the door and actor of every history row and chains every audit event.

Door and actor, in order of precedence:
1. ``acting_as(...)`` (jobs, commands, services that name themselves);
2. the web request simple-history's middleware saw (admin, REST, GraphQL, Open311, site);
3. the process: ``manage.py <command>`` → ``command:<command>``, the django-q2 cluster →
   ``job:qcluster``, anything else (``manage.py shell``, a Python prompt) → ``shell``.
"""

import sys
from pathlib import Path

from django.db.models.signals import post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from .actors import Door, current_actor

_INTERACTIVE_COMMANDS = {"shell", "shell_plus", "dbshell"}


def door_of_request(request) -> str:
    if request is None:
        return ""
    path = request.path
    if path.startswith("/admin/") or path.startswith("/django-admin/"):
        return Door.ADMIN
    if path.startswith("/api/"):
        return Door.REST
    if path.startswith("/graphql/"):
        return Door.GRAPHQL
    if path.startswith("/open311/"):
        return Door.OPEN311
    return Door.WEB


def process_actor(argv: list[str] | None = None) -> tuple[str, str]:
    """The (door, actor) of code running outside any request or ``acting_as`` block."""
    argv = sys.argv if argv is None else argv
    if len(argv) >= 2 and Path(argv[0]).name in ("manage.py", "django-admin", "django-admin.py"):
        command = argv[1]
        if command in _INTERACTIVE_COMMANDS:
            return Door.SHELL, "shell"
        if command == "qcluster":
            return Door.JOB, "job:qcluster"
        return Door.COMMAND, f"command:{command}"
    return Door.SHELL, "shell"


@receiver(pre_create_historical_record, dispatch_uid="sepakat-history-context")
def _fill_history_context(sender, instance, history_instance, history_user=None, **kwargs) -> None:
    actor = current_actor()
    if actor is not None:
        history_instance.history_door = actor.door
        history_instance.history_actor = actor.name
        if actor.user_id and not history_instance.history_user_id:
            history_instance.history_user_id = actor.user_id
        if actor.reason and not history_instance.history_change_reason:
            history_instance.history_change_reason = actor.reason
        return
    request = getattr(HistoricalRecords.context, "request", None)
    door = door_of_request(request)
    if not door:
        history_instance.history_door, history_instance.history_actor = process_actor()
        return
    history_instance.history_door = door
    user = history_user or getattr(request, "user", None)
    history_instance.history_actor = user.get_username() if user and user.is_authenticated else "anonim"


@receiver(post_create_historical_record, dispatch_uid="sepakat-history-chain")
def _chain_history_record(sender, instance, history_instance, **kwargs) -> None:
    from .events import record_history_event

    record_history_event(history_instance, instance)


def _chain_log_entry(sender, instance, created, raw=False, **kwargs) -> None:
    if not created or raw:
        return
    from .events import current_door_and_actor, record_log_entry_event

    door, actor, _user_id = current_door_and_actor()
    if instance.user_id and door in (Door.ADMIN, Door.WEB, Door.REST, Door.GRAPHQL):
        actor = instance.user.get_username() if instance.user else actor
    record_log_entry_event(instance, door=door, actor=actor)


def connect_wagtail_log_entries() -> None:
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (PageLogEntry, ModelLogEntry):
        post_save.connect(_chain_log_entry, sender=model, dispatch_uid=f"sepakat-chain-{model.__name__}")
