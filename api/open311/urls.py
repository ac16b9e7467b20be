"""Open311 GeoReport v2 routes: every resource ends in ``.json`` or ``.xml``."""

from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>[a-z]+)$"

app_name = "open311"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]+)" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[-\w]+)" + FMT, views.request_detail, name="request"),
]
