"""Open alerts: one row per subject, so an alert is sent once and escalated once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    LATE_STAGE = "late_stage", _("Tahap terlambat")
    CRITICAL_CONTRACT = "critical", _("Kontrak kritis")
    LOW_ABSORPTION = "low_absorption", _("Serapan di bawah ambang")


class Alert(models.Model):
    wagtail_reference_index_ignore = True  # no "usage" screen reads these rows; each save would re-index them

    kind = models.CharField(_("jenis"), max_length=20, choices=AlertKind.choices)
    subject_key = models.CharField(_("subjek"), max_length=120)
    opd = models.ForeignKey("organizations.OPD", on_delete=models.CASCADE, related_name="+", verbose_name=_("OPD"))
    opened_on = models.DateField(_("dibuka"))
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("peringatan Serap")
        verbose_name_plural = _("peringatan Serap")
        ordering = ["-opened_on"]
        constraints = [models.UniqueConstraint(fields=["kind", "subject_key"], name="budget_alert_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.opened_on:%d/%m/%Y})"
