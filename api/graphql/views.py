"""``SepakatGraphQLView``: /graphql/ with REST's authentication, CSRF rule, throttles, cost limits and errors."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, GraphQLError, parse, specified_rules
from graphql.validation import NoSchemaIntrospectionCustomRule
from rest_framework import exceptions

from api.auth import authenticate_token, csrf_failure_reason
from api.errors import make_problem, problem_from_exception
from api.throttling import AnonThrottle, UserThrottle

from .cost import cost_errors, cost_rules
from .errors import format_graphql_error, problem_error


@method_decorator(csrf_exempt, name="dispatch")
class SepakatGraphQLView(GraphQLView):
    """GraphQL over HTTP.

    Authentication: ``Authorization: Token <key>`` (DRF's token), else the Django session.
    CSRF (Django's middleware is bypassed with ``csrf_exempt`` and the rule applied here):
    token requests are exempt; a POST whose user comes from the session must carry a
    valid CSRF token, so a foreign page cannot make a signed-in browser run mutations;
    anonymous requests have no credential to abuse and are not checked (DRF's rule).

    Cost (ADR 0010): the body is bounded before it is read (413), the same throttles as REST
    apply (429 with ``Retry-After``), ``api.graphql.cost`` rules run alone before graphql-core's
    own validation, and anonymous introspection follows ``GRAPHQL_INTROSPECTION_ANONYMOUS``.
    """

    throttle_classes = (AnonThrottle, UserThrottle)

    def __init__(self, **kwargs):
        self._fixed_rules = bool(kwargs.get("validation_rules"))
        super().__init__(**kwargs)

    format_error = staticmethod(format_graphql_error)

    def dispatch(self, request, *args, **kwargs):
        too_big = self._body_too_big(request)
        if too_big is not None:
            return too_big
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
        throttled = self._throttled(request)
        if throttled is not None:
            return throttled
        if not self._fixed_rules:
            self.validation_rules = self._rules_for(request)
        return super().dispatch(request, *args, **kwargs)

    # --- cost -------------------------------------------------------------------------------

    def _body_too_big(self, request) -> HttpResponse | None:
        limit = settings.GRAPHQL_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        size = max(declared, len(request.META.get("QUERY_STRING", "")))
        if size <= limit:
            return None
        detail = _("Permintaan GraphQL terlalu besar: %(size)s bita, batasnya %(max)s bita.") % {
            "size": size,
            "max": limit,
        }
        return self._error_response(make_problem("payload_too_large", status=413, detail=detail))

    def _throttled(self, request) -> HttpResponse | None:
        waits = []
        for throttle_class in self.throttle_classes:
            throttle = throttle_class()
            if not throttle.allow_request(request, self):
                waits.append(throttle.wait() or 1)
        if not waits:
            return None
        wait = max(1, int(max(waits)))
        problem = make_problem("throttled", status=429, wait=wait)
        problem.headers["Retry-After"] = str(wait)
        return self._error_response(problem)

    @staticmethod
    def _rules_for(request) -> tuple:
        rules = (*cost_rules(), *specified_rules)
        user = getattr(request, "user", None)
        if not settings.GRAPHQL_INTROSPECTION_ANONYMOUS and not (user is not None and user.is_authenticated):
            rules = (*rules, NoSchemaIntrospectionCustomRule)
        return rules

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        """Refuse an abusive document with the cheap cost rules alone, before the full validation."""
        if query and not self._fixed_rules:
            try:
                document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
            except GraphQLError as error:
                if "Parsing aborted" in error.message:  # graphql-core's token limit
                    message = _("Kueri terlalu panjang: lebih dari %(max)s token.") % {
                        "max": settings.GRAPHQL_MAX_TOKENS
                    }
                    error = GraphQLError(message, extensions={"code": "query_too_costly", "status": 400})
                return ExecutionResult(errors=[error])
            errors = cost_errors(document)
            if errors:
                return ExecutionResult(data=None, errors=errors)
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)

    def _error_response(self, problem) -> HttpResponse:
        response = HttpResponse(
            json.dumps({"errors": [problem_error(problem)]}), status=problem.status, content_type="application/json"
        )
        for name, value in problem.headers.items():
            response[name] = value
        return response
