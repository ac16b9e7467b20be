"""Views of the API root itself (not of a domain)."""

from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class NotFoundView(APIView):
    """Catch-all under /api/v1/: unknown URLs answer a 404 problem+json."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []
    schema = None  # not part of the OpenAPI document

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()
