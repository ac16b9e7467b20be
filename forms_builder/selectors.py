"""Reads of forms, already restricted and joined for their use.

Published schemas are not secret: any signed-in user (OPD operators, mobile apps) may
read every published form and its versions. Drafts never leave the admin.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .models import FormDefinition, FormVersion


def published_forms(*, user) -> QuerySet[FormDefinition]:
    """Forms with at least one published version, with their versions (without schemas).

    Two queries whatever the number of forms: the forms, then their versions.
    """
    if not getattr(user, "is_authenticated", False):
        return FormDefinition.objects.none()
    versions = FormVersion.objects.filter(form=OuterRef("pk"))
    latest = versions.order_by("-number")
    return (
        FormDefinition.objects.filter(Exists(versions))
        .annotate(latest_number=Subquery(latest.values("number")[:1]))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=FormVersion.objects.defer("schema").order_by("-number"),
                to_attr="published_versions",
            )
        )
        .only("id", "key", "title", "description", "live", "updated_at")
        .order_by("title", "id")
    )


def published_form(*, user, form_id) -> FormDefinition:
    try:
        return published_forms(user=user).get(pk=int(form_id))
    except (FormDefinition.DoesNotExist, TypeError, ValueError):
        raise Http404(_("Formulir tidak ditemukan.")) from None


def form_version_get(*, user, form_id, number: int | None = None) -> FormVersion:
    """A published version of a form (the latest when ``number`` is ``None``)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404(_("Formulir tidak ditemukan."))
    try:
        versions = FormVersion.objects.filter(form_id=int(form_id)).select_related("form")
    except (TypeError, ValueError):
        raise Http404(_("Formulir tidak ditemukan.")) from None
    version = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if version is None:
        raise Http404(_("Versi formulir tidak ditemukan."))
    return version
