from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.graphql.views import SepakatGraphQLView
from home.api import api_router
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("api/v1/", include("api.urls")),
    path("open311/v2/", include("api.open311.urls")),
    path("api/v2/", api_router.urls),
    path("graphql/", SepakatGraphQLView.as_view(graphiql=settings.DEBUG), name="graphql"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("serap/", include("budget.urls")),  # the leaders' budget dashboard (PWA)
    path("", include("ops.urls")),  # /health/, /health/web/, /ops/heartbeat/
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
