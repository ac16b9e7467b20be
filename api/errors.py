"""One error shape for every 4xx: RFC 9457 ``application/problem+json`` with field errors.

``problem_from_exception`` is the single mapping from an exception (DRF's, or the plain
Django ``ValidationError`` / ``PermissionDenied`` / ``Http404`` a service raises) to a
``Problem``. REST renders it as problem+json (``problem_exception_handler``); GraphQL puts
the same fields into each error's ``extensions`` (``api.graphql.errors``). So a service
raises one Django error and every door reports it the same way, in the client's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from organizations.errors import DomainError, RateLimitedError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:sepakat:problem:"

#: The key for errors not tied to one field (DRF's name; Django's ``__all__`` is renamed to it).
NON_FIELD_KEY = api_settings.NON_FIELD_ERRORS_KEY

#: code -> (title, default detail). Titles and details are Indonesian msgids (English in api/locale/en).
_CATALOG: dict[str, tuple[Any, Any]] = {
    "validation": (_("Data tidak valid"), _("Periksa kembali isian yang ditandai.")),
    "parse_error": (_("Permintaan tidak dapat dibaca"), _("Isi permintaan tidak dapat dibaca.")),
    "not_authenticated": (_("Autentikasi diperlukan"), _("Silakan masuk terlebih dahulu.")),
    "authentication_failed": (_("Autentikasi gagal"), _("Token tidak valid atau sudah tidak berlaku.")),
    "permission_denied": (_("Akses ditolak"), _("Anda tidak memiliki izin untuk melakukan tindakan ini.")),
    "not_found": (_("Tidak ditemukan"), _("Data yang diminta tidak ditemukan.")),
    "method_not_allowed": (_("Metode tidak diizinkan"), _("Metode %(method)s tidak diizinkan untuk alamat ini.")),
    "not_acceptable": (_("Format tidak tersedia"), _("Format tanggapan yang diminta tidak tersedia.")),
    "idempotency_conflict": (
        _("Permintaan sedang diproses"),
        _("Permintaan dengan Idempotency-Key yang sama masih diproses. Coba lagi sebentar lagi."),
    ),
    "unsupported_media_type": (
        _("Jenis konten tidak didukung"),
        _("Jenis konten %(media_type)s tidak didukung."),
    ),
    "idempotency_key_reused": (
        _("Idempotency-Key dipakai ulang"),
        _("Idempotency-Key ini sudah dipakai untuk permintaan lain dengan isi yang berbeda."),
    ),
    "throttled": (_("Terlalu banyak permintaan"), _("Terlalu banyak permintaan. Coba lagi dalam %(wait)s detik.")),
    "stale_revision": (
        _("Data sudah diubah"),
        _("Laporan ini sudah diubah orang lain sejak Anda membukanya. Muat ulang lalu ulangi perubahan Anda."),
    ),
    "bad_request": (_("Permintaan tidak valid"), _("Permintaan tidak valid.")),
    "payload_too_large": (_("Permintaan terlalu besar"), _("Isi permintaan melebihi batas ukuran.")),
}

#: DRF exception class -> our code (subclasses are matched too, first match wins).
_DRF_CODES: tuple[tuple[type[exceptions.APIException], str], ...] = (
    (exceptions.ValidationError, "validation"),
    (exceptions.ParseError, "parse_error"),
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "authentication_failed"),
    (exceptions.PermissionDenied, "permission_denied"),
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
    (exceptions.Throttled, "throttled"),
)

#: Codes whose DRF message is never customised (and not all translated): always use ours.
_ALWAYS_OUR_DETAIL = {
    "not_authenticated",
    "authentication_failed",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "throttled",
}


@dataclass
class Problem:
    """An RFC 9457 problem; ``errors`` maps dotted field paths to messages."""

    status: int
    code: str
    title: str
    detail: str
    errors: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return f"{PROBLEM_TYPE_PREFIX}{self.code}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }

    def graphql_extensions(self) -> dict[str, Any]:
        return {"code": self.code, "status": self.status, "title": self.title, "errors": self.errors}


class ProblemError(Exception):
    """Raise a ready-made ``Problem`` from a door (e.g. a 412 listing the changed fields)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.detail)
        self.problem = problem


def make_problem(code: str, *, status: int, detail: Any = None, errors: Mapping | None = None, **params) -> Problem:
    """A ``Problem`` for ``code`` with our translated title and (unless given) detail."""
    title, default_detail = _CATALOG.get(code, _CATALOG["bad_request"])
    text = force_str(detail if detail is not None else default_detail)
    if params and detail is None:
        text = text % params
    return Problem(status=status, code=code, title=force_str(title), detail=text, errors=dict(errors or {}))


def _append(out: dict[str, list[str]], path: str, message: Any) -> None:
    out.setdefault(path or NON_FIELD_KEY, []).append(force_str(message))


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested DRF/Django errors -> ``{"items.0.name": ["..."]}``.

    Dict keys and list positions join with dots; Django's ``__all__`` becomes
    ``non_field_errors``; top-level messages without a field go to ``non_field_errors``.
    """
    out: dict[str, list[str]] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                name = NON_FIELD_KEY if key in (NON_FIELD_ERRORS, NON_FIELD_KEY) else str(key)
                walk(value, f"{path}.{name}" if path else name)
        elif isinstance(node, list | tuple):
            for index, item in enumerate(node):
                if isinstance(item, Mapping | list | tuple):
                    walk(item, f"{path}.{index}" if path else str(index))
                else:
                    _append(out, path, item)
        elif isinstance(node, DjangoValidationError):
            walk(_django_error_detail(node), path)
        else:
            _append(out, path, node)

    walk(detail, prefix)
    return out


def _django_error_detail(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return exc.messages


def _drf_code(exc: exceptions.APIException) -> str:
    for cls, code in _DRF_CODES:
        if isinstance(exc, cls):
            return code
    code = getattr(exc, "default_code", "")
    return code if code in _CATALOG else "bad_request"


def _from_drf(exc: exceptions.APIException) -> Problem:
    code = _drf_code(exc)
    status = exc.status_code
    if code == "validation":
        problem = make_problem(code, status=status, errors=flatten_errors(exc.detail))
    elif code == "method_not_allowed":
        problem = make_problem(code, status=status, method=getattr(exc, "sepakat_method", "") or "")
    elif code == "unsupported_media_type":
        problem = make_problem(code, status=status, media_type=getattr(exc, "sepakat_media_type", "") or "")
    elif code == "throttled":
        problem = make_problem(code, status=status, wait=int(exc.wait or 1))
        if exc.wait:
            problem.headers["Retry-After"] = str(int(exc.wait))
    elif code in _ALWAYS_OUR_DETAIL:
        problem = make_problem(code, status=status)
    else:
        custom = force_str(exc.detail) if isinstance(exc.detail, str) else ""
        is_default = not custom or custom == force_str(exc.default_detail)
        problem = make_problem(code, status=status, detail=None if is_default else custom)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        problem.headers["WWW-Authenticate"] = auth_header
    return problem


def _from_domain(exc: DomainError) -> Problem:
    """The one mapping of ``organizations.errors.DomainError`` (REST and GraphQL)."""
    if isinstance(exc, RateLimitedError):
        problem = make_problem("throttled", status=429, detail=exc.message)
        problem.headers["Retry-After"] = str(exc.retry_after)
        return problem
    if exc.field:
        return make_problem("validation", status=exc.status, errors={exc.field: [force_str(exc.message)]})
    return make_problem(exc.code, status=exc.status, detail=exc.message)


def problem_from_exception(exc: BaseException) -> Problem | None:
    """Map ``exc`` to a ``Problem``; ``None`` when it is not a client error (a 500)."""
    if isinstance(exc, ProblemError):
        return exc.problem
    if isinstance(exc, DomainError):
        return _from_domain(exc)
    if isinstance(exc, DjangoValidationError):
        return make_problem("validation", status=400, errors=flatten_errors(_django_error_detail(exc)))
    if isinstance(exc, DjangoPermissionDenied):
        message = force_str(exc) if exc.args else None
        return make_problem("permission_denied", status=403, detail=message)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return make_problem("not_found", status=404)
    if isinstance(exc, exceptions.APIException):
        return _from_drf(exc)
    return None


def _remember_details(exc: BaseException, request: Any) -> None:
    """Keep the method / media type for our own messages (DRF only puts them in its text)."""
    if isinstance(exc, exceptions.MethodNotAllowed) and request is not None:
        exc.sepakat_method = request.method
    if isinstance(exc, exceptions.UnsupportedMediaType) and request is not None:
        exc.sepakat_media_type = request.content_type or ""


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE
    format = "problem+json"


def problem_response(problem: Problem, request: Any = None) -> Response:
    """A DRF ``Response`` rendering ``problem`` as problem+json (whatever the client accepted)."""
    if request is not None:
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_CONTENT_TYPE
    return Response(problem.as_dict(), status=problem.status, headers=problem.headers or None)


def problem_exception_handler(exc: BaseException, context: dict) -> Response | None:
    """DRF ``EXCEPTION_HANDLER``: every client error becomes problem+json."""
    request = context.get("request")
    _remember_details(exc, request)
    problem = problem_from_exception(exc)
    if problem is None:
        return None
    set_rollback()
    return problem_response(problem, request)
