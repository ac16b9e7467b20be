"""Deploy checks for the edge: shared counters and the trusted proxies (ADR 0010)."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, register

#: Caches whose counters live inside one process: each gunicorn worker would count alone.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register("security", deploy=True)
def shared_cache_configured(app_configs, **kwargs):
    """Rate limits, WBS quotas and lockout counters must be shared by every web process."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES or settings.SINGLE_PROCESS:
        return []
    return [
        Error(
            f"The cache ({backend}) is per process: every gunicorn worker keeps its own rate-limit counters, "
            "so each limit is multiplied by the number of workers and machines.",
            hint="Set REDIS_URL (shared cache). For a single-process install only, set SINGLE_PROCESS=true.",
            id="ops.E001",
        )
    ]


@register("security")
def trusted_proxies_valid(app_configs, **kwargs):
    errors = []
    for cidr in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(str(cidr).strip(), strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXIES: {cidr!r} is not an IP address or CIDR.",
                    hint="Write e.g. TRUSTED_PROXIES=10.0.0.0/8,192.168.10.5",
                    id="ops.E002",
                )
            )
    return errors
