"""Who is acting, and through which door, for the code that has no request.

The request middleware gives simple-history the user of a web request. Jobs, management
commands and the shell have none, so they name themselves with ``acting_as``; every
history row written inside records that actor and door.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Door(models.TextChoices):
    ADMIN = "admin", _("Admin")
    WEB = "web", _("Situs publik")
    REST = "rest", _("REST API")
    GRAPHQL = "graphql", _("GraphQL")
    OPEN311 = "open311", _("Open311")
    JOB = "job", _("Tugas latar (django-q2)")
    COMMAND = "command", _("Perintah manajemen")
    SHELL = "shell", _("Shell")
    UNKNOWN = "unknown", _("Tidak diketahui")


@dataclass(frozen=True)
class Actor:
    name: str
    door: str
    user_id: int | None = None
    reason: str = ""


_current: ContextVar[Actor | None] = ContextVar("sepakat_actor", default=None)


def current_actor() -> Actor | None:
    return _current.get()


@contextmanager
def acting_as(name: str, *, door: str = Door.COMMAND, user=None, reason: str = "") -> Iterator[Actor]:
    """Run a block as a named actor (``"job:send_reminders"``, ``"command:load_demo"``)."""
    actor = Actor(name=name, door=str(door), user_id=getattr(user, "pk", None), reason=reason)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
