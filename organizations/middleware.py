import zoneinfo

from django.utils import timezone

from .selectors import current_pemda


class PemdaTimezoneMiddleware:
    """Run each request in the Pemda's time zone (WIB, WITA or WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pemda = current_pemda()
        if pemda is not None:
            timezone.activate(zoneinfo.ZoneInfo(pemda.timezone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
