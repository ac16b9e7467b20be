"""Staff-only operations endpoints (token or session auth), kept out of the public API.

``POST /ops/heartbeat/`` puts a heartbeat task on the queue and answers 202 with its id;
``GET /ops/heartbeat/<task_id>/`` says whether a worker has executed it. Used by the
production smoke test and by operators checking a fresh deployment end to end.
"""

import logging

from django.utils.translation import gettext_lazy as _
from django_q.tasks import fetch
from drf_spectacular.utils import extend_schema
from health_check.views import HealthCheckView
from rest_framework import status
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from .health import ALL_CHECKS, BASE_CHECKS
from .services import heartbeat_enqueue

logger = logging.getLogger("ops.health")


@extend_schema(exclude=True)
class HeartbeatView(APIView):
    permission_classes = [IsAdminUser]
    throttle_classes = []

    def post(self, request):
        task_id = heartbeat_enqueue(requested_by=f"user:{request.user.pk}")
        return Response(
            {"task_id": task_id, "detail": _("Detak dimasukkan ke antrean.")}, status=status.HTTP_202_ACCEPTED
        )


@extend_schema(exclude=True)
class HeartbeatStatusView(APIView):
    permission_classes = [IsAdminUser]
    throttle_classes = []

    def get(self, request, task_id: str):
        task = fetch(task_id)
        if task is None:
            return Response({"task_id": task_id, "done": False})
        return Response({"task_id": task_id, "done": True, "success": task.success, "result": task.result})


class ProbeHealthCheckView(HealthCheckView):
    """django-health-check's page, with a failing probe logged once as a warning.

    A failing check still answers 500, but Django would log that answer as an "Internal Server
    Error" and mail it to ``ADMINS``: one mail per probe while a worker is down (a monitor polling
    every 30 s sends 120 an hour). django-health-check has already logged which check failed, and
    why, as a warning; this adds one line naming the probe and marks the answer as logged, so
    Django's request logger passes over it."""

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code >= 500:
            logger.warning("health probe %s failed (%s)", request.path, response.status_code)
            response._has_been_logged = True  # read by django.utils.log.log_response
        return response


health = ProbeHealthCheckView.as_view(checks=ALL_CHECKS)
health_web = ProbeHealthCheckView.as_view(checks=BASE_CHECKS)
