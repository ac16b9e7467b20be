from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Pengaduan")

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401
            signals,  # noqa: F401
        )

        post_migrate.connect(_grant_permissions, sender=self, dispatch_uid="sepakat-complaints-perms")
        from organizations.workdays import register_days_off_source

        from .deadlines import pemda_days_off

        # DayOff (cuti bersama, local holidays) is the Pemda's days off for every app's working days.
        register_days_off_source("complaints.DayOff", pemda_days_off)

        # The SP4N-LAPOR self-assessment opens with the platform's complaint counts.
        from forms_builder.prefill import register_prefill

        from .lapor import FORM_KEY, LOCKED, lapor_figures

        register_prefill(FORM_KEY, lapor_figures, locked=LOCKED)

        from notifications.kinds import kind_register

        from .renaksi.reminders import KIND_OVERDUE, KIND_REMINDER

        kind_register(KIND_REMINDER, _("Pengingat laporan Renaksi"))
        kind_register(KIND_OVERDUE, _("Aksi Renaksi terlambat"))


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import OPD_MEMBER_GROUP, GlobalRole, grant_role_permissions

    crud = [f"complaints.{a}_{m}" for m in ("category", "dayoff") for a in ("add", "change", "view", "delete")]
    grant_role_permissions(
        GlobalRole.COMPLAINT_DESK,
        [
            *crud,
            "complaints.view_complaint",
            "complaints.change_complaint",
            "complaints.desk_complaint",
            "complaints.reveal_reporter",
        ],
    )
    grant_role_permissions(GlobalRole.KOMINFO_EDITOR, crud)
    grant_role_permissions(GlobalRole.INSPECTORATE, ["complaints.view_complaint"])
    grant_role_permissions(OPD_MEMBER_GROUP, ["complaints.view_complaint", "complaints.change_complaint"])
