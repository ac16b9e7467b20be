from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("opd/<int:opd_id>/", views.dashboard, name="opd"),
    path("kontrak/<int:contract_id>/", views.contract_detail, name="contract"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="sw"),
]
