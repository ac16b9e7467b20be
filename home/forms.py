"""Filter forms of the public listings: bad input is dropped, never an error page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .documents import DocumentKind

MAX_QUERY_LENGTH = 200


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Kata kunci"), required=False, max_length=MAX_QUERY_LENGTH)
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    opd = forms.TypedChoiceField(label=_("OPD"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Jenis"), required=False)

    def __init__(self, data=None, *, years: list[int], opds: list[tuple[int, str]]):
        data = data.copy() if data is not None else None
        if data is not None and len(data.get("q", "")) > MAX_QUERY_LENGTH:
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        super().__init__(data)
        self.fields["year"].choices = [("", _("Semua tahun")), *((y, str(y)) for y in years)]
        self.fields["opd"].choices = [("", _("Semua OPD")), *opds]
        self.fields["kind"].choices = [("", _("Semua jenis")), *DocumentKind.choices]

    def filters(self) -> dict:
        """The valid filters only: an unknown year or OPD is ignored and reported on the form."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "query": (cleaned.get("q") or "").strip(),
            "year": cleaned.get("year"),
            "opd_id": cleaned.get("opd"),
            "kind": cleaned.get("kind") or "",
        }
