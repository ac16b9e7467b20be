from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Pemda
from .selectors import forget_current_pemda


@receiver([post_save, post_delete], sender=Pemda, dispatch_uid="sepakat-pemda-cache")
def _forget_cached_pemda(sender, **kwargs) -> None:
    forget_current_pemda()
