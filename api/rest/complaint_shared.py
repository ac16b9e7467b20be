"""Pieces shared by the complaint REST views: the anonymous throttle, the capped paginator
and the base class of the views open to anyone (no login, no CSRF, throttled per client)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from api.pagination import StandardPagination
from api.throttling import AnonThrottle
from organizations.client_address import client_address


class HashedAnonThrottle(AnonThrottle):
    """The anonymous throttle (its cache key is already a keyed hash of the client)."""


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP + 1`` rows: an exact COUNT(*) over a million complaints costs
    more than the page itself. ``count`` above ``COUNT_CAP`` means "more than COUNT_CAP"."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.COUNT_CAP + 1].count()


class ComplaintPagination(StandardPagination):
    django_paginator_class = CappedPaginator


def client_of(request) -> str:
    """The client key for rate limits (hashed by the limiter, never stored)."""
    return client_address(request)


class PublicView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [HashedAnonThrottle]
