"""GraphQL errors carry the same problem as REST, in ``extensions`` (see ``api.errors``)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from api.errors import Problem, problem_from_exception
from organizations.errors import DomainError

logger = logging.getLogger("api.graphql")


def problem_error(problem: Problem) -> dict[str, Any]:
    """A GraphQL error dict (no location) for a problem raised outside execution (auth, CSRF)."""
    return {"message": problem.detail, "extensions": problem.graphql_extensions()}


def format_graphql_error(error: Any) -> dict[str, Any]:
    """Format one GraphQL error: client errors get ``extensions`` from ``problem_from_exception``."""
    if not isinstance(error, GraphQLError):
        problem = problem_from_exception(error)
        if problem is not None:
            return problem_error(problem)
        status = getattr(getattr(error, "response", None), "status_code", 400)
        code = "method_not_allowed" if status == 405 else "bad_request"
        return {"message": str(error), "extensions": {"code": code, "status": status}}
    formatted = error.formatted
    original = error.original_error
    extensions = dict(formatted.get("extensions") or {})
    if original is None or isinstance(original, GraphQLError):
        # A syntax or validation error of the document itself.
        extensions.setdefault("code", "graphql_validation")
        extensions.setdefault("status", 400)
    else:
        problem = problem_from_exception(original)
        if problem is not None:
            formatted["message"] = problem.detail
            extensions.update(problem.graphql_extensions())
            if isinstance(original, DomainError) and original.field:  # GraphQL spells its arguments in camelCase
                extensions["errors"] = {to_camel_case(k): v for k, v in problem.errors.items()}
            if "Retry-After" in problem.headers:
                extensions["retryAfter"] = int(problem.headers["Retry-After"])
        else:
            logger.error("GraphQL resolver failed", exc_info=original)
            if not settings.DEBUG:
                formatted["message"] = _("Terjadi kesalahan pada server.")
            extensions.update({"code": "internal_error", "status": 500})
    formatted["extensions"] = extensions
    return formatted
