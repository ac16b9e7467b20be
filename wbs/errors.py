"""Domain errors of the WBS app that every door turns into its own error format (``api.errors``)."""

from django.utils.translation import gettext_lazy as _

from organizations.errors import DomainError, RateLimitedError

__all__ = ["RateLimitedError", "ReceiptNotFoundError"]


class ReceiptNotFoundError(DomainError):
    """The receipt code is wrong (or the report's content was deleted after retention)."""

    code = "validation"
    field = "receipt_code"
    default_message = message = _("Kode tanda terima tidak dikenal. Periksa kembali kode Anda.")
