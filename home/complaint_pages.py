"""Public complaint pages: the form, the tracking page and public statistics.

All work without JavaScript. Thin doors over ``complaints.services``/``selectors``; the
secret is shown once in the POST response (never in a URL, never cached) and the tracking
page is POSTed so code and secret stay out of URLs and logs.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from audit.actors import Door
from cms.formatting import format_datetime
from complaints import actions, exposure, services
from complaints.errors import RateLimitedError
from complaints.models import ComplaintKind, Privacy
from complaints.selectors import (
    category_list,
    complaint_public_get,
    complaint_public_list,
    complaint_timeline,
    complaint_track,
)
from complaints.stats import public_figures
from inputs.fields import MultiFileField, MultiFileInput
from organizations.client_address import client_address
from organizations.selectors import public_kecamatan, public_villages

from . import complaint_extra
from .charts import format_value
from .complaint_providers import public_stats
from .live_cache import COMPLAINTS
from .private_forms import add_service_errors, private_response
from .result_pages import ResultPageMixin


class KelurahanSelect(forms.Select):
    """Kelurahan and desa grouped under their kecamatan (``<optgroup>``), so the long list reads
    without JavaScript too; each option names its kecamatan (``data-kecamatan``) so the form's
    script shows only the chosen kecamatan's. The service checks the pair either way."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-kecamatan"] = instance.parent_id or ""
            option["group_label"] = instance.parent.name if instance.parent_id else ""
        return option

    def optgroups(self, name, value, attrs=None):
        groups: dict[str, list] = {}
        for _group, options, _index in super().optgroups(name, value, attrs):
            for option in options:
                groups.setdefault(option.get("group_label") or "", []).append(option)
        first = groups.pop("", [])
        rows = [(None, first, 0)] if first else []
        return rows + [(label, options, i) for i, (label, options) in enumerate(sorted(groups.items()), start=1)]


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ComplaintKind.choices, initial=ComplaintKind.PENGADUAN)
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=None, to_field_name="slug", empty_label=_("Pilih kategori …")
    )
    title = forms.CharField(
        label=_("Judul"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "next"})
    )
    description = forms.CharField(label=_("Uraian"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}))
    location_text = forms.CharField(
        label=_("Lokasi (alamat atau patokan)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=None, required=False, empty_label=_("Pilih kecamatan …")
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan / desa"),
        queryset=None,
        required=False,
        empty_label=_("Pilih kelurahan/desa …"),
        widget=KelurahanSelect,
    )
    lat = forms.DecimalField(
        label=_("Lintang"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    long = forms.DecimalField(
        label=_("Bujur"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
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
    reporter_name = forms.CharField(
        label=_("Nama"), max_length=150, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    reporter_email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    reporter_phone = forms.CharField(
        label=_("Telepon / WhatsApp"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    website = forms.CharField(
        label=_("Jangan diisi"), required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )
    #: tokens of files kept from an earlier attempt that failed validation (pending uploads)
    pending = forms.CharField(required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, category_slug: str = "", narrow: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()
        self.fields["kecamatan"].queryset = public_kecamatan()
        self.fields["kelurahan"].queryset = public_villages()
        self.pending_tokens = [t for t in (self.data.getlist("pending") if self.is_bound else []) if t][:10]
        self.category_slug = category_slug
        # the chosen category's extra fields only, or every category's group (no JavaScript needed)
        self.extra_groups = complaint_extra.add_groups(
            self, data=self.data if self.is_bound else None, only=category_slug if narrow else ""
        )
        for group in self.extra_groups:
            group.rendered = group.layout(self)

    @property
    def main_fields(self):
        return [f for f in self if not f.name.startswith(EXTRA_PREFIX) and f.name != "pending"]

    @property
    def chosen_group(self):
        return next((g for g in self.extra_groups if g.category.slug == self.category_slug), None)

    def extra_answers(self) -> dict | None:
        """The chosen category's extra answers as the form engine reads them (None: no extra form)."""
        group = self.chosen_group
        return complaint_extra.group_answers(self, group) if group else None


EXTRA_PREFIX = "extra-"


_CODE_ATTRS = {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=30, widget=forms.TextInput(attrs=_CODE_ATTRS))
    secret = forms.CharField(label=_("Kode rahasia"), max_length=40, widget=forms.TextInput(attrs=_CODE_ATTRS))


def _client(request) -> str:
    return client_address(request)


def _keep_pending(files, client: str) -> list[str]:
    """Files chosen in an attempt that failed validation are kept as pending uploads (checked
    and cleaned like any attachment) so the citizen does not lose them; bad files are dropped."""
    tokens = []
    for f in files:
        try:
            _row, token = services.complaint_upload_create(upload=f, client=client)
        except (ValidationError, RateLimitedError):
            continue
        tokens.append(token)
    return tokens


class ComplaintFormPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/complaints/form_page.html"

    class Meta:
        verbose_name = _("Halaman formulir pengaduan")

    def serve(self, request, *args, **kwargs):
        status, submitted = 200, None
        post = request.method == "POST"
        slug = (request.POST.get("category", "") if post else request.GET.get("kategori", "")).strip()
        # "Pilih kategori" / "Tambah baris" re-show the form (narrowed to the category), not a submission
        redisplay = post and bool(request.POST.get("pilih-kategori") or request.POST.get("more-rows"))
        if post:
            form = ComplaintForm(request.POST, request.FILES, category_slug=slug, narrow=bool(slug))
        else:
            form = ComplaintForm(initial={"category": slug} if slug else None, category_slug=slug, narrow=bool(slug))
        if redisplay:
            form._errors = ErrorDict()  # re-shown to fill in, not judged yet
        if post and not redisplay:
            status = 400
            files = request.FILES.getlist("attachments")
            if form.is_valid():
                data = {k: v for k, v in form.cleaned_data.items() if not k.startswith(EXTRA_PREFIX)}
                data.pop("attachments", None)
                data.pop("pending", None)
                data["category"] = data["category"].slug
                extra = form.extra_answers()
                if extra is not None:
                    data["extra"] = extra
                try:
                    submitted = services.complaint_submit(
                        data=data,
                        files=files,
                        uploads=form.pending_tokens,
                        client=_client(request),
                        door=Door.WEB,
                    )
                    status = 200
                except ValidationError as exc:
                    messages = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                    add_service_errors(
                        form,
                        ValidationError(complaint_extra.errors_for_page(form, form.chosen_group, messages)),
                    )
                except RateLimitedError as exc:
                    form.add_error(None, str(exc))
                    status = 429
            if submitted is None and files:
                form.pending_tokens += _keep_pending(files, _client(request))
        context = {
            **self.get_context(request),
            "form": form,
            "submitted": submitted,
            "track_page": ComplaintTrackPage.objects.live().first(),
            "map_tiles": settings.COMPLAINT_MAP_TILE_URL,
            "map_attribution": settings.COMPLAINT_MAP_ATTRIBUTION,
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
        action = request.POST.get("action", "")
        if action:
            actions.run_reporter_action(
                name=action,
                complaint=complaint,
                door=Door.WEB,
                data=request.POST,
                files=request.FILES.getlist("attachments"),
            )

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


#: The statistics page's charts: (provider name, chart kind), fed through ``home.complaint_providers``.
STATS_CHARTS = (
    ("pengaduan_per_kategori", "bar"),
    ("pengaduan_per_status", "donut"),
    ("pengaduan_per_opd", "bar"),
    ("pengaduan_per_bulan", "line"),
    ("pengaduan_waktu_tahapan", "bar"),
)
STATS_FIGURES = ("pengaduan_jumlah", "pengaduan_tepat_waktu", "pengaduan_median_hari")


class ComplaintStatsPage(ResultPageMixin, Page):
    """Live counts by category, OPD and status, share on time, medians and the monthly trend."""

    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/complaints/stats_page.html"
    page_cache_groups = (COMPLAINTS,)

    class Meta:
        verbose_name = _("Halaman statistik pengaduan")

    def datasets(self) -> dict:
        from . import providers

        out = {}
        for name, _kind in STATS_CHARTS:
            data = providers.chart_data(name)
            if data is not None:
                out[name] = data
        return out

    def get_context(self, request, *args, **kwargs):
        from . import providers

        context = super().get_context(request, *args, **kwargs)
        context["stats"] = public_stats()
        context["computed_at"] = format_datetime(public_figures()["computed_at"])
        context["figures"] = []
        for name in STATS_FIGURES:
            provider, figure = providers.get_provider(name, "figure"), providers.figure_value(name)
            value = figure.value if figure else None
            context["figures"].append(
                {
                    "key": name,
                    "label": provider.label if provider else name,
                    "value": format_value(float(value), figure.unit) if value is not None else "–",
                    "note": figure.note if figure else "",
                }
            )
        context["charts"] = [c for c in (self.chart(name, kind) for name, kind in STATS_CHARTS) if c]
        context["recent"] = [exposure.public_dict(c) for c in complaint_public_list()[:20]]
        context["track_page"] = ComplaintTrackPage.objects.live().first()
        return context
