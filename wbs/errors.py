"""Domain errors of the WBS app that every door turns into its own error format."""

from django.utils.translation import gettext_lazy as _


class RateLimitedError(Exception):
    """Too many WBS submissions or follow-up attempts right now (a global limit, never per client)."""

    default_message = _("Terlalu banyak permintaan. Silakan coba lagi beberapa menit lagi.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class ReceiptNotFoundError(Exception):
    """The receipt code is wrong (or the report's content was deleted after retention)."""

    message = _("Kode tanda terima tidak dikenal. Periksa kembali kode Anda.")
