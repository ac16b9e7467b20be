"""One error shape for every 4xx: RFC 9457 problem+json (placeholder, completed in api work)."""

from rest_framework.views import exception_handler


def problem_exception_handler(exc, context):
    return exception_handler(exc, context)
