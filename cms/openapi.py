"""drf-spectacular hooks for the public OpenAPI document."""


def only_public_api(endpoints, **kwargs):
    """Keep /api/v1/ only: the Wagtail admin's internal API and the ops endpoints are not ours to publish."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
