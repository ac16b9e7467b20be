from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time a django-q2 worker on a host executed the heartbeat task.

    A row per host rather than django-q2's own ``Success`` table: that table is pruned
    to ``save_limit`` rows across all tasks, so a frequent heartbeat would push real task
    history out of it, and a quiet period would make the queue look dead.
    """

    host = models.CharField(_("host"), max_length=255, unique=True)
    pid = models.PositiveIntegerField(_("PID"))
    seen_at = models.DateTimeField(_("terakhir terlihat"), db_index=True)
    beats = models.PositiveBigIntegerField(_("jumlah detak"), default=0)

    class Meta:
        verbose_name = _("detak worker")
        verbose_name_plural = _("detak worker")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.host} ({self.seen_at:%Y-%m-%d %H:%M:%S})"
