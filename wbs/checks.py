"""System checks: warn when reporters' identities are encrypted with a key derived from SECRET_KEY."""

from django.conf import settings
from django.core.checks import Warning, register

from .crypto import configured_keys


@register("security", deploy=True)
def identity_key_configured(app_configs, **kwargs):
    if configured_keys() or settings.DEBUG:
        return []
    return [
        Warning(
            "WBS_IDENTITY_KEYS is not set: reporters' identities are encrypted with a key derived from SECRET_KEY.",
            hint="Set WBS_IDENTITY_KEYS to one or more Fernet keys (Fernet.generate_key()), newest first.",
            id="wbs.W001",
        )
    ]
