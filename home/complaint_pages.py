"""Public complaint pages: the form, the tracking page and public statistics.

All work without JavaScript. Thin doors over ``complaints.services``/``selectors``; the
secret is shown once in the POST response (never in a URL, never cached) and the tracking
page is POSTed so code and secret stay out of URLs and logs.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from audit.actors import Door
from complaints import exposure, services
from complaints.errors import RateLimitedError
from complaints.models import ComplaintKind, Privacy
from complaints.selectors import category_list, complaint_public_get, complaint_public_list, complaint_track
from complaints.stats import complaint_public_stats
from complaints.submission import active_category, category_extra_version
from forms_builder.schema import iter_fields
from organizations.models import OPDKind
from organizations.selectors import public_opds

from .private_forms import add_service_errors, private_response


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); checked by the service."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiFileField, self).clean(d, initial) for d in data]
        return super().clean(data, initial)


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ComplaintKind.choices, initial=ComplaintKind.PENGADUAN)
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=None, to_field_name="slug", empty_label=_("— pilih —")
    )
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Uraian"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}))
    location_text = forms.CharField(label=_("Lokasi"), max_length=255, required=False)
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=None, required=False)
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=None, required=False)
    lat = forms.DecimalField(label=_("Lintang"), required=False, max_digits=9, decimal_places=6)
    long = forms.DecimalField(label=_("Bujur"), required=False, max_digits=9, decimal_places=6)
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    attachments = MultiFileField(
        label=_("Foto atau PDF"),
        required=False,
        widget=MultiFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        help_text=_("Data lokasi (GPS) dan metadata lain pada foto dihapus otomatis."),
    )
    privacy = forms.ChoiceField(
        label=_("Kerahasiaan"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Rahasia: tidak tampil publik, identitas hanya untuk Meja Pengaduan. Anonim: identitas tidak disimpan."
        ),
    )
    reporter_name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    website = forms.CharField(label=_("Jangan diisi"), required=False)

    def __init__(self, *args, category_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()
        self.fields["kecamatan"].queryset = public_opds().filter(kind=OPDKind.KECAMATAN)
        self.fields["kelurahan"].queryset = public_opds().filter(kind=OPDKind.KELURAHAN)
        self.extra_keys: list[str] = []
        category = active_category(slug=category_slug) if category_slug else None
        version = category_extra_version(category=category) if category else None
        for ref in iter_fields(version.schema if version else {}):
            spec = ref.spec
            if ref.table or spec.get("type") in EXTRA_SKIPPED_TYPES:
                continue  # tables and formulas are for the REST/GraphQL doors; the page asks plain fields
            name = f"extra.{spec['key']}"
            label = spec.get("label") or spec["key"]
            if spec.get("type") in ("single_choice", "multiple_choice"):
                choices = [(str(c["value"]), c.get("label") or c["value"]) for c in spec.get("choices") or []]
                field_class = forms.MultipleChoiceField if spec["type"] == "multiple_choice" else forms.ChoiceField
                self.fields[name] = field_class(label=label, required=False, choices=[("", "—"), *choices])
            else:
                self.fields[name] = forms.CharField(label=label, required=False)
            self.extra_keys.append(spec["key"])

    def extra_answers(self) -> dict:
        """The extra answers as the form engine reads them (empty inputs left out)."""
        answers = {}
        for key in self.extra_keys:
            value = self.cleaned_data.get(f"extra.{key}")
            if value not in (None, "", []):
                answers[key] = value
        return answers


#: Schema items the web form does not render as inputs.
EXTRA_SKIPPED_TYPES = ("section", "table", "computed", "heading")


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=30)
    secret = forms.CharField(label=_("Kode rahasia"), max_length=40)


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class ComplaintFormPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/complaints/form_page.html"

    class Meta:
        verbose_name = _("Halaman formulir pengaduan")

    def serve(self, request, *args, **kwargs):
        status, submitted = 200, None
        if request.method == "POST":
            form = ComplaintForm(request.POST, request.FILES, category_slug=request.POST.get("category", ""))
        else:
            slug = request.GET.get("kategori", "")
            form = ComplaintForm(initial={"category": slug} if slug else None, category_slug=slug)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("extra.")}
                data.pop("attachments", None)
                data["category"] = data["category"].slug
                if form.extra_keys:
                    data["extra"] = form.extra_answers()
                try:
                    submitted = services.complaint_submit(
                        data=data, files=request.FILES.getlist("attachments"), client=_client(request), door=Door.WEB
                    )
                    status = 200
                except ValidationError as exc:
                    add_service_errors(form, exc)
                except RateLimitedError as exc:
                    form.add_error(None, str(exc))
                    status = 429
        context = {
            **self.get_context(request),
            "form": form,
            "submitted": submitted,
            "track_page": ComplaintTrackPage.objects.live().first(),
        }
        return private_response(TemplateResponse(request, self.template, context, status=status))


class ComplaintTrackPage(Page):
    """POST code + secret → the reporter's view and actions; GET ?kode= → a public complaint."""

    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/complaints/track_page.html"

    class Meta:
        verbose_name = _("Halaman lacak pengaduan")

    def _act(self, request, complaint) -> None:
        action, p = request.POST.get("action", ""), request.POST
        if action == "information":
            services.complaint_add_information(
                complaint=complaint, body=p.get("body", ""), files=request.FILES.getlist("attachments"), door=Door.WEB
            )
        elif action == "confirm":
            services.complaint_confirm(complaint=complaint, door=Door.WEB)
        elif action == "rate":
            services.complaint_rate(
                complaint=complaint, rating=p.get("rating"), comment=p.get("comment", ""), door=Door.WEB
            )
        elif action == "reopen":
            services.complaint_reopen(complaint=complaint, reason=p.get("reason", ""), door=Door.WEB)

    def serve(self, request, *args, **kwargs):
        status, tracked, public, errors, done = 200, None, None, [], False
        form = TrackForm(request.POST) if request.method == "POST" else TrackForm()
        if request.method == "POST" and request.POST.get("action") == "support":
            public = complaint_public_get(code=request.POST.get("code", ""))
            if public is not None:
                services.complaint_support(complaint=public, client=_client(request))
                public = complaint_public_get(code=public.tracking_code)
            form = TrackForm()
        elif request.method == "POST":
            status = 400
            if form.is_valid():
                code, secret = form.cleaned_data["code"], form.cleaned_data["secret"]
                complaint = complaint_track(code=code, secret=secret)
                if complaint is None:
                    form.add_error(None, _("Kode pelacakan atau kode rahasia salah."))
                    status = 404
                else:
                    status = 200
                    try:
                        self._act(request, complaint)
                        done = bool(request.POST.get("action"))
                    except ValidationError as exc:
                        errors, status = exc.messages, 400
                    tracked = exposure.reporter_dict(complaint_track(code=code, secret=secret))
        elif request.GET.get("kode"):
            public = complaint_public_get(code=request.GET["kode"])
            status = 200 if public else 404
        public_data = None
        if public is not None:
            from complaints.selectors import complaint_timeline

            public_data = {
                **exposure.public_dict(public),
                "timeline": [exposure._event(e) for e in complaint_timeline(complaint=public, audience="public")],
            }
        context = {
            **self.get_context(request),
            "form": form,
            "tracked": tracked,
            "public": public_data,
            "errors": errors,
            "done": done,
            "secret": form.cleaned_data.get("secret") if tracked else "",
            "code": tracked["tracking_code"] if tracked else "",
        }
        return private_response(TemplateResponse(request, self.template, context, status=status))


class ComplaintStatsPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/complaints/stats_page.html"

    class Meta:
        verbose_name = _("Halaman statistik pengaduan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stats"] = complaint_public_stats()
        context["recent"] = [exposure.public_dict(c) for c in complaint_public_list()[:20]]
        context["track_page"] = ComplaintTrackPage.objects.live().first()
        return context
