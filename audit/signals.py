"""Fills the door and actor of every history row (see ``audit.actors``)."""

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from .actors import Door, current_actor


def _door_of_request(request) -> str:
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
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    door = _door_of_request(request)
    history_instance.history_door = door or Door.SHELL
    user = history_user or getattr(request, "user", None)
    if door:
        history_instance.history_actor = getattr(user, "username", "") if user and user.is_authenticated else "anonim"
    else:
        history_instance.history_actor = "shell"
