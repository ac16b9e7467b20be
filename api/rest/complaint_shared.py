"""Pieces shared by the complaint REST views: the anonymous throttle, the capped pagination
and the base class of the views open to anyone (no login, no CSRF, throttled per client)."""

from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from api.pagination import CappedPagination
from api.throttling import AnonThrottle
from organizations.client_address import client_address


class HashedAnonThrottle(AnonThrottle):
    """The anonymous throttle (its cache key is already a keyed hash of the client)."""


class ComplaintPagination(CappedPagination):
    """Complaint lists: the capped count of every unbounded list (``api.pagination``)."""


def client_of(request) -> str:
    """The client key for rate limits (hashed by the limiter, never stored)."""
    return client_address(request)


class PublicView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [HashedAnonThrottle]
