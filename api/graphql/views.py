"""``SepakatGraphQLView``: /graphql/ with REST's authentication, CSRF rule, depth limit and errors."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import specified_rules
from rest_framework import exceptions

from api.auth import authenticate_token, csrf_failure_reason
from api.errors import make_problem, problem_from_exception

from .depth import depth_limit_rule
from .errors import format_graphql_error, problem_error


@method_decorator(csrf_exempt, name="dispatch")
class SepakatGraphQLView(GraphQLView):
    """GraphQL over HTTP.

    Authentication: ``Authorization: Token <key>`` (DRF's token), else the Django session.
    CSRF (Django's middleware is bypassed with ``csrf_exempt`` and the rule applied here):
    token requests are exempt; a POST whose user comes from the session must carry a
    valid CSRF token, so a foreign page cannot make a signed-in browser run mutations;
    anonymous requests have no credential to abuse and are not checked (DRF's rule).
    """

    def __init__(self, **kwargs):
        if not kwargs.get("validation_rules"):
            kwargs["validation_rules"] = (*specified_rules, depth_limit_rule(settings.GRAPHQL_MAX_DEPTH))
        super().__init__(**kwargs)

    format_error = staticmethod(format_graphql_error)

    def dispatch(self, request, *args, **kwargs):
        try:
            token_user = authenticate_token(request)
        except exceptions.AuthenticationFailed as exc:
            exc.auth_header = "Token"
            return self._error_response(problem_from_exception(exc))
        if token_user is not None:
            request.user = token_user
        elif request.method == "POST" and getattr(request, "user", None) and request.user.is_authenticated:
            reason = csrf_failure_reason(request)
            if reason:
                detail = _("Pemeriksaan CSRF gagal: %(reason)s") % {"reason": reason}
                return self._error_response(make_problem("permission_denied", status=403, detail=detail))
        return super().dispatch(request, *args, **kwargs)

    def _error_response(self, problem) -> HttpResponse:
        response = HttpResponse(
            json.dumps({"errors": [problem_error(problem)]}), status=problem.status, content_type="application/json"
        )
        for name, value in problem.headers.items():
            response[name] = value
        return response
