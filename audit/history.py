"""Our HistoricalRecords: the one place where simple-history's behaviour is adjusted."""

from django.db import models
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class SepakatHistoricalRecords(HistoricalRecords):
    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for field in fields.values():
            # A ParentalKey copied as-is refuses related_name="+"; history needs a plain FK.
            if isinstance(field, ParentalKey):
                field.__class__ = models.ForeignKey
        return fields


class HistoryContext(models.Model):
    """Fields every history row carries besides simple-history's own: the door and actor."""

    history_door = models.CharField(max_length=20, blank=True, default="", db_index=True)
    history_actor = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        abstract = True
