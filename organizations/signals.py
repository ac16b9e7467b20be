from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Pemda
from .selectors import PEMDA_CACHE_KEY


@receiver([post_save, post_delete], sender=Pemda, dispatch_uid="sepakat-pemda-cache")
def _forget_cached_pemda(sender, **kwargs) -> None:
    cache.delete(PEMDA_CACHE_KEY)
