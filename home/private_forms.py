"""Helpers for public pages that take a citizen's private input (complaint and WBS forms)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.cache import add_never_cache_headers


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


def private_response(response):
    """Never cache a page holding what a reporter typed or a tracking secret."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" makes chromium send Origin: null (CSRF)
    return response
