"""Argument helpers shared by the complaint queries and mutations."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from complaints.selectors import complaint_track
from organizations.client_address import client_address


def client_of(info) -> str:
    """The client key for rate limits (hashed by the limiter, never stored)."""
    return client_address(info.context)


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
