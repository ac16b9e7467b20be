from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .deadlines import forget_days_off
from .models import DayOff


@receiver([post_save, post_delete], sender=DayOff, dispatch_uid="sepakat-complaints-days-off")
def _days_off_changed(sender, **kwargs) -> None:
    forget_days_off()
