"""Staff-only operations endpoints (token or session auth), kept out of the public API.

``POST /ops/heartbeat/`` puts a heartbeat task on the queue and answers 202 with its id;
``GET /ops/heartbeat/<task_id>/`` says whether a worker has executed it. Used by the
production smoke test and by operators checking a fresh deployment end to end.
"""

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


health = HealthCheckView.as_view(checks=ALL_CHECKS)
health_web = HealthCheckView.as_view(checks=BASE_CHECKS)
