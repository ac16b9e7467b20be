"""A read-only admin panel listing a form's published versions (editors see v1, v2, …)."""

from wagtail.admin.panels import Panel


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
