"""Admin screens beyond the viewsets: the performance tree, linking a sasaran, the OPD's
realisation entry and Bappeda's verification. Thin: parse, call a selector or service, render.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Indicator, NodeLevel, PlanNode, Realisation
from .performance_models import QUARTERS
from .permissions import can_open_entry, can_plan, can_read_plans, can_verify
from .plan_models import SUPPORTS_LEVEL
from .selectors import entry_indicators, evidence_for, plan_year, realisations_to_verify, staff_cascade, staff_rpjmd
from .services import node_supports_set
from .sheets import to_decimal
from .tree_svg import legend, tree_svg, tree_text_html
from .workflow import realisation_review, realisation_submit

DEPTHS = {"3": 3, "4": 4, "5": 5, "7": 7}


def tree_view(request):
    if not can_read_plans(request.user):
        raise PermissionDenied
    cascade = staff_cascade(user=request.user, year=request.GET.get("tahun"))
    depth = DEPTHS.get(request.GET.get("jenjang", ""), 4)
    context = {"page_title": _("Pohon kinerja"), "header_icon": "site", "cascade": cascade, "depth": depth,
               "can_plan": can_plan(request.user)}  # fmt: skip
    if cascade is not None:
        context.update(
            svg=tree_svg(cascade, max_depth=depth), text=tree_text_html(cascade, max_depth=depth), legend=legend(),
            years=cascade.rpjmd.years,
        )  # fmt: skip
    return TemplateResponse(request, "planning/admin/tree.html", context)


class LinkForm(forms.Form):
    targets = forms.ModelMultipleChoiceField(
        PlanNode.objects.none(), label=gettext_lazy("Sasaran yang didukung"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("Alasan perubahan"), required=False, max_length=300)


def link_view(request, pk: int):
    """Choose the sasaran an OPD sasaran (or a programme) supports."""
    if not can_plan(request.user):
        raise PermissionDenied
    node = get_object_or_404(PlanNode.objects.select_related("opd", "rpjmd"), pk=pk)
    level = SUPPORTS_LEVEL.get(node.level)
    if level is None:
        raise Http404
    choices = PlanNode.objects.filter(rpjmd=node.rpjmd, level=level).select_related("parent", "opd")
    if level == NodeLevel.SASARAN_OPD:
        choices = choices.filter(opd=node.opd)
    form = LinkForm(request.POST or None, initial={"targets": list(node.supports.all())})
    form.fields["targets"].queryset = choices.order_by("parent__code", "code")
    form.fields["targets"].label_from_instance = lambda n: (
        f"{n.code} {n.name}" + (f" ({n.parent.code} {n.parent.name})" if n.parent_id else "")
    )
    if request.method == "POST" and form.is_valid():
        try:
            node_supports_set(
                node=node, targets=form.cleaned_data["targets"], actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Keterkaitan “%(name)s” disimpan.") % {"name": node.name})
            return redirect(reverse("planning_tree"))
    return TemplateResponse(
        request,
        "planning/admin/link.html",
        {"page_title": _("Kaitkan sasaran"), "header_icon": "link", "node": node, "form": form},
    )


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def entry_view(request):
    """The OPD's quarterly realisation: one row per indicator, one quarter at a time."""
    rpjmd = staff_rpjmd(user=request.user)
    if not can_open_entry(request.user):
        raise PermissionDenied
    if rpjmd is None:
        raise Http404
    year = plan_year(rpjmd, request.GET.get("tahun") or request.POST.get("tahun"))
    quarter = _int(request.GET.get("triwulan") or request.POST.get("triwulan"), 1)
    quarter = quarter if quarter in QUARTERS else 1
    if request.method == "POST":
        indicator = get_object_or_404(Indicator.objects.select_related("node"), pk=_int(request.POST.get("indikator")))
        try:
            realisation_submit(
                indicator=indicator, year=year, quarter=quarter, actor=request.user,
                value=to_decimal(request.POST.get("realisasi", "")),
                plan_value=to_decimal(request.POST.get("rencana", "")),
                note=request.POST.get("keterangan", "")[:2000], files=request.FILES.getlist("bukti"),
            )  # fmt: skip
        except ValueError:
            messages.error(request, _("Realisasi harus berupa angka."))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Realisasi “%(name)s” triwulan %(q)d diajukan.") % {
                "name": indicator.name, "q": quarter})  # fmt: skip
        return redirect(f"{reverse('planning_entry')}?tahun={year}&triwulan={quarter}#indikator-{indicator.pk}")
    rows = []
    for indicator in entry_indicators(user=request.user, year=year):
        by_quarter = {r.quarter: r for r in indicator.year_realisations}
        rows.append({"indicator": indicator, "quarters": [by_quarter.get(q) for q in QUARTERS],
                     "current": by_quarter.get(quarter)})  # fmt: skip
    return TemplateResponse(
        request,
        "planning/admin/entry.html",
        {"page_title": _("Realisasi kinerja"), "header_icon": "edit", "rows": rows, "year": year,
         "quarter": quarter, "years": rpjmd.years, "quarters": QUARTERS},
    )  # fmt: skip


def verify_view(request):
    if not can_verify(request.user):
        raise PermissionDenied
    if request.method == "POST":
        real = get_object_or_404(Realisation, pk=_int(request.POST.get("realisasi")))
        approve = request.POST.get("aksi") == "verifikasi"
        try:
            realisation_review(
                realisation=real, actor=request.user, approve=approve, note=request.POST.get("catatan", "")[:2000]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Realisasi diverifikasi.") if approve else _("Realisasi dikembalikan."))
        return redirect(reverse("planning_verify"))
    return TemplateResponse(
        request,
        "planning/admin/verify.html",
        {
            "page_title": _("Verifikasi realisasi"),
            "header_icon": "tick",
            "rows": realisations_to_verify(user=request.user),
        },
    )


def evidence_download(request, uuid):
    ev = evidence_for(user=request.user, uuid=uuid)
    if ev is None:
        raise Http404
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=ev.name, content_type=ev.mime)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def lkjip_view(request):
    """Bappeda builds a new LKjIP draft (DOCX + PDF) for the chosen year."""
    from .lkjip import lkjip_draft_create

    if request.method != "POST" or not can_plan(request.user):
        raise PermissionDenied
    cascade = staff_cascade(user=request.user, year=request.POST.get("tahun"))
    if cascade is None:
        raise Http404
    try:
        documents = lkjip_draft_create(cascade=cascade, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Draf LKjIP disimpan: %(t)s.") % {"t": ", ".join(d.title for d in documents)})
    return redirect(f"{reverse('planning_tree')}?tahun={cascade.year}")
