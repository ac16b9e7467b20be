"""REST under /api/v1/: one module per domain in api/rest/, assembled here."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .rest import audit, complaints, forms, notifications, organizations, reports, results, wbs
from .rest import budget as budget_rest
from .views import NotFoundView

app_name = "api"

DOMAINS = (organizations, forms, complaints, wbs, audit, reports, notifications, results, budget_rest)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
for domain in DOMAINS:
    urlpatterns += [path("", include(domain.urlpatterns)), path("", include(domain.router.urls))]

# Last: any other /api/v1/ URL is a 404 problem+json, not an HTML page.
urlpatterns += [re_path(r"^[\s\S]*$", NotFoundView.as_view(), name="not-found")]  # [\s\S]: even a newline
