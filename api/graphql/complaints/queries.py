"""Complaint queries: ``publicComplaints``, ``publicComplaint``, ``trackComplaint`` (code +
secret) for anyone; ``complaints`` and ``complaint`` for staff (login)."""

import graphene
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from complaints import exposure
from complaints.models import Complaint, Privacy, Status
from complaints.search import MAX_QUERY_CHARS
from complaints.selectors import (
    complaint_get_staff,
    complaint_list_staff,
    complaint_public_get,
    complaint_public_list,
    complaint_timeline,
    complaint_track,
)

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import (
    PublicComplaintPage,
    PublicComplaintType,
    StaffComplaintPage,
    StaffComplaintType,
    TrackedComplaintType,
)

PUBLIC_SEARCH_HELP = "Cari kata dalam judul dan uraian publik (setiap kata harus ada; awal kata cukup)."


def parse_id(value) -> int:
    """A GraphQL ``ID`` argument as a primary key; a non-number is a 400 on ``id``."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"id": [_("ID harus berupa angka.")]}) from None


def tracked_complaint(code: str, secret: str) -> Complaint:
    """The reporter's complaint by tracking code + secret; wrong pairs all answer the same 404."""
    c = complaint_track(code=code, secret=secret)
    if c is None:
        raise Http404
    return c


class ComplaintsQuery(graphene.ObjectType):
    public_complaints = graphene.Field(
        PublicComplaintPage,
        required=True,
        category=graphene.String(),
        status=graphene.String(),
        q=graphene.String(description=PUBLIC_SEARCH_HELP),
        **page_arguments(),
    )
    public_complaint = graphene.Field(PublicComplaintType, code=graphene.String(required=True))
    track_complaint = graphene.Field(
        TrackedComplaintType, code=graphene.String(required=True), secret=graphene.String(required=True)
    )
    complaints = graphene.Field(
        StaffComplaintPage,
        required=True,
        status=graphene.String(),
        category=graphene.String(),
        opd=graphene.ID(),
        privacy=graphene.String(),
        overdue=graphene.Boolean(),
        escalated=graphene.Boolean(),
        q=graphene.String(),
        description="Pengaduan yang boleh dilihat petugas.",
        **page_arguments(),
    )
    complaint = graphene.Field(StaffComplaintType, id=graphene.ID(required=True))

    def resolve_public_complaints(root, info, page=1, page_size=None, category=None, status=None, q=None):
        if q and len(q) > MAX_QUERY_CHARS:
            message = _("Kata pencarian paling banyak %(n)s karakter.") % {"n": MAX_QUERY_CHARS}
            raise ValidationError({"q": [message]})
        qs = complaint_public_list(category=category, status=status, q=q)
        result = paginate(qs, page=page, page_size=page_size)
        result.items = [exposure.public_dict(c) for c in result.items]
        return result

    def resolve_public_complaint(root, info, code):
        c = complaint_public_get(code=code)
        if c is None:
            return None
        timeline = [exposure._event(e) for e in complaint_timeline(complaint=c, audience="public")]
        return {**exposure.public_dict(c), "timeline": timeline}

    def resolve_track_complaint(root, info, code, secret):
        return exposure.reporter_dict(tracked_complaint(code, secret))

    def resolve_complaints(root, info, page=1, page_size=None, **filters):
        user = require_user(info)
        if filters.get("status") and filters["status"] not in Status.values:
            raise ValidationError({"status": [_("Status tidak dikenal.")]})
        if filters.get("privacy") and filters["privacy"] not in Privacy.values:
            raise ValidationError({"privacy": [_("Kerahasiaan tidak dikenal.")]})
        if filters.get("opd") is not None:
            filters["opd"] = parse_id(filters["opd"])
        qs = complaint_list_staff(user=user, **filters)
        result = paginate(qs, page=page, page_size=page_size)
        today = exposure.local_today()
        result.items = [exposure.staff_row(c, today) for c in result.items]
        return result

    def resolve_complaint(root, info, id):
        user = require_user(info)
        return exposure.staff_dict(complaint_get_staff(user=user, pk=parse_id(id)), user=user)
