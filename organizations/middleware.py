import zoneinfo

from django.utils import timezone

from .selectors import pemda_for_request


class PemdaTimezoneMiddleware:
    """Run each request in the Pemda's time zone (WIB, WITA or WIT), with the Pemda read once
    for the whole request (``selectors.pemda_for_request``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with pemda_for_request() as pemda:
            if pemda is not None:
                timezone.activate(zoneinfo.ZoneInfo(pemda.timezone))
            try:
                return self.get_response(request)
            finally:
                timezone.deactivate()
