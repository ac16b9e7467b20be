"""Public WBS pages: the report form and the follow-up page (both work without JavaScript).

Thin doors over ``wbs.services``: they forget the client's address and user agent first,
never redirect with the receipt code (it is shown once, in the POST response, never cached),
and keep the code out of URLs (the follow-up form is POSTed).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from organizations.selectors import public_opds
from wbs import services
from wbs.errors import RateLimitedError, ReceiptNotFoundError
from wbs.privacy import client_of, forget_reporter
from wbs.selectors import category_list

from .edge import remember_wbs_path
from .private_forms import add_service_errors, private_response


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one input; the content checks are the service's (``wbs.evidence``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(EvidenceField, self).clean(f, initial) for f in files if f]


EVIDENCE_HELP = _(
    "Opsional: foto (JPEG, PNG, WebP) atau PDF, paling banyak 5 berkas @ 10 MB. Metadata (lokasi, "
    "penulis, nama berkas) dihapus dan berkas disimpan terenkripsi; hanya Inspektorat yang dapat membukanya."
)


class WbsReportForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Jenis pelanggaran"), queryset=None, empty_label=_("— pilih —"))
    reported_opd = forms.ModelChoiceField(
        label=_("OPD tempat terlapor bekerja"), queryset=None, empty_label=_("— pilih —")
    )
    reported_person = forms.CharField(label=_("Nama dan/atau jabatan terlapor"), max_length=200)
    title = forms.CharField(label=_("Judul laporan"), max_length=200)
    description = forms.CharField(
        label=_("Uraian kejadian"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Apa, siapa, kapan, di mana, bagaimana. Jangan tuliskan identitas Anda di sini bila ingin anonim."),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    location = forms.CharField(label=_("Lokasi kejadian"), max_length=200, required=False)
    identity_name = forms.CharField(
        label=_("Nama Anda (opsional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Kosongkan untuk tetap anonim. Bila diisi, identitas disimpan terenkripsi dan hanya dibuka "
            "atas persetujuan dua pejabat Inspektorat."
        ),
    )
    identity_contact = forms.CharField(label=_("Kontak Anda (opsional)"), max_length=200, required=False)
    evidence = EvidenceField(label=_("Bukti (opsional)"), required=False, help_text=EVIDENCE_HELP)
    website = forms.CharField(  # honeypot: hidden from people by CSS (no inline style: CSP), bots fill it
        label=_("Jangan diisi"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()
        self.fields["reported_opd"].queryset = public_opds()


class FollowUpForm(forms.Form):
    receipt_code = forms.CharField(label=_("Kode tanda terima"), max_length=64)


class ReplyForm(forms.Form):
    receipt_code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    body = forms.CharField(label=_("Pesan atau informasi tambahan"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = EvidenceField(label=_("Bukti tambahan (opsional)"), required=False, help_text=EVIDENCE_HELP)


class WbsFormPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)
    thank_you_text = RichTextField(_("teks setelah terkirim"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    template = "home/wbs/form_page.html"

    class Meta:
        verbose_name = _("Halaman formulir WBS")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["follow_up_page"] = WbsFollowUpPage.objects.live().first()
        return context

    @staticmethod
    def _submit(data: dict, client: str = "") -> services.Submitted:
        return services.report_submit(
            category_id=data["category"].pk,
            reported_opd_id=data["reported_opd"].pk,
            reported_person=data["reported_person"],
            title=data["title"],
            description=data["description"],
            incident_date=data["incident_date"],
            location=data["location"],
            identity_name=data["identity_name"],
            identity_contact=data["identity_contact"],
            honeypot=data["website"],
            client=client,
            evidence=data.get("evidence") or [],
        )

    def serve(self, request, *args, **kwargs):
        forget_reporter(request)
        remember_wbs_path(request.path)
        status, receipt = 200, None
        form = WbsReportForm(request.POST, request.FILES) if request.method == "POST" else WbsReportForm()
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    receipt, status = self._submit(form.cleaned_data, client_of(request)), 200
                except ValidationError as exc:
                    add_service_errors(form, exc)
                except RateLimitedError as exc:
                    form.add_error(None, exc.message)
                    status = 429
        context = {**self.get_context(request), "form": form, "receipt": receipt}
        return private_response(TemplateResponse(request, self.template, context, status=status))


class WbsFollowUpPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "home/wbs/follow_up_page.html"

    class Meta:
        verbose_name = _("Halaman tindak lanjut WBS")

    def serve(self, request, *args, **kwargs):
        forget_reporter(request)
        remember_wbs_path(request.path)
        status, report, reply_form, sent = 200, None, None, False
        lookup = FollowUpForm(request.POST or None) if request.method == "POST" else FollowUpForm()
        if request.method == "POST" and "body" in request.POST:
            reply_form = ReplyForm(request.POST, request.FILES)
            lookup = FollowUpForm({"receipt_code": request.POST.get("receipt_code", "")})
        if request.method == "POST" and lookup.is_valid():
            code = lookup.cleaned_data["receipt_code"]
            try:
                if reply_form is not None and reply_form.is_valid():
                    services.reporter_reply(
                        code=code,
                        body=reply_form.cleaned_data["body"],
                        client=client_of(request),
                        evidence=reply_form.cleaned_data.get("evidence") or [],
                    )
                    sent, reply_form = True, None
                report = services.report_by_receipt(code=code, client=client_of(request))
            except ReceiptNotFoundError:
                lookup.add_error("receipt_code", ReceiptNotFoundError.message)
                status = 404
            except RateLimitedError as exc:
                lookup.add_error(None, exc.message)
                status = 429
            except ValidationError as exc:
                add_service_errors(reply_form, exc)
                report, status = services.report_by_receipt(code=code, client=client_of(request)), 400
            if report is not None and reply_form is None:
                reply_form = ReplyForm(initial={"receipt_code": code})
        elif request.method == "POST":
            status = 400
        context = {
            **self.get_context(request),
            "lookup_form": lookup,
            "report": report,
            "reply_form": reply_form,
            "sent": sent,
        }
        return private_response(TemplateResponse(request, self.template, context, status=status))
