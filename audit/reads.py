"""The sensitive-read log: one public function domain services call.

    from audit.reads import log_sensitive_read
    log_sensitive_read(user=request.user, obj=report, action="wbs.read", door=Door.ADMIN)

Actions in use: ``wbs.read``, ``wbs.reveal_identity``, ``complaint.reveal_reporter``,
``forms.export``. No IP address or user agent is ever stored.
"""

from django.db import models, transaction

from .actors import current_actor
from .chain import row_digest
from .models import EventSource, SensitiveRead
from .registry import opd_id_of


def log_sensitive_read(*, user, obj, action: str, door: str, detail: str = "") -> None:
    """Record that ``user`` read ``obj`` (any model instance) through ``door``; chained.

    ``obj`` may be a model class (or None) for reads of many records, e.g. an export.
    """
    from .chain import append_event
    from .events import model_label

    actor = current_actor()
    if user is not None and getattr(user, "is_authenticated", False):
        actor_name, user_id = user.get_username(), user.pk
    else:
        actor_name, user_id = (actor.name if actor else "anonim"), (actor.user_id if actor else None)
    with transaction.atomic():
        read = SensitiveRead.objects.create(
            user_id=user_id,
            actor=actor_name,
            action=action,
            door=str(door),
            model=model_label(obj) if obj is not None else "",
            object_id=str(getattr(obj, "pk", None) or "") if isinstance(obj, models.Model) else "",
            detail=detail,
        )
        values = SensitiveRead.objects.filter(pk=read.pk).values().get()
        append_event(
            source_digest=row_digest(values),
            source=EventSource.READ,
            source_id=read.pk,
            action=action,
            model=read.model,
            object_id=read.object_id,
            object_repr="",
            occurred_at=read.at,
            door=read.door,
            actor=actor_name,
            user_id=user_id,
            opd_id=opd_id_of(obj) if isinstance(obj, models.Model) else None,
            changed_fields=[],
            reason=detail,
        )
