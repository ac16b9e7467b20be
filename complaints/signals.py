from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .deadlines import forget_days_off
from .models import Category, DayOff


@receiver([post_save, post_delete], sender=DayOff, dispatch_uid="sepakat-complaints-days-off")
def _days_off_changed(sender, **kwargs) -> None:
    forget_days_off()


@receiver([post_save, post_delete], sender=Category, dispatch_uid="sepakat-complaints-category-cache")
def _category_changed(sender, instance, **kwargs) -> None:

    from .submission import CATEGORY_CACHE_KEY

    cache.delete(CATEGORY_CACHE_KEY + instance.slug)
