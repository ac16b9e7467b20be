"""``IdempotentMixin``: Idempotency-Key for POST on any DRF view or viewset."""

from __future__ import annotations

from contextlib import ExitStack

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions

from api.models import IdempotencyKey

from .core import (
    HEADER,
    REPLAYED_HEADER,
    IdempotencyConflict,
    idempotent_run,
    request_fingerprint,
    scope_for,
    validate_key,
)


class _Replay(Exception):  # noqa: N818 - control flow, never leaves the mixin
    def __init__(self, record: IdempotencyKey):
        super().__init__(record.pk)
        self.record = record


def replay_response(record: IdempotencyKey) -> HttpResponse:
    """The stored response again, marked ``Idempotent-Replayed: true``."""
    response = HttpResponse(bytes(record.response_body), status=record.response_status)
    for name, value in (record.response_headers or {}).items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


class IdempotentAutoSchema(AutoSchema):
    """Documents the ``Idempotency-Key`` header on the idempotent methods."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        view = self.view
        if self.method in getattr(view, "idempotent_methods", ()):
            parameters = [
                *parameters,
                OpenApiParameter(
                    HEADER,
                    str,
                    OpenApiParameter.HEADER,
                    required=getattr(view, "idempotency_required", False),
                    description=(
                        "Kunci unik dari klien (UUID4) agar POST aman diulang: ulangan dengan isi sama mendapat "
                        "tanggapan pertama (header Idempotent-Replayed: true); isi berbeda 422; masih diproses 409."
                    ),
                ),
            ]
        return parameters


class IdempotentMixin:
    """Put first in the bases of a DRF view: ``class V(IdempotentMixin, GenericViewSet)``.

    For ``idempotent_methods`` the key is checked after authentication, permissions and
    throttling; the handler then runs inside ``idempotent_run``. Responses below 400 are
    stored and replayed; 4xx/5xx responses and exceptions store nothing, so a corrected
    retry may reuse the key.
    """

    idempotent_methods: tuple[str, ...] = ("POST",)
    idempotency_required: bool = False
    schema = IdempotentAutoSchema()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in self.idempotent_methods:
            return
        key = request.headers.get(HEADER)
        if key is None:
            if self.idempotency_required:
                raise exceptions.ValidationError({HEADER: [_("Header Idempotency-Key wajib dikirim.")]})
            return
        validate_key(key, anonymous=not request.user.is_authenticated)
        fingerprint = request_fingerprint(method=request.method, path=request.get_full_path(), data=request.data)
        run = self._idempotency_scope.enter_context(
            idempotent_run(scope=scope_for(request.user), key=key, fingerprint=fingerprint)
        )
        if run.replay is not None:
            raise _Replay(run.replay)
        self._idempotent_run = run

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return replay_response(exc.record)
        return super().handle_exception(exc)

    def dispatch(self, request, *args, **kwargs):
        self._idempotent_run = None
        try:
            with ExitStack() as self._idempotency_scope:
                response = super().dispatch(request, *args, **kwargs)
                run = self._idempotent_run
                if run is not None and response.status_code < 400 and not getattr(response, "streaming", False):
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    run.store(status_code=response.status_code, body=response.content, headers=response)
        except IdempotencyConflict as exc:  # raised as the key's row is stored: the work was rolled back
            response = self.finalize_response(self.request, self.handle_exception(exc), *args, **kwargs)
        return response
