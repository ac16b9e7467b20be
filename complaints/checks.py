"""System check: warn when reporters' identities are encrypted with a key derived from SECRET_KEY."""

from django.conf import settings
from django.core.checks import Warning, register


@register("security", deploy=True)
def identity_key_configured(app_configs, **kwargs):
    if [k for k in settings.COMPLAINT_IDENTITY_KEYS if k] or settings.DEBUG:
        return []
    return [
        Warning(
            "COMPLAINT_IDENTITY_KEYS is not set: reporters' identities are encrypted with a key derived "
            "from SECRET_KEY.",
            hint="Set COMPLAINT_IDENTITY_KEYS to one or more Fernet keys (Fernet.generate_key()), newest first.",
            id="complaints.W001",
        )
    ]
