from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/web/", views.health_web, name="health-web"),
    path("ops/heartbeat/", views.HeartbeatView.as_view(), name="heartbeat"),
    path("ops/heartbeat/<str:task_id>/", views.HeartbeatStatusView.as_view(), name="heartbeat-status"),
]
