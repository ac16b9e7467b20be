"""A read-only admin panel listing a form's published versions (editors see v1, v2, …)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel

from .expressions import FUNCTION_HELP, FUNCTIONS


class VersionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "forms_builder/versions_panel.html"

        def is_required(self):
            return False

        def get_context_data(self, parent_context=None):
            from .models import FormVersion  # models import this panel: a real cycle

            context = super().get_context_data(parent_context)
            pk = getattr(self.instance, "pk", None)
            context["versions"] = (
                FormVersion.objects.filter(form_id=pk).select_related("published_by").defer("schema") if pk else []
            )
            return context


class FormulaHelpPanel(Panel):
    """One line of help plus the data of the formula help that opens beside each formula input.

    The help itself (``static/forms_builder/formula_help.js``) lists the form's fields as the
    editor has them on screen and the functions of the expression language, and shows each
    formula's problems at its input, asked of the live evaluate endpoint (docs/adr/0021).
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "forms_builder/formula_help_panel.html"

        def is_required(self):
            return False

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["help"] = {
                "evaluate_url": reverse("forms_builder_evaluate"),
                "functions": [
                    {"name": n, "text": str(FUNCTION_HELP[n][0]), "example": FUNCTION_HELP[n][1]} for n in FUNCTIONS
                ],
                "texts": {
                    "title": _("Bantuan rumus"),
                    "fields": _("Isian formulir (klik untuk menyisipkan kuncinya)"),
                    "functions": _("Fungsi (klik untuk menyisipkan)"),
                    "none": _("Belum ada isian. Tambahkan isian dengan label lebih dulu."),
                    "auto": _("kunci dibuat dari label"),
                    "example": _("Contoh:"),
                },
            }
            return context
