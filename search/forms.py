"""The public search form: every field optional, bad values are dropped."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
KIND_CHOICES = [("", _("Semua")), ("page", _("Halaman")), ("document", _("Dokumen")), ("complaint", _("Pengaduan"))]


class SearchForm(forms.Form):
    query = forms.CharField(label=_("Kata kunci"), required=False)
    type = forms.ChoiceField(label=_("Jenis"), choices=KIND_CHOICES, required=False)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=1990, max_value=2100)

    def __init__(self, data=None):
        data = data.copy() if data is not None else None
        if data is not None:
            data["query"] = " ".join(data.get("query", "").split())[:MAX_QUERY_LENGTH]
            if len(data.get("year", "")) > 4:
                data["year"] = ""
        super().__init__(data)

    def params(self) -> dict:
        """Valid values only: an unknown type or a bad year is ignored (and shown on the form)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "query": cleaned.get("query") or "",
            "kind": cleaned.get("type") or "",
            "year": cleaned.get("year"),
        }
